{#
    Messaging metrics per user as of each date D the feature store computes
    in this run (int_feature_dates). A message is a
    (user, campaign). The 30-day cohort is the messages first delivered in
    (D - 30, D]; of those, the ones opened / clicked on or before D count as
    opened / clicked, so open_rate_30d and click_rate_30d lie in [0, 1]
    (null when nothing was delivered).
#}

with

messages as (

    select * from {{ ref('int_user_campaign_messages') }}

),

as_of_dates as (

    select * from {{ ref('int_feature_dates') }}

),

messages_as_of as (

    -- only the messages a row of which was delivered in the 30 days: never every message with every date
    {{ smart_segments.campaign_messages_as_of('messages', 'as_of_dates', delivered_within_days=30) }}

),

delivered_30d as (

    select
        as_of_date,
        user_id,
        campaign_id,
        coalesce(first_opened_date <= as_of_date, false) as is_opened,
        coalesce(first_clicked_date <= as_of_date, false) as is_clicked
    from messages_as_of
    where {{ smart_segments.in_last_days('first_delivered_date', 'as_of_date', 30) }}

),

per_user as (

    select
        as_of_date,
        user_id,
        count(distinct campaign_id) as messages_delivered_30d,
        count(distinct case when is_opened then campaign_id end) as messages_opened_30d,
        count(distinct case when is_clicked then campaign_id end) as messages_clicked_30d
    from delivered_30d
    group by 1, 2

)

select * from per_user
