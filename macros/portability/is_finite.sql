{#
    True when a double is a number (not NaN, not infinite), null when it is
    null: DuckDB's isfinite(); Spark has none.
#}
{% macro is_finite(expression) -%}
    {{ return(adapter.dispatch('is_finite', 'smart_segments')(expression)) }}
{%- endmacro %}

{% macro default__is_finite(expression) -%}
    isfinite({{ expression }})
{%- endmacro %}

{% macro spark__is_finite(expression) -%}
    not (isnan({{ expression }}) or abs({{ expression }}) = double('infinity'))
{%- endmacro %}
