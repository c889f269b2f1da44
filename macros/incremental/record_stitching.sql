{#
    Post-hook: keep what this run stitched with (see stitched_users_to_rebuild).
    On Spark the state alone, not the recent rollup rows: Spark cannot
    compare a row whole in a join (DuckDB's `rollup_row is not distinct
    from rollup`), so a Spark run re-stitches every user with a rollup row
    received since the cut-off, a few more than DuckDB, with the same rows.
#}
{% macro record_stitching(rollup_model) -%}
    {{ return(adapter.dispatch('record_stitching', 'smart_segments')(rollup_model)) }}
{%- endmacro %}

{% macro spark__record_stitching(rollup_model) -%}
    {%- if execute -%}
        {%- set state = smart_segments.stitching_state_relation() -%}
        {#- Spark's Parquet tables take no `create or replace` -#}
        {%- do run_query("drop table if exists " ~ state) -%}
        {%- do run_query("create table " ~ state ~ " using parquet as\n"
            ~ smart_segments.stitching_state_rows(rollup_model)) -%}
    {%- endif -%}
    select 1
{%- endmacro %}

{% macro default__record_stitching(rollup_model) -%}
    {#- the next run's cut-off (lookback_cutoff of the rollup's watermark); none on an empty rollup -#}
    {%- set cutoff = none -%}
    {%- if execute -%}
        {%- set cutoff = smart_segments.lookback_cutoff(run_query(
            "select max(last_received_at) from " ~ ref(rollup_model)).columns[0].values()[0]) -%}
    {%- endif %}
    create or replace table {{ smart_segments.recent_rollup_rows_relation() }} as
    select rollup as rollup_row
    from {{ ref(rollup_model) }} as rollup
    where {{ "rollup.last_received_at >= " ~ cutoff if cutoff is not none else "false" }};

    create or replace table {{ smart_segments.stitching_state_relation() }} as
    {{ smart_segments.stitching_state_rows(rollup_model) }}
{%- endmacro %}
