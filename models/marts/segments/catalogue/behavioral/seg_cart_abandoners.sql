{#
    Users who added to cart in the last segments__cart_abandonment_days days
    (default 3) and have not ordered since their latest add_to_cart (an
    order at the same instant counts as ordering).
#}

{% call smart_segments.segment_rule() %}
    {{ smart_segments.in_last_days(
        'cast(last_add_to_cart_at as date)', 'as_of_date', var('segments__cart_abandonment_days')) }}
    and (last_order_at is null or last_order_at < last_add_to_cart_at)
{% endcall %}
