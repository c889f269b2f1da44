{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ smart_segments.events_triage_pre_hook() }}",
    )
}}

{#
    Every raw event row, typed and parsed, with its fate:
      clean        -> stg_raw__events
      duplicate    -> stg_raw__duplicate_events (an event_id already received)
      quarantined  -> stg_raw__quarantined_events, with quarantine_reason

    Deduplication runs first: of the copies of an event_id the one received
    first is kept (ties: file name, then row number in the file), so a retry
    of a bad event is a duplicate and the kept copy carries the reason.
    Reasons, first match wins: missing_event_id, missing_identity,
    unknown_event_name, malformed_properties, invalid_received_at,
    implausible_event_ts, invalid_revenue, invalid_price.

    No producer value can fail the query: timestamps are bounded before
    anything touches them (safe_timestamp), amounts are parsed as doubles
    and checked (finite, not negative, at most
    segments__max_amount_usd in USD) before they become decimals, ids are
    trimmed of blanks and control characters (trimmed_text), and values
    outside a field's vocabulary (platform, plan, channel, currency) are
    kept as null with the raw text and an is_<field>_unknown flag.

    Incremental: a run reads the raw rows received since the cut-off (the
    latest received_at already triaged minus segments__incremental_lookback_days,
    see incremental_cutoff), after the pre-hook deleted the triaged rows
    received since then, so rows delivered late by up to the lookback are
    caught and a run repeated changes nothing. A re-sent event_id is ranked
    after the copies triaged earlier (they were received earlier), so the
    result equals a full build row for row. Rows delivered later than the
    lookback would break the source's row reconciliation test: raise the
    lookback or run with --full-refresh. After changing the seeds triage
    reads (taxonomy, countries, FX rates), run with --full-refresh.
#}

{%- set cutoff = smart_segments.incremental_cutoff('received_at') %}
{%- set plausible_received_at = smart_segments.plausible_received_at('received_at') %}

with

raw_events as {{ smart_segments.cte_not_materialized() }} (

    select * from {{ ref('base_raw__events') }}
    where {{ smart_segments.received_since_cutoff(cutoff, plausible_received_at) }}

),

event_name_taxonomy as (

    select * from {{ ref('event_name_taxonomy') }}

),

country_keys as (

    select * from {{ ref('stg_reference__country_keys') }}

),

fx_rates as (

    select * from {{ ref('fx_rates_to_usd') }}

),

typed as {{ smart_segments.cte_not_materialized() }} (

    -- inlined into each reader (those that count copies read a few narrow
    -- columns); materialized, its wide rows spilled gigabytes at 10M events

    select
        {{ smart_segments.trimmed_text('event_id') }} as event_id,
        {{ smart_segments.trimmed_text('user_id') }} as user_id,
        {{ smart_segments.trimmed_text('anonymous_id') }} as anonymous_id,
        event_name as raw_event_name,
        {{ smart_segments.normalize_label('event_name') }} as event_name_key,
        platform as raw_platform,
        nullif(lower(trim(platform)), '') as platform_label,
        nullif(trim(os_version), '') as os_version,
        nullif(trim(device_model), '') as device_model,
        nullif(trim(app_version), '') as app_version,
        country as raw_country,
        nullif(trim(city), '') as city,
        properties as raw_properties,
        case
            when properties is null or trim(properties) = '' then '{}'
            when {{ smart_segments.is_json_object('properties') }} then properties
        end as properties_json,
        source_file,
        source_row_number,
        event_ts is not null as has_event_ts,
        {{ smart_segments.safe_timestamp('event_ts') }} as device_event_at,
        {{ plausible_received_at }} as received_at
    from raw_events

),

earlier_copies as (

    -- copies of this run's event_ids triaged by earlier runs (received
    -- before the cut-off, so before every copy read now); none on a full build
    -- noqa: disable=LT02
    {%- if cutoff is not none %}
    select
        event_id,
        count(*) as earlier_copies
    from {{ this }}
    where
        received_at < {{ cutoff }}
        and event_id in (select typed.event_id from typed)
    group by event_id
    {%- else %}
    select
        cast(null as string) as event_id,
        cast(0 as bigint) as earlier_copies
    where false
    {%- endif %}
    -- noqa: enable=LT02

),

