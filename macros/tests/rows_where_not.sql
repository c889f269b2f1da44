{# The rows of `relation` for which `expression` is false or null. #}
{% macro rows_where_not(relation, expression) -%}
    {%- if not expression or expression is not string -%}
        {{ exceptions.raise_compiler_error("rows_where_not: expression must be a SQL string, got " ~ expression) }}
    {%- endif -%}
    select *
    from {{ relation }}
    where not coalesce({{ expression }}, false)
{%- endmacro %}
