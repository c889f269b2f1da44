{#
    Users whose primary platform (most activity events in the last 90 days)
    is Android.
#}

{% call smart_segments.segment_rule() %}
    primary_platform = 'android'
{% endcall %}
