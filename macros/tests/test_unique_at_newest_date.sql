{#
    Fails with every value of `column_name` that occurs more than once
    among the model's rows of one date: the newest date of `dates` (a
    relation with a column named as `date_column`). For a view whose every
    read computes a join again, a test of every date would cost that join
    whole; this reads one date, and the date is a literal, so DuckDB reads
    that date's rows only. Passes when `dates` is empty or not built yet.
    Usage: - unique_at_newest_date: {arguments: {column_name: user_id,
      date_column: as_of_date, dates: "ref('int_feature_dates')"}}
#}
{% test unique_at_newest_date(model, column_name, date_column, dates) %}
    {%- set newest = none %}
    {#- compiled before a build (dbt docs generate on a new warehouse): no date to read -#}
    {%- if execute and adapter.get_relation(
            database=dates.database, schema=dates.schema, identifier=dates.identifier) is not none %}
        {%- set newest = run_query(
            "select cast(max(" ~ date_column ~ ") as " ~ dbt.type_string() ~ ") from " ~ dates
        ).columns[0].values()[0] %}
    {%- endif %}
    select
        {{ column_name }} as duplicated_value,
        count(*) as rows_of_value
    from {{ model }}
    where
        {%- if newest is none %}
            false
        {%- else %}
            {{ date_column }} = cast('{{ newest }}' as date)
        {%- endif %}
    group by {{ column_name }}
    having count(*) > 1
{% endtest %}
