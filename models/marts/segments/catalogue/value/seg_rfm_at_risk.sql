{% call smart_segments.segment_rule() %}
    rfm_segment = 'at_risk'
{% endcall %}
