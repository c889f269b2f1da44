{#
    Every (anonymous_id, user_id) pair seen together on an event in scope
    (on or before the current as_of_date, erased users left out), with the
    first date they were seen together and the order in which the users of
    an anonymous_id appeared (ties by user_id).
#}

with

events as (

    select * from {{ ref('int_events_in_scope') }}

),

links as (

    select
        anonymous_id,
        user_id,
        min(event_date) as first_linked_date,
        count(*) as linking_events
    from events
    where anonymous_id is not null and user_id is not null
    group by 1, 2

),

ordered_links as (

    select
        *,
        row_number() over (
            partition by anonymous_id
            order by first_linked_date, user_id
        ) as link_order,
        lead(first_linked_date) over (
            partition by anonymous_id
            order by first_linked_date, user_id
        ) as next_user_linked_date
    from links

)

select * from ordered_links
