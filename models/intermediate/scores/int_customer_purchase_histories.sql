{#
    Each customer's purchase history as of the current as_of_date D, in
    the form BG/NBD and Gamma-Gamma read: a purchase is an order day (a
    customer's orders on one date are one purchase, their revenue its
    value); x = purchase days after the first, t_x = weeks from the first
    to the last, T = weeks from the first to D, and the mean value of the
    repeat purchases. One row per known user with an order on or before D.
#}

with

daily_activity as (

    select * from {{ ref('int_user_daily_activity') }}

),

current_as_of_date as (

    select * from {{ ref('int_as_of_dates') }}
    where is_current

),

customers as (

    select * from {{ ref('int_customers_as_of') }}

),

known_users as (

    select customers.user_id
    from customers
    inner join current_as_of_date
        on customers.as_of_date = current_as_of_date.as_of_date

),

purchase_days as (

    select
        daily_activity.user_id,
        daily_activity.event_date,
        current_as_of_date.as_of_date,
        sum(daily_activity.revenue_usd) as revenue_usd
    from daily_activity
    inner join current_as_of_date
        on
            daily_activity.event_date <= current_as_of_date.as_of_date
            and {{ smart_segments.is_attributed_as_of('daily_activity', 'current_as_of_date.as_of_date') }}
    where daily_activity.orders > 0
    group by 1, 2, 3

),

numbered as (

    select
        *,
        row_number() over (partition by user_id order by event_date) as purchase_number
    from purchase_days

),

histories as (

    select
        numbered.user_id,
        cast(count(*) - 1 as integer) as repeat_purchases,
        {{ smart_segments.days_between('min(numbered.event_date)', 'max(numbered.event_date)') }} / 7.0
            as recency_weeks,
        {{ smart_segments.days_between('min(numbered.event_date)', 'max(numbered.as_of_date)') }} / 7.0
            as age_weeks,
        cast(avg(case when numbered.purchase_number > 1 then numbered.revenue_usd end) as double)
            as repeat_purchase_mean_value_usd,
        min(numbered.event_date) as first_purchase_date,
        max(numbered.event_date) as last_purchase_date,
        max(numbered.as_of_date) as as_of_date
    from numbered
    inner join known_users
        on numbered.user_id = known_users.user_id
    group by 1

)

select * from histories
