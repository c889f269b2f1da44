{#
    One row per user, campaign and attribution window: the first date the
    campaign's message was sent, delivered, opened and clicked. Messaging
    metrics count messages (keyed by campaign_id), not events, so a message
    opened twice is one opened message. Built from the incremental
    int_identity_daily_campaign_messages, stitched as of this build (macro
    stitch_identity_rollup).
#}

with

message_rows as (

    {{ smart_segments.stitch_identity_rollup('int_identity_daily_campaign_messages') }}

),

messages as (

    select
        user_id,
        campaign_id,
        stitched_from_date,
        stitched_until_date,
        min(event_date) filter (where sent_events > 0) as first_sent_date,
        min(event_date) filter (where delivered_events > 0) as first_delivered_date,
        min(event_date) filter (where opened_events > 0) as first_opened_date,
        min(event_date) filter (where clicked_events > 0) as first_clicked_date
    from message_rows
    group by 1, 2, 3, 4

)

select * from messages
