{#
    True when text is YYYY-MM-DD naming a real calendar date (2026-02-30
    is not one). Used to check date vars at compile time.
#}
{% macro is_calendar_date(text) -%}
    {%- if not modules.re.fullmatch('[0-9]{4}-[0-9]{2}-[0-9]{2}', text | string) -%}
        {{ return(false) }}
    {%- endif -%}
    {%- set year = text[0:4] | int -%}
    {%- set month = text[5:7] | int -%}
    {%- set day = text[8:10] | int -%}
    {%- set leap = (year % 4 == 0 and year % 100 != 0) or year % 400 == 0 -%}
    {%- set month_days = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] -%}
    {{ return(month >= 1 and month <= 12 and day >= 1 and day <= month_days[month - 1]) }}
{%- endmacro %}
