{#
    Project post-hook of every model (dbt_project.yml): on an incremental
    run of an incremental model on DuckDB, drops the temporary table that
    dbt-duckdb built the run's new rows in (`<model>__dbt_tmp<timestamp>`)
    once they are inserted. dbt-duckdb drops it only on MotherDuck, so in
    a build every incremental model's new rows stayed in memory until the
    process ended: at 100M under 4 GB the nightly run's two user rollups
    (int_user_daily_activity, int_user_daily_breakdowns) ran out of memory
    side by side, after the temporary tables of the rollups before them.
    `select 1` for any other model, run or engine.
#}

{% macro drop_incremental_temp_table() -%}
    {{ return(adapter.dispatch('drop_incremental_temp_table', 'smart_segments')()) }}
{%- endmacro %}

{% macro default__drop_incremental_temp_table() -%}
    select 1
{%- endmacro %}

{% macro duckdb__drop_incremental_temp_table() -%}
    {%- set names = [] -%}
    {%- if execute and model.config.materialized == 'incremental' and is_incremental() -%}
        {%- set found = run_query(
            "select table_name from duckdb_tables() where temporary and starts_with(table_name, '"
            ~ this.identifier ~ "__dbt_tmp') order by 1") -%}
        {%- set names = found.columns[0].values() | list -%}
    {%- endif -%}
    {%- for name in names %}
    drop table if exists temp.main."{{ name }}";
    {%- endfor %}
    select 1
{%- endmacro %}
