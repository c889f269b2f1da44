{# Raw campaign rows repeating a campaign_id already seen (first by file and row kept). #}

with

triaged_campaigns as (

    select * from {{ ref('stg_raw__campaigns_triaged') }}

),

duplicates as (

    select
        campaign_id,
        campaign_name,
        source_file,
        copy_number,
        source_row_number,
        launched_at
    from triaged_campaigns
    where row_status = 'duplicate'

)

select * from duplicates
