{#
    Treated against control for every measured campaign and measure, with
    the statistics SQL can compute. One row per (campaign_id, measure):

    - rates (measure_kind 'rate'): successes of members, each group's
      rate, the difference with its 95% Newcombe interval, and the pooled
      two-proportion z test;
    - means (measure_kind 'mean'): each group's mean and sample variance,
      the difference, its Welch standard error and degrees of freedom. The
      t distribution is not in SQL: int_campaign_impact_t_tests adds the
      p-value and the interval.

    Each measure is taken over its own members (population): everyone,
    members inactive at launch, new users, buyers, NPS answerers, members
    with a predicted CLV. A Welch test needs segments__campaign_min_nonzero_values
    members with a non-zero value in each group (default 30): money is
    mostly zeros and a few large values, and a control group with two
    buyers would make Welch's standard error, and its p-value, far too
    small. And the difference of the means must not be too skewed:
    |skewness| at most segments__campaign_max_difference_skewness (0.2,
    Cochran's rule n > 25 G^2 for one mean), taking both groups' shape
    from their values pooled: a few customers with a very large predicted
    CLV make a small control group's mean unreliable, and a small group
    rarely shows that tail itself.
    Below either the interval, statistic and p-value are null. A rate's
    z test needs segments__campaign_min_group_members members in each
    group's population (default 30): with two control members it would
    call 1 of 21 against 2 of 2 a near-certain difference. Its Newcombe
    interval, sound at any size, is kept.
#}

{%- set min_nonzero = smart_segments.number_var('segments__campaign_min_nonzero_values') | int %}
{%- set min_members = smart_segments.number_var('segments__campaign_min_group_members') | int %}
{%- set max_skewness = smart_segments.number_var('segments__campaign_max_difference_skewness') %}

{%- set rates = [
    ('conversion_rate', 'true', 'is_converted'),
    ('retention_rate', 'true', 'is_active_in_window'),
    ('reactivation_rate', 'is_inactive_at_launch', 'is_active_in_window'),
    ('new_user_churn_rate', 'is_new_user', 'orders = 0'),
    ('promoter_share', 'nps_score is not null', 'nps_score >= 9'),
    ('detractor_share', 'nps_score is not null', 'nps_score <= 6'),
] %}
{%- set means = [
    ('orders_per_member', 'true', 'orders'),
    ('revenue_per_member_usd', 'true', 'revenue_usd'),
    ('avg_order_value_usd', 'orders > 0', 'revenue_usd / orders'),
    ('nps', 'nps_score is not null', 'case when nps_score >= 9 then 100 when nps_score <= 6 then -100 else 0 end'),
    ('predicted_clv_usd', 'predicted_clv_365d_usd is not null', 'predicted_clv_365d_usd'),
] %}

with

members as (

    select * from {{ ref('int_campaign_impact_members') }}
    where impact_group in ('treated', 'control')

),

rate_counts as (

    {% for measure, population, success in rates -%}
        select
            campaign_id,
            '{{ measure }}' as measure,
            count(case when impact_group = 'treated' and {{ population }} then 1 end) as treated_members,
            count(case when impact_group = 'control' and {{ population }} then 1 end) as control_members,
            count(case when impact_group = 'treated' and {{ population }} and {{ success }} then 1 end)
                as treated_successes,
            count(case when impact_group = 'control' and {{ population }} and {{ success }} then 1 end)
                as control_successes
        from members
        group by 1
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

rate_tests as (

    select
        campaign_id,
        measure,
        'rate' as measure_kind,
        treated_members,
        control_members,
        treated_successes,
        control_successes,
        cast(treated_successes as double) / nullif(treated_members, 0) as treated_value,
        cast(control_successes as double) / nullif(control_members, 0) as control_value,
        cast(null as double) as treated_variance,
        cast(null as double) as control_variance,
        cast(treated_successes as double) / nullif(treated_members, 0)
        - cast(control_successes as double) / nullif(control_members, 0) as difference,
        {{ smart_segments.newcombe_interval('treated_successes', 'treated_members', 'control_successes',
            'control_members', 'low') }} as difference_ci_low,
        {{ smart_segments.newcombe_interval('treated_successes', 'treated_members', 'control_successes',
            'control_members', 'high') }} as difference_ci_high,
        cast(null as double) as difference_skewness,
        cast(null as double) as standard_error,
        cast(null as double) as welch_df,
        case
            when treated_members >= {{ min_members }} and control_members >= {{ min_members }}
                then {{ smart_segments.two_proportion_z('treated_successes', 'treated_members', 'control_successes',
                    'control_members') }}
        end as test_statistic
    from rate_counts

),

mean_values as (

    -- one row per member and mean measure whose population the member is in
    {% for measure, population, value in means -%}
        select
            campaign_id,
            impact_group,
            '{{ measure }}' as measure,
            cast({{ value }} as double) as member_value
        from members
        where {{ population }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

group_moments as (

    select
        campaign_id,
        impact_group,
        measure,
        count(*) as members,
        count(case when member_value <> 0 then 1 end) as nonzero_values,
        -- ordered: a parallel sum of doubles adds in any order, and its last
        -- bits would differ from run to run (reruns must be bit-identical)
        avg(member_value order by member_value) as mean_value,
        var_samp(member_value order by member_value) as variance
    from mean_values
    group by 1, 2, 3

),

pooled_means as (

    select
        campaign_id,
        measure,
        avg(member_value order by member_value) as mean_value
    from mean_values
    group by 1, 2

),

pooled_shapes as (

    -- the skewness of both groups' values together: their common shape if
    -- the campaign changed nothing (a small group rarely shows the tail)
    select
        mean_values.campaign_id,
        mean_values.measure,
        avg(pow(mean_values.member_value - pooled_means.mean_value, 3) order by mean_values.member_value)
        / nullif(pow(var_pop(mean_values.member_value order by mean_values.member_value), 1.5), 0)
            as pooled_skewness
    from mean_values
    inner join pooled_means
        on
            mean_values.campaign_id = pooled_means.campaign_id
            and mean_values.measure = pooled_means.measure
    group by 1, 2

),

mean_measures as (

    {% for measure, _, _ in means -%}
        select '{{ measure }}' as measure
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

campaign_measures as (

    select distinct
        members.campaign_id,
        mean_measures.measure
    from members
    cross join mean_measures

),

mean_moments as (

    select
        campaign_measures.campaign_id,
        campaign_measures.measure,
        coalesce(treated.members, 0) as treated_members,
        coalesce(control.members, 0) as control_members,
        coalesce(treated.nonzero_values, 0) as treated_nonzero_values,
        coalesce(control.nonzero_values, 0) as control_nonzero_values,
        treated.mean_value as treated_value,
        control.mean_value as control_value,
        treated.variance as treated_variance,
        control.variance as control_variance,
        coalesce(pooled_shapes.pooled_skewness, 0) as pooled_skewness
    from campaign_measures
    left join group_moments as treated
        on
            campaign_measures.campaign_id = treated.campaign_id
            and campaign_measures.measure = treated.measure
            and treated.impact_group = 'treated'
    left join group_moments as control
        on
            campaign_measures.campaign_id = control.campaign_id
            and campaign_measures.measure = control.measure
            and control.impact_group = 'control'
    left join pooled_shapes
        on
            campaign_measures.campaign_id = pooled_shapes.campaign_id
            and campaign_measures.measure = pooled_shapes.measure

),

mean_errors as (

    select
        *,
        treated_variance / nullif(treated_members, 0) as treated_squared_error_all,
        control_variance / nullif(control_members, 0) as control_squared_error_all
    from mean_moments

),

mean_shapes as (

    -- the skewness of the difference of the two means if both groups share
    -- the pooled shape G: G (1/n_t^2 - 1/n_c^2) / (1/n_t + 1/n_c)^1.5
    select
        *,
        case
            when treated_members > 0 and control_members > 0
                then
                    pooled_skewness
                    * (1.0 / pow(treated_members, 2) - 1.0 / pow(control_members, 2))
                    / pow(1.0 / treated_members + 1.0 / control_members, 1.5)
        end as difference_skewness
    from mean_errors

),

mean_checks as (

    -- Welch's t is an approximation: it needs enough non-zero values, and a
    -- difference of means that is not too skewed (Cochran's rule, n > 25 G^2
    -- for one mean, is a skewness below 0.2)
    select
        *,
        treated_nonzero_values >= {{ min_nonzero }}
        and control_nonzero_values >= {{ min_nonzero }}
        and treated_squared_error_all + control_squared_error_all > 0
        and abs(difference_skewness) <= {{ max_skewness }} as is_testable
    from mean_shapes

),

mean_guarded as (

    select
        *,
        case when is_testable then treated_squared_error_all end as treated_squared_error,
        case when is_testable then control_squared_error_all end as control_squared_error
    from mean_checks

),

mean_tests as (

    -- Welch: se = sqrt(v1/n1 + v2/n2), df by Welch-Satterthwaite; undefined
    -- (null) with fewer than 2 members in a group or no variance at all
    select
        campaign_id,
        measure,
        'mean' as measure_kind,
        treated_members,
        control_members,
        cast(null as bigint) as treated_successes,
        cast(null as bigint) as control_successes,
        treated_value,
        control_value,
        treated_variance,
        control_variance,
        treated_value - control_value as difference,
        cast(null as double) as difference_ci_low,
        cast(null as double) as difference_ci_high,
        difference_skewness,
        case
            when treated_squared_error + control_squared_error > 0
                then sqrt(treated_squared_error + control_squared_error)
        end as standard_error,
        case
            when treated_squared_error + control_squared_error > 0
                then
                    pow(treated_squared_error + control_squared_error, 2)
                    / (
                        pow(treated_squared_error, 2) / (treated_members - 1)
                        + pow(control_squared_error, 2) / (control_members - 1)
                    )
        end as welch_df,
        case
            when treated_squared_error + control_squared_error > 0
                then (treated_value - control_value) / sqrt(treated_squared_error + control_squared_error)
        end as test_statistic
    from mean_guarded

),

measures as (

    select * from rate_tests
    union all
    select * from mean_tests

)

select * from measures
