{% call smart_segments.segment_rule() %}
    rfm_segment = 'recent_customers'
{% endcall %}
