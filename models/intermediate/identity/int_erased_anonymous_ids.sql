{{ config(materialized='ephemeral') }}

{#
    Anonymous ids (devices) ever seen with an erased user: their anonymous
    history goes with the user (macro erased_anonymous_ids). Ephemeral on
    purpose, like int_erased_users: inlined where events must be removed,
    never stored.
#}

with

events as (

    select * from {{ ref('stg_raw__events') }}

),

profile_versions as (

    select * from {{ ref('stg_raw__profile_versions') }}

),

as_of_dates as (

    select * from {{ ref('int_as_of_dates') }}

),

erased_anonymous_ids as (

    {{ smart_segments.erased_anonymous_ids(
        smart_segments.current_as_of_date('as_of_dates'), 'events', 'profile_versions') }}

)

select * from erased_anonymous_ids