repeated_event_ids as (

    -- event_ids with more than one copy in this run
    select event_id
    from typed
    where event_id is not null
    group by event_id
    having count(*) > 1

),

repeated_copies as (

    -- their copies ranked, on narrow rows (duplicates are few; a window over
    -- every wide row would carry all of them through its sort)
    select
        source_file,
        source_row_number,
        row_number() over (
            partition by event_id
            order by received_at, source_file, source_row_number
        ) as copy_rank
    from typed
    where event_id in (select repeated_event_ids.event_id from repeated_event_ids)

),

ranked as (

    select
        typed.*,
        -- null for rows without an event_id: there is nothing to count
        case
            when typed.event_id is not null
                then coalesce(repeated_copies.copy_rank, 1) + coalesce(earlier_copies.earlier_copies, 0)
        end as copy_number
    from typed
    left join repeated_copies
        on
            typed.source_file = repeated_copies.source_file
            and typed.source_row_number = repeated_copies.source_row_number
    left join earlier_copies
        on typed.event_id = earlier_copies.event_id

),

properties_parsed as (

    select
        *,
        {{ smart_segments.json_text_fields('properties_json', [
            'content_category', 'query', 'product_id', 'category', 'quantity', 'order_id',
            'coupon_code', 'plan', 'from_plan', 'to_plan', 'reason', 'content_id',
            'campaign_id', 'channel', 'message_id', 'currency', 'revenue', 'price',
            'survey_id', 'nps_score',
        ]) }} as property
    from ranked

),

parsed as (

    -- noqa: disable=RF01, RF02
    -- (property.<key> reads a struct field, which sqlfluff takes for a table)
    select
        {{ smart_segments.star_except(['property'], 'properties_parsed') }},
        event_name_taxonomy.event_name,
        country_keys.country,
        lower(properties_parsed.property.content_category) as content_category,
        properties_parsed.property.query as search_query,
        {{ smart_segments.trimmed_text('properties_parsed.property.product_id') }} as product_id,
        lower(properties_parsed.property.category) as product_category,
        try_cast(properties_parsed.property.quantity as integer) as quantity,
        {{ smart_segments.trimmed_text('properties_parsed.property.order_id') }} as order_id,
        properties_parsed.property.coupon_code,
        lower(trim(properties_parsed.property.plan)) as plan_label,
        lower(trim(properties_parsed.property.from_plan)) as from_plan_label,
        lower(trim(properties_parsed.property.to_plan)) as to_plan_label,
        properties_parsed.property.reason as cancellation_reason,
        {{ smart_segments.trimmed_text('properties_parsed.property.content_id') }} as content_id,
        {{ smart_segments.trimmed_text('properties_parsed.property.campaign_id') }} as campaign_id,
        lower(trim(properties_parsed.property.channel)) as message_channel_label,
        {{ smart_segments.trimmed_text('properties_parsed.property.message_id') }} as message_id,
        upper(trim(properties_parsed.property.currency)) as currency_code,
        nullif(trim(properties_parsed.property.revenue), '') as revenue_text,
        nullif(trim(properties_parsed.property.price), '') as price_text,
        try_cast(properties_parsed.property.revenue as double) as revenue_number,
        try_cast(properties_parsed.property.price as double) as price_number,
        {{ smart_segments.trimmed_text('properties_parsed.property.survey_id') }} as survey_id,
        try_cast(properties_parsed.property.nps_score as double) as nps_number,
        coalesce(properties_parsed.device_event_at, properties_parsed.received_at) as event_at
    from properties_parsed
    left join event_name_taxonomy
        on properties_parsed.event_name_key = event_name_taxonomy.event_name_variant
    left join country_keys
        on lower(trim(properties_parsed.raw_country)) = country_keys.country_key
-- noqa: enable=RF01, RF02

),

