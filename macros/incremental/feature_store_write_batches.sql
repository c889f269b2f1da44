{#
    The batches in which int_customer_features_daily writes this run's
    dates: consecutive dates (first_date, last_date, as ISO strings),
    in date order, each of at most segments__feature_store_rows_per_write
    rows (a date with more rows than that is a batch of its own), counted
    from int_customer_profiles_as_of, which has one row per user the store
    gets at each date to compute. Empty when nothing is to be computed, and
    when dbt only parses. The model writes the first batch, its post-hook
    (feature_store_post_hook) the others. Empty as well when
    int_customer_profiles_as_of does not exist yet (the model compiled
    before any build, by sqlfluff or `dbt compile`).
#}
{% macro feature_store_write_batches() -%}
    {#- outside the condition, so that dbt's parse records the dependency -#}
    {%- set profiles_as_of = ref('int_customer_profiles_as_of') -%}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {#- compiled without a build (sqlfluff, `dbt compile` on a new warehouse): nothing to cut -#}
    {%- if adapter.get_relation(
            database=profiles_as_of.database, schema=profiles_as_of.schema,
            identifier=profiles_as_of.identifier) is none -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set rows_per_write = smart_segments.number_var('segments__feature_store_rows_per_write') | int -%}
    {%- set query -%}
        with

        rows_per_date as (
            select
                as_of_date,
                count(*) as users
            from {{ profiles_as_of }}
            group by as_of_date
        ),

        numbered as (
            select
                as_of_date,
                floor((sum(users) over (order by as_of_date) - users) / {{ rows_per_write }}) as write_batch
            from rows_per_date
        )

        select
            cast(min(as_of_date) as {{ dbt.type_string() }}) as first_date,
            cast(max(as_of_date) as {{ dbt.type_string() }}) as last_date
        from numbered
        group by write_batch
        order by first_date
    {%- endset -%}
    {%- set batches = [] -%}
    {%- for row in run_query(query).rows -%}
        {%- do batches.append((row[0], row[1])) -%}
    {%- endfor -%}
    {{ return(batches) }}
{%- endmacro %}
