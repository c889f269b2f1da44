{% call smart_segments.segment_rule() %}
    rfm_segment = 'loyal_customers'
{% endcall %}
