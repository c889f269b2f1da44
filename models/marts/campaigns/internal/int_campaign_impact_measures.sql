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
    Ordered sums throughout: a parallel sum of doubles adds in any order,
    and reruns must be bit-identical. They sort the distinct (value,
    covariate) pairs with their member counts (value_counts), not every
    member: a rate has a few hundred.
#}

{%- set min_nonzero = smart_segments.number_var('segments__campaign_min_nonzero_values') | int %}
{%- set min_members = smart_segments.number_var('segments__campaign_min_group_members') | int %}
{%- set min_successes = smart_segments.number_var('segments__campaign_min_successes') | int %}
{%- set max_skewness = smart_segments.number_var('segments__campaign_max_difference_skewness') %}

{#- (measure, population, value, CUPED covariate or none, unit): macro campaign_impact_measure_list -#}
{%- set rates, means = smart_segments.campaign_impact_measure_list() %}

with

assigned_members as (

    select * from {{ ref('int_campaign_impact_members') }}
    where assigned_group in ('treated', 'control')

),

lifetime_values as (

    select * from {{ ref('int_customer_lifetime_values') }}
    where is_current

),

members as (

    -- the predicted CLV is a prediction as of D, not an outcome: joined here,
    -- so the stored members of final campaigns never hold a stale one
    select
        assigned_members.*,
        lifetime_values.predicted_clv_365d_usd
    from assigned_members
    left join lifetime_values
        on assigned_members.user_id = lifetime_values.user_id

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

member_values as (

    -- one row per member and measure whose population the member is in:
    -- the value (0 or 1 for a rate) and its CUPED covariate
    {% for measure, population, value, covariate, _ in rates + means -%}
        select
            campaign_id,
            assigned_group,
            '{{ measure }}' as measure,
            cast({{ value }} as double) as member_value,
            cast({{ covariate or 'null' }} as double) as covariate
        from members
        where {{ population }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

value_counts as (

    -- the members sharing a value and covariate, counted once: every moment
    -- below is weighted by these counts, so ordered sums sort the distinct
    -- values (a few hundred for a rate), not every member
    select
        campaign_id,
        assigned_group,
        measure,
        member_value,
        covariate,
        count(*) as members
    from member_values
    group by campaign_id, assigned_group, measure, member_value, covariate

),

pooled_moments as (

    -- both groups together. Ordered sums throughout: a parallel sum of
    -- doubles adds in any order, and its last bits would differ from run to
    -- run (reruns must be bit-identical); (value, covariate, group) is unique
    select
        campaign_id,
        measure,
        -- a null value or covariate counts in no moment (as avg and var_samp skip nulls)
        sum(members) filter (where member_value is not null) as members,
        sum(members * member_value order by member_value, covariate, assigned_group)
        / sum(members) filter (where member_value is not null) as mean_value,
        sum(members * covariate order by covariate, member_value, assigned_group)
        / sum(members) filter (where covariate is not null) as mean_covariate,
        min(member_value) = max(member_value) as is_constant
    from value_counts
    group by campaign_id, measure

),

pooled_shapes as (

    -- the sample variance, and the skewness of both groups' values together
    -- (their common shape if the campaign changed nothing: a small group
    -- rarely shows the tail), and the CUPED slope theta = cov(y, x) /
    -- var(x), 0 where x never varies. A constant value has no spread: 0
    -- exactly, whatever the rounding of its mean
    select
        value_counts.campaign_id,
        value_counts.measure,
        case
            when coalesce(pooled_moments.members, 0) < 2 then null
            when pooled_moments.is_constant then 0
            else
                sum(
                    value_counts.members * pow(value_counts.member_value - pooled_moments.mean_value, 2)
                    order by value_counts.member_value, value_counts.covariate, value_counts.assigned_group
                )
                / (pooled_moments.members - 1)
        end as pooled_variance,
        case
            when not pooled_moments.is_constant
                then
                    sum(
                        value_counts.members * pow(value_counts.member_value - pooled_moments.mean_value, 3)
                        order by value_counts.member_value, value_counts.covariate, value_counts.assigned_group
                    )
                    / pooled_moments.members
                    / pow(
                        sum(
                            value_counts.members * pow(value_counts.member_value - pooled_moments.mean_value, 2)
                            order by value_counts.member_value, value_counts.covariate, value_counts.assigned_group
                        )
                        / pooled_moments.members,
                        1.5
                    )
        end as pooled_skewness,
        coalesce(
            sum(
                value_counts.members
                * (value_counts.covariate - pooled_moments.mean_covariate)
                * (value_counts.member_value - pooled_moments.mean_value)
                order by value_counts.covariate, value_counts.member_value, value_counts.assigned_group
            )
            / nullif(
                sum(
                    value_counts.members * pow(value_counts.covariate - pooled_moments.mean_covariate, 2)
                    order by value_counts.covariate, value_counts.member_value, value_counts.assigned_group
                ),
                0
            ),
            0
        ) as cuped_theta
    from value_counts
    inner join pooled_moments
        on
            value_counts.campaign_id = pooled_moments.campaign_id
            and value_counts.measure = pooled_moments.measure
    group by
        value_counts.campaign_id, value_counts.measure,
        pooled_moments.members, pooled_moments.mean_value, pooled_moments.is_constant

),

adjusted_values as (

    select
        value_counts.campaign_id,
        value_counts.assigned_group,
        value_counts.measure,
        value_counts.member_value,
        value_counts.covariate,
        value_counts.members,
        value_counts.member_value
        - pooled_shapes.cuped_theta * (value_counts.covariate - pooled_moments.mean_covariate) as adjusted_value
    from value_counts
    inner join pooled_moments
        on
            value_counts.campaign_id = pooled_moments.campaign_id
            and value_counts.measure = pooled_moments.measure
    inner join pooled_shapes
        on
            value_counts.campaign_id = pooled_shapes.campaign_id
            and value_counts.measure = pooled_shapes.measure

),

adjusted_means as (

    -- the means over both groups (pooled) and per group. A null value counts
    -- as a member but in no moment (as avg and var_samp skip nulls)
    {% for grouped in ['assigned_group', "'pooled'"] -%}
        select
            campaign_id,
            measure,
            {{ grouped }} as assigned_group,
            cast(sum(members) as bigint) as members,
            sum(members) filter (where member_value is not null) as valued_members,
            sum(members) filter (where adjusted_value is not null) as adjusted_members,
            sum(members * member_value order by member_value, covariate, assigned_group)
            / sum(members) filter (where member_value is not null) as mean_value,
            min(member_value) = max(member_value) as is_constant,
            sum(members * adjusted_value order by adjusted_value, member_value, covariate, assigned_group)
            / sum(members) filter (where adjusted_value is not null) as adjusted_mean,
            min(adjusted_value) = max(adjusted_value) as is_adjusted_constant,
            cast(sum(case when member_value <> 0 then members else 0 end) as bigint) as nonzero_values
        from adjusted_values
        group by campaign_id, measure{{ ', assigned_group' if grouped == 'assigned_group' }}
        {% if loop.first %}union all{% endif %}
    {% endfor %}

),

group_moments as (

    -- per group, and pooled: the sample variances about those means (0 for a
    -- constant value, none under two members)
    select
        adjusted_means.campaign_id,
        adjusted_means.assigned_group,
        adjusted_means.measure,
        adjusted_means.members,
        adjusted_means.nonzero_values,
        adjusted_means.mean_value,
        case
            when coalesce(adjusted_means.valued_members, 0) < 2 then null
            when adjusted_means.is_constant then 0
            else
                sum(
                    adjusted_values.members * pow(adjusted_values.member_value - adjusted_means.mean_value, 2)
                    order by
                        adjusted_values.member_value, adjusted_values.covariate, adjusted_values.assigned_group
                )
                / (adjusted_means.valued_members - 1)
        end as variance,
        adjusted_means.adjusted_mean,
        case
            when coalesce(adjusted_means.adjusted_members, 0) < 2 then null
            when adjusted_means.is_adjusted_constant then 0
            else
                sum(
                    adjusted_values.members * pow(adjusted_values.adjusted_value - adjusted_means.adjusted_mean, 2)
                    order by
                        adjusted_values.adjusted_value, adjusted_values.member_value,
                        adjusted_values.covariate, adjusted_values.assigned_group
                )
                / (adjusted_means.adjusted_members - 1)
        end as adjusted_variance
    from adjusted_values
    inner join adjusted_means
        on
            adjusted_values.campaign_id = adjusted_means.campaign_id
            and adjusted_values.measure = adjusted_means.measure
            and adjusted_means.assigned_group in (adjusted_values.assigned_group, 'pooled')
    group by
        adjusted_means.campaign_id, adjusted_means.assigned_group, adjusted_means.measure,
        adjusted_means.members, adjusted_means.valued_members, adjusted_means.adjusted_members,
        adjusted_means.nonzero_values, adjusted_means.mean_value, adjusted_means.is_constant,
        adjusted_means.adjusted_mean, adjusted_means.is_adjusted_constant

),

adjusted_pooled as (

    -- the spread of the adjusted values of both groups together: the variance
    -- of a rate's adjusted test if the campaign changed nothing (as the pooled
    -- z test takes it; Welch's per-group variances would make a small control
    -- group with few successes look far too certain)
    select
        campaign_id,
        measure,
        adjusted_variance as adjusted_pooled_variance
    from group_moments
    where assigned_group = 'pooled'

),

campaign_measures as (

    select
        campaigns.campaign_id,
        measure_list.*
    from (select distinct campaign_id from members) as campaigns
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
        pooled_shapes.pooled_variance,
        adjusted_pooled.adjusted_pooled_variance,
        coalesce(pooled_shapes.pooled_skewness, 0) as pooled_skewness,
        case when campaign_measures.has_covariate then pooled_shapes.cuped_theta end as cuped_theta
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
    left join pooled_shapes
        on
            campaign_measures.campaign_id = pooled_shapes.campaign_id
            and campaign_measures.measure = pooled_shapes.measure
    left join adjusted_pooled
        on
            campaign_measures.campaign_id = adjusted_pooled.campaign_id
            and campaign_measures.measure = adjusted_pooled.measure

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
