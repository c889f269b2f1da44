{#
    Basic subscribers in the top 20% of basic subscribers by
    upgrade_propensity (probability of a subscription_upgraded in the next
    30 days; ties by user_id; share: segments__likely_to_upgrade_top_share).
#}

{% call smart_segments.segment_rule() %}
    current_plan = 'basic'
    and {{ smart_segments.in_top_share(
        'upgrade_propensity_rank', 'upgrade_scored_users', var('segments__likely_to_upgrade_top_share')) }}
{% endcall %}
