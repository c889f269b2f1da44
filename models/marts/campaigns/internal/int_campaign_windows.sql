{#
    Every campaign's window as of the current as_of_date D: the launch
    date, the last day of the window (launch date +
    segments__campaign_window_days - 1) and whether the window has ended
    by D (only then is a campaign measured), the date its outcomes are
    measured as of (D, or the window's last day + segments__campaign_result_grace_days
    once that has passed), and its multiple-testing family: itself for a
    targeted campaign; for a broadcast, every broadcast launched in the
    same month (they share the global control group, and one unlucky draw
    of it moves them together). A campaign is final once every campaign of
    its family has passed its grace: its figures, q-values included, stop
    moving with later builds. One row per campaign; a
    campaign whose launched_at staging could not use (out of range, kept
    and flagged) has no dates and is never measured.
#}

{%- set window = smart_segments.number_var('segments__campaign_window_days') | int %}
{%- set grace = smart_segments.number_var('segments__campaign_result_grace_days') | int %}

with

campaigns as (

    select * from {{ ref('stg_raw__campaigns') }}

),

as_of_dates as (

    select * from {{ ref('int_as_of_dates') }}

),

current_as_of_date as (

    {{ smart_segments.current_as_of_date('as_of_dates') }}

),

windows as (

    select
        campaigns.campaign_id,
        campaigns.target_segment,
        cast(campaigns.launched_at as date) as launch_date,
        {{ smart_segments.days_before('cast(campaigns.launched_at as date)', -(window - 1)) }} as window_end_date,
        current_as_of_date.as_of_date
    from campaigns
    cross join current_as_of_date

),

families as (

    -- a targeted campaign is a multiple-testing family of its own; broadcasts
    -- share one control (the global control group), so those launched in the
    -- same month are one family, final once all of them are
    select
        *,
        {{ smart_segments.days_before('window_end_date', -grace) }} as final_date,
        case
            when target_segment is null and launch_date is not null
                then 'broadcasts launched in ' || cast(cast(date_trunc('month', launch_date) as date) as string)
            else campaign_id
        end as test_family
    from windows

),

final as (

    select
        campaign_id,
        target_segment,
        launch_date,
        window_end_date,
        as_of_date,
        coalesce(window_end_date <= as_of_date, false) as is_window_complete,
        coalesce(max(final_date) over (partition by test_family) <= as_of_date, false) as is_final,
        final_date,
        least(as_of_date, final_date) as results_as_of_date,
        test_family
    from families

)

select * from final
