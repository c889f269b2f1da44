{#
    The as-of dates recorded in the membership log, numbered in order with
    the recorded date before each: what "consecutive recorded dates" means
    for the history, the RFM matrix and the size guardrail. One row per
    date.
#}

with

memberships as (

    select * from {{ ref('fct_segment_membership') }}

),

distinct_dates as (

    select distinct as_of_date from memberships

)

select
    as_of_date,
    row_number() over (order by as_of_date) as date_number,
    lag(as_of_date) over (order by as_of_date) as previous_as_of_date
from distinct_dates
