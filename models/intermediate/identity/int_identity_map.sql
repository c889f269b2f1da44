{#
    Point-in-time identity stitching. An anonymous_id belongs to the first
    user seen with it from that day (stitched_from_date) until the day a
    second user is seen with it (stitched_until_date, exclusive; null while
    it stays unambiguous). As of a date D the anonymous_id's events, earlier
    ones included, are the user's when stitched_from_date <= D <
    stitched_until_date. An anonymous_id whose first two users appear on the
    same day is never stitched.
#}

with

links as (

    select * from {{ ref('int_anonymous_id_links') }}

),

ordered_links as (

    select
        anonymous_id,
        user_id,
        first_linked_date,
        row_number() over (
            partition by anonymous_id
            order by first_linked_date, user_id
        ) as link_order,
        lead(first_linked_date) over (
            partition by anonymous_id
            order by first_linked_date, user_id
        ) as next_user_linked_date
    from links

),

identity_map as (

    select
        anonymous_id,
        user_id,
        first_linked_date as stitched_from_date,
        next_user_linked_date as stitched_until_date
    from ordered_links
    where
        link_order = 1
        and (next_user_linked_date is null or next_user_linked_date > first_linked_date)

)

select * from identity_map
