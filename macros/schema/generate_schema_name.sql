{#
    Schemas are plain names (staging, intermediate, marts), never prefixed
    with the target schema: other tools query marts.dim_customers directly.
#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
