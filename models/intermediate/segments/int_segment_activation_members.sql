{#
    What a CRM or campaign tool may act on: for every segment, its members
    as of the current as_of_date who are contactable (marketing consent,
    not erased) and not in the segment's holdout, with the email hash to
    match on and the date their current membership began. One row per
    (segment_name, user_id).
#}

with

memberships as (

    select * from {{ ref('fct_segment_membership') }}

),

history as (

    select * from {{ ref('fct_segment_membership_history') }}

),

inputs as (

    select * from {{ ref('int_segment_inputs_as_of') }}

),

current_as_of_date as (

    select * from {{ ref('int_as_of_dates') }}
    where is_current

),

activation_members as (

    select
        memberships.segment_name,
        memberships.user_id,
        inputs.email_sha256,
        memberships.as_of_date,
        history.valid_from as entered_at
    from memberships
    inner join current_as_of_date
        on memberships.as_of_date = current_as_of_date.as_of_date
    inner join inputs
        on
            memberships.as_of_date = inputs.as_of_date
            and memberships.user_id = inputs.user_id
    left join history
        on
            memberships.segment_name = history.segment_name
            and memberships.user_id = history.user_id
            and memberships.as_of_date >= history.valid_from
            and (memberships.as_of_date < history.valid_to or history.valid_to is null)
    where memberships.is_contactable and not memberships.is_holdout

)

select * from activation_members
