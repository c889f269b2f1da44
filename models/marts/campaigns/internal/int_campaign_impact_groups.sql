{#
    Each measured campaign's groups, one row per campaign with audience
    members: the intention-to-treat groups (assigned_group of
    int_campaign_impact_members), how many of each detailed group, the
    reach (the share of the treated group actually sent the campaign), and
    the sample-ratio check: the observed control share against the
    configured one (segments__holdout_share for a targeted campaign,
    segments__global_control_share for a broadcast), as a chi-square test
    with one degree of freedom (the square of the z below). A p-value
    under segments__campaign_sample_ratio_alpha (0.001) says the groups
    were not drawn as configured: the share changed since the audience was
    logged, the export dropped members, the log and the sends disagree...
    and the campaign's effects are not reported as significant.
#}

{%- set holdout_share = smart_segments.number_var('segments__holdout_share') %}
{%- set global_control_share = smart_segments.number_var('segments__global_control_share') %}
{%- set alpha = smart_segments.number_var('segments__campaign_sample_ratio_alpha') %}

with

members as (

    select * from {{ ref('int_campaign_impact_members') }}

),

campaign_windows as (

    select * from {{ ref('int_campaign_windows') }}

),

counts as (

    select
        members.campaign_id,
        min(members.audience_as_of_date) as audience_as_of_date,
        count(case when members.assigned_group = 'treated' then 1 end) as treated_members,
        count(case when members.assigned_group = 'control' then 1 end) as control_members,
        count(case when members.impact_group = 'treated' then 1 end) as reached_members,
        count(case when members.impact_group = 'not_reached' then 1 end) as not_reached_members,
        count(case when members.impact_group = 'control_messaged' then 1 end) as control_messaged_members,
        count(case when members.impact_group = 'outside_audience' then 1 end) as messaged_outside_audience,
        count(case when members.impact_group = 'other_campaign_audience' then 1 end) as other_campaign_audience_members,
        cast(
            case
                when campaign_windows.target_segment is null then {{ global_control_share }}
                else {{ holdout_share }}
            end as double
        ) as expected_control_share
    from members
    inner join campaign_windows
        on members.campaign_id = campaign_windows.campaign_id
    group by members.campaign_id, campaign_windows.target_segment

),

ratios as (

    select
        *,
        cast(reached_members as double) / nullif(treated_members, 0) as reach,
        cast(control_members as double) / nullif(treated_members + control_members, 0) as control_share,
        case
            when treated_members + control_members > 0 and expected_control_share > 0
                then
                    (control_members - (treated_members + control_members) * expected_control_share)
                    / sqrt(
                        (treated_members + control_members) * expected_control_share * (1 - expected_control_share)
                    )
        end as sample_ratio_z
    from counts

),

final as (

    select
        campaign_id,
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
        sample_ratio_z * sample_ratio_z as sample_ratio_chi_square,
        {{ smart_segments.two_sided_normal_p_value('sample_ratio_z') }} as sample_ratio_p_value,
        coalesce({{ smart_segments.two_sided_normal_p_value('sample_ratio_z') }} < {{ alpha }}, false)
            as is_sample_ratio_mismatch
    from ratios

)

select * from final
