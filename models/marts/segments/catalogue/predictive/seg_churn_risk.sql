{#
    Repeat customers the BG/NBD model thinks have probably left: at least 2
    orders ever and probability_alive below 0.3
    (segments__churn_risk_min_orders, segments__churn_risk_max_probability_alive).
#}

{% call smart_segments.segment_rule() %}
    orders_lifetime >= {{ var('segments__churn_risk_min_orders') }}
    and probability_alive < {{ var('segments__churn_risk_max_probability_alive') }}
{% endcall %}
