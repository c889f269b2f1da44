{#
    dbt-spark enforces a contract's not_null constraints with
    `ALTER ... SET NOT NULL`, which only Delta tables accept; on any other
    file format it skips them silently. Here, on plain Parquet tables, the
    table just written is checked instead: a not_null column holding a null
    fails the model, naming the column and the count (as DuckDB's NOT NULL
    would have failed the insert). Delta tables get dbt-spark's constraints.
#}
{% macro spark__persist_constraints(relation, model) -%}
    {%- set contract_config = config.get('contract') -%}
    {%- if not contract_config.enforced -%}
        {{ return('') }}
    {%- endif -%}
    {%- if config.get('file_format', 'delta') == 'delta' -%}
        {%- do alter_table_add_constraints(relation, model.constraints) -%}
        {%- do alter_column_set_constraints(relation, model.columns) -%}
        {{ return('') }}
    {%- endif -%}
    {%- set not_null_columns = [] -%}
    {%- for column_name, column in model.columns.items() -%}
        {%- if column.constraints | selectattr('type', 'equalto', 'not_null') | list -%}
            {%- do not_null_columns.append(column_name) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if not not_null_columns -%}
        {{ return('') }}
    {%- endif -%}
    {%- set selects = [] -%}
    {%- for column_name in not_null_columns -%}
        {%- do selects.append('count_if(`' ~ column_name ~ '` is null) as `' ~ column_name ~ '`') -%}
    {%- endfor -%}
    {%- set nulls = run_query('select ' ~ selects | join(', ') ~ ' from ' ~ relation) -%}
    {%- set problems = [] -%}
    {%- for column_name in not_null_columns -%}
        {%- set null_count = nulls.columns[loop.index0].values()[0] -%}
        {%- if null_count -%}
            {%- do problems.append(column_name ~ ' (' ~ null_count ~ ' nulls)') -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if problems -%}
        {{ exceptions.raise_compiler_error(
            "Contract of " ~ model.name ~ ": not_null column" ~ ("s " if problems | length > 1 else " ")
            ~ problems | join(", ") ~ " hold nulls in " ~ relation) }}
    {%- endif -%}
{%- endmacro %}
