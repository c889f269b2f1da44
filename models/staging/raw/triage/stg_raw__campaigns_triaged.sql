{#
    Every raw campaign row, typed, with its fate: clean, duplicate (a
    campaign_id already seen: the first by file name and row number is
    kept) or quarantined (missing_campaign_id). A channel or objective
    outside the contract's vocabulary is kept as null with the raw text and
    a flag; a launch time outside 0001..9999 is null and flagged.
    Contract v1.1 (null in files written to v1): target_segment as a
    segment_name (lower case, trimmed; null = a broadcast); cost in USD with
    the FX seed, kept null and flagged when it is negative, not finite,
    above segments__max_amount_usd or in a currency the seed lacks; ends_at
    like launched_at.
#}

with

raw_campaigns as (

    select * from {{ ref('base_raw__campaigns') }}

),

fx_rates as (

    select * from {{ ref('fx_rates_to_usd') }}

),

typed as (

    select
        {{ smart_segments.trimmed_text('campaign_id') }} as campaign_id,
        nullif(trim(name), '') as campaign_name,
        {{ smart_segments.normalize_label('channel') }} as channel_label,
        channel as raw_channel,
        {{ smart_segments.normalize_label('objective') }} as objective_label,
        objective as raw_objective,
        source_file,
        source_row_number,
        coalesce(is_important, false) as is_important,
        launched_at is not null
        and {{ smart_segments.safe_timestamp('launched_at') }} is null as is_launched_at_out_of_range,
        {{ smart_segments.safe_timestamp('launched_at') }} as launched_at,
        nullif(lower(trim(target_segment)), '') as target_segment,
        -- cost: the contract's column name, a keyword to sqlfluff
        cast(cost as double) as cost,  -- noqa: RF04
        upper(trim(cost_currency)) as cost_currency,
        ends_at is not null
        and {{ smart_segments.safe_timestamp('ends_at') }} is null as is_ends_at_out_of_range,
        {{ smart_segments.safe_timestamp('ends_at') }} as ends_at
    from raw_campaigns

),

costed as (

    select
        typed.*,
        fx_rates.usd_per_unit,
        typed.cost_currency is not null and fx_rates.usd_per_unit is null as is_cost_currency_unknown
    from typed
    left join fx_rates
        on typed.cost_currency = fx_rates.currency_code

),

ranked as (

    select
        *,
        {{ smart_segments.known_label('channel_label', 'channel') }} as channel,
        {{ smart_segments.known_label('objective_label', 'objective') }} as objective,
        row_number() over (
            partition by campaign_id
            order by source_file, source_row_number
        ) as copy_number,
        -- in USD when the currency is known, as given otherwise
        cost is not null and not (
            {{ smart_segments.is_finite("cost") }} and cost >= 0
            and cost * coalesce(usd_per_unit, 1) <= {{ smart_segments.max_amount_usd() }}
        ) as is_cost_invalid
    from costed

),

final as (

    select
        campaign_id,
        case
            when campaign_id is null then 'quarantined'
            when copy_number > 1 then 'duplicate'
            else 'clean'
        end as row_status,
        case when campaign_id is null then 'missing_campaign_id' end as quarantine_reason,
        campaign_name,
        channel,
        raw_channel,
        objective,
        raw_objective,
        source_file,
        copy_number,
        source_row_number,
        is_important,
        channel_label is not null and channel is null as is_channel_unknown,
        objective_label is not null and objective is null as is_objective_unknown,
        is_launched_at_out_of_range,
        launched_at,
        target_segment,
        case
            when not is_cost_invalid then cast(round(cast(cost as decimal(38, 4)), 4) as decimal(18, 4))
        end as cost,  -- noqa: RF04
        cost_currency,
        case
            when not is_cost_invalid
                then cast(round(cast(cost as decimal(38, 4)) * usd_per_unit, 4) as decimal(18, 4))
        end as cost_usd,
        is_cost_invalid,
        is_cost_currency_unknown,
        is_ends_at_out_of_range,
        ends_at
    from ranked

)

select * from final
