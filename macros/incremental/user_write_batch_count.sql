{#
    Writing a table in batches of users: a model whose every user's rows
    depend only on that user's input rows (its windows partitioned by
    user, its joins on the user) can compute each batch of users in a
    statement of its own. Memory is then bounded by the batch, not the
    whole input: the windows and hash tables of one statement over every
    user spill to disk under a tight memory_limit (int_customer_activity_as_of:
    3.7 GB of spill files at 10M under 400 MB on one thread, about 30 GB
    at 100M under 4 GB, which filled the disk).

    How a model uses it (int_customer_activity_as_of):
      - set batch_count = user_write_batch_count(ref(<input>), '<rows var>')
      - filter its input on in_user_write_batch('user_id', batch_count);
      - pre_hook user_write_batches_pre_hook(), post_hook
        user_write_batches_post_hook(ref(<input>), '<rows var>').
    The model's statement writes batch 0; the post-hook inserts batches
    1..N-1 with the same compiled SQL, the batch number set in a session
    variable. Compiled and run alone (dbt show, an IDE), with no batch
    set, the filter keeps every user: the whole model.
#}

{#- the number of batches: the input's rows over the var's rows per batch, at least 1; 1 on
    engines other than DuckDB (batches bound one process's memory; Spark spreads a statement
    over its executors, and in_user_write_batch has no batches there) -#}

{% macro user_write_batch_count(input_relation, rows_per_write_var) -%}
    {%- if not execute or target.type != 'duckdb' -%}
        {{ return(1) }}
    {%- endif -%}
    {#- compiled before a build (sqlfluff, `dbt compile` on a new warehouse), or a unit test's
        fixture (a CTE: no schema) -#}
    {%- set existing = adapter.get_relation(
            database=input_relation.database, schema=input_relation.schema,
            identifier=input_relation.identifier) if input_relation.schema else none -%}
    {%- if existing is none -%}
        {{ return(1) }}
    {%- endif -%}
    {%- set rows_per_write = smart_segments.number_var(rows_per_write_var) | int -%}
    {%- set rows = run_query('select count(*) from ' ~ existing).columns[0].values()[0] | int -%}
    {{ return([1, ((rows + rows_per_write - 1) // rows_per_write) | int] | max) }}
{%- endmacro %}
