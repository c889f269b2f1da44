{% call smart_segments.segment_rule() %}
    ({{ smart_segments.is_high_value(var('segments__high_value_top_share')) }} or rfm_segment = 'champions')
    and latest_important_campaign_id is not null
    and not has_received_latest_important_campaign
{% endcall %}
