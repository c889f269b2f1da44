{#
    Activity, commerce, plan-event and technographic metrics per user as of
    each as-of date D, summed from the daily rollup over the rows dated on
    or before D that are attributed to the user as of D. "In the last N
    days" is (D - N, D]. One row per (as_of_date, user_id) with any
    attributed event on or before D.

    Active days are counted without count(distinct): a user has one daily
    row per date and attribution window, so rows are counted and the extra
    rows of the few (user, date) pairs that have several (identified and
    stitched anonymous activity on the same day) are subtracted.

    The as-of dates are aggregated in separate passes (one per date, up to
    segments__as_of_aggregation_passes; a backfill's dates are shared out
    among the passes), glued with union all. One aggregation over every
    (as_of_date, user) at once fans out each daily row to every date and,
    at 100M events, spilled more than 30 GB under a 2 GB memory cap without
    finishing; one pass per date runs in a fraction of the memory.
#}

{%- set days_before = smart_segments.as_of_dates().days_before -%}
{%- set passes = [days_before | length, var('segments__as_of_aggregation_passes')] | min %}

{% for pass_days_before in days_before | slice(passes) -%}
    {%- if not loop.first %}

        union all

    {% endif -%}
    select * from (

        with

        daily_activity as (

            select * from {{ ref('int_user_daily_activity') }}

        ),

        as_of_dates as (

            select * from {{ ref('int_as_of_dates') }}
            where days_before_current in ({{ pass_days_before | join(', ') }})

        ),

        activity_as_of as (

            select
                as_of_dates.as_of_date,
                daily_activity.*,
                {{ smart_segments.in_last_days('daily_activity.event_date', 'as_of_dates.as_of_date', 7) }} as is_in_7d,
                {{ smart_segments.in_last_days('daily_activity.event_date', 'as_of_dates.as_of_date', 30) }}
                    as is_in_30d,
                {{ smart_segments.in_last_days('daily_activity.event_date', 'as_of_dates.as_of_date', 90) }}
                    as is_in_90d,
                {{ smart_segments.in_last_days('daily_activity.event_date', 'as_of_dates.as_of_date', 365) }}
                    as is_in_365d
            from daily_activity
            inner join as_of_dates
                on
                    daily_activity.event_date <= as_of_dates.as_of_date
                    and {{ smart_segments.is_attributed_as_of('daily_activity', 'as_of_dates.as_of_date') }}

        ),

        summed as (

            select
                as_of_date,
                user_id,
                min(first_activity_at) as first_seen_at,
                max(last_activity_at) as last_seen_at,
                count(*) filter (where activity_events > 0 and is_in_7d) as active_day_rows_7d,
                count(*) filter (where activity_events > 0 and is_in_30d) as active_day_rows_30d,
                count(*) filter (where activity_events > 0 and is_in_90d) as active_day_rows_90d,
                count(*) filter (where web_activity_events > 0 and is_in_30d) as web_day_rows_30d,
                sum(case when is_in_30d then app_opens else 0 end) as app_opens_30d,
                sum(orders) as orders_lifetime,
                sum(case when is_in_365d then orders else 0 end) as orders_365d,
                sum(case when is_in_90d then orders else 0 end) as orders_90d,
                sum(case when is_in_30d then orders else 0 end) as orders_30d,
                sum(case when is_in_365d then coupon_orders else 0 end) as coupon_orders_365d,
                sum(revenue_usd) as revenue_lifetime_usd,
                sum(case when is_in_365d then revenue_usd else 0 end) as revenue_365d_usd,
                sum(case when is_in_30d then revenue_usd else 0 end) as revenue_30d_usd,
                min(first_order_at) as first_order_at,
                max(last_order_at) as last_order_at,
                max(last_add_to_cart_at) as last_add_to_cart_at,
                max(last_content_download_at) as last_content_download_at,
                max(last_demo_request_at) as last_demo_request_at,
                sum(content_downloads) as content_downloads_lifetime,
                sum(demo_requests) as demo_requests_lifetime,
                sum(paid_subscription_events) as paid_subscription_events,
                {{ smart_segments.max_by('plan_after_last_subscription_event', 'last_subscription_event_key') }}
                    as plan_from_subscription_events,
                sum(case when is_in_90d then ios_activity_events else 0 end) as ios_activity_events_90d,
                sum(case when is_in_90d then android_activity_events else 0 end) as android_activity_events_90d,
                sum(case when is_in_90d then web_activity_events else 0 end) as web_activity_events_90d,
                {{ smart_segments.max_by('last_os_version', 'case when is_in_90d then last_os_version_key end') }}
                    as os_version,
                {{ smart_segments.max_by('last_app_version', 'case when is_in_90d then last_app_version_key end') }}
                    as app_version,
                {{ smart_segments.max_by('last_device_model', 'case when is_in_90d then last_device_model_key end') }}
                    as device_model
            from activity_as_of
            group by 1, 2

        ),

        shared_days as (

            -- (user, date) pairs with more than one daily row: the only ones a row
            -- count can count twice
            select
                user_id,
                event_date
            from {{ ref('int_user_daily_activity') }}
            group by 1, 2
            having count(*) > 1

        ),

        shared_day_rows_as_of as (

            select
                as_of_dates.as_of_date,
                daily_activity.user_id,
                daily_activity.event_date,
                count(*) filter (
                    where daily_activity.activity_events > 0
                    and {{ smart_segments.in_last_days('daily_activity.event_date', 'as_of_dates.as_of_date', 7) }}
                ) as active_rows_7d,
                count(*) filter (
                    where daily_activity.activity_events > 0
                    and {{ smart_segments.in_last_days('daily_activity.event_date', 'as_of_dates.as_of_date', 30) }}
                ) as active_rows_30d,
                count(*) filter (
                    where daily_activity.activity_events > 0
                    and {{ smart_segments.in_last_days('daily_activity.event_date', 'as_of_dates.as_of_date', 90) }}
                ) as active_rows_90d,
                count(*) filter (
                    where daily_activity.web_activity_events > 0
                    and {{ smart_segments.in_last_days('daily_activity.event_date', 'as_of_dates.as_of_date', 30) }}
                ) as web_rows_30d
            from {{ ref('int_user_daily_activity') }} as daily_activity
            inner join shared_days
                on
                    daily_activity.user_id = shared_days.user_id
                    and daily_activity.event_date = shared_days.event_date
            inner join as_of_dates
                on
                    daily_activity.event_date <= as_of_dates.as_of_date
                    and {{ smart_segments.is_attributed_as_of('daily_activity', 'as_of_dates.as_of_date') }}
            group by 1, 2, 3

        ),

        double_counted as (

            -- per as-of date and user: the rows beyond the first of each shared day
            select
                as_of_date,
                user_id,
                sum(greatest(active_rows_7d - 1, 0)) as extra_active_rows_7d,
                sum(greatest(active_rows_30d - 1, 0)) as extra_active_rows_30d,
                sum(greatest(active_rows_90d - 1, 0)) as extra_active_rows_90d,
                sum(greatest(web_rows_30d - 1, 0)) as extra_web_rows_30d
            from shared_day_rows_as_of
            group by 1, 2

        ),

        counted as (

            select
                -- the row counts below are summed's columns (exclude takes bare names)
                summed.* exclude (
                    active_day_rows_7d, active_day_rows_30d, active_day_rows_90d,  -- noqa: RF02
                    web_day_rows_30d, app_opens_30d  -- noqa: RF02
                ),
                summed.active_day_rows_7d - coalesce(double_counted.extra_active_rows_7d, 0) as active_days_7d,
                summed.active_day_rows_30d - coalesce(double_counted.extra_active_rows_30d, 0) as active_days_30d,
                summed.active_day_rows_90d - coalesce(double_counted.extra_active_rows_90d, 0) as active_days_90d,
                summed.app_opens_30d
                + summed.web_day_rows_30d - coalesce(double_counted.extra_web_rows_30d, 0) as sessions_30d
            from summed
            left join double_counted
                on
                    summed.as_of_date = double_counted.as_of_date
                    and summed.user_id = double_counted.user_id

        ),

        metrics as (

            select
                *,
                -- most activity events in 90 days; ties go to the alphabetically first platform
                case
                    when greatest(android_activity_events_90d, ios_activity_events_90d, web_activity_events_90d) = 0
                        then null
                    when
                        android_activity_events_90d >= ios_activity_events_90d
                        and android_activity_events_90d >= web_activity_events_90d then 'android'
                    when ios_activity_events_90d >= web_activity_events_90d then 'ios'
                    else 'web'
                end as primary_platform,
                cast(revenue_365d_usd / nullif(orders_365d, 0) as decimal(18, 4)) as avg_order_value_usd,
                cast(coupon_orders_365d as double) / nullif(orders_365d, 0) as coupon_order_share_365d,
                {{ smart_segments.days_between('cast(last_seen_at as date)', 'as_of_date') }} as days_since_last_seen,
                {{ smart_segments.days_between('cast(last_order_at as date)', 'as_of_date') }} as days_since_last_order
            from counted

        )

        select * from metrics

    )
{%- endfor %}
