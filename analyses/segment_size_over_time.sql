{#
    Segment sizes over the recorded history: members, entries and exits of
    every segment on every recorded as-of date of fct_segment_membership
    (a backfill fills it; see `make backfill`).
#}

with

memberships as (

    select * from {{ ref('fct_segment_membership') }}

),

transitions as (

    select * from {{ ref('fct_segment_transitions') }}
    where not is_history_start

),

sizes as (

    select
        as_of_date,
        segment_name,
        count(*) as members
    from memberships
    group by as_of_date, segment_name

),

moves as (

    select
        as_of_date,
        segment_name,
        count(case when transition = 'entered' then 1 end) as entered,
        count(case when transition = 'exited' then 1 end) as exited
    from transitions
    group by as_of_date, segment_name

)

select
    sizes.as_of_date,
    sizes.segment_name,
    sizes.members,
    coalesce(moves.entered, 0) as entered,
    coalesce(moves.exited, 0) as exited
from sizes
left join moves
    on
        sizes.as_of_date = moves.as_of_date
        and sizes.segment_name = moves.segment_name
order by sizes.segment_name, sizes.as_of_date
