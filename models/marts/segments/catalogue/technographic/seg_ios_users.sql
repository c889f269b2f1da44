{% call smart_segments.segment_rule() %}
    primary_platform = 'ios'
{% endcall %}
