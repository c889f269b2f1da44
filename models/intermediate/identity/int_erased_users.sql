{{ config(materialized='ephemeral') }}

{#
    Users whose GDPR erasure request falls on or before the current
    as_of_date, from any of their profile versions (macro erased_user_ids,
    the one place erasure is decided). Ephemeral on purpose: it is inlined
    where users must be removed, and never stored, so no intermediate or
    mart relation lists these users.
    Erasure is retroactive: an erased user is absent at every as-of date.
#}

with

profile_versions as (

    select * from {{ ref('stg_raw__profile_versions') }}

),

as_of_dates as (

    select * from {{ ref('int_as_of_dates') }}

),

erased_users as (

    {{ smart_segments.erased_user_ids(
        smart_segments.current_as_of_date('as_of_dates'), 'profile_versions') }}

)

select * from erased_users
