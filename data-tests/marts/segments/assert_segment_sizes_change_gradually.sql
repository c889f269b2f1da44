{{ config(severity='warn') }}

{#
    Guardrail: a segment whose size at the build's as_of_date differs by
    more than segments__max_segment_size_change (default 50%) from its size
    at the recorded date before it. Usually a data problem (a missing load,
    a broken source) or a rule change; check definition_hash. Only the
    current date is checked: a step further back in the log was checked
    when its date was current (or is history a backfill recorded), and
    would otherwise warn on every later build.
#}

with

memberships as (

    select * from {{ ref('fct_segment_membership') }}

),

segments as (

    select * from {{ ref('dim_segments') }}

),

recorded_dates as (

    select * from {{ ref('int_segment_recorded_dates') }}

),

as_of_dates as (

    select * from {{ ref('int_as_of_dates') }}

),

sizes as (

    select
        recorded_dates.as_of_date,
        recorded_dates.previous_as_of_date,
        segments.segment_name,
        count(memberships.user_id) as members
    from recorded_dates
    cross join segments
    left join memberships
        on
            recorded_dates.as_of_date = memberships.as_of_date
            and segments.segment_name = memberships.segment_name
    group by 1, 2, 3

),

changes as (

    select
        current_sizes.segment_name,
        current_sizes.previous_as_of_date,
        current_sizes.as_of_date,
        previous_sizes.members as previous_members,
        current_sizes.members,
        abs(current_sizes.members - previous_sizes.members) * 1.0 / previous_sizes.members as size_change
    from sizes as current_sizes
    inner join sizes as previous_sizes
        on
            current_sizes.previous_as_of_date = previous_sizes.as_of_date
            and current_sizes.segment_name = previous_sizes.segment_name
    where
        previous_sizes.members > 0
        and current_sizes.as_of_date = ({{ smart_segments.current_as_of_date('as_of_dates') }})

)

select * from changes
where size_change > {{ var('segments__max_segment_size_change') }}
