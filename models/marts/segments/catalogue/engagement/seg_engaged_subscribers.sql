{#
    Subscribers who read: at least 3 messages delivered in the last 30 days
    and an open rate of at least 0.5 (segments__engaged_*).
#}

{% call smart_segments.segment_rule() %}
    messages_delivered_30d >= {{ var('segments__engaged_min_messages_delivered') }}
    and open_rate_30d >= {{ var('segments__engaged_min_open_rate') }}
{% endcall %}
