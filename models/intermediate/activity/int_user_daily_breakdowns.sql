{#
    Per user, event date and attribution window: activity events per event
    country, and content views (page/screen views) per content category.
    The "most frequent country / content category in 90 days" metrics sum
    these. One scan of the events: it is grouped once by both columns, then
    each breakdown sums that small result.
#}

with

events as (

    select * from {{ ref('int_events_attributed') }}

),

combinations as (

    select
        user_id,
        event_date,
        stitched_from_date,
        stitched_until_date,
        country_code,
        content_category,
        count(*) filter (where is_activity) as activity_events,
        count(*) filter (where event_name in ('page_view', 'screen_view')) as content_views
    from events
    where country_code is not null or content_category is not null
    group by 1, 2, 3, 4, 5, 6

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
