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
