{#
    The high_value condition, shared by seg_high_value and seg_vip_not_reached:
    a customer (at least one order) whose revenue_365d_usd rank falls in the
    top `share` of customers. Callers pass var('segments__high_value_top_share'),
    so the var shows in their rule (segment_models() checks the rule text
    against the vars a condition reads).
#}
{% macro is_high_value(share) -%}
    (orders_lifetime > 0
        and {{ smart_segments.in_top_share('revenue_365d_customer_rank', 'customer_count', share) }})
{%- endmacro %}
