{#
    Every campaign's window as of the current as_of_date D: the launch
    date, the last day of the window (launch date +
    segments__campaign_window_days - 1) and whether the window has ended
    by D (only then is a campaign measured), and the date its results are
    measured as of: D, or the window's last day + segments__campaign_result_grace_days
    once that has passed (the campaign is final: its figures stop moving
    with later builds). One row per campaign; a
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

final as (

    select
        *,
        coalesce(window_end_date <= as_of_date, false) as is_window_complete,
        coalesce({{ smart_segments.days_before('window_end_date', -grace) }} <= as_of_date, false) as is_final,
        least(as_of_date, {{ smart_segments.days_before('window_end_date', -grace) }}) as results_as_of_date
    from windows

)

select * from final
