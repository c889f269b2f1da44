{#
    A double rounded to a decimal(precision, scale), by its exact binary
    value, as DuckDB's cast rounds. Spark's cast rounds the double's
    shortest decimal text instead: 39.9969 / 2 is 19.998449999999998 in
    binary, 19.9984 on DuckDB, 19.9985 on Spark. There, the double is
    scaled and rounded as a double (round() takes its exact value), then
    made the decimal.
    Usage: {{ smart_segments.double_to_decimal('revenue / orders', 18, 4) }}
#}
{% macro double_to_decimal(expression, precision, scale) -%}
    {{ return(adapter.dispatch('double_to_decimal', 'smart_segments')(expression, precision, scale)) }}
{%- endmacro %}

{% macro default__double_to_decimal(expression, precision, scale) -%}
    cast({{ expression }} as decimal({{ precision }}, {{ scale }}))
{%- endmacro %}

{% macro spark__double_to_decimal(expression, precision, scale) -%}
    cast(
        cast(round(({{ expression }}) * {{ 10 ** scale }}) as decimal(38, 0)) / {{ 10 ** scale }}
        as decimal({{ precision }}, {{ scale }})
    )
{%- endmacro %}
