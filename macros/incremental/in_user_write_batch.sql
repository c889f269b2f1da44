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
