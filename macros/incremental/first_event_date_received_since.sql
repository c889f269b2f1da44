{#
    The earliest event_date among the clean events received since the
    cut-off (received_since_cutoff), as a SQL date literal: no key an
    incremental identity-rollup run recomputes is dated earlier, so the
    rollups filter their events (and their pre-hooks their rows) by it, and
    DuckDB skips the row groups of older dates instead of probing every
    clean event. `cast(null as date)` when nothing was received since (the
    run recomputes nothing); none on a full build (cutoff none).
#}
{% macro first_event_date_received_since(cutoff) -%}
    {%- if cutoff is none or not execute -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set first_date = run_query(
        "select min(event_date) from " ~ ref('stg_raw__events')
        ~ " where " ~ smart_segments.received_since_cutoff(cutoff)).columns[0].values()[0] -%}
    {%- if first_date is none -%}
        {{ return("cast(null as date)") }}
    {%- endif -%}
    {{ return("cast('" ~ first_date ~ "' as date)") }}
{%- endmacro %}
