{#
    Users whose profile life_stage is student.
#}

{% call smart_segments.segment_rule() %}
    life_stage = 'student'
{% endcall %}
