{#
    The unified customer profile as of as_of_date: one row per known user
    (current profile, signed up on or before the date, not erased) with
    every behavioural, commerce, plan, messaging, technographic,
    geographic, demographic, psychographic and RFM attribute.
#}

with

customers_as_of as (

    select * from {{ ref('int_customers_as_of') }}

),

current_customers as (

    select {{ smart_segments.star_except(['is_current']) }}
    from customers_as_of
    where is_current

)

select * from current_customers
