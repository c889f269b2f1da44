{#
    Every score of every known user as of as_of_date, beside
    dim_customers: conversion and upgrade propensity (with rank among the
    users scored), and BG/NBD / Gamma-Gamma lifetime value for customers.
    One row per user of dim_customers.
#}

with

scores as (

    select * from {{ ref('int_customer_scores_as_of') }}

),

current_as_of_date as (

    select * from {{ ref('int_as_of_dates') }}
    where is_current

),

current_scores as (

    select
        scores.user_id,
        scores.conversion_propensity,
        scores.conversion_propensity_rank,
        scores.upgrade_propensity,
        scores.upgrade_propensity_rank,
        scores.probability_alive,
        scores.expected_purchases_90d,
        scores.expected_purchases_365d,
        scores.expected_purchase_value_usd,
        scores.predicted_clv_365d_usd,
        scores.is_one_time_buyer,
        scores.as_of_date
    from scores
    inner join current_as_of_date
        on scores.as_of_date = current_as_of_date.as_of_date

)

select * from current_scores
