{#
    The moments campaign impact compares, per measured campaign, measure
    and group: one row per (campaign_id, measure, assigned_group), the
    group 'treated', 'control' or 'pooled' (both together), over the
    measure's population (int_campaign_impact_measures lists them): the
    members, those with a non-zero value, the mean and sample variance of
    the values, and of the CUPED-adjusted values y - theta (x - mean x);
    the pooled row also holds the skewness of the values and theta.
    Ordered sums throughout: a parallel sum of doubles adds in any order,
    and reruns must be bit-identical. They sort the distinct (value,
    covariate) pairs weighted by their member counts (value_counts), not
    every member: a rate has a few hundred. A value that never varies has
    a variance of exactly 0, whatever the rounding of its mean; a null
    value or covariate counts in no moment (as avg and var_samp skip
    nulls).
#}

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
        sum(members * member_value {{ smart_segments.aggregate_order('member_value, covariate, assigned_group') }})
        / sum(members) filter (where member_value is not null) as mean_value,
        sum(members * covariate {{ smart_segments.aggregate_order('covariate, member_value, assigned_group') }})
        / sum(members) filter (where covariate is not null) as mean_covariate,
        min(member_value) = max(member_value) as is_constant
    from value_counts
    group by campaign_id, measure

),

pooled_shapes as (

    -- the skewness of both groups' values together (their common shape if
    -- the campaign changed nothing: a small group rarely shows the tail),
    -- and the CUPED slope theta = cov(y, x) / var(x), 0 where x never varies
    select
        value_counts.campaign_id,
        value_counts.measure,
        case
            when not pooled_moments.is_constant
                then
                    sum(
                        value_counts.members * pow(value_counts.member_value - pooled_moments.mean_value, 3)
                        {{ smart_segments.aggregate_order(
                            'value_counts.member_value, value_counts.covariate, value_counts.assigned_group'
                        ) }}
                    )
                    / pooled_moments.members
                    / pow(
                        sum(
                            value_counts.members * pow(value_counts.member_value - pooled_moments.mean_value, 2)
                            {{ smart_segments.aggregate_order(
                                'value_counts.member_value, value_counts.covariate, value_counts.assigned_group'
                            ) }}
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
                {{ smart_segments.aggregate_order(
                    'value_counts.covariate, value_counts.member_value, value_counts.assigned_group'
                ) }}
            )
            / nullif(
                sum(
                    value_counts.members * pow(value_counts.covariate - pooled_moments.mean_covariate, 2)
                    {{ smart_segments.aggregate_order(
                        'value_counts.covariate, value_counts.member_value, value_counts.assigned_group'
                    ) }}
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
            sum(members * member_value {{ smart_segments.aggregate_order('member_value, covariate, assigned_group') }})
            / sum(members) filter (where member_value is not null) as mean_value,
            min(member_value) = max(member_value) as is_constant,
            sum(
                members * adjusted_value
                {{ smart_segments.aggregate_order('adjusted_value, member_value, covariate, assigned_group') }}
            )
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
                    {{ smart_segments.aggregate_order(
                        'adjusted_values.member_value, adjusted_values.covariate, adjusted_values.assigned_group'
                    ) }}
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
                    {{ smart_segments.aggregate_order(
                        'adjusted_values.adjusted_value, adjusted_values.member_value,'
                        ~ ' adjusted_values.covariate, adjusted_values.assigned_group'
                    ) }}
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

final as (

    select
        group_moments.campaign_id,
        group_moments.measure,
        group_moments.assigned_group,
        group_moments.members,
        group_moments.nonzero_values,
        group_moments.mean_value,
        group_moments.variance,
        group_moments.adjusted_mean,
        group_moments.adjusted_variance,
        pooled_shapes.pooled_skewness,
        pooled_shapes.cuped_theta
    from group_moments
    left join pooled_shapes
        on
            group_moments.campaign_id = pooled_shapes.campaign_id
            and group_moments.measure = pooled_shapes.measure
            and group_moments.assigned_group = 'pooled'

)

select * from final
