{#
    Each measured campaign's audience and who in it is in which group: one
    row per (campaign_id, user_id) of a campaign whose window
    [launch date, launch date + segments__campaign_window_days - 1] ended by
    the current as_of_date D, with the campaign's first send and click to
    the user as attributed as of its results_as_of_date
    (int_campaign_windows). int_campaign_impact_members adds what each did.

    - a targeted campaign (target_segment set): its audience is the
      segment's membership logged on the latest recorded date before the
      launch date (at most segments__campaign_audience_max_age_days before
      it): the contactable members outside the global control group.
      Members outside the segment's holdout who were sent the message are
      'treated', the holdout is 'control', and the others 'not_reached'
      (the export held them, the message never went); holdout members
      sent it anyway are 'control_messaged' (a leak);
    - a broadcast (no target_segment): its audience is every user signed
      up and contactable (marketing consent on the latest profile version)
      the day before the launch (int_campaign_impact_broadcast_audiences). Users sent the message outside the global
      control group are 'treated'; the global control group is 'control';
      global control members who were sent it are 'control_messaged' (a
      leak). But the global control group is held out of every campaign, and a
      targeted campaign whose window overlaps the broadcast's reaches the
      broadcast's treated group and never its control: its effect would be
      read as the broadcast's. So a broadcast's audience members who were
      in the audience of an overlapping targeted campaign (contactable
      members of its segment logged at its audience date, global control
      members included: the hash does not depend on the segment) are
      'other_campaign_audience', in neither group;
    - users sent the message who are not in its audience are
      'outside_audience' (the export and the log disagree, or no consent).
#}

{%- set max_age = smart_segments.number_var('segments__campaign_audience_max_age_days') | int %}

with

campaign_windows as (

    select * from {{ ref('int_campaign_windows') }}

),

memberships as (

    select * from {{ ref('fct_segment_membership') }}

),

recorded_dates as (

    select * from {{ ref('int_segment_recorded_dates') }}

),

eligible_broadcast_audiences as (

    select * from {{ ref('int_campaign_impact_broadcast_audiences') }}

),

erased_users as (

    select * from {{ ref('int_erased_users') }}

),

messages as (

    select * from {{ ref('int_user_campaign_messages') }}

),


measured_campaigns as (

    select * from campaign_windows
    where is_window_complete

),

targeted_audience_dates as (

    -- every targeted campaign's audience date (measured or running beside a
    -- measured broadcast): the latest recorded date before its launch date
    select
        campaign_windows.campaign_id,
        max(recorded_dates.as_of_date) as audience_as_of_date
    from campaign_windows
    inner join recorded_dates
        on
            campaign_windows.launch_date > recorded_dates.as_of_date
            and recorded_dates.as_of_date
            >= {{ smart_segments.days_before('campaign_windows.launch_date', max_age) }}
    where campaign_windows.target_segment is not null
    group by 1

),

messages_as_of as (

    -- one row per (user, campaign) attributed to the user as of the date the
    -- campaign's results are measured as of
    select
        messages.user_id,
        messages.campaign_id,
        min(messages.first_sent_date) as first_sent_date,
        min(messages.first_clicked_date) as first_clicked_date
    from messages
    inner join measured_campaigns
        on
            messages.campaign_id = measured_campaigns.campaign_id
            and {{ smart_segments.is_attributed_as_of('messages', 'measured_campaigns.results_as_of_date') }}
    group by 1, 2

),

targeted_audiences as (

    select
        measured_campaigns.campaign_id,
        memberships.user_id,
        targeted_audience_dates.audience_as_of_date,
        {{ smart_segments.campaign_impact_group('memberships.is_holdout', 'messages_as_of.first_sent_date') }}
            as impact_group
    from measured_campaigns
    inner join targeted_audience_dates
        on measured_campaigns.campaign_id = targeted_audience_dates.campaign_id
    inner join memberships
        on
            targeted_audience_dates.audience_as_of_date = memberships.as_of_date
            and measured_campaigns.target_segment = memberships.segment_name
    left join messages_as_of
        on
            measured_campaigns.campaign_id = messages_as_of.campaign_id
            and memberships.user_id = messages_as_of.user_id
    where
        memberships.is_contactable
        and not {{ smart_segments.is_global_control('memberships.user_id') }}

),

