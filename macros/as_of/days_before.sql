{#
    The date `days` days before a date expression, as a date. `days` may be
    a number or a SQL expression (a column).
#}
{% macro days_before(date_expression, days) -%}
    cast({{ dbt.dateadd('day', '-1 * (' ~ days ~ ')', date_expression) }} as date)
{%- endmacro %}
