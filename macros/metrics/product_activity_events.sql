{#
    Events of a user-day of int_user_daily_activity (`relation_alias`) that
    show the user using the product: app opens, page and screen views,
    content downloads, demo requests, carts, orders and paid subscription
    events. Unlike activity_events, opening or clicking a message is not
    one: a campaign's effect on activity must not count the reading of the
    campaign itself (fct_campaign_impact).
#}
{% macro product_activity_events(relation_alias) -%}
    (
        {%- for column in ['app_opens', 'content_views', 'content_downloads', 'demo_requests',
            'add_to_carts', 'orders', 'paid_subscription_events'] %}
        coalesce({{ relation_alias }}.{{ column }}, 0){{ ' +' if not loop.last }}
        {%- endfor %}
    )
{%- endmacro %}
