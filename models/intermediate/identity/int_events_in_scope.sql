{{ config(materialized='view') }}

{#
    The clean events this build may use: dated on or before the current
    as_of_date, without the events of erased users - those that carry an
    erased user's id, and the anonymous events of any device ever seen with
    one (their anonymous history). Identity links and event attribution both
    start from here.
#}

with

events as (

    select * from {{ ref('stg_raw__events') }}

),

as_of_dates as (

    select * from {{ ref('int_as_of_dates') }}
    where is_current

),

erased_users as (

    select * from {{ ref('int_erased_users') }}

),

erased_anonymous_ids as (

    select * from {{ ref('int_erased_anonymous_ids') }}

),

events_in_scope as (

    select events.*
    from events
    inner join as_of_dates
        on events.event_date <= as_of_dates.as_of_date
    -- anti-joins as plain equi-joins, so both are hash joins against small lists
    left join erased_users
        on events.user_id = erased_users.user_id
    left join erased_anonymous_ids
        on events.anonymous_id = erased_anonymous_ids.anonymous_id
    where
        erased_users.user_id is null
        and (events.user_id is not null or erased_anonymous_ids.anonymous_id is null)

)

select * from events_in_scope
