{% call smart_segments.segment_rule() %}
    {{ smart_segments.in_last_days('cast(last_order_at as date)', 'as_of_date', var('segments__recent_buyer_days')) }}
{% endcall %}
