{% call smart_segments.segment_rule() %}
    rfm_segment = 'about_to_sleep'
{% endcall %}
