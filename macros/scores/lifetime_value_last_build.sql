{#
    A warm-started int_lifetime_value_fits (segments__lifetime_value_warm_start)
    starts from the parameters the last build stored. dbt-spark drops a table
    before it builds it again (plain Parquet has no CREATE OR REPLACE), so on
    Spark the model would find no last build to read and would start cold
    without a word. As the model's pre-hook (action 'keep') this copies the
    table as the last build left it to `<table>__last_build`, which the model
    reads on both engines; as its post-hook (action 'drop') it drops the
    copy. Without the warm start (the default) it does nothing.
#}
{% macro lifetime_value_last_build(relation, action) -%}
    {%- if action not in ('keep', 'drop') -%}
        {{ exceptions.raise_compiler_error("lifetime_value_last_build: action is 'keep' or 'drop', not '" ~ action ~ "'") }}
    {%- endif -%}
    {%- if execute and var('segments__lifetime_value_warm_start') | string | lower == 'true' -%}
        {%- set kept = relation.incorporate(path={'identifier': relation.identifier ~ '__last_build'}, type='table') -%}
        {%- do adapter.drop_relation(kept) -%}
        {%- if action == 'keep' and adapter.get_relation(database=relation.database,
                schema=relation.schema, identifier=relation.identifier) is not none -%}
            {%- do run_query('create table ' ~ kept ~ ' as select * from ' ~ relation) -%}
        {%- endif -%}
    {%- endif -%}
    {#- no SQL of its own: an unread `select 1` would hold DuckDB's connection, which the
        Python model uses next (dbt runs no empty hook) -#}
{%- endmacro %}
