{#
    Free users who never paid, in the top 20% of such users by
    conversion_propensity (probability of a first subscription_started in
    the next 30 days; ties by user_id; share:
    segments__likely_to_convert_top_share).
#}

{% call smart_segments.segment_rule() %}
    current_plan = 'free'
    and not is_ever_paid
    and {{ smart_segments.in_top_share(
        'conversion_propensity_rank', 'conversion_scored_users', var('segments__likely_to_convert_top_share')) }}
{% endcall %}
