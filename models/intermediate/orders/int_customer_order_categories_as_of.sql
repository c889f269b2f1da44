{#
    Each customer's last order category at every as-of date of the build
    (the category of their latest identified order known by the date's
    cut-off, known_date; ties by event_id), and the category to recommend: the one most often
    bought next by customers whose previous order was in that category, as
    of the same date (int_category_affinity_as_of, rank 1). One row per
    (as_of_date, user_id) with an order.
#}

with

orders as (

    select * from {{ ref('int_user_orders') }}

),

as_of_dates as (

    select * from {{ ref('int_as_of_dates') }}

),

affinity as (

    select * from {{ ref('int_category_affinity_as_of') }}
    where affinity_rank = 1

),

last_orders as (

    select
        as_of_dates.as_of_date,
        orders.user_id,
        {{ smart_segments.max_by('orders.product_category', 'orders.order_number') }} as last_order_category
    from orders
    inner join as_of_dates
        on orders.known_date <= as_of_dates.as_of_date
    group by 1, 2

),

recommended as (

    select
        last_orders.as_of_date,
        last_orders.user_id,
        last_orders.last_order_category,
        affinity.to_category as recommended_category
    from last_orders
    left join affinity
        on
            last_orders.as_of_date = affinity.as_of_date
            and last_orders.last_order_category = affinity.from_category

)

select * from recommended
