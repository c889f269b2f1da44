{% call smart_segments.segment_rule() %}
    current_plan = 'basic'
    and {{ smart_segments.in_top_share(
        'upgrade_propensity_rank', 'upgrade_scored_users', var('segments__likely_to_upgrade_top_share')) }}
{% endcall %}
