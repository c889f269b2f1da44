{#
    Users who pay for quality: on the premium plan, or with an average order
    value (365 days) in the top 20% of customers who have one (NTILE order,
    ties by user_id; segments__premium_top_avg_order_value_share).
#}

{% call smart_segments.segment_rule() %}
    current_plan = 'premium'
    or {{ smart_segments.in_top_share(
        'avg_order_value_customer_rank',
        'customers_with_avg_order_value_count',
        var('segments__premium_top_avg_order_value_share')) }}
{% endcall %}
