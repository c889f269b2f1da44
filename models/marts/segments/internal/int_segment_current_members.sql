{#
    Every segment's members as of the current as_of_date, as recorded in
    fct_segment_membership, with the columns every segment table carries:
    the member's email hash, country and primary platform at that date,
    whether they are in the global control group, whether a campaign may
    reach them (is_activatable: contactable, outside the segment's holdout
    and the global control group - exactly the activation export's rows)
    and entered_at, the start of the current stretch in
    fct_segment_membership_history; and the definition_hash the membership
    was evaluated under (a seg_<name> table refuses to be built from
    membership of another definition). One row per (segment_name, user_id).
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
        memberships.definition_hash,
        memberships.user_id,
        inputs.email_sha256,
        inputs.country,
        inputs.primary_platform,
        memberships.is_contactable,
        memberships.is_holdout,
        {{ smart_segments.is_global_control('memberships.user_id') }} as is_global_control,
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

),

activatable as (

    select
        *,
        is_contactable and not is_holdout and not is_global_control as is_activatable
    from current_members

)

select * from activatable
