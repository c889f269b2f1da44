{% call smart_segments.segment_rule() %}
    orders_lifetime >= {{ var('segments__churn_risk_min_orders') }}
    and probability_alive < {{ var('segments__churn_risk_max_probability_alive') }}
{% endcall %}
