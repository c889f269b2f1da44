{#
    The one place the lookback is applied: the cut-off of an incremental run
    is its watermark (the latest received_at the model saw, a timestamp read
    with run_query) minus segments__incremental_lookback_days, as a SQL
    timestamp literal; none without a watermark (then everything is read).
    A literal rather than a subquery, so DuckDB can prune Parquet row groups
    and table segments with it. Used by incremental_cutoff (the triage and
    the identity rollups), stitched_users_to_rebuild and record_stitching
    (the stitched rollups), so every incremental model agrees on what "since
    the cut-off" means.
#}
{% macro lookback_cutoff(watermark) -%}
    {%- set lookback_days = var('segments__incremental_lookback_days') -%}
    {%- if lookback_days is not number or lookback_days < 0 or lookback_days != lookback_days | int -%}
        {{ exceptions.raise_compiler_error(
            "Invalid dbt var segments__incremental_lookback_days: " ~ lookback_days
            ~ " (a whole number of days, 0 or more)") }}
    {%- endif -%}
    {%- if watermark is none -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set cutoff = watermark - modules.datetime.timedelta(days=lookback_days | int) -%}
    {{ return("cast('" ~ cutoff.strftime('%Y-%m-%d %H:%M:%S.%f') ~ "' as timestamp)") }}
{%- endmacro %}
