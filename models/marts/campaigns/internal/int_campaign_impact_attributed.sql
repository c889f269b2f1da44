{#
    The attributed revenue of each measured campaign, the naive figure a
    click-attribution tool reports: what the treated members (intention to
    treat) who clicked the message spent in the window, per treated member
    (0 for the others), with its standard error and n - 1 degrees of
    freedom (int_campaign_impact_t_tests adds the t quantile, and
    fct_campaign_impact the interval). test_status: 'tested', or why the
    interval cannot be trusted - too_few_nonzero_values (fewer than
    segments__campaign_min_nonzero_values clickers who bought), too_skewed
    (the mean's skewness G / sqrt(n) above
    segments__campaign_max_difference_skewness) or no_variance.
#}

{%- set min_nonzero = smart_segments.number_var('segments__campaign_min_nonzero_values') | int %}
{%- set max_skewness = smart_segments.number_var('segments__campaign_max_difference_skewness') %}

with

members as (

    select * from {{ ref('int_campaign_impact_members') }}
    where assigned_group = 'treated'

),

attributed_values as (

    -- the attributed revenue of a campaign: what its treated members who
    -- clicked spent in the window, per treated member (0 for the others)
    select
        campaign_id,
        case when has_clicked then cast(revenue_usd as decimal(18, 4)) else 0 end as member_value
    from members

),

attributed_moments as (

    select
        campaign_id,
        count(*) as treated_members,
        count(case when member_value <> 0 then 1 end) as treated_nonzero_values,
        -- exact: the members' revenue is whole cents of 4-decimal USD
        cast(sum(member_value) as double) / count(*) as treated_value,
        var_samp(cast(member_value as double) {{ smart_segments.aggregate_order('member_value') }}) as treated_variance,
        avg(
            pow(cast(member_value as double), 3) {{ smart_segments.aggregate_order('member_value') }}
        ) as third_moment_about_zero,
        avg(
            pow(cast(member_value as double), 2) {{ smart_segments.aggregate_order('member_value') }}
        ) as second_moment_about_zero
    from attributed_values
    group by 1

),

attributed_shapes as (

    select
        *,
        -- the skewness of the mean of n values: G / sqrt(n)
        (
            third_moment_about_zero
            - 3 * treated_value * second_moment_about_zero
            + 2 * pow(treated_value, 3)
        )
        / nullif(pow(second_moment_about_zero - pow(treated_value, 2), 1.5), 0)
        / sqrt(treated_members) as difference_skewness
    from attributed_moments

),

attributed as (

    select
        campaign_id,
        case
            when treated_nonzero_values < {{ min_nonzero }} then 'too_few_nonzero_values'
            when abs(difference_skewness) > {{ max_skewness }} then 'too_skewed'
            when not (treated_variance > 0) then 'no_variance'
            else 'tested'
        end as test_status,
        treated_members,
        treated_nonzero_values,
        treated_value,
        treated_variance,
        difference_skewness,
        sqrt(treated_variance / treated_members) as standard_error,
        cast(treated_members - 1 as double) as welch_df
    from attributed_shapes

)

select * from attributed
