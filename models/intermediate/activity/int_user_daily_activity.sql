{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ smart_segments.stitched_rollup_pre_hook('int_identity_daily_activity') }}",
        post_hook="{{ smart_segments.record_stitching('int_identity_daily_activity') }}",
    )
}}

{#
    The per-user daily rollup that every windowed metric is computed from:
    one row per user, event date and attribution window (null window for
    events that carried the user_id; the stitching window for anonymous
    events, see int_identity_map). Each as-of date sums the rows dated on or
    before it whose window covers it.

    Built from the incremental int_identity_daily_activity, stitched as of
    this build (macro stitch_identity_rollup), so a late identify moves
    earlier anonymous events to the user. Incremental: a run rebuilds only
    the users whose rows can have changed (new rows, devices stitched
    differently, erasures; macro stitched_users_to_rebuild) and keeps the
    rest. "Activity" is
    every event but segments__non_activity_events (sends and deliveries are
    the system's). Latest-value picks order events by time, then event_id.
#}

-- depends_on: {{ ref('stg_raw__profile_versions') }} (erased users, in the pre-hook)
{%- set users_to_rebuild = smart_segments.stitched_users_to_rebuild('int_identity_daily_activity') %}

with

identity_rollup as {{ smart_segments.cte_not_materialized() }} (

    -- large: inlined into the stitching, never copied
    select * from {{ ref('int_identity_daily_activity') }}

),

identity_map as (

    select * from {{ ref('int_identity_map') }}

),

as_of_dates as (

    select * from {{ ref('int_as_of_dates') }}

),

identity_rows as (

    {{ smart_segments.stitch_identity_rollup('identity_rollup', 'identity_map', 'as_of_dates', users_to_rebuild) }}

),

daily as (

    select
        user_id,
        event_date,
        known_date,
        stitched_from_date,
        stitched_until_date,
        cast(sum(activity_events) as bigint) as activity_events,
        cast(sum(ios_activity_events) as bigint) as ios_activity_events,
        cast(sum(android_activity_events) as bigint) as android_activity_events,
        cast(sum(web_activity_events) as bigint) as web_activity_events,
        cast(sum(app_opens) as bigint) as app_opens,
        cast(sum(content_views) as bigint) as content_views,
        cast(sum(content_downloads) as bigint) as content_downloads,
        cast(sum(demo_requests) as bigint) as demo_requests,
        cast(sum(add_to_carts) as bigint) as add_to_carts,
        cast(sum(orders) as bigint) as orders,
        cast(sum(coupon_orders) as bigint) as coupon_orders,
        sum(revenue_usd) as revenue_usd,
        cast(sum(subscriptions_started + subscriptions_upgraded) as bigint) as paid_subscription_events,
        cast(sum(subscriptions_started) as bigint) as subscriptions_started,
        cast(sum(subscriptions_upgraded) as bigint) as subscriptions_upgraded,
        {{ smart_segments.max_by('plan_after_last_subscription_event', 'last_subscription_event_key') }}
            as plan_after_last_subscription_event,
        max(last_subscription_event_key) as last_subscription_event_key,
        {{ smart_segments.max_by('last_os_version', 'last_os_version_key') }} as last_os_version,
        max(last_os_version_key) as last_os_version_key,
        {{ smart_segments.max_by('last_app_version', 'last_app_version_key') }} as last_app_version,
        max(last_app_version_key) as last_app_version_key,
        {{ smart_segments.max_by('last_device_model', 'last_device_model_key') }} as last_device_model,
        max(last_device_model_key) as last_device_model_key,
        min(first_activity_at) as first_activity_at,
        max(last_activity_at) as last_activity_at,
        min(first_order_at) as first_order_at,
        max(last_order_at) as last_order_at,
        max(last_add_to_cart_at) as last_add_to_cart_at,
        max(last_content_download_at) as last_content_download_at,
        max(last_demo_request_at) as last_demo_request_at
    from identity_rows
    group by 1, 2, 3, 4, 5

)

select * from daily
