{#
    One row per user, campaign and attribution window: the first date the
    campaign's message was sent, delivered, opened and clicked. Messaging
    metrics count messages (keyed by campaign_id), not events, so a message
    opened twice is one opened message.
#}

with

events as (

    select * from {{ ref('int_events_attributed') }}

),

message_events as (

    select * from events
    where
        event_name in ('message_sent', 'message_delivered', 'message_opened', 'message_clicked')
        and campaign_id is not null

),

messages as (

    select
        user_id,
        campaign_id,
        stitched_from_date,
        stitched_until_date,
        min(event_date) filter (where event_name = 'message_sent') as first_sent_date,
        min(event_date) filter (where event_name = 'message_delivered') as first_delivered_date,
        min(event_date) filter (where event_name = 'message_opened') as first_opened_date,
        min(event_date) filter (where event_name = 'message_clicked') as first_clicked_date
    from message_events
    group by 1, 2, 3, 4

)

select * from messages
