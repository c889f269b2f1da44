{#
    One row per campaign (stg_raw__campaigns: duplicates and quarantined
    rows are in staging's own tables): what it is (name, objective,
    channel, the segment it targeted or none for a broadcast), its cost in
    USD, its measurement window and where it stands as of D:
    'no_launch_time' (launched_at unusable), 'scheduled' (launches after
    D), 'window_open', 'measuring' (the window ended; results still take
    late data in) or 'final' (segments__campaign_result_grace_days after
    the window, for a broadcast after those of every broadcast launched in
    the same month: its figures no longer change). Every campaign mart reads
    campaigns from here.
#}

with

campaigns as (

    select * from {{ ref('stg_raw__campaigns') }}

),

campaign_windows as (

    select * from {{ ref('int_campaign_windows') }}

),

final as (

    select
        campaigns.campaign_id,
        campaigns.campaign_name,
        campaigns.objective,
        campaigns.channel,
        campaigns.is_important,
        campaigns.target_segment,
        campaigns.target_segment is null as is_broadcast,
        campaigns.launched_at,
        campaign_windows.launch_date,
        campaign_windows.window_end_date,
        case when campaign_windows.is_window_complete then campaign_windows.results_as_of_date end
            as results_as_of_date,
        campaigns.cost,
        campaigns.cost_currency,
        campaigns.cost_usd,
        case
            when campaign_windows.launch_date is null then 'no_launch_time'
            when campaign_windows.launch_date > campaign_windows.as_of_date then 'scheduled'
            when not campaign_windows.is_window_complete then 'window_open'
            when not campaign_windows.is_final then 'measuring'
            else 'final'
        end as campaign_status,
        campaign_windows.as_of_date
    from campaigns
    inner join campaign_windows
        on campaigns.campaign_id = campaign_windows.campaign_id

)

select * from final
