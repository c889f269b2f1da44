{#
    Every raw campaign row, typed, with its fate: clean, duplicate (a
    campaign_id already seen: the first by file name and row number is
    kept) or quarantined (missing_campaign_id). A channel or objective
    outside the contract's vocabulary is kept as null with the raw text and
    a flag; a launch time outside 0001..9999 is null and flagged.
#}

with

raw_campaigns as (

    select * from {{ ref('base_raw__campaigns') }}

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
        {{ smart_segments.safe_timestamp('launched_at') }} as launched_at
    from raw_campaigns

),

ranked as (

    select
        *,
        {{ smart_segments.known_label('channel_label', 'channel') }} as channel,
        {{ smart_segments.known_label('objective_label', 'objective') }} as objective,
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
        launched_at
    from ranked

)

select * from final
