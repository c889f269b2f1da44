{#
    What segment rules are evaluated on: the unified profile at every
    recorded date of the build (int_customers_as_of; the signals hold the
    recorded dates only) with the segment signals beside
    it, the scores of int_customer_scores_as_of and the last order category
    with the category to recommend (int_customer_order_categories_as_of).
    One row per
    (as_of_date, user_id). A rule (see the segment_rule
    macro) is a condition on these columns.
#}

with

customers as (

    select * from {{ ref('int_customers_as_of') }}

),

signals as (

    select * from {{ ref('int_customer_segment_signals_as_of') }}

),

scores as (

    select * from {{ ref('int_customer_scores_as_of') }}

),

order_categories as (

    select * from {{ ref('int_customer_order_categories_as_of') }}

),

inputs as (

    select
        customers.*,
        signals.latest_important_campaign_id,
        signals.newest_platform_app_version,
        signals.recent_window_active_days,
        signals.lapse_window_active_days,
        signals.revenue_365d_customer_rank,
        signals.customer_count,
        signals.avg_order_value_customer_rank,
        signals.customers_with_avg_order_value_count,
        signals.app_minor_versions_behind,
        signals.is_app_major_version_behind,
        signals.has_received_latest_important_campaign,
        scores.conversion_propensity,
        scores.conversion_propensity_rank,
        scores.conversion_scored_users,
        scores.upgrade_propensity,
        scores.upgrade_propensity_rank,
        scores.upgrade_scored_users,
        scores.probability_alive,
        scores.expected_purchases_90d,
        scores.expected_purchases_365d,
        scores.expected_purchase_value_usd,
        scores.predicted_clv_365d_usd,
        scores.is_one_time_buyer,
        order_categories.last_order_category,
        order_categories.recommended_category
    from customers
    inner join signals
        on
            customers.as_of_date = signals.as_of_date
            and customers.user_id = signals.user_id
    inner join scores
        on
            customers.as_of_date = scores.as_of_date
            and customers.user_id = scores.user_id
    left join order_categories
        on
            customers.as_of_date = order_categories.as_of_date
            and customers.user_id = order_categories.user_id

)

select * from inputs
