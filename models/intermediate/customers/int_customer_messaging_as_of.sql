{#
    Messaging metrics per user as of each date D the feature store computes
    in this run (int_feature_dates). A message is a
    (user, campaign). The 30-day cohort is the messages first delivered in
    (D - 30, D]; of those, the ones opened / clicked on or before D count as
    opened / clicked, so open_rate_30d and click_rate_30d lie in [0, 1]
    (null when nothing was delivered).

    Running figures, not one aggregation per date (the model's description
    says why): a message's rows enter on the first date that can see them,
    and between two entries its first delivered, opened and clicked dates
    stay put, so the message is in a user's counts over one interval of
    dates per entry. The counts change only where such an interval starts
    or ends. The few users with a row whose stitching ends (the row leaves
    again) are aggregated per date instead (ending_*).
#}

{%- set window_days = 30 %}

with

messages as (

    select
        *,
        -- the first as-of date whose snapshot counts the row
        {{ smart_segments.counted_from_date('known_date', 'stitched_from_date') }} as counted_from_date
    from {{ ref('int_user_campaign_messages') }}

),

as_of_dates as (

    select * from {{ ref('int_feature_dates') }}

),

ending_users as (

    -- users with a row whose attribution ends: aggregated per as-of date (ending_as_of)
    select distinct user_id
    from messages
    where stitched_until_date is not null

),

lasting_messages as (

    select messages.*
    from messages
    left join ending_users
        on messages.user_id = ending_users.user_id
    where ending_users.user_id is null

),

message_entries as (

    -- each message's first dates over its rows seen by each date one of them enters
    select
        user_id,
        campaign_id,
        counted_from_date,
        min(min(first_delivered_date)) over by_message as first_delivered_date,
        min(min(first_opened_date)) over by_message as first_opened_date,
        min(min(first_clicked_date)) over by_message as first_clicked_date,
        lead(counted_from_date) over (
            partition by user_id, campaign_id order by counted_from_date
        ) as next_counted_from_date
    from lasting_messages
    group by user_id, campaign_id, counted_from_date
    window by_message as (
        partition by user_id, campaign_id order by counted_from_date
        rows between unbounded preceding and current row
    )

),

message_intervals as (

    -- until the next entry, the message counts from its first delivery (opened from its first
    -- open, clicked from its first click) and leaves the window 30 days after that delivery:
    -- [*_from, counts_until), empty when *_from is not before counts_until
    select
        user_id,
        greatest(counted_from_date, first_delivered_date) as delivered_from,
        -- greatest skips nulls: no open, no opened interval
        case
            when first_opened_date is not null
                then greatest(counted_from_date, first_delivered_date, first_opened_date)
        end as opened_from,
        case
            when first_clicked_date is not null
                then greatest(counted_from_date, first_delivered_date, first_clicked_date)
        end as clicked_from,
        least(
            coalesce(next_counted_from_date, {{ smart_segments.days_before('first_delivered_date', -window_days) }}),
            {{ smart_segments.days_before('first_delivered_date', -window_days) }}
        ) as counts_until
    from message_entries
    where first_delivered_date is not null

),

changes as (

    -- +1 where an interval starts, -1 where it ends
    select
        user_id,
        delivered_from as change_date,
        1 as messages_delivered_30d,
        0 as messages_opened_30d,
        0 as messages_clicked_30d
    from message_intervals
    where delivered_from < counts_until

    union all

    select
        user_id,
        opened_from as change_date,
        0 as messages_delivered_30d,
        1 as messages_opened_30d,
        0 as messages_clicked_30d
    from message_intervals
    where opened_from < counts_until

    union all

    select
        user_id,
        clicked_from as change_date,
        0 as messages_delivered_30d,
        0 as messages_opened_30d,
        1 as messages_clicked_30d
    from message_intervals
    where clicked_from < counts_until

    union all

    select
        user_id,
        counts_until as change_date,
        -1 as messages_delivered_30d,
        case when opened_from < counts_until then -1 else 0 end as messages_opened_30d,
        case when clicked_from < counts_until then -1 else 0 end as messages_clicked_30d
    from message_intervals
    where delivered_from < counts_until

),

read_dates as (

    -- each change date's first as-of date (read_date); a change after the last is never read
    {{ smart_segments.first_reading_dates('(select distinct change_date from changes)', 'as_of_dates') }}

),

states as (

    -- each user's counts as of each read date, valid until the next one
    select
        changes.user_id,
        read_dates.read_date,
        lead(read_dates.read_date) over (
            partition by changes.user_id order by read_dates.read_date
        ) as next_read_date,
        sum(sum(changes.messages_delivered_30d)) over by_user as messages_delivered_30d,
        sum(sum(changes.messages_opened_30d)) over by_user as messages_opened_30d,
        sum(sum(changes.messages_clicked_30d)) over by_user as messages_clicked_30d
    from changes
    inner join read_dates
        on changes.change_date = read_dates.change_date
    group by changes.user_id, read_dates.read_date
    window by_user as (
        partition by changes.user_id order by read_dates.read_date rows between unbounded preceding and current row
    )

),

state_days as (

    -- each state with a delivered message on every day until the next state
    select
        *,
        {{ smart_segments.each_day_until_next('read_date', 'next_read_date', 'as_of_dates') }} as state_date
    from states
    where messages_delivered_30d > 0

),

lasting_as_of as (

    select
        as_of_dates.as_of_date,
        state_days.user_id,
        cast(state_days.messages_delivered_30d as bigint) as messages_delivered_30d,
        cast(state_days.messages_opened_30d as bigint) as messages_opened_30d,
        cast(state_days.messages_clicked_30d as bigint) as messages_clicked_30d
    from state_days
    inner join as_of_dates
        on state_days.state_date = as_of_dates.as_of_date

),

ending_messages as (

    select messages.*
    from messages
    inner join ending_users
        on messages.user_id = ending_users.user_id

),

ending_messages_as_of as (

    -- the ending users' messages, per as-of date: only those a row of which was delivered in the window
    {{ smart_segments.campaign_messages_as_of('ending_messages', 'as_of_dates', delivered_within_days=window_days) }}

),

ending_as_of as (

    select
        as_of_date,
        user_id,
        count(distinct campaign_id) as messages_delivered_30d,
        count(distinct case when first_opened_date <= as_of_date then campaign_id end) as messages_opened_30d,
        count(distinct case when first_clicked_date <= as_of_date then campaign_id end) as messages_clicked_30d
    from ending_messages_as_of
    where {{ smart_segments.in_last_days('first_delivered_date', 'as_of_date', window_days) }}
    group by as_of_date, user_id

),

per_user as (

    select * from lasting_as_of
    union all
    select * from ending_as_of

)

select * from per_user
