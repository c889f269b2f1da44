{#
    Every segment's members as of the current as_of_date, as recorded in
    fct_segment_membership, with the columns every segment table carries:
    the member's email hash, country and primary platform at that date and
    entered_at, the start of the current stretch in
    fct_segment_membership_history. One row per (segment_name, user_id).
    The seg_<name> tables and the activation exports are cut from it.
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

current_members as (

    select
        memberships.segment_name,
        memberships.user_id,
        inputs.email_sha256,
        inputs.country,
        inputs.primary_platform,
        memberships.is_contactable,
        memberships.is_holdout,
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
            -- coalesce, not "or valid_to is null": an OR here turns the hash join into a nested loop
            and memberships.as_of_date < coalesce(history.valid_to, cast('9999-12-31' as date))

)

select * from current_members
