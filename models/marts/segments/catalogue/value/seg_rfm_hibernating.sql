{% call smart_segments.segment_rule() %}
    rfm_segment = 'hibernating'
{% endcall %}
