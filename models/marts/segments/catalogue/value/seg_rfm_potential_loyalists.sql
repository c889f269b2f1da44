{% call smart_segments.segment_rule() %}
    rfm_segment = 'potential_loyalists'
{% endcall %}
