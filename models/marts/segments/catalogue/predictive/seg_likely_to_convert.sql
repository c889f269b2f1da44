{% call smart_segments.segment_rule() %}
    current_plan = 'free'
    and not is_ever_paid
    and {{ smart_segments.in_top_share(
        'conversion_propensity_rank', 'conversion_scored_users', var('segments__likely_to_convert_top_share')) }}
{% endcall %}
