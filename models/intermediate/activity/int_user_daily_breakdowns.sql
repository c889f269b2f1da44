{#
    Per user, event date and attribution window: activity events per event
    country, and content views (page/screen views) per content category.
    The "most frequent country / content category in 90 days" metrics sum
    these. Built from the incremental int_identity_daily_breakdowns, stitched
    as of this build (macro stitch_identity_rollup).
#}

with

combinations as (

    -- per user, date, window, country and category (several identity rows
    -- of a user may share them: the breakdowns below sum them)
    {{ smart_segments.stitch_identity_rollup('int_identity_daily_breakdowns') }}

),

country_breakdown as (

    select
        user_id,
        event_date,
        stitched_from_date,
        stitched_until_date,
        'country' as dimension,
        country_code as dimension_value,
        sum(activity_events) as events
    from combinations
    where country_code is not null
    group by 1, 2, 3, 4, 5, 6

),

content_category_breakdown as (

    select
        user_id,
        event_date,
        stitched_from_date,
        stitched_until_date,
        'content_category' as dimension,
        content_category as dimension_value,
        sum(content_views) as events
    from combinations
    where content_category is not null
    group by 1, 2, 3, 4, 5, 6

),

breakdowns as (

    select * from country_breakdown
    where events > 0
    union all
    select * from content_category_breakdown
    where events > 0

)

select * from breakdowns
