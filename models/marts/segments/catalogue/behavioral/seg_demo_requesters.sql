{% call smart_segments.segment_rule() %}
    {{ smart_segments.in_last_days(
        'cast(last_demo_request_at as date)', 'as_of_date', var('segments__demo_request_days')) }}
    and not is_ever_paid
{% endcall %}
