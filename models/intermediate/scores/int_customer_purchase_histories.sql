{#
    Each customer's purchase history as of every recorded date D (the
    dates with scores and segments), in the form BG/NBD and Gamma-Gamma
    read: a purchase is an order day (a customer's orders on one date are
    one purchase, their revenue its value); x = purchase days after the
    first, t_x = weeks from the first to the last, T = weeks from the first
    to D, and the mean value of the repeat purchases. Orders count as known
    at D (is_attributed_as_of). One row per (as_of_date, known user with an
    order on or before D).
#}

with

daily_activity as (

    -- only the order days
    select * from {{ ref('int_user_daily_activity') }}
    where orders > 0

),

recorded_dates as (

    select * from {{ ref('int_as_of_dates') }}
    where is_recorded

),

customers as (

    select * from {{ ref('int_customers_as_of') }}

),

known_users as (

    select
        customers.as_of_date,
        customers.user_id
    from customers
    inner join recorded_dates
        on customers.as_of_date = recorded_dates.as_of_date

),

purchase_days as (

    select
        recorded_dates.as_of_date,
        daily_activity.user_id,
        daily_activity.event_date,
        sum(daily_activity.revenue_usd) as revenue_usd
    from daily_activity
    inner join recorded_dates
        on
            daily_activity.event_date <= recorded_dates.as_of_date
            and {{ smart_segments.is_attributed_as_of('daily_activity', 'recorded_dates.as_of_date') }}
    group by 1, 2, 3

),

numbered as (

    select
        *,
        row_number() over (partition by as_of_date, user_id order by event_date) as purchase_number
    from purchase_days

),

histories as (

    select
        numbered.as_of_date,
        numbered.user_id,
        cast(count(*) - 1 as integer) as repeat_purchases,
        -- doubles on every engine (on Spark, x / 7.0 is a decimal of 6 places)
        cast({{ smart_segments.days_between('min(numbered.event_date)', 'max(numbered.event_date)') }} as double)
        / 7 as recency_weeks,
        cast({{ smart_segments.days_between('min(numbered.event_date)', 'numbered.as_of_date') }} as double)
        / 7 as age_weeks,
        {{ smart_segments.decimal_avg('case when numbered.purchase_number > 1 then numbered.revenue_usd end') }}
            as repeat_purchase_mean_value_usd,
        min(numbered.event_date) as first_purchase_date,
        max(numbered.event_date) as last_purchase_date
    from numbered
    inner join known_users
        on
            numbered.as_of_date = known_users.as_of_date
            and numbered.user_id = known_users.user_id
    group by 1, 2

)

select * from histories
