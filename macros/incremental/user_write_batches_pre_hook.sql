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
