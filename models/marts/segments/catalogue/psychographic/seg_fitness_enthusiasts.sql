{% call smart_segments.segment_rule() %}
    ';' || coalesce(interests, '') || ';' like '%;fitness;%'
    or fitness_content_views_90d >= {{ var('segments__fitness_min_content_views_90d') }}
{% endcall %}
