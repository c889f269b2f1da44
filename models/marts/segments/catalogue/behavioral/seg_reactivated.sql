{#
    Users back after a break: active in the last 7 days, inactive in the 30
    days before those, and first seen before that (windows:
    segments__reactivated_recent_days, segments__reactivated_lapse_days).
#}

{% call smart_segments.segment_rule() %}
    recent_window_active_days > 0
    and lapse_window_active_days = 0
    and cast(first_seen_at as date) <= {{ smart_segments.days_before(
        'as_of_date', var('segments__reactivated_recent_days') + var('segments__reactivated_lapse_days')) }}
{% endcall %}
