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

identity_map as (

    select
        anonymous_id,
        user_id,
        first_linked_date as stitched_from_date,
        next_user_linked_date as stitched_until_date
    from links
    where
        link_order = 1
        and (next_user_linked_date is null or next_user_linked_date > first_linked_date)

)

select * from identity_map
