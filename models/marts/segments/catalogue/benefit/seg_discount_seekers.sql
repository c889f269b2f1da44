{#
    Customers who buy on coupons: at least 3 orders in 365 days, at least
    half of them with a coupon (segments__discount_*).
#}

{% call smart_segments.segment_rule() %}
    orders_365d >= {{ var('segments__discount_min_orders_365d') }}
    and coupon_order_share_365d >= {{ var('segments__discount_min_coupon_order_share') }}
{% endcall %}
