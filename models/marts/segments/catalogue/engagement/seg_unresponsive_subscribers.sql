{% call smart_segments.segment_rule() %}
    messages_delivered_30d >= {{ var('segments__unresponsive_min_messages_delivered') }}
    and messages_opened_30d = 0
{% endcall %}
