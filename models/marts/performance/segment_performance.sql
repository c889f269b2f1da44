{#
    How every segment performs, per as-of date D and segment: its size at D,
    and the cohort of its members at D0 = D - segments__performance_window_days
    followed over (D0, D], so performance is measured after assignment,
    never on the data that defined it. Members (and holdouts) are those the
    membership log recorded at D and D0, as they were served, never a
    recomputation with today's rules: a D is measured when the log holds
    both dates (a nightly run, from its window's length of nights on; a
    build with segments__history_days at least the window, at once).
    Conversion (an order or a subscription_started) against the rest of
    the base at D0, with lift, a two-sided pooled two-proportion z-test,
    Benjamini-Hochberg q-values across the segments of the same D and a
    95% Wilson interval; retention,
    revenue, orders, open and click rates; treated against holdout
    conversion with its own p-value, and the members an export can reach
    (outside the holdout and the global control group) against the
    segment's members in the global control group, whom no campaign
    reached. Every count behind every rate is a
    column. Statistics are null where they are undefined (an empty group,
    a pooled rate of 0 or 1), never infinite.
#}

with

members as (

    -- the membership log: who was in each segment at each recorded date, as served
    select * from {{ ref('fct_segment_membership') }}

),

recorded_dates as (

    select * from {{ ref('int_segment_recorded_dates') }}

),

outcomes as (

    select * from {{ ref('int_user_window_outcomes') }}

),

customers as (

    select * from {{ ref('int_customers_as_of') }}

),

definitions as (

    select * from {{ ref('int_segment_definitions') }}

),

windows as (

    -- the windows whose two ends the log recorded
    select distinct
        outcomes.as_of_date,
        outcomes.cohort_as_of_date
    from outcomes
    inner join recorded_dates as window_ends
        on outcomes.as_of_date = window_ends.as_of_date
    inner join recorded_dates as window_starts
        on outcomes.cohort_as_of_date = window_starts.as_of_date

),

base_sizes as (

    select
        as_of_date,
        count(*) as base_users
    from customers
    group by 1

),

base_outcomes as (

    select
        as_of_date,
        count(*) as base_users,
        sum(case when is_converted then 1 else 0 end) as base_converters
    from outcomes
    group by 1

),

sizes as (

    select
        windows.as_of_date,
        definitions.segment_name,
        count(members.user_id) as members,
        sum(case when members.is_contactable then 1 else 0 end) as contactable_members
    from windows
    cross join definitions
    left join members
        on
            windows.as_of_date = members.as_of_date
            and definitions.segment_name = members.segment_name
    group by 1, 2

),

members_with_global_control as (

    select
        *,
        {{ smart_segments.is_global_control('user_id') }} as is_global_control
    from members

),

cohorts as (

    select
        windows.as_of_date,
        definitions.segment_name,
        count(members.user_id) as cohort_members,
        sum(case when outcomes.is_converted then 1 else 0 end) as cohort_converters,
        sum(case when outcomes.is_retained then 1 else 0 end) as cohort_retained,
        sum(outcomes.orders) as cohort_orders,
        sum(outcomes.revenue_usd) as cohort_revenue_usd,
        sum(outcomes.messages_delivered) as messages_delivered,
        sum(outcomes.messages_opened) as messages_opened,
        sum(outcomes.messages_clicked) as messages_clicked,
        sum(case when members.is_holdout then 1 else 0 end) as holdout_members,
        sum(case when members.is_holdout and outcomes.is_converted then 1 else 0 end) as holdout_converters,
        sum(case when not members.is_holdout then 1 else 0 end) as treated_members,
        sum(case when not members.is_holdout and outcomes.is_converted then 1 else 0 end) as treated_converters,
        sum(case when members.is_global_control then 1 else 0 end) as global_control_members,
        sum(case when members.is_global_control and outcomes.is_converted then 1 else 0 end)
            as global_control_converters,
        sum(case when not members.is_holdout and not members.is_global_control then 1 else 0 end)
            as reachable_members,
        sum(
            case
                when not members.is_holdout and not members.is_global_control and outcomes.is_converted then 1
                else 0
            end
        ) as reachable_converters
    from windows
    cross join definitions
    left join members_with_global_control as members
        on
            windows.cohort_as_of_date = members.as_of_date
            and definitions.segment_name = members.segment_name
    left join outcomes
        on
            windows.as_of_date = outcomes.as_of_date
            and members.user_id = outcomes.user_id
    group by 1, 2

),

counts as (

    select
        sizes.as_of_date,
        sizes.segment_name,
        windows.cohort_as_of_date,
        cast(sizes.members as bigint) as members,
        cast(coalesce(sizes.contactable_members, 0) as bigint) as contactable_members,
        cast(base_sizes.base_users as bigint) as base_users,
        cast(cohorts.cohort_members as bigint) as cohort_members,
        cast(coalesce(cohorts.cohort_converters, 0) as bigint) as cohort_converters,
        cast(coalesce(cohorts.cohort_retained, 0) as bigint) as cohort_retained,
        cast(coalesce(cohorts.cohort_orders, 0) as bigint) as cohort_orders,
        cast(coalesce(cohorts.cohort_revenue_usd, 0) as decimal(18, 4)) as cohort_revenue_usd,
        cast(base_outcomes.base_users - cohorts.cohort_members as bigint) as baseline_members,
        cast(base_outcomes.base_converters - coalesce(cohorts.cohort_converters, 0) as bigint)
            as baseline_converters,
        cast(coalesce(cohorts.holdout_members, 0) as bigint) as holdout_members,
        cast(coalesce(cohorts.holdout_converters, 0) as bigint) as holdout_converters,
        cast(coalesce(cohorts.treated_members, 0) as bigint) as treated_members,
        cast(coalesce(cohorts.treated_converters, 0) as bigint) as treated_converters,
        cast(coalesce(cohorts.reachable_members, 0) as bigint) as reachable_members,
        cast(coalesce(cohorts.reachable_converters, 0) as bigint) as reachable_converters,
        cast(coalesce(cohorts.global_control_members, 0) as bigint) as global_control_members,
        cast(coalesce(cohorts.global_control_converters, 0) as bigint) as global_control_converters,
        cast(coalesce(cohorts.messages_delivered, 0) as bigint) as messages_delivered,
        cast(coalesce(cohorts.messages_opened, 0) as bigint) as messages_opened,
        cast(coalesce(cohorts.messages_clicked, 0) as bigint) as messages_clicked
    from sizes
    inner join windows
        on sizes.as_of_date = windows.as_of_date
    inner join base_sizes
        on sizes.as_of_date = base_sizes.as_of_date
    inner join base_outcomes
        on sizes.as_of_date = base_outcomes.as_of_date
    inner join cohorts
        on
            sizes.as_of_date = cohorts.as_of_date
            and sizes.segment_name = cohorts.segment_name

),

rates as (

    select
        *,
        cast(members as double) / nullif(base_users, 0) as share_of_base,
        cast(cohort_converters as double) / nullif(cohort_members, 0) as conversion_rate,
        cast(baseline_converters as double) / nullif(baseline_members, 0) as baseline_conversion_rate,
        cast(cohort_retained as double) / nullif(cohort_members, 0) as retention_rate,
        cast(cohort_revenue_usd as double) / nullif(cohort_members, 0) as revenue_per_member_usd,
        cast(cohort_orders as double) / nullif(cohort_members, 0) as orders_per_member,
        cast(cohort_revenue_usd as double) / nullif(cohort_orders, 0) as avg_order_value_usd,
        cast(messages_opened as double) / nullif(messages_delivered, 0) as open_rate,
        cast(messages_clicked as double) / nullif(messages_delivered, 0) as click_rate,
        cast(holdout_converters as double) / nullif(holdout_members, 0) as holdout_conversion_rate,
        cast(treated_converters as double) / nullif(treated_members, 0) as treated_conversion_rate,
        {{ smart_segments.two_proportion_z('cohort_converters', 'cohort_members', 'baseline_converters',
            'baseline_members') }} as conversion_z,
        {{ smart_segments.two_proportion_z('treated_converters', 'treated_members', 'holdout_converters',
            'holdout_members') }} as holdout_z,
        cast(reachable_converters as double) / nullif(reachable_members, 0) as reachable_conversion_rate,
        cast(global_control_converters as double) / nullif(global_control_members, 0)
            as global_control_conversion_rate,
        {{ smart_segments.two_proportion_z('reachable_converters', 'reachable_members', 'global_control_converters',
            'global_control_members') }} as global_control_z,
        {{ smart_segments.wilson_interval('cohort_converters', 'cohort_members', 'low') }} as conversion_ci_low,
        {{ smart_segments.wilson_interval('cohort_converters', 'cohort_members', 'high') }} as conversion_ci_high
    from counts

),

tests as (

    select
        *,
        conversion_rate / nullif(baseline_conversion_rate, 0) as conversion_lift,
        {{ smart_segments.two_sided_normal_p_value('conversion_z') }} as conversion_p_value,
        {{ smart_segments.two_sided_normal_p_value('holdout_z') }} as holdout_p_value,
        {{ smart_segments.two_sided_normal_p_value('global_control_z') }} as global_control_p_value
    from rates

),

q_values as (

    -- Benjamini-Hochberg across the segments of the same D
    {{ smart_segments.benjamini_hochberg('tests', 'conversion_p_value', 'conversion_q_value', ['as_of_date'], ['segment_name']) }}  -- noqa: LT05

),

performance as (

    select
        segment_name,
        members,
        contactable_members,
        base_users,
        share_of_base,
        cohort_members,
        cohort_converters,
        conversion_rate,
        conversion_ci_low,
        conversion_ci_high,
        baseline_members,
        baseline_converters,
        baseline_conversion_rate,
        conversion_lift,
        conversion_z,
        conversion_p_value,
        conversion_q_value,
        cohort_retained,
        retention_rate,
        cohort_orders,
        cohort_revenue_usd,
        revenue_per_member_usd,
        orders_per_member,
        avg_order_value_usd,
        messages_delivered,
        messages_opened,
        messages_clicked,
        open_rate,
        click_rate,
        treated_members,
        treated_converters,
        treated_conversion_rate,
        holdout_members,
        holdout_converters,
        holdout_conversion_rate,
        holdout_z,
        holdout_p_value,
        reachable_members,
        reachable_converters,
        reachable_conversion_rate,
        global_control_members,
        global_control_converters,
        global_control_conversion_rate,
        global_control_z,
        global_control_p_value,
        cohort_as_of_date,
        as_of_date
    from q_values

)

select * from performance
