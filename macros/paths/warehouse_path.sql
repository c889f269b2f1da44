{#
    Where the target's warehouse is, absolute (see project_path): DuckDB's
    file; on Spark, the profile's schema under the Spark directory
    (SEGMENTS_SPARK_DIR, default data/spark: data/spark/smart_segments), so
    two Spark warehouses (two schemas) get folders of their own beside it
    and an activation folder knows which one wrote it; none on other engines.
#}
{% macro warehouse_path() -%}
    {%- if target.type == 'spark' -%}
        {{ return(smart_segments.project_path(env_var('SEGMENTS_SPARK_DIR', 'data/spark') ~ '/' ~ target.schema)) }}
    {%- endif -%}
    {%- if target.type != 'duckdb' -%}
        {{ return(none) }}
    {%- endif -%}
    {{ return(smart_segments.project_path(target.path)) }}
{%- endmacro %}
