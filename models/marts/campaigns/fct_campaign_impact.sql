{#
    Campaign impact, one row per campaign: whom it reached and held back,
    whether it could be measured (impact_status), its headline measures
    (conversion, revenue per member, NPS) treated against control, and the
    money: incremental revenue = (treated - control revenue per member) x
    treated members with its 95% interval, the cost in USD, ROI =
    (incremental revenue - cost) / cost and ROAS = incremental revenue /
    cost with intervals, next to the naive attributed revenue (revenue in
    the window of treated members who clicked the message) and its ROAS.
    Every measure, with tests and q-values, is in
    fct_campaign_impact_measures.
#}

{#- where the groups could be formed: a launch time, an ended window, and an audience
    (recorded for a targeted campaign; a broadcast's is everyone) -#}
{%- set formed -%}
    (campaign_rows.launch_date is not null and campaign_rows.is_window_complete
    and (groups.campaign_id is not null or campaign_rows.target_segment is null))
{%- endset %}

with

campaigns as (

    select * from {{ ref('stg_raw__campaigns') }}

),

members as (

    select * from {{ ref('int_campaign_impact_members') }}

),

measures as (

    select * from {{ ref('fct_campaign_impact_measures') }}

),

campaign_windows as (

    select * from {{ ref('int_campaign_windows') }}

),

groups as (

    select
        campaign_id,
        min(audience_as_of_date) as audience_as_of_date,
        count(case when impact_group = 'treated' then 1 end) as treated_members,
        count(case when impact_group = 'control' then 1 end) as control_members,
        count(case when impact_group = 'not_reached' then 1 end) as not_reached_members,
        count(case when impact_group = 'control_messaged' then 1 end) as control_messaged_members,
        count(case when impact_group = 'outside_audience' then 1 end) as messaged_outside_audience,
        -- summed exactly (the members' revenue is whole cents of 4-decimal USD): a parallel
        -- sum of doubles would differ in its last bits from run to run
        cast(
            sum(
                case when impact_group = 'treated' and has_clicked then cast(revenue_usd as decimal(18, 4)) else 0 end
            ) as double
        ) as attributed_revenue_usd,
        count(case when impact_group = 'treated' and has_clicked then 1 end) as treated_clickers
    from members
    group by 1

),

headline as (

    select
        campaign_id,
        max(case when measure = 'conversion_rate' then treated_value end) as treated_conversion_rate,
        max(case when measure = 'conversion_rate' then control_value end) as control_conversion_rate,
        max(case when measure = 'conversion_rate' then difference end) as conversion_rate_difference,
        max(case when measure = 'conversion_rate' then q_value end) as conversion_q_value,
        max(case when measure = 'revenue_per_member_usd' then treated_value end) as treated_revenue_per_member_usd,
        max(case when measure = 'revenue_per_member_usd' then control_value end) as control_revenue_per_member_usd,
        max(case when measure = 'revenue_per_member_usd' then difference end) as revenue_per_member_difference_usd,
        max(case when measure = 'revenue_per_member_usd' then difference_ci_low end) as revenue_difference_ci_low,
        max(case when measure = 'revenue_per_member_usd' then difference_ci_high end) as revenue_difference_ci_high,
        max(case when measure = 'revenue_per_member_usd' then q_value end) as revenue_q_value,
        max(case when measure = 'nps' then treated_value end) as treated_nps,
        max(case when measure = 'nps' then control_value end) as control_nps,
        max(case when measure = 'promoter_share' then treated_members end) as treated_nps_answers,
        max(case when measure = 'promoter_share' then treated_successes end) as treated_promoters,
        max(case when measure = 'detractor_share' then treated_successes end) as treated_detractors,
        count(case when is_significant then 1 end) as significant_measures
    from measures
    group by 1

),

campaign_rows as (

    select
        campaigns.campaign_id,
        campaigns.campaign_name,
        campaigns.channel,
        campaigns.objective,
        campaigns.target_segment,
        campaigns.launched_at,
        campaign_windows.launch_date,
        campaign_windows.window_end_date,
        campaign_windows.is_window_complete,
        campaigns.cost_usd,
        campaign_windows.as_of_date
    from campaigns
    inner join campaign_windows
        on campaigns.campaign_id = campaign_windows.campaign_id

),

impact as (

    select
        campaign_rows.campaign_id,
        campaign_rows.campaign_name,
        campaign_rows.channel,
        campaign_rows.objective,
        campaign_rows.target_segment,
        campaign_rows.target_segment is null as is_broadcast,
        case
            when campaign_rows.launch_date is null then 'no_launch_time'
            when not campaign_rows.is_window_complete then 'window_open'
            when groups.campaign_id is null and campaign_rows.target_segment is not null then 'audience_not_recorded'
            when coalesce(groups.treated_members, 0) = 0 or coalesce(groups.control_members, 0) = 0
                then 'no_comparison'
            else 'measured'
        end as impact_status,
        campaign_rows.launched_at,
        campaign_rows.launch_date,
        campaign_rows.window_end_date,
        groups.audience_as_of_date,
        -- counted only where the groups could be formed (a launch time, an ended window, a
        -- recorded audience): null says "not counted", not "nobody"
        case when {{ formed }} then coalesce(groups.treated_members, 0) end as treated_members,
        case when {{ formed }} then coalesce(groups.control_members, 0) end as control_members,
        case when {{ formed }} then coalesce(groups.not_reached_members, 0) end as not_reached_members,
        case when {{ formed }} then coalesce(groups.control_messaged_members, 0) end as control_messaged_members,
        case when {{ formed }} then coalesce(groups.messaged_outside_audience, 0) end as messaged_outside_audience,
        headline.treated_conversion_rate,
        headline.control_conversion_rate,
        headline.conversion_rate_difference,
        headline.conversion_q_value,
        headline.treated_revenue_per_member_usd,
        headline.control_revenue_per_member_usd,
        headline.revenue_q_value,
        headline.treated_nps,
        headline.control_nps,
        coalesce(headline.treated_nps_answers, 0) as treated_nps_answers,
        coalesce(headline.treated_promoters, 0) as treated_promoters,
        coalesce(headline.treated_detractors, 0) as treated_detractors,
        coalesce(headline.significant_measures, 0) as significant_measures,
        headline.revenue_per_member_difference_usd * groups.treated_members as incremental_revenue_usd,
        headline.revenue_difference_ci_low * groups.treated_members as incremental_revenue_ci_low,
        headline.revenue_difference_ci_high * groups.treated_members as incremental_revenue_ci_high,
        campaign_rows.cost_usd,
        groups.treated_clickers,
        groups.attributed_revenue_usd,
        campaign_rows.as_of_date
    from campaign_rows
    left join groups
        on campaign_rows.campaign_id = groups.campaign_id
    left join headline
        on campaign_rows.campaign_id = headline.campaign_id

),

final as (

    select
        *,
        (incremental_revenue_usd - cost_usd) / nullif(cost_usd, 0) as roi,
        (incremental_revenue_ci_low - cost_usd) / nullif(cost_usd, 0) as roi_ci_low,
        (incremental_revenue_ci_high - cost_usd) / nullif(cost_usd, 0) as roi_ci_high,
        incremental_revenue_usd / nullif(cost_usd, 0) as roas,
        incremental_revenue_ci_low / nullif(cost_usd, 0) as roas_ci_low,
        incremental_revenue_ci_high / nullif(cost_usd, 0) as roas_ci_high,
        attributed_revenue_usd / nullif(cost_usd, 0) as attributed_roas
    from impact

)

select * from final
