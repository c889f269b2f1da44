{#
    Every raw campaign row, typed, with its fate: clean, duplicate (a
    campaign_id already seen: the first by file name and row number is
    kept) or quarantined (missing_campaign_id).
#}

with

raw_campaigns as (

    select * from {{ ref('base_raw__campaigns') }}

),

typed as (

    select
        nullif(trim(campaign_id), '') as campaign_id,
        nullif(trim(name), '') as campaign_name,
        {{ smart_segments.normalize_label('channel') }} as channel,
        {{ smart_segments.normalize_label('objective') }} as objective,
        source_file,
        source_row_number,
        coalesce(is_important, false) as is_important,
        cast(launched_at as timestamp) as launched_at
    from raw_campaigns

),

ranked as (

    select
        *,
        row_number() over (
            partition by campaign_id
            order by source_file, source_row_number
        ) as copy_number
    from typed

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
        objective,
        source_file,
        copy_number,
        source_row_number,
        is_important,
        launched_at
    from ranked

)

select * from final
