{#
    Data quality: anonymous_ids seen with more than one user on or before
    the current as_of_date (shared devices, or over-eager identify calls).
    Their events from the day the second user appears are not stitched to
    anyone. No user ids are listed, only how many.
#}

with

links as (

    select * from {{ ref('int_anonymous_id_links') }}

),

ambiguous as (

    select
        anonymous_id,
        count(*) as user_count,
        sum(linking_events) as linking_events,
        min(first_linked_date) as first_linked_date,
        min(case when link_order = 2 then first_linked_date end) as ambiguous_since_date
    from links
    group by anonymous_id
    having count(*) > 1

)

select * from ambiguous
