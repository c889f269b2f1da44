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

attributed_events as (

    -- one pass: identified events keep their user; anonymous ones take the
    -- stitched user (identity_map has one row per anonymous_id)
    select
        events_in_scope.* exclude (user_id),
        coalesce(events_in_scope.user_id, identity_map.user_id) as user_id,
        case when events_in_scope.user_id is null then identity_map.stitched_from_date end
            as stitched_from_date,
        case when events_in_scope.user_id is null then identity_map.stitched_until_date end
            as stitched_until_date,
        events_in_scope.user_id is null as is_stitched,
        -- activity: everything but the system's sends and deliveries
        events_in_scope.event_name not in (
            {{ smart_segments.sql_string_list(var('segments__non_activity_events')) }}
        ) as is_activity
    from events_in_scope
    left join identity_map
        on events_in_scope.anonymous_id = identity_map.anonymous_id
    where events_in_scope.user_id is not null or identity_map.user_id is not null

)

select * from attributed_events
