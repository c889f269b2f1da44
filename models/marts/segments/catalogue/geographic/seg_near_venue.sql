{#
    Users whose home lies within segments__venue_radius_km (default 25 km)
    of the venue (segments__venue_latitude / segments__venue_longitude).
#}

{% call smart_segments.segment_rule() %}
    distance_to_venue_km <= {{ var('segments__venue_radius_km') }}
{% endcall %}