broadcast_eve as (

    select
        campaign_id,
        {{ smart_segments.days_before('launch_date', 1) }} as audience_as_of_date
    from measured_campaigns
    where target_segment is null

),

overlapping_targeted_campaigns as (

    -- per measured broadcast, the targeted campaigns whose window overlaps its own
    select
        broadcasts.campaign_id as broadcast_id,
        targeted.campaign_id,
        targeted.target_segment
    from measured_campaigns as broadcasts
    inner join campaign_windows as targeted
        on
            broadcasts.window_end_date >= targeted.launch_date
            and broadcasts.launch_date <= targeted.window_end_date
            and targeted.target_segment is not null
    where broadcasts.target_segment is null

),

other_campaign_audiences as (

    select distinct
        overlapping_targeted_campaigns.broadcast_id as campaign_id,
        memberships.user_id
    from overlapping_targeted_campaigns
    inner join targeted_audience_dates
        on overlapping_targeted_campaigns.campaign_id = targeted_audience_dates.campaign_id
    inner join memberships
        on
            targeted_audience_dates.audience_as_of_date = memberships.as_of_date
            and overlapping_targeted_campaigns.target_segment = memberships.segment_name
    where memberships.is_contactable

),

broadcast_audiences as (

    select
        eligible.campaign_id,
        eligible.user_id,
        eligible.audience_as_of_date,
        case
            when other_campaign_audiences.user_id is not null then 'other_campaign_audience'
            else {{ smart_segments.campaign_impact_group(
                smart_segments.is_global_control('eligible.user_id'), 'messages_as_of.first_sent_date') }}
        end as impact_group
    from eligible_broadcast_audiences as eligible
    left join messages_as_of
        on
            eligible.campaign_id = messages_as_of.campaign_id
            and eligible.user_id = messages_as_of.user_id
    left join other_campaign_audiences
        on
            eligible.campaign_id = other_campaign_audiences.campaign_id
            and eligible.user_id = other_campaign_audiences.user_id

),

audience_rows as (

    select * from targeted_audiences
    union all
    select * from broadcast_audiences

),

messaged_outside_audience as (

    -- sent the message but not in the audience: for a targeted campaign,
    -- no logged member at the audience date (or not contactable, or in the
    -- global control group); for a broadcast, not contactable the day before
    select
        messages_as_of.campaign_id,
        messages_as_of.user_id,
        coalesce(targeted_audience_dates.audience_as_of_date, broadcast_eve.audience_as_of_date)
            as audience_as_of_date,
        'outside_audience' as impact_group
    from messages_as_of
    inner join measured_campaigns
        on messages_as_of.campaign_id = measured_campaigns.campaign_id
    left join targeted_audience_dates
        on messages_as_of.campaign_id = targeted_audience_dates.campaign_id
    left join broadcast_eve
        on messages_as_of.campaign_id = broadcast_eve.campaign_id
    left join audience_rows
        on
            messages_as_of.campaign_id = audience_rows.campaign_id
            and messages_as_of.user_id = audience_rows.user_id
    left join erased_users
        on messages_as_of.user_id = erased_users.user_id
    where
        messages_as_of.first_sent_date is not null
        and audience_rows.user_id is null
        and erased_users.user_id is null
        and coalesce(targeted_audience_dates.audience_as_of_date, broadcast_eve.audience_as_of_date) is not null

),

audiences as (

    select * from audience_rows
    union all
    select * from messaged_outside_audience

),

final as (

    select
        audiences.campaign_id,
        audiences.user_id,
        audiences.impact_group,
        audiences.audience_as_of_date,
        messages_as_of.first_sent_date,
        messages_as_of.first_clicked_date
    from audiences
    left join messages_as_of
        on
            audiences.campaign_id = messages_as_of.campaign_id
            and audiences.user_id = messages_as_of.user_id

)

select * from final
