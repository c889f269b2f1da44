{#
    Customers in the top 10% by revenue_365d_usd (NTILE(10) = 10 over
    customers, ties by user_id; share: segments__high_value_top_share).
#}

{% call smart_segments.segment_rule() %}
    {{ smart_segments.is_high_value() }}
{% endcall %}
