{#
    The materialization of the models that run incrementally by deleting
    the rows a run recomputes (a pre-hook's DELETE) and appending them
    again: `incremental` where tables take a DELETE (DuckDB), `table` on
    Spark's plain Parquet tables, which take none, so every Spark build
    computes them whole (the result an incremental run must equal).
    Usage: config(materialized=smart_segments.incremental_where_supported())
#}
{% macro incremental_where_supported() -%}
    {{ return(adapter.dispatch('incremental_where_supported', 'smart_segments')()) }}
{%- endmacro %}

{% macro default__incremental_where_supported() -%}
    {{ return('incremental') }}
{%- endmacro %}

{% macro spark__incremental_where_supported() -%}
    {{ return('table') }}
{%- endmacro %}
