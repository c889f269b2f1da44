{{ config(materialized='ephemeral') }}

{#
    Users whose GDPR erasure request falls on or before the current
    as_of_date, from any of their profile versions. Ephemeral on purpose: it
    is inlined where users must be removed, and never stored, so no
    intermediate or mart relation lists these users.
    Erasure is retroactive: an erased user is absent at every as-of date.
#}

with

profile_versions as (

    select * from {{ ref('stg_raw__profile_versions') }}

),

as_of_dates as (

    select * from {{ ref('int_as_of_dates') }}
    where is_current

),

erased_users as (

    select distinct profile_versions.user_id
    from profile_versions
    cross join as_of_dates
    where cast(profile_versions.deletion_requested_at as date) <= as_of_dates.as_of_date

)

select * from erased_users
