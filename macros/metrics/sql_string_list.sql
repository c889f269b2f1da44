{# Renders a list of strings as a SQL list of literals: ['a', 'b'] -> 'a', 'b'. #}
{% macro sql_string_list(values) -%}
    {%- if values is string or values | length == 0 -%}
        {{ exceptions.raise_compiler_error("sql_string_list: expected a non-empty list, got " ~ values) }}
    {%- endif -%}
    {%- for value in values -%}
        '{{ value | replace("'", "''") }}'{{ ", " if not loop.last }}
    {%- endfor -%}
{%- endmacro %}
