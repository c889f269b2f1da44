{% call smart_segments.segment_rule() %}
    active_days_7d >= {{ var('segments__active_users_min_active_days') }}
{% endcall %}