converted as (

    -- amounts are checked as doubles first; only bounded finite values
    -- become decimals, and the USD product is exact in a wide decimal
    select
        parsed.*,
        fx_rates.usd_per_unit,
        {{ smart_segments.known_label('parsed.platform_label', 'platform') }} as platform,
        {{ smart_segments.known_label('parsed.plan_label', 'plan') }} as plan,
        {{ smart_segments.known_label('parsed.from_plan_label', 'plan') }} as from_plan,
        {{ smart_segments.known_label('parsed.to_plan_label', 'plan') }} as to_plan,
        {{ smart_segments.known_label('parsed.message_channel_label', 'channel') }} as message_channel,
        case
            when {{ smart_segments.is_finite("parsed.revenue_number") }} and abs(parsed.revenue_number) < 1e13
                then try_cast(parsed.revenue_text as decimal(18, 4))
        end as revenue,
        case
            when {{ smart_segments.is_finite("parsed.price_number") }} and abs(parsed.price_number) < 1e13
                then try_cast(parsed.price_text as decimal(18, 4))
        end as price,
        parsed.revenue_number * fx_rates.usd_per_unit as revenue_usd_number,
        parsed.price_number * coalesce(fx_rates.usd_per_unit, 1) as price_usd_number
    from parsed
    left join fx_rates
        on parsed.currency_code = fx_rates.currency_code

),

checked as (

    select
        *,
        case
            when abs(revenue_usd_number) < 1e13
                then cast(round(cast(revenue as decimal(38, 4)) * usd_per_unit, 4) as decimal(18, 4))
        end as revenue_usd,
        case
            when abs(price_usd_number) < 1e13 and usd_per_unit is not null
                then cast(round(cast(price as decimal(38, 4)) * usd_per_unit, 4) as decimal(18, 4))
        end as price_usd,
        -- the event time, imputed from received_at when event_ts is missing,
        -- must not be older than the plausible date either
        (has_event_ts and (
            device_event_at is null
            or device_event_at > received_at + interval '{{ var("segments__max_clock_skew_hours") }} hours'
        ))
        or event_at < cast('{{ smart_segments.min_plausible_event_date() }}' as timestamp)
            as is_event_ts_implausible,
        event_name = 'order_completed' and not coalesce(
            revenue_number >= 0
            and revenue_usd_number <= {{ smart_segments.max_amount_usd() }}, false
        ) as is_revenue_invalid,
        price_text is not null and not coalesce(
            price_number >= 0
            and price_usd_number <= {{ smart_segments.max_amount_usd() }}, false
        ) as is_price_invalid,
        -- contract v1.1: a whole number of 0 to 10
        event_name = 'survey_answered' and not coalesce(
            nps_number between 0 and 10 and nps_number = floor(nps_number), false
        ) as is_survey_answer_invalid
    from converted

),

triaged as (

    select
        *,
        case
            when event_id is null then 'missing_event_id'
            when copy_number > 1 then null
            when user_id is null and anonymous_id is null then 'missing_identity'
            when event_name is null then 'unknown_event_name'
            when properties_json is null then 'malformed_properties'
            when received_at is null then 'invalid_received_at'
            when is_event_ts_implausible then 'implausible_event_ts'
            when is_revenue_invalid then 'invalid_revenue'
            when is_price_invalid then 'invalid_price'
            when is_survey_answer_invalid then 'invalid_survey_answer'
        end as quarantine_reason
    from checked

),

final as (

    select
        event_id,
        user_id,
        anonymous_id,
        event_name,
        raw_event_name,
        case
            when event_id is null then 'quarantined'
            when copy_number > 1 then 'duplicate'
            when quarantine_reason is not null then 'quarantined'
            else 'clean'
        end as row_status,
        quarantine_reason,
        platform,
        raw_platform,
        os_version,
        device_model,
        app_version,
        country,
        raw_country,
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
        raw_properties,
        source_file,
        quantity,
        revenue,
        revenue_usd,
        price,
        price_usd,
        survey_id,
        case
            when event_name = 'survey_answered' and not is_survey_answer_invalid
                then cast(nps_number as integer)
        end as nps_score,
        copy_number,
        source_row_number,
        not has_event_ts as is_event_ts_imputed,
        raw_country is not null and trim(raw_country) <> '' and country is null
            as is_country_unknown,
        platform_label is not null and platform is null as is_platform_unknown,
        (plan_label is not null and plan is null)
        or (from_plan_label is not null and from_plan is null)
        or (to_plan_label is not null and to_plan is null) as is_plan_unknown,
        message_channel_label is not null and message_channel is null as is_message_channel_unknown,
        currency_code is not null and usd_per_unit is null as is_currency_unknown,
        cast(event_at as date) as event_date,
        event_at,
        device_event_at,
        received_at
    from triaged

)

select * from final
