{#
    The optional columns of a source (meta optional: true: added by a later
    contract version, e.g. v1.1's campaign costs) that no file of it has, as
    a list of {name, data_type}. The base model adds each as a typed null,
    so files written to an earlier version read the same as files that
    leave the values empty. Empty while dbt parses, inside unit tests, and
    on engines other than DuckDB (their tables have every column).
#}
{% macro absent_optional_columns(source_name, table_name) -%}
    {{ return(adapter.dispatch('absent_optional_columns', 'smart_segments')(source_name, table_name)) }}
{%- endmacro %}

{% macro default__absent_optional_columns(source_name, table_name) -%}
    {{ return([]) }}
{%- endmacro %}

{% macro duckdb__absent_optional_columns(source_name, table_name) -%}
    {%- if not execute or model.resource_type == 'unit_test' -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set source_node = graph.sources.values()
        | selectattr('source_name', 'equalto', source_name)
        | selectattr('name', 'equalto', table_name)
        | first -%}
    {%- set optional = source_node.columns.values()
        | selectattr('meta.optional', 'defined') | selectattr('meta.optional') | list -%}
    {%- if optional | length == 0 -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set pattern = var('raw_data_path') ~ '/' ~ table_name ~ '/**/*.parquet' -%}
    {%- set present = run_query(
        "select distinct lower(name) from parquet_schema('" ~ pattern | replace("'", "''") ~ "')"
    ).columns[0].values() -%}
    {%- set absent = [] -%}
    {%- for column in optional if column.name | lower not in present -%}
        {%- do absent.append({'name': column.name, 'data_type': column.data_type}) -%}
    {%- endfor -%}
    {{ return(absent) }}
{%- endmacro %}
