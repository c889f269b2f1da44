{{
    config(
        materialized='incremental',
        partition_by=smart_segments.date_partitions('event_date'),
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ smart_segments.identity_rollup_pre_hook() }}",
    )
}}

{#
    The incremental event rollup behind every per-user metric: one row per
    event date, known date (the first as-of date whose snapshot counts the
    events: received by its cut-off, macro known_date) and identity as
    received (user_id, anonymous_id; either may be null), over clean events
    of identities not erased. Platforms are
    counted in columns; app versions per platform have a rollup of their
    own (int_identity_daily_app_versions), so this one has about half the
    rows it had when it was also keyed by platform and app version. Not yet stitched: int_user_daily_activity applies the identity
    map when it reads this, so late identifies re-stitch for free. How
    incremental runs recompute it: macro identity_rollup.

    Latest-value picks carry their order key (event time, then event_id) so
    any set of rows can be combined again exactly.
#}

{%- set cutoff = smart_segments.incremental_cutoff('last_received_at') %}

with

-- read up to three times on an incremental run: inlined, never copied
clean_events as {{ smart_segments.cte_not_materialized() }} (

    select * from {{ ref('stg_raw__events') }}

),

profile_versions as (

    select * from {{ ref('stg_raw__profile_versions') }}

),

as_of_dates as (

    select * from {{ ref('int_as_of_dates') }}

),

events as (

    {{ smart_segments.identity_rollup_events(cutoff, 'clean_events', 'profile_versions', 'as_of_dates') }}

),

flagged as (

    select
        *,
        event_name not in (
            {{ smart_segments.sql_string_list(var('segments__non_activity_events')) }}
        ) as is_activity,
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
        event_date,
        known_date,
        user_id,
        anonymous_id,
        count(*) as events,
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
        max(event_at) filter (where event_name = 'add_to_cart') as last_add_to_cart_at,
        max(event_at) filter (where event_name = 'content_download') as last_content_download_at,
        max(event_at) filter (where event_name = 'demo_requested') as last_demo_request_at,
        max(received_at) as last_received_at
    from flagged
    group by 1, 2, 3, 4

)

select * from daily
