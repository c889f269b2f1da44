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
    {%- else -%}
        {%- set year = text[0:4] | int -%}
        {%- set month = text[5:7] | int -%}
        {%- set day = text[8:10] | int -%}
        {%- set leap = (year % 4 == 0 and year % 100 != 0) or year % 400 == 0 -%}
        {%- set month_days = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] -%}
        {%- if month < 1 or month > 12 or day < 1 or day > month_days[month - 1] -%}
            {%- set problem = 'there is no such calendar date' -%}
        {%- endif -%}
    {%- endif -%}
    {%- if problem is not none -%}
        {{ exceptions.raise_compiler_error(
            "Invalid dbt var as_of_date: '" ~ value ~ "' (" ~ problem
            ~ "). Pass a date as YYYY-MM-DD, e.g. --vars '{as_of_date: 2026-06-30}', or leave it "
            ~ "unset to use the latest event date.") }}
    {%- endif -%}
    {{ return(text) }}
{%- endmacro %}
