{# Raw campaign rows that cannot be used, with a quarantine_reason. #}

with

triaged_campaigns as (

    select * from {{ ref('stg_raw__campaigns_triaged') }}

),

quarantined as (

    select
        campaign_id,
        quarantine_reason,
        campaign_name,
        channel,
        objective,
        source_file,
        source_row_number,
        is_important,
        launched_at
    from triaged_campaigns
    where row_status = 'quarantined'

)

select * from quarantined
