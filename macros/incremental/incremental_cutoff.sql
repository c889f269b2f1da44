{#
    The lookback cut-off of an incremental run: the greatest value of
    `watermark_column` already in the model's table, minus
    segments__incremental_lookback_days, as a SQL timestamp literal. The
    run re-reads (and replaces) everything received since then, so rows
    delivered out of order by up to the lookback are still picked up.
    Returns none on a full build or on an empty table: then everything is
    read. A literal rather than a subquery, so DuckDB can prune Parquet row
    groups and table segments with it.
#}
{% macro incremental_cutoff(watermark_column) -%}
    {%- set lookback_days = var('segments__incremental_lookback_days') -%}
    {%- if lookback_days is not number or lookback_days < 0 or lookback_days != lookback_days | int -%}
        {{ exceptions.raise_compiler_error(
            "Invalid dbt var segments__incremental_lookback_days: " ~ lookback_days
            ~ " (a whole number of days, 0 or more)") }}
    {%- endif -%}
    {%- if not (execute and is_incremental()) -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set watermark = run_query(
        "select max(" ~ watermark_column ~ ") from " ~ this).columns[0].values()[0] -%}
    {%- if watermark is none -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set cutoff = watermark - modules.datetime.timedelta(days=lookback_days | int) -%}
    {{ return("cast('" ~ cutoff.strftime('%Y-%m-%d %H:%M:%S.%f') ~ "' as timestamp)") }}
{%- endmacro %}
