{#
    What every known user did in a performance window: for each as-of
    date D of the build (but the feature-only ones) whose cohort date
    D0 = D - segments__performance_window_days is one too, every user known
    at D0 with the outcomes in (D0, D]:
    converted (an order or a subscription_started), retained (active),
    orders and revenue, and the messages first delivered in the window
    with those of them opened / clicked by D. Events attributed as of D.
    One row per (as_of_date, user_id).
#}

{%- set window = var('segments__performance_window_days') %}

with

as_of_dates as (

    select * from {{ ref('int_as_of_dates') }}

),

customers as (

    select * from {{ ref('int_customers_as_of') }}

),

daily_activity as (

    select * from {{ ref('int_user_daily_activity') }}

),

messages as (

    select * from {{ ref('int_user_campaign_messages') }}

),

windows as (

    select
        window_ends.as_of_date,
        window_starts.as_of_date as cohort_as_of_date
    from as_of_dates as window_ends
    inner join as_of_dates as window_starts
        on {{ smart_segments.days_before('window_ends.as_of_date', window) }} = window_starts.as_of_date
    where not window_ends.is_feature_only

),

cohort_users as (

    select
        windows.as_of_date,
        windows.cohort_as_of_date,
        customers.user_id
    from windows
    inner join customers
        on windows.cohort_as_of_date = customers.as_of_date

),

activity_in_window as (

    select
        windows.as_of_date,
        daily_activity.user_id,
        sum(daily_activity.orders) as orders,
        sum(daily_activity.revenue_usd) as revenue_usd,
        sum(daily_activity.subscriptions_started) as subscriptions_started,
        sum(daily_activity.activity_events) as activity_events
    from windows
    inner join daily_activity
        on
            windows.cohort_as_of_date < daily_activity.event_date
            and windows.as_of_date >= daily_activity.event_date
            and {{ smart_segments.is_attributed_as_of('daily_activity', 'windows.as_of_date', known=false) }}
    group by 1, 2

),

known_messages as (

    -- outcomes count every message event the build knows: the rows of a
    -- (user, campaign, stitching window) combined over their known dates
    select
        user_id,
        campaign_id,
        stitched_from_date,
        stitched_until_date,
        min(first_delivered_date) as first_delivered_date,
        min(first_opened_date) as first_opened_date,
        min(first_clicked_date) as first_clicked_date
    from messages
    group by 1, 2, 3, 4

),

messages_in_window as (

    select
        windows.as_of_date,
        known_messages.user_id,
        count(distinct known_messages.campaign_id) as messages_delivered,
        count(distinct case
            when known_messages.first_opened_date <= windows.as_of_date then known_messages.campaign_id
        end) as messages_opened,
        count(distinct case
            when known_messages.first_clicked_date <= windows.as_of_date then known_messages.campaign_id
        end) as messages_clicked
    from windows
    inner join known_messages
        on
            windows.cohort_as_of_date < known_messages.first_delivered_date
            and windows.as_of_date >= known_messages.first_delivered_date
            and {{ smart_segments.is_attributed_as_of('known_messages', 'windows.as_of_date', known=false) }}
    group by 1, 2

),

outcomes as (

    select
        cohort_users.user_id,
        {{ smart_segments.is_converted('activity_in_window.orders', 'activity_in_window.subscriptions_started') }}
            as is_converted,
        coalesce(activity_in_window.activity_events, 0) > 0 as is_retained,
        cast(coalesce(activity_in_window.orders, 0) as bigint) as orders,
        cast(coalesce(activity_in_window.revenue_usd, 0) as decimal(18, 4)) as revenue_usd,
        cast(coalesce(messages_in_window.messages_delivered, 0) as bigint) as messages_delivered,
        cast(coalesce(messages_in_window.messages_opened, 0) as bigint) as messages_opened,
        cast(coalesce(messages_in_window.messages_clicked, 0) as bigint) as messages_clicked,
        cohort_users.as_of_date,
        cohort_users.cohort_as_of_date
    from cohort_users
    left join activity_in_window
        on
            cohort_users.as_of_date = activity_in_window.as_of_date
            and cohort_users.user_id = activity_in_window.user_id
    left join messages_in_window
        on
            cohort_users.as_of_date = messages_in_window.as_of_date
            and cohort_users.user_id = messages_in_window.user_id

)

select * from outcomes
