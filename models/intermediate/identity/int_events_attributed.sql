{{ config(materialized='view') }}

{#
    Clean events on or before the current as_of_date that belong to a known
    or stitched user, with the user they belong to. Events that carried a
    user_id belong to it at every as-of date; anonymous events belong to the
    user their anonymous_id is stitched to, while it is (the stitched_from /
    stitched_until dates, see int_identity_map). Erased users and their
    events are left out; anonymous events that are never stitched are too.
    A view: the rollups read it once each.
#}

with

events as (

    select * from {{ ref('stg_raw__events') }}

),

as_of_dates as (

    select * from {{ ref('int_as_of_dates') }}
    where is_current

),

identity_map as (

    select * from {{ ref('int_identity_map') }}

),

erased_users as (

    select * from {{ ref('int_erased_users') }}

),

events_until_as_of as (

    select events.*
    from events
    inner join as_of_dates
        on events.event_date <= as_of_dates.as_of_date

),

identified_events as (

    select
        events_until_as_of.*,
        events_until_as_of.user_id as attributed_user_id,
        cast(null as date) as stitched_from_date,
        cast(null as date) as stitched_until_date
    from events_until_as_of
    where
        events_until_as_of.user_id is not null
        and not exists (
            select 1 from erased_users
            where erased_users.user_id = events_until_as_of.user_id
        )

),

stitched_events as (

    select
        events_until_as_of.*,
        identity_map.user_id as attributed_user_id,
        identity_map.stitched_from_date,
        identity_map.stitched_until_date
    from events_until_as_of
    inner join identity_map
        on events_until_as_of.anonymous_id = identity_map.anonymous_id
    where events_until_as_of.user_id is null

),

unioned as (

    select * from identified_events
    union all
    select * from stitched_events

),

attributed_events as (

    select
        * exclude (user_id, attributed_user_id),
        attributed_user_id as user_id,
        user_id is null as is_stitched
    from unioned

)

select * from attributed_events
