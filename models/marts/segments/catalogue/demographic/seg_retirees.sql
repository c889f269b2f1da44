{#
    Users whose life_stage is retired, or aged 65 or more
    (segments__retiree_min_age).
#}

{% call smart_segments.segment_rule() %}
    life_stage = 'retired' or age >= {{ var('segments__retiree_min_age') }}
{% endcall %}
