{#
    Fails with one row per listed column that holds nulls: column_name and
    null_rows. One query (one scan) checks every column, where a not_null test
    per column would cost a dbt node each (~30 ms of dbt's own time per node,
    whatever the data). Keys keep their own unique + not_null tests; columns of
    models with an enforced contract declare a not_null constraint instead.
    Usage:
      data_tests:
        - not_null_columns: {arguments: {column_names: [user_id, as_of_date]}}
    To see which columns failed: dbt test --select <the test's name>
    --store-failures prints a query of the failing rows.
#}
{% test not_null_columns(model, column_names) %}
    {%- if column_names is string or column_names | length == 0 -%}
        {{ exceptions.raise_compiler_error(
            "not_null_columns on " ~ model ~ ": column_names must be a non-empty list of column names, got "
            ~ column_names) }}
    {%- endif %}
    with

    null_counts as (
        select
            {%- for column in column_names %}
            count(case when {{ column }} is null then 1 end) as null_rows_{{ loop.index }}{{ "," if not loop.last }}
            {%- endfor %}
        from {{ model }}
    ),

    per_column as (
        {%- for column in column_names %}
        select
            '{{ column }}' as column_name,
            null_rows_{{ loop.index }} as null_rows
        from null_counts
        {{ "union all" if not loop.last }}
        {%- endfor %}
    )

    select
        column_name,
        null_rows
    from per_column
    where null_rows > 0
{% endtest %}
