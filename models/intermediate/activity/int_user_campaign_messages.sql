{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ smart_segments.stitched_rollup_pre_hook('int_identity_daily_campaign_messages') }}",
        post_hook="{{ smart_segments.record_stitching('int_identity_daily_campaign_messages') }}",
    )
}}

{#
    One row per user, campaign and attribution window: the first date the
    campaign's message was sent, delivered, opened and clicked. Messaging
    metrics count messages (keyed by campaign_id), not events, so a message
    opened twice is one opened message. Built from the incremental
    int_identity_daily_campaign_messages, stitched as of this build (macro
    stitch_identity_rollup); incremental, rebuilding only the users whose
    rows can have changed (stitched_users_to_rebuild).
#}

-- depends_on: {{ ref('stg_raw__profile_versions') }} (erased users, in the pre-hook)
{%- set users_to_rebuild = smart_segments.stitched_users_to_rebuild('int_identity_daily_campaign_messages') %}

with

identity_rollup as {{ smart_segments.cte_not_materialized() }} (

    -- large: inlined into the stitching, never copied
    select * from {{ ref('int_identity_daily_campaign_messages') }}

),

identity_map as (

    select * from {{ ref('int_identity_map') }}

),

as_of_dates as (

    select * from {{ ref('int_as_of_dates') }}

),

message_rows as (

    {{ smart_segments.stitch_identity_rollup('identity_rollup', 'identity_map', 'as_of_dates', users_to_rebuild) }}

),

messages as (

    select
        user_id,
        campaign_id,
        known_date,
        stitched_from_date,
        stitched_until_date,
        min(event_date) filter (where sent_events > 0) as first_sent_date,
        min(event_date) filter (where delivered_events > 0) as first_delivered_date,
        min(event_date) filter (where opened_events > 0) as first_opened_date,
        min(event_date) filter (where clicked_events > 0) as first_clicked_date
    from message_rows
    group by 1, 2, 3, 4, 5

)

select * from messages
