{#
    The project's one definition of a conversion over a period: an order
    or a subscription_started in it. `orders` and `subscriptions_started`
    are the period's counts (null read as none). Segment performance
    (int_user_window_outcomes) and campaign impact
    (int_campaign_impact_members) both read it.
#}
{% macro is_converted(orders, subscriptions_started) -%}
    (coalesce({{ orders }}, 0) > 0 or coalesce({{ subscriptions_started }}, 0) > 0)
{%- endmacro %}
