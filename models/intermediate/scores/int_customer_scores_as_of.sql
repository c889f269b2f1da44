{#
    Every score of a known user at an as-of date, one row per (as_of_date,
    user_id) of int_customers_as_of: conversion and upgrade propensity
    with the user's rank among the eligible users of the date (at the
    evaluation date and as_of_date; null elsewhere and for users a model
    does not cover), and the lifetime-value figures (as_of_date only).
#}

with

customers as (

    select * from {{ ref('int_customers_as_of') }}

),

propensity_scores as (

    select * from {{ ref('int_propensity_scores_as_of') }}

),

lifetime_values as (

    select * from {{ ref('int_customer_lifetime_values') }}

),

current_as_of_date as (

    select * from {{ ref('int_as_of_dates') }}
    where is_current

),

dated_lifetime_values as (

    -- the lifetime values are as of the current date: say so, for an equi-join
    select
        lifetime_values.*,
        current_as_of_date.as_of_date
    from lifetime_values
    cross join current_as_of_date

),

propensities as (

    select
        as_of_date,
        user_id,
        max(case when model_name = 'conversion' then propensity_score end) as conversion_propensity,
        max(case when model_name = 'conversion' then propensity_rank end) as conversion_propensity_rank,
        max(case when model_name = 'conversion' then scored_users end) as conversion_scored_users,
        max(case when model_name = 'upgrade' then propensity_score end) as upgrade_propensity,
        max(case when model_name = 'upgrade' then propensity_rank end) as upgrade_propensity_rank,
        max(case when model_name = 'upgrade' then scored_users end) as upgrade_scored_users
    from propensity_scores
    group by 1, 2

),

scores as (

    select
        customers.as_of_date,
        customers.user_id,
        propensities.conversion_propensity,
        cast(propensities.conversion_propensity_rank as bigint) as conversion_propensity_rank,
        cast(propensities.conversion_scored_users as bigint) as conversion_scored_users,
        propensities.upgrade_propensity,
        cast(propensities.upgrade_propensity_rank as bigint) as upgrade_propensity_rank,
        cast(propensities.upgrade_scored_users as bigint) as upgrade_scored_users,
        dated_lifetime_values.probability_alive,
        dated_lifetime_values.expected_purchases_90d,
        dated_lifetime_values.expected_purchases_365d,
        dated_lifetime_values.expected_purchase_value_usd,
        dated_lifetime_values.predicted_clv_365d_usd,
        dated_lifetime_values.is_one_time_buyer
    from customers
    left join propensities
        on
            customers.as_of_date = propensities.as_of_date
            and customers.user_id = propensities.user_id
    left join dated_lifetime_values
        on
            customers.as_of_date = dated_lifetime_values.as_of_date
            and customers.user_id = dated_lifetime_values.user_id

)

select * from scores
