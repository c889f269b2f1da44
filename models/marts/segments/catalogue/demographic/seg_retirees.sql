{% call smart_segments.segment_rule() %}
    life_stage = 'retired' or age >= {{ var('segments__retiree_min_age') }}
{% endcall %}
