{#
    Every clean order placed by an identified user (an order carries the
    user_id it was placed under; anonymous orders are left out), of users
    not erased, in the order each user placed them (event time, then
    event_id), with the category of the user's order before it. The source
    of the category transitions (int_category_affinity_as_of) and of each
    customer's last order category. One row per order.
#}

with

events as (

    select * from {{ ref('stg_raw__events') }}

),

erased_users as (

    select * from {{ ref('int_erased_users') }}

),

orders as (

    select
        events.user_id,
        events.event_id,
        events.order_id,
        events.event_at as ordered_at,
        events.event_date as order_date,
        events.known_date,
        events.product_category,
        events.revenue_usd
    from events
    left join erased_users
        on events.user_id = erased_users.user_id
    where
        events.event_name = 'order_completed'
        and events.user_id is not null
        and erased_users.user_id is null

),

sequenced as (

    select
        *,
        row_number() over (partition by user_id order by ordered_at, event_id) as order_number,
        lag(product_category) over (partition by user_id order by ordered_at, event_id)
            as previous_product_category
    from orders

)

select * from sequenced
