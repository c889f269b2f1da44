{#
    Who each campaign reached and who it held back, and what they did in
    the campaign window. One row per (campaign_id, user_id) of
    int_campaign_impact_audiences (its header has the audience rules).

    assigned_group is the intention-to-treat group: 'treated' for every
    audience member outside the control group, reached or not ('treated'
    and 'not_reached'), 'control' for the whole control group, a member
    messaged by mistake included ('control' and 'control_messaged');
    is_reached says who was sent the campaign. Users outside the audience,
    and a broadcast's members of an overlapping targeted campaign's
    audience, have no assigned group.

    The covariates of CUPED: each member's orders, revenue, conversion and
    product activity in the same number of days before the launch date
    (the window's length).

    Outcomes from the launch date to the window's end, as of the
    campaign's results_as_of_date (int_campaign_windows: D, or the day its
    results became final; events and identities as attributed then,
    profile versions updated by then): orders, revenue, conversion, product
    activity (macro product_activity_events) in the window and in the
    segments__reactivated_lapse_days before it, sign-up in the
    segments__new_signup_days before it, the last NPS answer and a click on
    the message. (The predicted CLV, a prediction as of D that moves with
    every build, is joined by int_campaign_impact_measures.)

    Incremental: everything a campaign's rows read is as known at its
    results date, so once its results are final (results_as_of_date =
    final_date) its rows are kept, not recomputed, while its launch,
    window, final date and audience date stay the same; erased users' rows
    are deleted (macro campaign_impact_members_pre_hook). A nightly run
    computes only the campaigns still measuring.

    Written in batches of users, one statement each, like
    int_customer_activity_as_of (macro user_write_batch_count, one batch
    per segments__activity_rows_per_write rows of int_user_daily_activity):
    a member's row reads only that user's rows. Every input is filtered to
    the batch's users; this select writes batch 0, the post-hook the
    others. The campaigns kept by the pre-hook are read once, before batch
    0 is written (macro campaign_impact_kept_campaigns).
#}

{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook=[
            "{{ smart_segments.campaign_impact_members_pre_hook() }}",
            "{{ smart_segments.remember_kept_campaigns() }}",
            "{{ smart_segments.user_write_batches_pre_hook() }}",
        ],
        post_hook=[
            "{{ smart_segments.user_write_batches_post_hook(
                ref('int_user_daily_activity'), 'segments__activity_rows_per_write') }}",
            "{{ smart_segments.remember_kept_campaigns(remember=false) }}",
        ],
    )
}}

-- depends_on: {{ ref('int_as_of_dates') }} (erased users, in the pre-hook)
{%- set lapse = var('segments__reactivated_lapse_days') | int %}
{%- set new_days = var('segments__new_signup_days') | int %}
{%- set window = smart_segments.number_var('segments__campaign_window_days') | int %}
{%- set reach_back = [window, lapse] | max %}
{%- set batch_count = smart_segments.user_write_batch_count(
    ref('int_user_daily_activity'), 'segments__activity_rows_per_write') %}
{%- set before_window -%}
    daily_activity.event_date < audience_windows.launch_date
    and daily_activity.event_date >= {{ smart_segments.days_before('audience_windows.launch_date', window) }}
{%- endset %}

with

audiences as (

    select * from {{ ref('int_campaign_impact_audiences') }}
    where {{ smart_segments.in_user_write_batch('user_id', batch_count) }}

),

campaign_windows as (

    select * from {{ ref('int_campaign_windows') }}

),

profile_versions as (

    select * from {{ ref('stg_raw__profile_versions') }}
    where {{ smart_segments.in_user_write_batch('user_id', batch_count) }}

),

daily_activity as (

    select * from {{ ref('int_user_daily_activity') }}
    where {{ smart_segments.in_user_write_batch('user_id', batch_count) }}

),

events as (

    select * from {{ ref('stg_raw__events') }}

),

audience_windows as (

    select
        audiences.campaign_id,
        audiences.user_id,
        audiences.impact_group,
        audiences.audience_as_of_date,
        audiences.first_sent_date,
        audiences.first_clicked_date,
        campaign_windows.launch_date,
        campaign_windows.window_end_date,
        campaign_windows.results_as_of_date,
        campaign_windows.final_date
    from audiences
    inner join campaign_windows
        on audiences.campaign_id = campaign_windows.campaign_id
    {%- if is_incremental() %}
        -- the pre-hook kept the rows of final campaigns: compute the others
        where audiences.campaign_id not in ({{ smart_segments.campaign_impact_kept_campaigns() }})
    {%- endif %}

),

