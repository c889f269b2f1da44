{{ config(materialized='view') }}

{#
    The events in scope (int_events_in_scope) that belong to a user, with
    the user they belong to. Events that carried a user_id belong to it at
    every as-of date; anonymous events belong to the
    user their anonymous_id is stitched to, while it is (the stitched_from /
    stitched_until dates, see int_identity_map; erased users are in no
    link). Anonymous events that are never stitched are left out.
    A view: the rollups read it once each.
#}

with

events_in_scope as (

    select * from {{ ref('int_events_in_scope') }}

),

identity_map as (

    select * from {{ ref('int_identity_map') }}

),

identified_events as (

    select
        events_in_scope.*,
        events_in_scope.user_id as attributed_user_id,
        cast(null as date) as stitched_from_date,
        cast(null as date) as stitched_until_date
    from events_in_scope
    where events_in_scope.user_id is not null

),

stitched_events as (

    select
        events_in_scope.*,
        identity_map.user_id as attributed_user_id,
        identity_map.stitched_from_date,
        identity_map.stitched_until_date
    from events_in_scope
    inner join identity_map
        on events_in_scope.anonymous_id = identity_map.anonymous_id
    where events_in_scope.user_id is null

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
