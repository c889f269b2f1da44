{#
    The per-user daily rollup that every windowed metric is computed from:
    one row per user, event date and attribution window (null window for
    events that carried the user_id; the stitching window for anonymous
    events, see int_identity_map). Each as-of date sums the rows dated on or
    before it whose window covers it. Incremental builds will extend this.

    "Activity" is is_activity of int_events_attributed (every event but
    segments__non_activity_events: sends and deliveries are the system's). Latest-value picks order events by
    time, then event_id.
#}

with

events as (

    select * from {{ ref('int_events_attributed') }}

),

flagged as (

    select
        *,
        {{ smart_segments.event_order_key('event_at', 'event_id') }} as event_order_key,
        case
            when event_name = 'subscription_started' then plan
            when event_name = 'subscription_upgraded' then to_plan
            when event_name = 'subscription_cancelled' then 'free'
        end as plan_after_event
    from events

),

daily as (

    select
        user_id,
        event_date,
        stitched_from_date,
        stitched_until_date,
        count(*) filter (where is_activity) as activity_events,
        count(*) filter (where is_activity and platform = 'ios') as ios_activity_events,
        count(*) filter (where is_activity and platform = 'android') as android_activity_events,
        count(*) filter (where is_activity and platform = 'web') as web_activity_events,
        count(*) filter (where event_name = 'app_open') as app_opens,
        count(*) filter (where event_name in ('page_view', 'screen_view')) as content_views,
        count(*) filter (where event_name = 'content_download') as content_downloads,
        count(*) filter (where event_name = 'demo_requested') as demo_requests,
        count(*) filter (where event_name = 'add_to_cart') as add_to_carts,
        count(*) filter (where event_name = 'order_completed') as orders,
        count(*) filter (where event_name = 'order_completed' and coupon_code is not null) as coupon_orders,
        coalesce(sum(revenue_usd) filter (where event_name = 'order_completed'), 0) as revenue_usd,
        count(*) filter (where event_name in ('subscription_started', 'subscription_upgraded'))
            as paid_subscription_events,
        count(*) filter (where event_name = 'subscription_started') as subscriptions_started,
        count(*) filter (where event_name = 'subscription_upgraded') as subscriptions_upgraded,
        {{ smart_segments.max_by('plan_after_event', 'event_order_key') }}
        filter (where plan_after_event is not null) as plan_after_last_subscription_event,
        max(event_order_key) filter (where plan_after_event is not null) as last_subscription_event_key,
        {{ smart_segments.max_by('os_version', 'event_order_key') }}
        filter (where is_activity and os_version is not null) as last_os_version,
        max(event_order_key) filter (where is_activity and os_version is not null) as last_os_version_key,
        {{ smart_segments.max_by('app_version', 'event_order_key') }}
        filter (where is_activity and app_version is not null) as last_app_version,
        max(event_order_key) filter (where is_activity and app_version is not null) as last_app_version_key,
        {{ smart_segments.max_by('device_model', 'event_order_key') }}
        filter (where is_activity and device_model is not null) as last_device_model,
        max(event_order_key) filter (where is_activity and device_model is not null) as last_device_model_key,
        min(event_at) filter (where is_activity) as first_activity_at,
        max(event_at) filter (where is_activity) as last_activity_at,
        min(event_at) filter (where event_name = 'order_completed') as first_order_at,
        max(event_at) filter (where event_name = 'order_completed') as last_order_at,
        max(event_at) filter (where event_name = 'add_to_cart') as last_add_to_cart_at
    from flagged
    group by 1, 2, 3, 4

)

select * from daily
