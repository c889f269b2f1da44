{#
    What customers buy next, point in time: for every as-of date of the
    build, each pair (category of an order, category of the same
    customer's next order) counted over the orders known by that date's
    cut-off (known_date: a late order joins the sequence from the date it
    is known), with its share of the pairs leaving the
    first category and its rank among them (1 = most often; ties by
    category name). The rank-1 next category is what recent_buyers are
    recommended. One row per (as_of_date, from_category, to_category).
#}

with

orders as (

    select * from {{ ref('int_user_orders') }}

),

as_of_dates as (

    select * from {{ ref('int_as_of_dates') }}

),

known_orders as (

    -- each customer's orders known by the date's cut-off, in the order placed:
    -- as known at D, a late order is not yet between two known ones
    select
        as_of_dates.as_of_date,
        orders.product_category,
        lag(orders.product_category) over (
            partition by as_of_dates.as_of_date, orders.user_id
            order by orders.ordered_at, orders.event_id
        ) as previous_product_category
    from orders
    inner join as_of_dates
        on orders.known_date <= as_of_dates.as_of_date

),

transitions as (

    select
        as_of_date,
        previous_product_category as from_category,
        product_category as to_category,
        count(*) as transitions
    from known_orders
    where
        previous_product_category is not null
        and product_category is not null
    group by 1, 2, 3

),

ranked as (

    select
        as_of_date,
        from_category,
        to_category,
        transitions,
        cast(transitions as double) / sum(transitions) over (partition by as_of_date, from_category)
            as transition_share,
        -- bigint on every engine (Spark's row_number() is an int)
        cast(row_number() over (
            partition by as_of_date, from_category
            order by transitions desc, to_category asc
        ) as bigint) as affinity_rank
    from transitions

)

select * from ranked
