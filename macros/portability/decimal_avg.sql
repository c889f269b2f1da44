{#
    Aggregate: the mean of a decimal column as a double. DuckDB's avg() of
    a decimal is a double already; Spark's is a decimal rounded to 6 places
    (4 more than money's 2), which moves a mean by up to 5e-7 and a
    likelihood fit on it by more: there, the exact decimal sum as a double,
    over the count.
    Usage: {{ smart_segments.decimal_avg('revenue_usd') }}
#}
{% macro decimal_avg(expression) -%}
    {{ return(adapter.dispatch('decimal_avg', 'smart_segments')(expression)) }}
{%- endmacro %}

{% macro default__decimal_avg(expression) -%}
    cast(avg({{ expression }}) as double)
{%- endmacro %}

{% macro spark__decimal_avg(expression) -%}
    cast(sum({{ expression }}) as double) / count({{ expression }})
{%- endmacro %}
