{#
    A text expression as an integer, null when it is not one (dbt's
    safe_cast is a plain cast on DuckDB). Dispatched: try_cast where the
    engine has it, a digits check on Postgres.
#}
{% macro try_cast_integer(expression) -%}
    {{ return(adapter.dispatch('try_cast_integer', 'smart_segments')(expression)) }}
{%- endmacro %}

{% macro default__try_cast_integer(expression) -%}
    try_cast({{ expression }} as integer)
{%- endmacro %}

{% macro postgres__try_cast_integer(expression) -%}
    case when {{ expression }} ~ '^[0-9]+$' then cast({{ expression }} as integer) end
{%- endmacro %}
