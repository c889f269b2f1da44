{% call smart_segments.segment_rule() %}
    orders_lifetime >= {{ var('segments__lapsing_min_orders') }}
    and days_since_last_seen between {{ var('segments__lapsing_min_days_since_seen') }} and {{ var('segments__lapsing_max_days_since_seen') }}
{% endcall %}
