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
    The incremental rollup behind the messaging metrics: per event date, known date,
    identity as received (user_id, anonymous_id) and campaign, how many
    message_sent, _delivered, _opened and _clicked events arrived, over
    clean events of identities not erased that name a campaign. Not yet
    stitched (int_user_campaign_messages stitches it); incremental runs:
    macro identity_rollup.
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

messages as (

    select
        event_date,
        known_date,
        user_id,
        anonymous_id,
        campaign_id,
        count(*) filter (where event_name = 'message_sent') as sent_events,
        count(*) filter (where event_name = 'message_delivered') as delivered_events,
        count(*) filter (where event_name = 'message_opened') as opened_events,
        count(*) filter (where event_name = 'message_clicked') as clicked_events,
        max(received_at) as last_received_at
    from events
    where
        event_name in ('message_sent', 'message_delivered', 'message_opened', 'message_clicked')
        and campaign_id is not null
    group by 1, 2, 3, 4, 5

)

select * from messages
