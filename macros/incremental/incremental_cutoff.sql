{#
    The lookback cut-off of an incremental run (lookback_cutoff): the
    greatest value of `watermark_column` already in the model's table,
    minus segments__incremental_lookback_days. The run re-reads (and
    replaces) everything received since then, so rows delivered out of
    order by up to the lookback are still picked up. Returns none on a full
    build or on an empty table: then everything is read.
#}
{% macro incremental_cutoff(watermark_column) -%}
    {%- if not (execute and is_incremental()) -%}
        {#- the var is checked on every build, full ones too -#}
        {%- do smart_segments.lookback_cutoff(none) -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set watermark = run_query(
        "select max(" ~ watermark_column ~ ") from " ~ this).columns[0].values()[0] -%}
    {{ return(smart_segments.lookback_cutoff(watermark)) }}
{%- endmacro %}
