{#
    The high_value condition, shared by seg_high_value and seg_vip_not_reached:
    a customer (at least one order) whose revenue_365d_usd rank falls in the
    top segments__high_value_top_share of customers.
#}
{% macro is_high_value() -%}
    (orders_lifetime > 0
        and {{ smart_segments.in_top_share('revenue_365d_customer_rank', 'customer_count', var('segments__high_value_top_share')) }})
{%- endmacro %}