activity as (

    select
        audience_windows.campaign_id,
        audience_windows.user_id,
        sum(case when daily_activity.event_date >= audience_windows.launch_date then daily_activity.orders end)
            as orders,
        sum(case when daily_activity.event_date >= audience_windows.launch_date then daily_activity.revenue_usd end)
            as revenue_usd,
        sum(
            case
                when daily_activity.event_date >= audience_windows.launch_date then daily_activity.subscriptions_started
            end
        ) as subscriptions_started,
        sum(
            case
                when daily_activity.event_date >= audience_windows.launch_date
                    then {{ smart_segments.product_activity_events('daily_activity') }}
            end
        ) as product_activity_events,
        sum(
            case
                when
                    daily_activity.event_date < audience_windows.launch_date
                    and daily_activity.event_date
                    >= {{ smart_segments.days_before('audience_windows.launch_date', lapse) }}
                    then {{ smart_segments.product_activity_events('daily_activity') }}
            end
        ) as product_activity_events_before_launch,
        -- the CUPED covariates: the window's length before the launch date
        sum(case when {{ before_window }} then daily_activity.orders end) as orders_before_window,
        sum(case when {{ before_window }} then daily_activity.revenue_usd end) as revenue_usd_before_window,
        sum(case when {{ before_window }} then daily_activity.subscriptions_started end)
            as subscriptions_started_before_window,
        sum(
            case when {{ before_window }} then {{ smart_segments.product_activity_events('daily_activity') }} end
        ) as product_activity_events_before_window
    from audience_windows
    inner join daily_activity
        on
            audience_windows.user_id = daily_activity.user_id
            and {{ smart_segments.days_before('audience_windows.launch_date', reach_back) }}
            <= daily_activity.event_date
            and audience_windows.window_end_date >= daily_activity.event_date
            and {{ smart_segments.is_attributed_as_of('daily_activity', 'audience_windows.results_as_of_date') }}
    group by 1, 2

),

survey_answers as (

    select
        user_id,
        event_at,
        event_date,
        known_date,
        nps_score
    from events
    where
        event_name = 'survey_answered'
        and user_id is not null
        and {{ smart_segments.in_user_write_batch('user_id', batch_count) }}

),

last_answers as (

    select
        audience_windows.campaign_id,
        audience_windows.user_id,
        survey_answers.nps_score
    from audience_windows
    inner join survey_answers
        on
            audience_windows.user_id = survey_answers.user_id
            and survey_answers.event_date between audience_windows.launch_date and audience_windows.window_end_date
            -- as known at the results date, like the activity above
            and audience_windows.results_as_of_date >= survey_answers.known_date
    qualify row_number() over (
        partition by audience_windows.campaign_id, audience_windows.user_id
        order by survey_answers.event_at desc
    ) = 1

),

-- the profile as of the results date (macro profile_versions_as_of, as
-- int_customer_profiles_as_of reads it): a later correction is not seen
versions_at_results as (

    {{ smart_segments.profile_versions_as_of(
        'profile_versions', 'audience_windows', 'results_as_of_date', ['campaign_id'], per_user=true) }}

),

signups as (

    select
        campaign_id,
        user_id,
        signup_at
    from versions_at_results

),

members as (

    select
        audience_windows.campaign_id,
        audience_windows.user_id,
        audience_windows.impact_group,
        case
            when audience_windows.impact_group in ('treated', 'not_reached') then 'treated'
            when audience_windows.impact_group in ('control', 'control_messaged') then 'control'
        end as assigned_group,
        audience_windows.first_sent_date is not null as is_reached,
        audience_windows.audience_as_of_date,
        audience_windows.launch_date,
        audience_windows.window_end_date,
        cast(coalesce(activity.orders, 0) as bigint) as orders,
        cast(coalesce(activity.revenue_usd, 0) as double) as revenue_usd,
        {{ smart_segments.is_converted('activity.orders', 'activity.subscriptions_started') }} as is_converted,
        coalesce(activity.product_activity_events, 0) > 0 as is_active_in_window,
        coalesce(activity.product_activity_events_before_launch, 0) = 0 as is_inactive_at_launch,
        coalesce(
            cast(signups.signup_at as date)
            > {{ smart_segments.days_before('audience_windows.launch_date', new_days + 1) }},
            false
        ) as is_new_user,
        last_answers.nps_score,
        coalesce(
            audience_windows.first_clicked_date
            between audience_windows.launch_date and audience_windows.window_end_date,
            false
        ) as has_clicked,
        cast(coalesce(activity.orders_before_window, 0) as bigint) as orders_before_window,
        cast(coalesce(activity.revenue_usd_before_window, 0) as double) as revenue_usd_before_window,
        {{ smart_segments.is_converted(
            'activity.orders_before_window', 'activity.subscriptions_started_before_window') }}
            as is_converted_before_window,
        coalesce(activity.product_activity_events_before_window, 0) > 0 as is_active_before_window,
        audience_windows.results_as_of_date,
        audience_windows.final_date
    from audience_windows
    left join activity
        on
            audience_windows.campaign_id = activity.campaign_id
            and audience_windows.user_id = activity.user_id
    left join last_answers
        on
            audience_windows.campaign_id = last_answers.campaign_id
            and audience_windows.user_id = last_answers.user_id
    left join signups
        on
            audience_windows.campaign_id = signups.campaign_id
            and audience_windows.user_id = signups.user_id

)

select * from members
