{% call smart_segments.segment_rule() %}
    current_plan = 'premium'
    or {{ smart_segments.in_top_share(
        'avg_order_value_customer_rank',
        'customers_with_avg_order_value_count',
        var('segments__premium_top_avg_order_value_share')) }}
{% endcall %}
