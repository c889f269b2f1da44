{#
    Per user and date D the feature store computes in this run
    (int_feature_dates), from the last 90 days (D - 90, D]: the most
    frequent event country (activity events) and the most viewed content
    category (page/screen views), ties going to the alphabetically first
    value; and the views of fitness content. One row per (as_of_date,
    user_id) with any such event.
#}

with

daily_breakdowns as (

    select * from {{ ref('int_user_daily_breakdowns') }}

),

as_of_dates as (

    select * from {{ ref('int_feature_dates') }}

),

totals_90d as (

    select
        as_of_dates.as_of_date,
        daily_breakdowns.user_id,
        daily_breakdowns.dimension,
        daily_breakdowns.dimension_value,
        sum(daily_breakdowns.events) as events
    from daily_breakdowns
    inner join as_of_dates
        on
            {{ smart_segments.in_last_days('daily_breakdowns.event_date', 'as_of_dates.as_of_date', 90) }}
            and {{ smart_segments.is_attributed_as_of('daily_breakdowns', 'as_of_dates.as_of_date') }}
    group by 1, 2, 3, 4

),

ranked as (

    select
        *,
        row_number() over (
            partition by as_of_date, user_id, dimension
            order by events desc, dimension_value asc
        ) as value_rank
    from totals_90d

),

per_user as (

    select
        as_of_date,
        user_id,
        max(case when dimension = 'country' and value_rank = 1 then dimension_value end)
            as top_event_country_90d,
        max(case when dimension = 'content_category' and value_rank = 1 then dimension_value end)
            as top_content_category_90d,
        coalesce(sum(case when dimension = 'content_category' and dimension_value = 'fitness' then events end), 0)
            as fitness_content_views_90d
    from ranked
    group by 1, 2

)

select * from per_user
