{#
    What each measured campaign changed, measure by measure, by intention to
    treat: every audience member outside the control group (reached or
    not) against the whole control group, over the campaign window (see
    int_campaign_impact_members). One row per (campaign_id, measure):

    - both groups' counts and values, the difference treated - control
      with its 95% interval (Newcombe for rates, Welch for means);
    - CUPED (conversion, retention, orders, revenue: each member's value of
      the same measure in the window's length before the launch is the
      covariate): the adjusted difference and its Welch interval;
    - the estimate: the adjusted difference where there is one, the
      difference otherwise, with its interval, its relative lift (against a
      positive control value; NPS differences are in points, never
      relative), and per reached member (estimate / reach: the effect on
      those actually sent the campaign, for measures over the whole
      audience);
    - test_status: 'tested', or why not (int_campaign_impact_measures), or
      'sample_ratio_mismatch' (int_campaign_impact_groups: the groups were
      not drawn as configured, so no effect of the campaign is reported as
      significant);
    - the p-value of the estimate's test (CUPED: Welch t for a mean, pooled z
      for a rate; else Welch t or pooled z) and its Benjamini-Hochberg
      q-value within its family (int_campaign_windows): a targeted
      campaign's measured outcomes, or those of the broadcasts launched in
      the same month, which share one control group (the predicted CLV, a
      prediction that moves with every build, is a family of its own). A
      targeted campaign's results do not depend on the other campaigns,
      and once final no campaign's results change. is_significant is null
      when untested.
#}

with

measures as (

    select * from {{ ref('int_campaign_impact_measures') }}

),

t_tests as (

    select * from {{ ref('int_campaign_impact_t_tests') }}

),

groups as (

    select * from {{ ref('int_campaign_impact_groups') }}

),

campaign_windows as (

    select * from {{ ref('int_campaign_windows') }}

),

campaigns as (

    select * from {{ ref('dim_campaigns') }}

),

tests as (

    select
        measures.*,
        case
            when measures.measure_kind = 'mean' then measures.difference - t_tests.t_critical * measures.standard_error
            else measures.difference_ci_low
        end as raw_ci_low,
        case
            when measures.measure_kind = 'mean' then measures.difference + t_tests.t_critical * measures.standard_error
            else measures.difference_ci_high
        end as raw_ci_high,
        case
            when measures.measure_kind = 'rate'
                then {{ smart_segments.two_sided_normal_p_value('measures.test_statistic') }}
            else t_tests.p_value
        end as unadjusted_p_value,
        measures.adjusted_difference - t_tests.adjusted_t_critical * measures.adjusted_standard_error
            as adjusted_ci_low,
        measures.adjusted_difference + t_tests.adjusted_t_critical * measures.adjusted_standard_error
            as adjusted_ci_high,
        case
            when measures.measure_kind = 'rate'
                then {{ smart_segments.two_sided_normal_p_value('measures.adjusted_test_statistic') }}
            else t_tests.adjusted_p_value
        end as adjusted_p_value,
        measures.adjusted_standard_error is not null as is_adjusted,
        groups.reach,
        groups.is_sample_ratio_mismatch,
        campaign_windows.test_family as campaign_test_family
    from measures
    left join t_tests
        on
            measures.campaign_id = t_tests.campaign_id
            and measures.measure = t_tests.measure
    inner join groups
        on measures.campaign_id = groups.campaign_id
    inner join campaign_windows
        on measures.campaign_id = campaign_windows.campaign_id

),

estimates as (

    select
        *,
        case
            when test_status = 'tested' and is_sample_ratio_mismatch then 'sample_ratio_mismatch'
            else test_status
        end as final_test_status,
        case
            when is_adjusted and measure_kind = 'rate' then 'cuped_pooled_z'
            when is_adjusted then 'cuped_welch_t'
            when measure_kind = 'mean' then 'welch_t'
            else 'pooled_z'
        end as test_method,
        case when is_adjusted then adjusted_difference else difference end as estimate,
        case when is_adjusted then adjusted_ci_low else raw_ci_low end as estimate_ci_low,
        case when is_adjusted then adjusted_ci_high else raw_ci_high end as estimate_ci_high,
        case when test_status = 'tested' then (case when is_adjusted then adjusted_p_value else unadjusted_p_value end)
        end as p_value,
        case
            when measure = 'predicted_clv_usd' then campaign_id || ':predicted_clv_usd'
            else campaign_test_family
        end as test_family
    from tests

),

family_tests as (

    select
        *,
        case when final_test_status = 'tested' then p_value end as family_p_value
    from estimates

),

q_values as (

    {{ smart_segments.benjamini_hochberg('family_tests', 'family_p_value', 'q_value', ['test_family'], ['measure']) }}

),

final as (

    select
        q_values.campaign_id,
        campaigns.campaign_name,
        campaigns.target_segment,
        q_values.measure,
        q_values.measure_kind,
        q_values.unit,
        q_values.final_test_status as test_status,
        q_values.test_method,
        q_values.treated_members,
        q_values.control_members,
        q_values.treated_successes,
        q_values.control_successes,
        q_values.treated_value,
        q_values.control_value,
        q_values.difference,
        q_values.raw_ci_low as difference_ci_low,
        q_values.raw_ci_high as difference_ci_high,
        q_values.cuped_theta,
        q_values.adjusted_difference,
        q_values.adjusted_ci_low,
        q_values.adjusted_ci_high,
        q_values.estimate,
        q_values.estimate_ci_low,
        q_values.estimate_ci_high,
        case
            when q_values.unit <> 'nps_points' and q_values.control_value > 0
                then q_values.estimate / q_values.control_value
        end as relative_lift,
        case when q_values.is_whole_audience then q_values.reach end as reach,
        case when q_values.is_whole_audience then q_values.estimate / nullif(q_values.reach, 0) end
            as estimate_per_reached,
        case when q_values.is_whole_audience then q_values.estimate_ci_low / nullif(q_values.reach, 0) end
            as estimate_per_reached_ci_low,
        case when q_values.is_whole_audience then q_values.estimate_ci_high / nullif(q_values.reach, 0) end
            as estimate_per_reached_ci_high,
        q_values.difference_skewness,
        q_values.test_statistic,
        q_values.welch_df,
        q_values.unadjusted_p_value,
        q_values.p_value,
        q_values.test_family,
        q_values.q_value,
        case when q_values.final_test_status = 'tested' then q_values.q_value < 0.05 end as is_significant,
        campaign_windows.is_final,
        campaign_windows.results_as_of_date,
        campaign_windows.as_of_date
    from q_values
    inner join campaigns
        on q_values.campaign_id = campaigns.campaign_id
    inner join campaign_windows
        on q_values.campaign_id = campaign_windows.campaign_id

)

select * from final
