{#
    Before int_customer_features_daily takes this run's dates: delete the
    rows of the dates it computes again (int_feature_dates: new dates hold
    none, provisional ones are replaced), of the dates older than its window
    (as_of_date minus segments__feature_retention_days), and every row of
    a user erased as of the store's cut-off (stored_rows_erasure_cutoff:
    erasure is retroactive, every stored date included). Nothing to do on a
    first build or a full refresh. A nightly run deletes about one date's
    rows: DuckDB keeps a DELETE's undo data in memory, so the store never
    deletes more than the dates it replaces and drops.

    A first build or a full refresh of the store takes the dates and
    features this run computed as the whole store, so it fails, naming what
    to run, when int_feature_dates and the four feature models are not
    built in the same run (say, `--full-refresh -s int_customer_features_daily`
    alone, which would keep only the dates the last run computed).
#}
{% macro feature_store_pre_hook() -%}
    {%- if is_incremental() -%}
        {%- set build = smart_segments.as_of_dates() -%}
        {%- set condition -%}
            as_of_date in (select feature_dates.as_of_date from {{ ref('int_feature_dates') }} as feature_dates)
            or as_of_date < (
                select {{ smart_segments.days_before('as_of_dates.as_of_date', build.retention_days) }}
                from {{ ref('int_as_of_dates') }} as as_of_dates
                where as_of_dates.is_current
            )
            or user_id in ({{ smart_segments.erased_user_ids(smart_segments.stored_rows_erasure_cutoff()) }})
        {%- endset -%}
        {{ smart_segments.delete_rows(this, condition) }}
    {%- else -%}
        {%- set inputs = ['int_feature_dates', 'int_customer_profiles_as_of', 'int_customer_activity_as_of',
            'int_customer_breakdowns_as_of', 'int_customer_messaging_as_of', 'int_customer_features_to_store'] -%}
        {%- set missing = [] -%}
        {%- for name in inputs -%}
            {%- if execute and ('model.smart_segments.' ~ name) not in selected_resources -%}
                {%- do missing.append(name) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if missing -%}
            {{ exceptions.raise_compiler_error(
                "int_customer_features_daily is built whole (a first build or --full-refresh) only in the same run "
                ~ "as the dates and features it stores; this run does not build " ~ missing | join(', ')
                ~ ". Run: dbt run --full-refresh --select int_feature_dates+") }}
        {%- endif -%}
        select 1
    {%- endif -%}
{%- endmacro %}
