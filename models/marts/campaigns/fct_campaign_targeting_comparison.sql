{#
    Segmented vs broadcast: do messages of campaigns sent to a segment
    (contract v1.1 target_segment) get opened and clicked more than
    messages of broadcasts (no target_segment)? A message is a (user,
    campaign) first delivered at least segments__message_response_days
    (default 7) before the current as_of_date, so every message had as
    long to be opened; it counts as opened / clicked when that happened on
    or before the date. One row per measure (open_rate, click_rate): each audience's
    rate with its 95% Wilson interval, the difference with its 95%
    Newcombe interval, the relative lift and the two-proportion z test.
    The spec's claim to check: segmented campaigns get 14% more opens and
    100% more clicks.
#}

{%- set response_days = smart_segments.number_var('segments__message_response_days') | int %}

with

messages as (

    select * from {{ ref('int_user_campaign_messages') }}

),

campaigns as (

    select * from {{ ref('dim_campaigns') }}

),

as_of_dates as (

    select * from {{ ref('int_as_of_dates') }}
    where is_current

),

messages_as_of as (

    -- one row per (user, campaign) attributed to the user as of D
    {{ smart_segments.campaign_messages_as_of('messages', 'as_of_dates') }}

),

delivered as (

    select
        messages_as_of.campaign_id,
        campaigns.target_segment is not null as is_segment_targeted,
        coalesce(messages_as_of.first_opened_date <= messages_as_of.as_of_date, false) as is_opened,
        coalesce(messages_as_of.first_clicked_date <= messages_as_of.as_of_date, false) as is_clicked
    from messages_as_of
    inner join campaigns
        on messages_as_of.campaign_id = campaigns.campaign_id
    -- every message had the same time to be opened: a broadcast delivered
    -- yesterday would otherwise pull the broadcasts' rates down
    where
        messages_as_of.first_delivered_date
        <= {{ smart_segments.days_before('messages_as_of.as_of_date', response_days) }}

),

counts as (

    select
        count(distinct case when is_segment_targeted then campaign_id end) as targeted_campaigns,
        count(distinct case when not is_segment_targeted then campaign_id end) as broadcast_campaigns,
        count(*) filter (where is_segment_targeted) as targeted_messages,
        count(*) filter (where not is_segment_targeted) as broadcast_messages,
        count(*) filter (where is_segment_targeted and is_opened) as targeted_opened,
        count(*) filter (where not is_segment_targeted and is_opened) as broadcast_opened,
        count(*) filter (where is_segment_targeted and is_clicked) as targeted_clicked,
        count(*) filter (where not is_segment_targeted and is_clicked) as broadcast_clicked
    from delivered

),

measures as (

    select
        'open_rate' as measure,
        targeted_campaigns,
        broadcast_campaigns,
        targeted_messages,
        broadcast_messages,
        targeted_opened as targeted_successes,
        broadcast_opened as broadcast_successes
    from counts
    union all
    select
        'click_rate' as measure,
        targeted_campaigns,
        broadcast_campaigns,
        targeted_messages,
        broadcast_messages,
        targeted_clicked as targeted_successes,
        broadcast_clicked as broadcast_successes
    from counts

),

rates as (

    select
        *,
        case when targeted_messages > 0 then cast(targeted_successes as double) / targeted_messages end
            as targeted_rate,
        case when broadcast_messages > 0 then cast(broadcast_successes as double) / broadcast_messages end
            as broadcast_rate
    from measures

),

final as (

    select
        (select as_of_dates.as_of_date from as_of_dates) as as_of_date,
        measure,
        targeted_campaigns,
        targeted_messages,
        targeted_successes,
        targeted_rate,
        {{ smart_segments.wilson_interval('targeted_successes', 'targeted_messages', 'low') }} as targeted_ci_low,
        {{ smart_segments.wilson_interval('targeted_successes', 'targeted_messages', 'high') }} as targeted_ci_high,
        broadcast_campaigns,
        broadcast_messages,
        broadcast_successes,
        broadcast_rate,
        {{ smart_segments.wilson_interval('broadcast_successes', 'broadcast_messages', 'low') }} as broadcast_ci_low,
        {{ smart_segments.wilson_interval('broadcast_successes', 'broadcast_messages', 'high') }}
            as broadcast_ci_high,
        targeted_rate - broadcast_rate as rate_difference,
        {{ smart_segments.newcombe_interval(
            'targeted_successes', 'targeted_messages', 'broadcast_successes', 'broadcast_messages', 'low') }}
            as difference_ci_low,
        {{ smart_segments.newcombe_interval(
            'targeted_successes', 'targeted_messages', 'broadcast_successes', 'broadcast_messages', 'high') }}
            as difference_ci_high,
        targeted_rate / nullif(broadcast_rate, 0) - 1 as relative_lift,
        {{ smart_segments.two_sided_normal_p_value(smart_segments.two_proportion_z(
            'targeted_successes', 'targeted_messages', 'broadcast_successes', 'broadcast_messages')) }}
            as p_value
    from rates

)

select * from final
