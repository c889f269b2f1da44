{{
    config(
        pre_hook="{{ smart_segments.assert_quarantine_shares('events', ref('stg_raw__events_triaged')) }}",
    )
}}

{#
    Clean events: one row per event_id, canonical name, typed, properties
    parsed, money in USD, event time imputed from received_at when the
    device sent none, and the first as-of date that knows the event
    (known_date: received by that date's cut-off, macro known_date).
#}

with

triaged_events as (

    select * from {{ ref('stg_raw__events_triaged') }}

),

clean_events as (

    select
        event_id,
        user_id,
        anonymous_id,
        event_name,
        platform,
        raw_platform,
        os_version,
        device_model,
        app_version,
        country,
        city,
        content_category,
        search_query,
        product_id,
        product_category,
        order_id,
        coupon_code,
        currency_code,
        plan,
        from_plan,
        to_plan,
        cancellation_reason,
        content_id,
        campaign_id,
        message_channel,
        message_id,
        quantity,
        revenue,
        revenue_usd,
        price,
        price_usd,
        survey_id,
        nps_score,
        is_event_ts_imputed,
        is_country_unknown,
        is_platform_unknown,
        is_plan_unknown,
        is_message_channel_unknown,
        is_currency_unknown,
        event_date,
        event_at,
        received_at,
        {{ smart_segments.known_date('received_at', 'event_date') }} as known_date
    from triaged_events
    where row_status = 'clean'

)

select * from clean_events
