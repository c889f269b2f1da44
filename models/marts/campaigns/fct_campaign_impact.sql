{#
    Campaign impact, one row per campaign (dim_campaigns), by intention to
    treat: every audience member outside the control group, reached or
    not, against the whole control group (int_campaign_impact_groups).

    - Who: both groups, the reach (the share of the treated group actually
      sent the campaign) and the sample-ratio check (observed against
      configured control share).
    - Whether it could be measured (impact_status): no_launch_time,
      window_open, audience_not_recorded, no_comparison,
      sample_ratio_mismatch or measured.
    - Headline measures (conversion, revenue per member, NPS) from
      fct_campaign_impact_measures: the estimate (CUPED-adjusted where a
      covariate exists) with its interval and q-value.
    - The money, only where its interval can be trusted (money_status
      'tested', else why not and the columns are null):
      incremental revenue = the revenue-per-member estimate x treated
      members, with its 95% interval; ROI = (incremental revenue - cost) /
      cost and ROAS = incremental revenue / cost with theirs. With every
      measured campaign, the minimum detectable incremental revenue for
      its group sizes (80% power, 5% two-sided): how large an effect its
      holdout could have shown.
    - The naive figures a click-attribution tool reports: the revenue in
      the window of treated members who clicked (an observation), and its
      ROAS with the interval of the revenue such an audience would bring
      (attributed_status says when that interval cannot be trusted).
#}

{#- 2.8016 = z(0.975) + z(0.80): a two-sided 5% test with 80% power -#}
{%- set mde_z = 2.801585218 %}

with

campaigns as (

    select * from {{ ref('dim_campaigns') }}

),

groups as (

    select * from {{ ref('int_campaign_impact_groups') }}

),

measures as (

    select * from {{ ref('fct_campaign_impact_measures') }}

),

internal_measures as (

    select * from {{ ref('int_campaign_impact_measures') }}

),

t_tests as (

    select * from {{ ref('int_campaign_impact_t_tests') }}

),

attributed_revenue as (

    select * from {{ ref('int_campaign_impact_attributed') }}

),

campaign_windows as (

    select * from {{ ref('int_campaign_windows') }}

),

headline as (

    select
        campaign_id,
        max(case when measure = 'conversion_rate' then treated_value end) as treated_conversion_rate,
        max(case when measure = 'conversion_rate' then control_value end) as control_conversion_rate,
        max(case when measure = 'conversion_rate' then estimate end) as conversion_rate_estimate,
        max(case when measure = 'conversion_rate' then estimate_ci_low end) as conversion_rate_ci_low,
        max(case when measure = 'conversion_rate' then estimate_ci_high end) as conversion_rate_ci_high,
        max(case when measure = 'conversion_rate' then q_value end) as conversion_q_value,
        max(case when measure = 'revenue_per_member_usd' then treated_value end) as treated_revenue_per_member_usd,
        max(case when measure = 'revenue_per_member_usd' then control_value end) as control_revenue_per_member_usd,
        max(case when measure = 'revenue_per_member_usd' then test_status end) as revenue_test_status,
        max(case when measure = 'revenue_per_member_usd' then estimate end) as revenue_estimate,
        max(case when measure = 'revenue_per_member_usd' then estimate_ci_low end) as revenue_ci_low,
        max(case when measure = 'revenue_per_member_usd' then estimate_ci_high end) as revenue_ci_high,
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

revenue_spread as (

    -- the minimum detectable difference of revenue per member for the
    -- groups' sizes, from the spread of both groups' values together
    select
        campaign_id,
        {{ mde_z }} * sqrt(pooled_variance * (1.0 / treated_members + 1.0 / control_members))
            as revenue_mde_per_member_usd
    from internal_measures
    where measure = 'revenue_per_member_usd' and treated_members > 0 and control_members > 0

),

attributed as (

    select
        attributed_revenue.campaign_id,
        attributed_revenue.test_status as attributed_status,
        attributed_revenue.treated_value - t_tests.t_critical * attributed_revenue.standard_error
            as attributed_ci_low_per_member,
        attributed_revenue.treated_value + t_tests.t_critical * attributed_revenue.standard_error
            as attributed_ci_high_per_member
    from attributed_revenue
    left join t_tests
        on
            attributed_revenue.campaign_id = t_tests.campaign_id
            and t_tests.measure = 'attributed_revenue_per_member_usd'

),

members as (

    select * from {{ ref('int_campaign_impact_members') }}

),

clicks as (

    select
        campaign_id,
        count(case when assigned_group = 'treated' and has_clicked then 1 end) as treated_clickers,
        -- summed exactly (the members' revenue is whole cents of 4-decimal USD): a parallel
        -- sum of doubles would differ in its last bits from run to run
        cast(
            sum(
                case
                    when assigned_group = 'treated' and has_clicked then cast(revenue_usd as decimal(18, 4)) else 0
                end
            ) as double
        ) as attributed_revenue_usd
    from members
    group by 1

),

impact as (

    select
        campaigns.campaign_id,
        campaigns.campaign_name,
        campaigns.channel,
        campaigns.objective,
        campaigns.target_segment,
        campaigns.is_broadcast,
        campaigns.campaign_status,
        case
            when campaigns.launch_date is null then 'no_launch_time'
            when not campaign_windows.is_window_complete then 'window_open'
            when groups.campaign_id is null and campaigns.target_segment is not null then 'audience_not_recorded'
            when coalesce(groups.treated_members, 0) = 0 or coalesce(groups.control_members, 0) = 0
                then 'no_comparison'
            when groups.is_sample_ratio_mismatch then 'sample_ratio_mismatch'
            else 'measured'
        end as impact_status,
        campaigns.launched_at,
        campaigns.launch_date,
        campaigns.window_end_date,
        campaigns.results_as_of_date,
        campaign_windows.is_final,
        groups.audience_as_of_date,
        -- counted only where the groups could be formed (a launch time, an ended window, a
        -- recorded audience or a broadcast): null says "not counted", not "nobody"
        {%- for column in ['treated_members', 'control_members', 'reached_members', 'not_reached_members',
            'control_messaged_members', 'messaged_outside_audience', 'other_campaign_audience_members'] %}
            case
                when
                    campaign_windows.is_window_complete
                    and (groups.campaign_id is not null or campaigns.is_broadcast)
                    then coalesce(groups.{{ column }}, 0)
            end as {{ column }},
        {%- endfor %}
        groups.reach,
        groups.control_share,
        groups.expected_control_share,
        groups.sample_ratio_p_value,
        headline.treated_conversion_rate,
        headline.control_conversion_rate,
        headline.conversion_rate_estimate,
        headline.conversion_rate_ci_low,
        headline.conversion_rate_ci_high,
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
        headline.revenue_test_status,
        headline.revenue_estimate,
        headline.revenue_ci_low,
        headline.revenue_ci_high,
        revenue_spread.revenue_mde_per_member_usd,
        campaigns.cost_usd,
        clicks.treated_clickers,
        clicks.attributed_revenue_usd,
        attributed.attributed_status,
        attributed.attributed_ci_low_per_member,
        attributed.attributed_ci_high_per_member,
        campaigns.as_of_date
    from campaigns
    inner join campaign_windows
        on campaigns.campaign_id = campaign_windows.campaign_id
    left join groups
        on campaigns.campaign_id = groups.campaign_id
    left join headline
        on campaigns.campaign_id = headline.campaign_id
    left join revenue_spread
        on campaigns.campaign_id = revenue_spread.campaign_id
    left join attributed
        on campaigns.campaign_id = attributed.campaign_id
    left join clicks
        on campaigns.campaign_id = clicks.campaign_id

),

money as (

    select
        *,
        case when impact_status in ('measured', 'sample_ratio_mismatch') then revenue_test_status end
            as money_status,
        case
            when impact_status = 'measured' and revenue_test_status = 'tested'
                then revenue_estimate * treated_members
        end as incremental_revenue_usd,
        case
            when impact_status = 'measured' and revenue_test_status = 'tested'
                then revenue_ci_low * treated_members
        end as incremental_revenue_ci_low,
        case
            when impact_status = 'measured' and revenue_test_status = 'tested'
                then revenue_ci_high * treated_members
        end as incremental_revenue_ci_high,
        case
            when impact_status in ('measured', 'sample_ratio_mismatch')
                then revenue_mde_per_member_usd * treated_members
        end as incremental_revenue_mde_usd,
        case
            when impact_status in ('measured', 'sample_ratio_mismatch') and attributed_status = 'tested'
                then attributed_ci_low_per_member * treated_members
        end as attributed_revenue_ci_low,
        case
            when impact_status in ('measured', 'sample_ratio_mismatch') and attributed_status = 'tested'
                then attributed_ci_high_per_member * treated_members
        end as attributed_revenue_ci_high
    from impact

),

final as (

    select
        campaign_id,
        campaign_name,
        channel,
        objective,
        target_segment,
        is_broadcast,
        campaign_status,
        impact_status,
        launched_at,
        launch_date,
        window_end_date,
        results_as_of_date,
        is_final,
        audience_as_of_date,
        treated_members,
        control_members,
        reached_members,
        not_reached_members,
        control_messaged_members,
        messaged_outside_audience,
        other_campaign_audience_members,
        reach,
        control_share,
        expected_control_share,
        sample_ratio_p_value,
        treated_conversion_rate,
        control_conversion_rate,
        conversion_rate_estimate,
        conversion_rate_ci_low,
        conversion_rate_ci_high,
        conversion_q_value,
        treated_revenue_per_member_usd,
        control_revenue_per_member_usd,
        revenue_q_value,
        treated_nps,
        control_nps,
        treated_nps_answers,
        treated_promoters,
        treated_detractors,
        significant_measures,
        money_status,
        incremental_revenue_usd,
        incremental_revenue_ci_low,
        incremental_revenue_ci_high,
        incremental_revenue_mde_usd,
        cost_usd,
        (incremental_revenue_usd - cost_usd) / nullif(cost_usd, 0) as roi,
        (incremental_revenue_ci_low - cost_usd) / nullif(cost_usd, 0) as roi_ci_low,
        (incremental_revenue_ci_high - cost_usd) / nullif(cost_usd, 0) as roi_ci_high,
        incremental_revenue_usd / nullif(cost_usd, 0) as roas,
        incremental_revenue_ci_low / nullif(cost_usd, 0) as roas_ci_low,
        incremental_revenue_ci_high / nullif(cost_usd, 0) as roas_ci_high,
        case when impact_status in ('measured', 'sample_ratio_mismatch') then treated_clickers end
            as treated_clickers,
        case when impact_status in ('measured', 'sample_ratio_mismatch') then attributed_revenue_usd end
            as attributed_revenue_usd,
        case when impact_status in ('measured', 'sample_ratio_mismatch') then attributed_status end
            as attributed_status,
        attributed_revenue_ci_low,
        attributed_revenue_ci_high,
        case when attributed_revenue_ci_low is not null then attributed_revenue_usd / nullif(cost_usd, 0) end
            as attributed_roas,
        attributed_revenue_ci_low / nullif(cost_usd, 0) as attributed_roas_ci_low,
        attributed_revenue_ci_high / nullif(cost_usd, 0) as attributed_roas_ci_high,
        as_of_date
    from money

)

select * from final
