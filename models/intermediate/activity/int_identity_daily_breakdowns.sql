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
    The incremental rollup behind the "most frequent" metrics: per event
    date, identity as received (user_id, anonymous_id), event country and
    content category, the activity events and the content views (page and
    screen views), over clean events of identities not erased that have a
    country or a category. Not yet stitched (int_user_daily_breakdowns
    stitches it); incremental runs: macro identity_rollup.
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

combinations as (

    select
        event_date,
        known_date,
        user_id,
        anonymous_id,
        country,
        content_category,
        count(*) filter (
            where event_name not in (
                {{ smart_segments.sql_string_list(var('segments__non_activity_events')) }}
            )
        ) as activity_events,
        count(*) filter (where event_name in ('page_view', 'screen_view')) as content_views,
        max(received_at) as last_received_at
    from events
    where country is not null or content_category is not null
    group by 1, 2, 3, 4, 5, 6

)

select * from combinations
