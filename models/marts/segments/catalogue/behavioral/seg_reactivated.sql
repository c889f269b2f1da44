{% call smart_segments.segment_rule() %}
    recent_window_active_days > 0
    and lapse_window_active_days = 0
    and cast(first_seen_at as date) <= {{ smart_segments.days_before(
        'as_of_date', var('segments__reactivated_recent_days') + var('segments__reactivated_lapse_days')) }}
{% endcall %}
