{{ config(severity='warn') }}

{#
    Guardrail: segment_performance has no row for the build's as_of_date D
    because the membership log holds no members at its cohort date
    D0 = D - segments__performance_window_days (performance reads who was
    served then, never a recomputation). Expected on a warehouse run
    nightly for fewer nights than the window; a build that records the
    window's length of history (segments__history_days) measures at once.
#}

{%- set window = var('segments__performance_window_days') %}

with

as_of_dates as (

    select * from {{ ref('int_as_of_dates') }}

),

performance as (

    select * from {{ ref('segment_performance') }}

),

current_dates as (

    select
        as_of_date,
        {{ smart_segments.days_before('as_of_date', window) }} as cohort_as_of_date
    from as_of_dates
    where is_current

)

select
    current_dates.as_of_date,
    current_dates.cohort_as_of_date,
    'no segment performance as of this date: the membership log holds no members at its cohort date '
    || 'yet (run nightly for {{ window }} days, or build once with segments__history_days >= {{ window }})'
        as reason
from current_dates
where not exists (
    select 1
    from performance
    where performance.as_of_date = current_dates.as_of_date
)
