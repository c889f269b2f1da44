{% call smart_segments.segment_rule() %}
    {{ smart_segments.in_last_days(
        'cast(last_content_download_at as date)', 'as_of_date', var('segments__white_paper_download_days')) }}
    and (last_demo_request_at is null or last_demo_request_at < last_content_download_at)
    and (last_order_at is null or last_order_at < last_content_download_at)
{% endcall %}
