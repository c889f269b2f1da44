{{
    config(
        pre_hook="{{ smart_segments.assert_quarantine_shares('campaigns', ref('stg_raw__campaigns_triaged')) }}",
    )
}}

{# Clean campaigns: one row per campaign_id, channel and objective normalised
    (null when outside the contract's vocabulary, with the raw text and a flag),
    and the contract v1.1 target segment, cost (in USD too) and end. #}

with

triaged_campaigns as (

    select * from {{ ref('stg_raw__campaigns_triaged') }}

),

campaigns as (

    select
        campaign_id,
        campaign_name,
        channel,
        raw_channel,
        objective,
        raw_objective,
        is_important,
        is_channel_unknown,
        is_objective_unknown,
        is_launched_at_out_of_range,
        launched_at,
        target_segment,
        cost,
        cost_currency,
        cost_usd,
        is_cost_invalid,
        is_cost_currency_unknown,
        is_ends_at_out_of_range,
        ends_at
    from triaged_campaigns
    where row_status = 'clean'

)

select * from campaigns
