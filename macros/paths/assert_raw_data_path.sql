{#
    on-run-start: a warehouse is built from one raw data folder. The first
    invocation that reads the raw sources (one that selects a base_raw__*
    model) records the folder, absolute, in main.smart_segments_raw_data; a
    later one whose raw_data_path names another folder stops before any node
    runs, in one line naming both (the second-day trap: `export
    SEGMENTS_DUCKDB_PATH=data/acme.duckdb`, then a plain `make build` would
    build acme's warehouse from the sample's files). `--full-refresh`
    rebuilds from the folder it is given and records it (the raw files moved).
#}
{% macro assert_raw_data_path() -%}
    {%- if not execute or target.type != 'duckdb' -%}
        {{ return('') }}
    {%- endif -%}
    {%- set reads_raw = [] -%}
    {%- for unique_id in selected_resources if unique_id.startswith('model.smart_segments.base_raw__') -%}
        {%- do reads_raw.append(unique_id) -%}
    {%- endfor -%}
    {%- if not reads_raw -%}
        {{ return('') }}
    {%- endif -%}
    {%- set folder = smart_segments.project_path(var('raw_data_path')) -%}
    {%- set table = 'main.smart_segments_raw_data' -%}
    {%- do run_query('create table if not exists ' ~ table ~ ' (raw_data_path varchar, recorded_at timestamp, invocation_id varchar)') -%}
    {%- set recorded = run_query('select raw_data_path from ' ~ table ~ ' order by recorded_at desc limit 1').columns[0].values() -%}
    {%- if recorded and recorded[0] != folder and not flags.FULL_REFRESH -%}
        {{ exceptions.raise_compiler_error(
            "The warehouse " ~ smart_segments.warehouse_path() ~ " was built from the raw data in " ~ recorded[0]
            ~ ", not " ~ folder ~ " (raw_data_path): pass --vars '{raw_data_path: " ~ recorded[0]
            ~ "}', or point SEGMENTS_DUCKDB_PATH at the warehouse of " ~ folder
            ~ " (if the files moved there, rebuild once with --full-refresh). Nothing was built.") }}
    {%- endif -%}
    {%- if not recorded or recorded[0] != folder -%}
        {%- do run_query('insert into ' ~ table ~ " values ('" ~ folder | replace("'", "''")
            ~ "', current_timestamp, '" ~ invocation_id ~ "')") -%}
    {%- endif -%}
    {{ return('') }}
{%- endmacro %}
