{#
    Fails the build, before any SQL runs, when a raw Parquet file does not
    match the raw data contract: a contract column missing from a file, a
    column the contract does not know, or a column of the wrong type.  The
    contract is the source's YAML: every column there has a data_type.

    The message names the source, the file and the column, e.g.
      Raw source raw.events does not match the contract (1 problem):
        data/raw/events/part-00000.parquet: column event_ts is missing
        (the contract says TIMESTAMP)

    Called at the top of the model that reads the source.  Does nothing
    while dbt parses and inside unit tests (their inputs are fixtures).
    DuckDB checks every file in one query over parquet_schema(); Spark
    lists the files of raw.<table>__files (create_raw_source_tables) and
    reads each file's schema (one DESCRIBE a file). Other engines: nothing.
#}
{% macro assert_source_contract(source_name, table_name) -%}
    {{ return(adapter.dispatch('assert_source_contract', 'smart_segments')(source_name, table_name)) }}
{%- endmacro %}

{% macro default__assert_source_contract(source_name, table_name) -%}
{%- endmacro %}

{% macro duckdb__assert_source_contract(source_name, table_name) -%}
    {%- if not execute or model.resource_type == 'unit_test' -%}
        {{ return('') }}
    {%- endif -%}
    {%- set source_nodes = graph.sources.values()
        | selectattr('source_name', 'equalto', source_name)
        | selectattr('name', 'equalto', table_name)
        | list -%}
    {%- if source_nodes | length != 1 -%}
        {{ exceptions.raise_compiler_error(
            "assert_source_contract: no source named " ~ source_name ~ "." ~ table_name) }}
    {%- endif -%}
    {%- set columns = source_nodes[0].columns.values() | list -%}
    {%- for column in columns if not column.data_type -%}
        {{ exceptions.raise_compiler_error(
            "assert_source_contract: column " ~ column.name ~ " of source " ~ source_name
            ~ "." ~ table_name ~ " has no data_type in its YAML") }}
    {%- endfor -%}
    {%- set pattern = var('raw_data_path') ~ '/' ~ table_name ~ '/**/*.parquet' -%}
    {%- set quoted_pattern = "'" ~ pattern | replace("'", "''") ~ "'" -%}

    {%- set file_count = run_query("select count(*) from glob(" ~ quoted_pattern ~ ")").columns[0].values()[0] -%}
    {%- if file_count == 0 -%}
        {{ exceptions.raise_compiler_error(
            "Raw source " ~ source_name ~ "." ~ table_name ~ " has no Parquet files matching "
            ~ pattern ~ " (set the raw_data_path var to the directory holding "
            ~ "events/, profiles/ and campaigns/)") }}
    {%- endif -%}

    {%- set check_sql -%}
        with

        expected (column_name, expected_type, is_optional) as (
            values
            {%- for column in columns %}
                ('{{ column.name | lower }}', '{{ column.data_type | upper | replace('STRING', 'VARCHAR') }}',
                 {{ 'true' if (column.meta or {}).get('optional') else 'false' }}){{ "," if not loop.last }}
            {%- endfor %}
        ),

        files as (
            select file as file_name from glob({{ quoted_pattern }})
        ),

        actual as (
            select
                file_name,
                lower(name) as column_name,
                case
                    when logical_type like 'NullType%' then 'NULL'
                    when converted_type = 'UTF8' or logical_type like 'StringType%' then 'VARCHAR'
                    when converted_type = 'DATE' or logical_type like 'DateType%' then 'DATE'
                    when converted_type like 'TIMESTAMP%' or logical_type like 'TimestampType%'
                        or type = 'INT96' then 'TIMESTAMP'
                    when converted_type = 'DECIMAL' or logical_type like 'DecimalType%' then 'NUMERIC'
                    when type in ('FLOAT', 'DOUBLE', 'INT32', 'INT64') then 'NUMERIC'
                    when type = 'BOOLEAN' then 'BOOLEAN'
                    else coalesce(logical_type, converted_type, type, 'a nested group')
                end as actual_type
            from parquet_schema({{ quoted_pattern }})
            -- the root of each file's schema tree is not a column
            where not (type is null and num_children > 0 and name in ('schema', 'spark_schema', 'duckdb_schema'))
        ),

        problems as (
            select
                files.file_name,
                expected.column_name,
                'is missing (the contract says ' || expected.expected_type || ')' as problem
            from files
            cross join expected
            -- an optional column (a later contract version's) may be absent
            where not expected.is_optional and not exists (
                select 1
                from actual
                where actual.file_name = files.file_name
                    and actual.column_name = expected.column_name
            )

            union all

            select
                actual.file_name,
                actual.column_name,
                'is not in the contract' as problem
            from actual
            where actual.column_name not in (select expected.column_name from expected)

            union all

            select
                actual.file_name,
                actual.column_name,
                'has type ' || actual.actual_type || ' (the contract says '
                || expected.expected_type || ')' as problem
            from actual
            inner join expected on actual.column_name = expected.column_name
            where actual.actual_type <> 'NULL'
                and actual.actual_type <> case
                    when expected.expected_type in ('DOUBLE', 'FLOAT', 'BIGINT', 'INTEGER') then 'NUMERIC'
                    else expected.expected_type
                end
        )

        select
            file_name,
            column_name,
            problem,
            count(*) over () as problem_count
        from problems
        order by file_name, column_name
        limit 10
    {%- endset -%}

    {%- set problems = run_query(check_sql) -%}
    {%- if problems.rows | length > 0 -%}
        {%- set lines = [] -%}
        {%- for row in problems.rows -%}
            {%- do lines.append("  " ~ row[0] ~ ": column " ~ row[1] ~ " " ~ row[2]) -%}
        {%- endfor -%}
        {%- set total = problems.rows[0][3] -%}
        {{ exceptions.raise_compiler_error(
            "Raw source " ~ source_name ~ "." ~ table_name ~ " does not match the contract ("
            ~ total ~ " problem" ~ ("s" if total != 1 else "") ~ (", first 10" if total > 10 else "")
            ~ "):\n" ~ lines | join("\n")) }}
    {%- endif -%}
{%- endmacro %}

{% macro spark__assert_source_contract(source_name, table_name) -%}
    {%- if not execute or model.resource_type == 'unit_test' -%}
        {{ return('') }}
    {%- endif -%}
    {%- set source_node = graph.sources.values()
        | selectattr('source_name', 'equalto', source_name)
        | selectattr('name', 'equalto', table_name)
        | first -%}
    {%- set expected = {} -%}
    {%- set optional = [] -%}
    {%- for column in source_node.columns.values() -%}
        {%- set declared = column.data_type | upper | replace('STRING', 'VARCHAR') -%}
        {%- do expected.update({column.name | lower: declared}) -%}
        {%- if (column.meta or {}).get('optional') -%}
            {%- do optional.append(column.name | lower) -%}
        {%- endif -%}
    {%- endfor -%}
    {#- every Parquet file below raw_data_path/<table>/, empty ones too (a listing of the
        table's rows would miss a file of no rows), as the source's table reads them -#}
    {%- set root = smart_segments.project_path(var('raw_data_path')) -%}
    {%- do run_query("create or replace temporary view smart_segments_raw_files using binaryFile"
        ~ " options (path '" ~ root ~ "', recursiveFileLookup 'true', pathGlobFilter '*.parquet')") -%}
    {%- set files = run_query(
        "select path from smart_segments_raw_files"
        ~ " where regexp_replace(path, '^file:(//)?', '') like '" ~ root ~ "/" ~ table_name ~ "/%'"
        ~ " order by 1").columns[0].values() -%}
    {%- if files | length == 0 -%}
        {{ exceptions.raise_compiler_error(
            "Raw source " ~ source_name ~ "." ~ table_name ~ " has no Parquet files matching "
            ~ var('raw_data_path') ~ "/" ~ table_name ~ "/**/*.parquet (set the raw_data_path var "
            ~ "to the directory holding events/, profiles/ and campaigns/)") }}
    {%- endif -%}
    {%- set problems = [] -%}
    {%- for file_url in files -%}
        {%- set file_name = modules.re.sub('^file:(//)?', '', file_url) -%}
        {%- set described = run_query('describe query select * from parquet.`' ~ file_url ~ '`') -%}
        {%- set actual = {} -%}
        {%- for row in described.rows -%}
            {%- set spark_type = row[1] | lower -%}
            {%- if spark_type == 'void' -%}
                {%- set category = 'NULL' -%}
            {%- elif spark_type == 'string' or spark_type.startswith('varchar') or spark_type.startswith('char') -%}
                {%- set category = 'VARCHAR' -%}
            {%- elif spark_type.startswith('timestamp') -%}
                {%- set category = 'TIMESTAMP' -%}
            {%- elif spark_type == 'date' -%}
                {%- set category = 'DATE' -%}
            {%- elif spark_type.startswith('decimal') or spark_type in ('double', 'float', 'tinyint', 'smallint', 'int', 'bigint') -%}
                {%- set category = 'NUMERIC' -%}
            {%- elif spark_type == 'boolean' -%}
                {%- set category = 'BOOLEAN' -%}
            {%- else -%}
                {%- set category = spark_type | upper -%}
            {%- endif -%}
            {%- do actual.update({row[0] | lower: category}) -%}
        {%- endfor -%}
        {%- for column_name, declared in expected.items() | sort
            if column_name not in actual and column_name not in optional -%}
            {%- do problems.append(file_name ~ ": column " ~ column_name ~ " is missing (the contract says " ~ declared ~ ")") -%}
        {%- endfor -%}
        {%- for column_name, category in actual.items() | sort -%}
            {%- if column_name not in expected -%}
                {%- do problems.append(file_name ~ ": column " ~ column_name ~ " is not in the contract") -%}
            {%- else -%}
                {%- set declared = expected[column_name] -%}
                {%- set comparable = 'NUMERIC' if declared in ('DOUBLE', 'FLOAT', 'BIGINT', 'INTEGER') else declared -%}
                {#- a column of nulls only has no type to break the contract (pyarrow's null
                    type reads as an integer on Spark) -#}
                {%- if category != 'NULL' and category != comparable and run_query(
                        'select count(`' ~ column_name ~ '`) from parquet.`' ~ file_url ~ '`'
                    ).columns[0].values()[0] > 0 -%}
                    {%- do problems.append(file_name ~ ": column " ~ column_name ~ " has type " ~ category
                        ~ " (the contract says " ~ declared ~ ")") -%}
                {%- endif -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- if problems -%}
        {%- set total = problems | length -%}
        {{ exceptions.raise_compiler_error(
            "Raw source " ~ source_name ~ "." ~ table_name ~ " does not match the contract ("
            ~ total ~ " problem" ~ ("s" if total != 1 else "") ~ (", first 10" if total > 10 else "")
            ~ "):\n  " ~ problems[:10] | join("\n  ")) }}
    {%- endif -%}
{%- endmacro %}
