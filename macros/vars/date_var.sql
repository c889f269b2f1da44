{#
    A date dbt var, checked: YYYY-MM-DD naming a real calendar date
    (quoted or not: YAML turns an unquoted date into a date object), else
    the build fails at compile time with one line naming the var.
    Returns the YYYY-MM-DD text.
#}
{% macro date_var(name) -%}
    {%- set text = var(name) | string | trim -%}
    {%- if not smart_segments.is_calendar_date(text) -%}
        {{ exceptions.raise_compiler_error(
            "Invalid dbt var " ~ name ~ ": '" ~ var(name) ~ "' (a calendar date as YYYY-MM-DD, e.g. 2000-01-01)") }}
    {%- endif -%}
    {{ return(text) }}
{%- endmacro %}
