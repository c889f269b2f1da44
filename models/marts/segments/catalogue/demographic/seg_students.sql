{% call smart_segments.segment_rule() %}
    life_stage = 'student'
{% endcall %}
