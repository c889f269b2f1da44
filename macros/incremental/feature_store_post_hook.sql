{#
    After int_customer_features_daily has written the first batch of this
    run's dates (feature_store_write_batches): insert the other batches,
    one statement each, with the model's own filters (the dates of the
    batch, and no user erased as of the store's cut-off), in the model's
    transaction. A run with one batch (every nightly run, and a first build
    of up to segments__feature_store_rows_per_write rows) has nothing to
    do.
#}
{% macro feature_store_post_hook() -%}
    {%- set batches = smart_segments.feature_store_write_batches() -%}
    {%- if batches | length > 1 -%}
        {%- set columns = [] -%}
        {%- for column in adapter.get_columns_in_relation(this) -%}
            {%- do columns.append(adapter.quote(column.name)) -%}
        {%- endfor -%}
        {#- the erased users as a CTE, as in the model: with the same subquery inline in
            the anti join, DuckDB applied the batch's dates only after joining every date
            (145 s instead of 11.5 s per batch at 10M) -#}
        {%- for first_date, last_date in batches[1:] -%}
            {%- set insert -%}
                insert into {{ this }} ({{ columns | join(', ') }})
                with

                erased_users as (
                    {{ smart_segments.erased_user_ids(smart_segments.stored_rows_erasure_cutoff()) }}
                )

                select {{ columns | join(', ') }}
                from {{ ref('int_customer_features_to_store') }} as features
                where
                    not exists (
                        select 1 from erased_users
                        where erased_users.user_id = features.user_id
                    )
                    and features.as_of_date >= cast('{{ first_date }}' as date)
                    and features.as_of_date <= cast('{{ last_date }}' as date)
            {%- endset -%}
            {%- do run_query(insert) -%}
        {%- endfor -%}
        {%- do log(this.identifier ~ ": wrote " ~ batches | length ~ " batches of dates ("
            ~ batches[0][0] ~ " to " ~ batches[-1][1] ~ "), at most "
            ~ var('segments__feature_store_rows_per_write') ~ " rows each", info=True) -%}
    {%- endif -%}
    select 1
{%- endmacro %}
