{#
    Users who said fitness is an interest, or viewed at least 5 fitness
    pages or screens in the last 90 days
    (segments__fitness_min_content_views_90d).
#}

{% call smart_segments.segment_rule() %}
    ';' || coalesce(interests, '') || ';' like '%;fitness;%'
    or fitness_content_views_90d >= {{ var('segments__fitness_min_content_views_90d') }}
{% endcall %}
