{# A share as a percentage for messages: 1 -> '100%', 0.2534 -> '25.3%', 0.0004 -> '0.04%'. #}
{% macro percent(share) -%}
    {%- set value = share * 100 -%}
    {%- if value == value | round(0) -%}
        {{ return((value | int) ~ '%') }}
    {%- elif value >= 1 -%}
        {{ return('%.1f%%' | format(value)) }}
    {%- else -%}
        {{ return('%.2g%%' | format(value)) }}
    {%- endif -%}
{%- endmacro %}
