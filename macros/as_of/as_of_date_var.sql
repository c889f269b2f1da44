{#
    The as_of_date var, checked: none when not set (models then use the
    latest event date), else the YYYY-MM-DD string. Anything else fails at
    compile time with a message naming the var and the value.
#}
{% macro as_of_date_var() -%}
    {%- set value = var('as_of_date', none) -%}
    {%- if value is none or (value is string and value | trim == '') -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set text = value | string | trim -%}
    {%- set problem = none -%}
    {%- if not modules.re.fullmatch('[0-9]{4}-[0-9]{2}-[0-9]{2}', text) -%}
        {%- set problem = 'it is not in the form YYYY-MM-DD' -%}
    {%- elif not smart_segments.is_calendar_date(text) -%}
        {%- set problem = 'there is no such calendar date' -%}
    {%- endif -%}
    {%- if problem is not none -%}
        {{ exceptions.raise_compiler_error(
            "Invalid dbt var as_of_date: '" ~ value ~ "' (" ~ problem
            ~ "). Pass a date as YYYY-MM-DD, e.g. --vars '{as_of_date: 2026-06-30}', or leave it "
            ~ "unset to use the latest event date.") }}
    {%- endif -%}
    {{ return(text) }}
{%- endmacro %}
