{% call smart_segments.segment_rule() %}
    is_eu
{% endcall %}
