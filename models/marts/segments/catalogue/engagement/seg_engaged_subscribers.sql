{% call smart_segments.segment_rule() %}
    messages_delivered_30d >= {{ var('segments__engaged_min_messages_delivered') }}
    and open_rate_30d >= {{ var('segments__engaged_min_open_rate') }}
{% endcall %}
