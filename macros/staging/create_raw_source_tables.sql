{#
    on-run-start: makes the raw sources readable where the engine has no
    way to read files in place from a source's YAML. DuckDB needs nothing
    (the sources' meta external_location reads the Parquet files).

    On Spark, for each table of source `raw`: an external table
    `raw.<table>__files` over <raw_data_path>/<table>/ (every *.parquet file
    below it, Hive partition folders read as plain folders, as on DuckDB),
    typed by the contract's columns, so a file without an optional column
    reads it as null; and the view `raw.<table>` that source() names, with
    the lineage columns DuckDB's reader adds (filename, file_row_number,
    0-based). Recreated on every invocation: it is metadata only, and the
    raw_data_path var may have changed.
#}
{% macro create_raw_source_tables() -%}
    {{ return(adapter.dispatch('create_raw_source_tables', 'smart_segments')()) }}
{%- endmacro %}

{% macro default__create_raw_source_tables() -%}
    {{ return('') }}
{%- endmacro %}

{% macro spark__create_raw_source_tables() -%}
    {%- if not execute -%}
        {{ return('') }}
    {%- endif -%}
    {%- set folder = smart_segments.project_path(var('raw_data_path')) -%}
    {%- set raw_sources = graph.sources.values() | selectattr('source_name', 'equalto', 'raw') | list -%}
    {%- if raw_sources -%}
        {%- do run_query('create schema if not exists ' ~ raw_sources[0].schema) -%}
    {%- endif -%}
    {%- for source_node in raw_sources -%}
        {%- set files_table = source_node.schema ~ '.' ~ source_node.name ~ '__files' -%}
        {%- set columns = [] -%}
        {%- for column in source_node.columns.values() -%}
            {%- do columns.append('`' ~ column.name ~ '` ' ~ column.data_type) -%}
        {%- endfor -%}
        {%- do run_query('drop view if exists ' ~ source_node.schema ~ '.' ~ source_node.name) -%}
        {%- do run_query('drop table if exists ' ~ files_table) -%}
        {%- do run_query(
            'create table ' ~ files_table ~ ' (' ~ columns | join(', ') ~ ') using parquet'
            ~ " options (path '" ~ folder ~ '/' ~ source_node.name
            ~ "', recursiveFileLookup 'true', pathGlobFilter '*.parquet')") -%}
        {%- do run_query(
            'create view ' ~ source_node.schema ~ '.' ~ source_node.name ~ ' as select *,'
            ~ " regexp_replace(_metadata.file_path, '^file:(//)?', '') as filename,"
            ~ ' _metadata.row_index as file_row_number from ' ~ files_table) -%}
    {%- endfor -%}
    {{ return('') }}
{%- endmacro %}
