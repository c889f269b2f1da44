{# The warehouse file of the target (DuckDB's path), absolute (see project_path); none on other engines. #}
{% macro warehouse_path() -%}
    {%- if target.type != 'duckdb' -%}
        {{ return(none) }}
    {%- endif -%}
    {{ return(smart_segments.project_path(target.path)) }}
{%- endmacro %}
