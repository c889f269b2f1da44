{#
    Schemas are plain names (staging, intermediate, marts), never prefixed
    with the target schema: other tools query marts.dim_customers directly.
    On Spark, whose metastore many projects share, they are prefixed with
    the profile's schema, as dbt does by default: smart_segments_marts,
    smart_segments_staging (and the raw source tables, smart_segments_raw).
#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {{ return(adapter.dispatch('generate_schema_name', 'smart_segments')(custom_schema_name, node)) }}
{%- endmacro %}

{% macro default__generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}

{% macro spark__generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ target.schema }}_{{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
