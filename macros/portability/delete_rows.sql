{#
    Delete the rows of a table that match a condition: the pre-hooks of the
    incremental models, which delete the rows a run recomputes (and every
    row of an erased user) before the model appends them again.

    DuckDB: a DELETE, in the model's transaction.

    Spark's plain Parquet tables take no DELETE. There the rows are removed
    by rewriting the partitions that hold them (insert_overwrite of those
    partitions, macro spark__delete_rows); the model then appends its rows
    (incremental strategy append), so a run ends with the same rows as a
    DuckDB run, or a full refresh.

    Usage, in a pre-hook: {{ smart_segments.delete_rows(this, condition) }}
    (condition: SQL over the table's columns; a row where it is null is kept,
    as a DELETE keeps it).
#}
{% macro delete_rows(relation, condition) -%}
    {{ return(adapter.dispatch('delete_rows', 'smart_segments')(relation, condition)) }}
{%- endmacro %}

{% macro default__delete_rows(relation, condition) -%}
    delete from {{ relation }}
    where {{ condition }}
{%- endmacro %}
