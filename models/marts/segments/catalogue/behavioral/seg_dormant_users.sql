{% call smart_segments.segment_rule() %}
    days_since_last_seen >= {{ var('segments__dormant_days') }}
    or (last_seen_at is null and tenure_days >= {{ var('segments__dormant_days') }})
{% endcall %}
