{#
    Fails with every row for which the boolean SQL expression is not true.
    Usage: - expression_is_true: {arguments: {expression: "revenue_usd >= 0"}}
#}
{% test expression_is_true(model, expression, column_name=none) %}
    {{ smart_segments.rows_where_not(model, expression) }}
{% endtest %}
