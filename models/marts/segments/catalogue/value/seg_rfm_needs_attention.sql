{% call smart_segments.segment_rule() %}
    rfm_segment = 'needs_attention'
{% endcall %}
