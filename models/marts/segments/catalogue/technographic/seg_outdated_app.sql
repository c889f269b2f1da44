{% call smart_segments.segment_rule() %}
    primary_platform in ('ios', 'android')
    and (
        is_app_major_version_behind
        or app_minor_versions_behind >= {{ var('segments__outdated_app_min_minor_versions_behind') }}
    )
{% endcall %}
