{{
    config(
        materialized='incremental',
        partition_by=smart_segments.date_partitions('event_date'),
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ smart_segments.identity_rollup_pre_hook() }}",
    )
}}

{#
    Clean events per event date, known date, identity as received (user_id,
    anonymous_id), platform and app version, for identities not erased:
    the small rollup int_platform_app_versions_daily reads to know which app
    versions are out on each platform. Kept apart from
    int_identity_daily_activity so that rollup's many aggregates run at the
    coarser (date, identity) grain. Incremental like it (macro
    identity_rollup).
#}

{%- set cutoff = smart_segments.incremental_cutoff('last_received_at') %}

with

-- read up to three times on an incremental run: inlined, never copied
clean_events as {{ smart_segments.cte_not_materialized() }} (

    select * from {{ ref('stg_raw__events') }}

),

profile_versions as (

    select * from {{ ref('stg_raw__profile_versions') }}

),

as_of_dates as (

    select * from {{ ref('int_as_of_dates') }}

),

events as (

    {{ smart_segments.identity_rollup_events(cutoff, 'clean_events', 'profile_versions', 'as_of_dates') }}

),

daily as (

    select
        event_date,
        known_date,
        user_id,
        anonymous_id,
        platform,
        app_version,
        count(*) as events,
        max(received_at) as last_received_at
    from events
    group by 1, 2, 3, 4, 5, 6

)

select * from daily
