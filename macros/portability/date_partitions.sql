{#
    The partition_by config of an incremental model keyed by a date: the
    date column on Spark, whose runs rewrite the partitions of the dates
    they recompute (delete_rows); none on DuckDB, whose tables have no
    partitions (dbt-duckdb would warn and ignore it).
    Usage: config(partition_by=smart_segments.date_partitions('as_of_date'))
#}
{% macro date_partitions(column) -%}
    {{ return(adapter.dispatch('date_partitions', 'smart_segments')(column)) }}
{%- endmacro %}

{% macro default__date_partitions(column) -%}
    {{ return(none) }}
{%- endmacro %}

{% macro spark__date_partitions(column) -%}
    {{ return([column]) }}
{%- endmacro %}
