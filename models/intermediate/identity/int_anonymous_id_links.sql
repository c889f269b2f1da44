{#
    Every (anonymous_id, user_id) pair seen together on a clean event known
    by the current as_of_date's cut-off (erased users left out; read from
    the incremental int_identity_daily_activity), with the first date the
    pair was known (the earliest known_date of its events: as known at D, a
    late identify links from the date it arrived) and the order in which the users of
    an anonymous_id appeared (ties by user_id).
#}

with

identity_rows as (

    select * from {{ ref('int_identity_daily_activity') }}

),

as_of_dates as (

    select * from {{ ref('int_as_of_dates') }}
    where is_current

),

links as (

    select
        identity_rows.anonymous_id,
        identity_rows.user_id,
        -- a link is known from the first date whose cut-off one of its events made
        min(identity_rows.known_date) as first_linked_date,
        cast(sum(identity_rows.events) as bigint) as linking_events
    from identity_rows
    inner join as_of_dates
        on identity_rows.known_date <= as_of_dates.as_of_date
    where identity_rows.anonymous_id is not null and identity_rows.user_id is not null
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
