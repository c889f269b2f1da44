{#
    Treated against control for every measured campaign and measure, by
    intention to treat (assigned_group of int_campaign_impact_members:
    every audience member outside the control group against the whole
    control group, reached or not). One row per (campaign_id, measure),
    each over its own population (everyone, members inactive at launch,
    new users, buyers, NPS answerers, members with a predicted CLV):
    - rates: successes, the Newcombe interval and the pooled z test;
    - means: mean, sample variance, Welch's standard error and degrees of
      freedom (int_campaign_impact_t_tests adds the t distribution);
    - CUPED, for the measures with a value before the launch (conversion,
      retention, orders, revenue in the window's length before the launch
      date): theta = cov(y, x) / var(x) over both groups, the adjusted
      values y - theta (x - mean x), Welch's standard error of their
      difference (its interval), and the adjusted test statistic: Welch's
      t for a mean, z with the adjusted values' pooled variance for a rate
      (as the pooled z test does);
    - test_status: tested, or why not (the column's description). An
      untested row has no statistic, p-value or (means) interval.
    The counts, means, variances, skewness and CUPED slope come from
    int_campaign_impact_moments (per group, and pooled).
#}

{%- set min_nonzero = smart_segments.number_var('segments__campaign_min_nonzero_values') | int %}
{%- set min_members = smart_segments.number_var('segments__campaign_min_group_members') | int %}
{%- set min_successes = smart_segments.number_var('segments__campaign_min_successes') | int %}
{%- set max_skewness = smart_segments.number_var('segments__campaign_max_difference_skewness') %}

{#- (measure, population, value, CUPED covariate or none, unit): macro campaign_impact_measure_list -#}
{%- set rates, means = smart_segments.campaign_impact_measure_list() %}

with

group_moments as (

    select * from {{ ref('int_campaign_impact_moments') }}

),

measure_list as (

    {% for measure, population, _, covariate, unit in rates + means -%}
        select
            '{{ measure }}' as measure,
            '{{ "rate" if loop.index <= rates | length else "mean" }}' as measure_kind,
            '{{ unit }}' as unit,
            {{ 'true' if covariate else 'false' }} as has_covariate,
            {{ 'true' if population == 'true' else 'false' }} as is_whole_audience
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

campaign_measures as (

    select
        campaigns.campaign_id,
        measure_list.*
    from (select distinct campaign_id from group_moments) as campaigns
    cross join measure_list

),

moments as (

    select
        campaign_measures.*,
        coalesce(treated.members, 0) as treated_members,
        coalesce(control.members, 0) as control_members,
        coalesce(treated.nonzero_values, 0) as treated_nonzero_values,
        coalesce(control.nonzero_values, 0) as control_nonzero_values,
        treated.mean_value as treated_value,
        control.mean_value as control_value,
        treated.variance as treated_variance,
        control.variance as control_variance,
        treated.adjusted_mean as treated_adjusted_value,
        control.adjusted_mean as control_adjusted_value,
        treated.variance / nullif(treated.members, 0) as treated_squared_error,
        control.variance / nullif(control.members, 0) as control_squared_error,
        treated.adjusted_variance / nullif(treated.members, 0) as treated_adjusted_squared_error,
        control.adjusted_variance / nullif(control.members, 0) as control_adjusted_squared_error,
        pooled.variance as pooled_variance,
        pooled.adjusted_variance as adjusted_pooled_variance,
        coalesce(pooled.pooled_skewness, 0) as pooled_skewness,
        case when campaign_measures.has_covariate then pooled.cuped_theta end as cuped_theta
    from campaign_measures
    left join group_moments as treated
        on
            campaign_measures.campaign_id = treated.campaign_id
            and campaign_measures.measure = treated.measure
            and treated.assigned_group = 'treated'
    left join group_moments as control
        on
            campaign_measures.campaign_id = control.campaign_id
            and campaign_measures.measure = control.measure
            and control.assigned_group = 'control'
    left join group_moments as pooled
        on
            campaign_measures.campaign_id = pooled.campaign_id
            and campaign_measures.measure = pooled.measure
            and pooled.assigned_group = 'pooled'

),

shapes as (

    -- the skewness of the difference of the two means if both groups share
    -- the pooled shape G: G (1/n_t^2 - 1/n_c^2) / (1/n_t + 1/n_c)^1.5
    select
        *,
        case
            when measure_kind = 'mean' and treated_members > 0 and control_members > 0
                then
                    pooled_skewness
                    * (1.0 / pow(treated_members, 2) - 1.0 / pow(control_members, 2))
                    / pow(1.0 / treated_members + 1.0 / control_members, 1.5)
        end as difference_skewness,
        -- a rate's successes are its non-zero (1) values
        case when measure_kind = 'rate' then treated_nonzero_values end as treated_successes,
        case when measure_kind = 'rate' then control_nonzero_values end as control_successes
    from moments

),

statuses as (

    select
        *,
        case
            when treated_members = 0 or control_members = 0 then 'empty_group'
            when measure_kind = 'rate' and (treated_members < {{ min_members }} or control_members < {{ min_members }})
                then 'too_few_members'
            when
                measure_kind = 'mean'
                and (treated_nonzero_values < {{ min_nonzero }} or control_nonzero_values < {{ min_nonzero }})
                then 'too_few_nonzero_values'
            when measure_kind = 'mean' and abs(difference_skewness) > {{ max_skewness }} then 'too_skewed'
            when
                measure_kind = 'rate'
                and treated_successes + control_successes in (0, treated_members + control_members)
                then 'no_variance'
            when
                measure_kind = 'rate'
                and least(
                    treated_successes, control_successes,
                    treated_members - treated_successes, control_members - control_successes
                ) < {{ min_successes }}
                then 'too_few_successes'
            when measure_kind = 'mean' and not (treated_squared_error + control_squared_error > 0) then 'no_variance'
            else 'tested'
        end as test_status
    from shapes

),

comparisons as (

    select
        campaign_id,
        measure,
        measure_kind,
        unit,
        is_whole_audience,
        test_status,
        treated_members,
        control_members,
        treated_successes,
        control_successes,
        treated_nonzero_values,
        control_nonzero_values,
        treated_value,
        control_value,
        treated_variance,
        control_variance,
        pooled_variance,
        treated_value - control_value as difference,
        case
            when measure_kind = 'rate'
                then {{ smart_segments.newcombe_interval('treated_successes', 'treated_members',
                    'control_successes', 'control_members', 'low') }}
        end as difference_ci_low,
        case
            when measure_kind = 'rate'
                then {{ smart_segments.newcombe_interval('treated_successes', 'treated_members',
                    'control_successes', 'control_members', 'high') }}
        end as difference_ci_high,
        difference_skewness,
        -- Welch: se = sqrt(v1/n1 + v2/n2), df by Welch-Satterthwaite (means)
        case
            when measure_kind = 'mean' and test_status = 'tested'
                then sqrt(treated_squared_error + control_squared_error)
        end as standard_error,
        case
            when measure_kind = 'mean' and test_status = 'tested'
                then {{ smart_segments.welch_df('treated_squared_error', 'control_squared_error',
                    'treated_members', 'control_members') }}
        end as welch_df,
        case
            when test_status = 'tested' and measure_kind = 'rate'
                then {{ smart_segments.two_proportion_z('treated_successes', 'treated_members', 'control_successes',
                    'control_members') }}
            when test_status = 'tested'
                then (treated_value - control_value) / sqrt(treated_squared_error + control_squared_error)
        end as test_statistic,
        has_covariate,
        cuped_theta,
        case when has_covariate then treated_adjusted_value - control_adjusted_value end as adjusted_difference,
        case
            when
                has_covariate and test_status = 'tested'
                and treated_adjusted_squared_error + control_adjusted_squared_error > 0
                then sqrt(treated_adjusted_squared_error + control_adjusted_squared_error)
        end as adjusted_standard_error,
        case
            when
                has_covariate and test_status = 'tested'
                and treated_adjusted_squared_error + control_adjusted_squared_error > 0
                then {{ smart_segments.welch_df('treated_adjusted_squared_error', 'control_adjusted_squared_error',
                    'treated_members', 'control_members') }}
        end as adjusted_welch_df,
        -- the adjusted test: Welch t for a mean; for a rate, z with the pooled
        -- variance of the adjusted values (the pooled z test's CUPED form)
        case
            when
                has_covariate and test_status = 'tested' and measure_kind = 'rate'
                and adjusted_pooled_variance > 0
                then
                    (treated_adjusted_value - control_adjusted_value)
                    / sqrt(adjusted_pooled_variance * (1.0 / treated_members + 1.0 / control_members))
            when
                has_covariate and test_status = 'tested'
                and treated_adjusted_squared_error + control_adjusted_squared_error > 0
                then
                    (treated_adjusted_value - control_adjusted_value)
                    / sqrt(treated_adjusted_squared_error + control_adjusted_squared_error)
        end as adjusted_test_statistic
    from statuses

)

select * from comparisons
