{% call smart_segments.segment_rule() %}
    rfm_segment = 'cant_lose_them'
{% endcall %}
