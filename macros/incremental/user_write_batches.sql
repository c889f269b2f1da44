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

{#- the number of batches: the input's rows over the var's rows per batch, at least 1 -#}
{% macro user_write_batch_count(input_relation, rows_per_write_var) -%}
    {%- if not execute -%}
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

{#- a predicate on the user column: true for the users of the batch being written -#}
{% macro in_user_write_batch(user_column, batch_count) -%}
    {{ return(adapter.dispatch('in_user_write_batch', 'smart_segments')(user_column, batch_count)) }}
{%- endmacro %}

{% macro default__in_user_write_batch(user_column, batch_count) -%}
    {%- if batch_count > 1 -%}
        {{ exceptions.raise_compiler_error(
            "Writing in batches of users needs session variables, which smart_segments implements"
            ~ " on DuckDB only; set the model's rows-per-write var above its input's row count") }}
    {%- endif -%}
    true
{%- endmacro %}

{% macro duckdb__in_user_write_batch(user_column, batch_count) -%}
    {%- if batch_count > 1 -%}
        {#- the batch is a constant when bound, so DuckDB filters the scan with it; unset, every user -#}
        {%- set bucket = 'hash(' ~ user_column ~ ') % ' ~ batch_count -%}
        {{ bucket }} = coalesce(getvariable('segments__user_write_batch'), {{ bucket }})
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}

{#
    Pre-hook: the model's statement writes batch 0. The batch filter makes
    DuckDB estimate a few rows per scan, and with an estimate under
    asof_loop_join_threshold it runs an ASOF join as a nested loop: 172 s
    instead of 6 s per batch at 10M. The threshold is 0 for the model;
    the post-hook resets it.
#}
{% macro user_write_batches_pre_hook() -%}
    {{ return(adapter.dispatch('user_write_batches_pre_hook', 'smart_segments')()) }}
{%- endmacro %}

{% macro default__user_write_batches_pre_hook() -%}
    select 1
{%- endmacro %}

{% macro duckdb__user_write_batches_pre_hook() -%}
    set variable segments__user_write_batch = 0;
    set asof_loop_join_threshold = 0
{%- endmacro %}

{#
    Post-hook, in the model's transaction: inserts batches 1..N-1, one
    statement each, with the model's compiled SQL; then resets the
    variable and the threshold. One batch: nothing to insert.
#}
{% macro user_write_batches_post_hook(input_relation, rows_per_write_var) -%}
    {{ return(adapter.dispatch('user_write_batches_post_hook', 'smart_segments')(
        input_relation, rows_per_write_var)) }}
{%- endmacro %}

{#- other engines write one batch (in_user_write_batch fails on more) -#}
{% macro default__user_write_batches_post_hook(input_relation, rows_per_write_var) -%}
    select 1
{%- endmacro %}

{% macro duckdb__user_write_batches_post_hook(input_relation, rows_per_write_var) -%}
    {%- set batch_count = smart_segments.user_write_batch_count(input_relation, rows_per_write_var) -%}
    {%- if execute and batch_count > 1 -%}
        {%- for batch in range(1, batch_count) -%}
            {%- do run_query('set variable segments__user_write_batch = ' ~ batch) -%}
            {%- do run_query('insert into ' ~ this ~ '\n' ~ model.compiled_code) -%}
        {%- endfor -%}
        {%- do log(this.identifier ~ ": wrote " ~ batch_count ~ " batches of users, for "
            ~ var(rows_per_write_var) ~ " rows of " ~ input_relation.identifier ~ " each", info=True) -%}
    {%- endif -%}
    reset variable segments__user_write_batch;
    reset asof_loop_join_threshold
{%- endmacro %}
