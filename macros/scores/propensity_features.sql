{#
    The features both propensity models use, as (name, SQL expression on
    int_customers_as_of) pairs: counts, money and day counts as ln(1 + x),
    so a few heavy users do not dominate. One list, read by the features
    model, the Python fit and the SQL scoring, so they cannot drift apart.
#}
{% macro propensity_features() -%}
    {{ return([
        {'name': 'log_active_days_7d', 'expression': 'ln(1 + active_days_7d)'},
        {'name': 'log_active_days_30d', 'expression': 'ln(1 + active_days_30d)'},
        {'name': 'log_active_days_90d', 'expression': 'ln(1 + active_days_90d)'},
        {'name': 'log_sessions_30d', 'expression': 'ln(1 + sessions_30d)'},
        {'name': 'log_days_since_last_seen', 'expression': 'ln(1 + coalesce(days_since_last_seen, tenure_days))'},
        {'name': 'log_tenure_days', 'expression': 'ln(1 + tenure_days)'},
        {'name': 'log_content_downloads', 'expression': 'ln(1 + content_downloads_lifetime)'},
        {'name': 'log_demo_requests', 'expression': 'ln(1 + demo_requests_lifetime)'},
        {'name': 'log_orders_lifetime', 'expression': 'ln(1 + orders_lifetime)'},
        {'name': 'log_revenue_365d_usd', 'expression': 'ln(1 + cast(revenue_365d_usd as double))'},
        {'name': 'log_messages_opened_30d', 'expression': 'ln(1 + messages_opened_30d)'},
        {'name': 'log_messages_clicked_30d', 'expression': 'ln(1 + messages_clicked_30d)'},
    ]) }}
{%- endmacro %}
