{#
    Best customers the latest important campaign missed: members of
    high_value or rfm_champions with no message_delivered of the most
    recently launched important campaign (launched on or before the as-of
    date; ties: the greatest campaign_id). Empty while no important campaign
    has launched.
#}

{% call smart_segments.segment_rule() %}
    ({{ smart_segments.is_high_value() }} or rfm_segment = 'champions')
    and latest_important_campaign_id is not null
    and not has_received_latest_important_campaign
{% endcall %}
