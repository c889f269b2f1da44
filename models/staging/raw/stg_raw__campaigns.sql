{# Clean campaigns: one row per campaign_id, channel and objective normalised. #}

with

triaged_campaigns as (

    select * from {{ ref('stg_raw__campaigns_triaged') }}

),

campaigns as (

    select
        campaign_id,
        campaign_name,
        channel,
        objective,
        is_important,
        launched_at
    from triaged_campaigns
    where row_status = 'clean'

)

select * from campaigns
