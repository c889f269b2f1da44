{% call smart_segments.segment_rule() %}
    {{ smart_segments.in_last_days(
        'cast(last_add_to_cart_at as date)', 'as_of_date', var('segments__cart_abandonment_days')) }}
    and (last_order_at is null or last_order_at < last_add_to_cart_at)
{% endcall %}
