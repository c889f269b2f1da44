{#
    The date up to which erasure requests are applied to a model that keeps
    the rows of past dates (the membership log, fct_segment_membership, and
    the feature store, int_customer_features_daily; called from the model
    or its pre-hook, so `this` is that model): the current as_of_date, or
    the latest date the model already holds when that is later. A rerun of
    an earlier date then cannot write back a user whose erasure the model
    has already applied. A scalar subquery.
#}
{% macro stored_rows_erasure_cutoff() -%}
    select
        {%- if is_incremental() %}
        greatest(
            current_date_chosen.as_of_date,
            coalesce((select max(recorded.as_of_date) from {{ this }} as recorded), current_date_chosen.as_of_date)
        )
        {%- else %}
        current_date_chosen.as_of_date
        {%- endif %}
    from {{ ref('int_as_of_dates') }} as current_date_chosen
    where current_date_chosen.is_current
{%- endmacro %}
