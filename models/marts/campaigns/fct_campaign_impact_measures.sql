{#
    What each measured campaign changed, measure by measure: treated
    members against control members over the campaign window (see
    int_campaign_impact_members for who is which). One row per
    (campaign_id, measure): both groups' counts and values, the difference
    treated - control with its 95% interval (Newcombe for rates, Welch for
    means), the relative lift, the test statistic and two-sided p-value
    (pooled z for rates, Welch t for means), and the Benjamini-Hochberg
    q-value across every test of the build (all campaigns and measures). A test that
    is undefined (an empty group, no variance) has null statistics.
#}

with

measures as (

    select * from {{ ref('int_campaign_impact_measures') }}

),

t_tests as (

    select * from {{ ref('int_campaign_impact_t_tests') }}

),

campaigns as (

    select * from {{ ref('stg_raw__campaigns') }}

),

as_of_dates as (

    select * from {{ ref('int_as_of_dates') }}

),

tests as (

    select
        measures.campaign_id,
        measures.measure,
        measures.measure_kind,
        measures.treated_members,
        measures.control_members,
        measures.treated_successes,
        measures.control_successes,
        measures.treated_value,
        measures.control_value,
        measures.difference,
        case
            when measures.measure_kind = 'rate' then measures.difference_ci_low
            else measures.difference - t_tests.t_critical * measures.standard_error
        end as difference_ci_low,
        case
            when measures.measure_kind = 'rate' then measures.difference_ci_high
            else measures.difference + t_tests.t_critical * measures.standard_error
        end as difference_ci_high,
        measures.difference / nullif(measures.control_value, 0) as relative_lift,
        measures.difference_skewness,
        measures.test_statistic,
        measures.welch_df,
        case
            when measures.measure_kind = 'rate'
                then {{ smart_segments.two_sided_normal_p_value('measures.test_statistic') }}
            else t_tests.p_value
        end as p_value
    from measures
    left join t_tests
        on
            measures.campaign_id = t_tests.campaign_id
            and measures.measure = t_tests.measure

),

q_values as (

    -- Benjamini-Hochberg across every test of the build, all campaigns and
    -- measures one family: broadcasts share one control group, so per-measure
    -- families would let a chance deviation of that group through once per measure
    {{ smart_segments.benjamini_hochberg('tests', 'p_value', 'q_value', [], ['campaign_id', 'measure']) }}

),

final as (

    select
        q_values.campaign_id,
        campaigns.campaign_name,
        campaigns.target_segment,
        q_values.measure,
        q_values.measure_kind,
        q_values.treated_members,
        q_values.control_members,
        q_values.treated_successes,
        q_values.control_successes,
        q_values.treated_value,
        q_values.control_value,
        q_values.difference,
        q_values.difference_ci_low,
        q_values.difference_ci_high,
        q_values.relative_lift,
        q_values.difference_skewness,
        q_values.test_statistic,
        q_values.welch_df,
        q_values.p_value,
        q_values.q_value,
        coalesce(q_values.q_value < 0.05, false) as is_significant,
        ({{ smart_segments.current_as_of_date('as_of_dates') }}) as as_of_date
    from q_values
    inner join campaigns
        on q_values.campaign_id = campaigns.campaign_id

)

select * from final
