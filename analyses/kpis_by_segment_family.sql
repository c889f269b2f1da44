{#
    KPIs by segmentation family at the latest as-of date of
    segment_performance: cohort-weighted conversion, retention and revenue
    per member of each family's segments, and how many of its segments
    convert significantly differently from the rest of the base (q < 0.05).
#}

with

performance as (

    select * from {{ ref('segment_performance') }}

),

segments as (

    select * from {{ ref('dim_segments') }}

),

latest as (

    select max(as_of_date) as as_of_date from performance

)

select
    segments.family,
    count(*) as segments,
    sum(performance.cohort_members) as cohort_members,
    cast(sum(performance.cohort_converters) as double) / nullif(sum(performance.cohort_members), 0)
        as conversion_rate,
    cast(sum(performance.cohort_retained) as double) / nullif(sum(performance.cohort_members), 0)
        as retention_rate,
    cast(sum(performance.cohort_revenue_usd) as double) / nullif(sum(performance.cohort_members), 0)
        as revenue_per_member_usd,
    count(case when performance.conversion_q_value < 0.05 then 1 end) as significant_segments
from performance
inner join latest
    on performance.as_of_date = latest.as_of_date
inner join segments
    on performance.segment_name = segments.segment_name
group by 1
order by 1
