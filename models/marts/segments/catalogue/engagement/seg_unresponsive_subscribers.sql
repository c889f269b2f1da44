{#
    Subscribers who do not read: at least 5 messages delivered in the last
    30 days and none opened (segments__unresponsive_min_messages_delivered).
#}

{% call smart_segments.segment_rule() %}
    messages_delivered_30d >= {{ var('segments__unresponsive_min_messages_delivered') }}
    and messages_opened_30d = 0
{% endcall %}
