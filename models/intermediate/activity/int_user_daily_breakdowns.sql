{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ smart_segments.stitched_rollup_pre_hook('int_identity_daily_breakdowns') }}",
        post_hook="{{ smart_segments.record_stitching('int_identity_daily_breakdowns') }}",
    )
}}

{#
    Per user, event date and attribution window: activity events per event
    country, and content views (page/screen views) per content category.
    The "most frequent country / content category in 90 days" metrics sum
    these. Built from the incremental int_identity_daily_breakdowns, stitched
    as of this build (macro stitch_identity_rollup); incremental, rebuilding
    only the users whose rows can have changed (stitched_users_to_rebuild).
#}

-- depends_on: {{ ref('stg_raw__profile_versions') }} (erased users, in the pre-hook)
-- depends_on: {{ ref('int_user_daily_activity') }} (runs after it, never beside it: side by
-- side, the two rebuilds of a 100M nightly run ran out of memory under 4 GB)
{%- set users_to_rebuild = smart_segments.stitched_users_to_rebuild('int_identity_daily_breakdowns') %}

with

identity_rollup as {{ smart_segments.cte_not_materialized() }} (

    -- large: inlined into the stitching, never copied
    select * from {{ ref('int_identity_daily_breakdowns') }}

),

identity_map as (

    select * from {{ ref('int_identity_map') }}

),

as_of_dates as (

    select * from {{ ref('int_as_of_dates') }}

),

combinations as {{ smart_segments.cte_not_materialized() }} (

    -- inlined into both breakdowns: read twice, DuckDB would materialize it.
    -- At 100M events under a 4 GB cap the materialized query ran out of
    -- memory, and the inlined one takes 37 s as a plain statement; inside
    -- dbt's transaction it still runs out (bench/NOTES.md)

    -- per user, date, window, country and category (several identity rows
    -- of a user may share them: the breakdowns below sum them)
    {{ smart_segments.stitch_identity_rollup('identity_rollup', 'identity_map', 'as_of_dates', users_to_rebuild) }}

),

country_breakdown as (

    select
        user_id,
        event_date,
        known_date,
        stitched_from_date,
        stitched_until_date,
        'country' as dimension,
        country as dimension_value,
        sum(activity_events) as events
    from combinations
    where country is not null
    group by 1, 2, 3, 4, 5, 6, 7

),

content_category_breakdown as (

    select
        user_id,
        event_date,
        known_date,
        stitched_from_date,
        stitched_until_date,
        'content_category' as dimension,
        content_category as dimension_value,
        sum(content_views) as events
    from combinations
    where content_category is not null
    group by 1, 2, 3, 4, 5, 6, 7

),

breakdowns as (

    select * from country_breakdown
    where events > 0
    union all
    select * from content_category_breakdown
    where events > 0

)

select * from breakdowns
