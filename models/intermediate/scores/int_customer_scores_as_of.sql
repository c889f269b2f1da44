{#
    Every score of a known user at a recorded date, one row per
    (as_of_date, user_id) of int_customers_as_of at the dates the build
    records (int_as_of_dates.is_recorded; the other dates hold features
    only): conversion and upgrade propensity with the user's rank among the
    eligible users of the date (null for users a model does not cover),
    and the lifetime-value figures, each from the models fitted for that
    date.
#}

with

customers as (

    select * from {{ ref('int_customers_as_of') }}

),

propensity_scores as (

    select * from {{ ref('int_propensity_scores_as_of') }}
    where role = 'scoring'

),

lifetime_values as (

    select * from {{ ref('int_customer_lifetime_values') }}

),

recorded_dates as (

    select * from {{ ref('int_as_of_dates') }}
    where is_recorded

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
        lifetime_values.probability_alive,
        lifetime_values.expected_purchases_90d,
        lifetime_values.expected_purchases_365d,
        lifetime_values.expected_purchase_value_usd,
        lifetime_values.predicted_clv_365d_usd,
        lifetime_values.is_one_time_buyer
    from customers
    inner join recorded_dates
        on customers.as_of_date = recorded_dates.as_of_date
    left join propensities
        on
            customers.as_of_date = propensities.as_of_date
            and customers.user_id = propensities.user_id
    left join lifetime_values
        on
            customers.as_of_date = lifetime_values.as_of_date
            and customers.user_id = lifetime_values.user_id

)

select * from scores
