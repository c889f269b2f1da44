{#
    Repeat customers drifting away: at least 2 orders ever, last seen 30 to
    89 days ago (segments__lapsing_*).
#}

{% call smart_segments.segment_rule() %}
    orders_lifetime >= {{ var('segments__lapsing_min_orders') }}
    and days_since_last_seen between {{ var('segments__lapsing_min_days_since_seen') }} and {{ var('segments__lapsing_max_days_since_seen') }}
{% endcall %}
