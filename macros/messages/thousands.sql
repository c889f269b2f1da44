{# A whole number with thousands separators, for messages: 69659 -> '69,659'. #}
{% macro thousands(number) -%}
    {{ return('{:,}'.format(number | int)) }}
{%- endmacro %}
