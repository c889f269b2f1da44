{% call smart_segments.segment_rule() %}
    orders_365d >= {{ var('segments__discount_min_orders_365d') }}
    and coupon_order_share_365d >= {{ var('segments__discount_min_coupon_order_share') }}
{% endcall %}
