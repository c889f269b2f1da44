{#
    Every (anonymous_id, user_id) pair seen together on a clean event on or
    before the current as_of_date, with the first date they were seen
    together. Erased users are left out.
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

links as (

    select
        events.anonymous_id,
        events.user_id,
        min(events.event_date) as first_linked_date,
        count(*) as linking_events
    from events
    cross join as_of_dates
    where
        events.anonymous_id is not null
        and events.user_id is not null
        and events.event_date <= as_of_dates.as_of_date
        and not exists (
            select 1 from erased_users
            where erased_users.user_id = events.user_id
        )
    group by 1, 2

)

select * from links
