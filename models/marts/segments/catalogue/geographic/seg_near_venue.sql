{% call smart_segments.segment_rule() %}
    distance_to_venue_km <= {{ var('segments__venue_radius_km') }}
{% endcall %}
