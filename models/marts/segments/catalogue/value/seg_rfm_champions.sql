{% call smart_segments.segment_rule() %}
    rfm_segment = 'champions'
{% endcall %}
