{#
    Mobile users on an old app: primary platform ios or android, and the
    latest app_version at least 2 minor versions behind the newest
    app_version seen on that platform in the last 90 days (an older major
    version counts as behind;
    segments__outdated_app_min_minor_versions_behind).
#}

{% call smart_segments.segment_rule() %}
    primary_platform in ('ios', 'android')
    and (
        is_app_major_version_behind
        or app_minor_versions_behind >= {{ var('segments__outdated_app_min_minor_versions_behind') }}
    )
{% endcall %}
