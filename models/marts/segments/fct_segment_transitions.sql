{#
    Who entered and who left each segment on each recorded as-of date,
    from the membership history: an entry where a stretch starts, an exit
    where it ends. Entries on the first recorded date are where the
    history starts, not moves, and are flagged is_history_start. One row
    per (segment_name, user_id, as_of_date, transition).
#}

with

history as (

    select * from {{ ref('fct_segment_membership_history') }}

),

first_recorded_date as (

    select min(valid_from) as as_of_date from history

),

entries as (

    select
        history.segment_name,
        history.user_id,
        'entered' as transition,
        history.definition_hash,
        history.valid_from = first_recorded_date.as_of_date as is_history_start,
        history.valid_from as as_of_date
    from history
    cross join first_recorded_date

),

exits as (

    select
        segment_name,
        user_id,
        'exited' as transition,
        definition_hash,
        false as is_history_start,
        valid_to as as_of_date
    from history
    where valid_to is not null

),

transitions as (

    select * from entries
    union all
    select * from exits

)

select * from transitions
