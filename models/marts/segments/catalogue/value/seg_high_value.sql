{% call smart_segments.segment_rule() %}
    {{ smart_segments.is_high_value(var('segments__high_value_top_share')) }}
{% endcall %}
