{{
    config(
        materialized='incremental',
        partition_by=smart_segments.date_partitions('as_of_date'),
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ smart_segments.feature_store_pre_hook() }}",
        post_hook="{{ smart_segments.feature_store_post_hook() }}",
    )
}}

{#
    The feature store: every per-user feature (profile, activity,
    breakdowns, messaging) at every date of its window, as_of_date minus
    segments__feature_retention_days to as_of_date, one row per (as_of_date,
    known non-erased user). A date is computed once, as known at its
    cut-off (README, "As known at D"), and kept: later runs add the dates
    int_feature_dates lists (a nightly run: the new date) and recompute
    the ones not final (is_final false: the date was provisional, or the
    data then did not reach past its cut-off by the lookback; macro
    is_final_date). The pre-hook deletes the dates computed again,
    the dates that fell out of the window, and every row of a user erased
    as of the store's erasure cut-off (stored_rows_erasure_cutoff, which
    never goes back). A full refresh computes every date again from the
    raw files and gives the same rows.

    The rows come from int_customer_features_to_store (the join of the
    four feature models), written in batches of consecutive dates of at
    most segments__feature_store_rows_per_write rows each (macro
    feature_store_write_batches): this select writes the first batch, the
    post-hook (feature_store_post_hook) the others, with the same filters.
    One statement over every date of a first build would hold the hash
    tables of all four wide feature models at once; batches keep the
    memory bounded by the batch, and are faster too (bench/NOTES.md).

    Population-wide values (RFM quintiles, top shares, scores) are not
    stored: readers compute them per date from these rows
    (int_customers_as_of for the build's dates), so an erasure that
    removes a user changes them as a full refresh would.
#}

-- the pre-hook reads the dates this run computes:
-- depends_on: {{ ref('int_feature_dates') }}
{%- set batches = smart_segments.feature_store_write_batches() %}
{#- the first batch's last date (no batch: nothing to compute, or compiled before a build) -#}
{%- set first_batch_last_date = batches[0][1] if batches else '9999-12-31' %}

with

features as (

    select * from {{ ref('int_customer_features_to_store') }}

),

profile_versions as (

    select * from {{ ref('stg_raw__profile_versions') }}

),

erased_users as (

    -- the store's cut-off: it never goes back (stored_rows_erasure_cutoff)
    {{ smart_segments.erased_user_ids(smart_segments.stored_rows_erasure_cutoff(), 'profile_versions') }}

)

select features.*
from features
where
    not exists (
        select 1 from erased_users
        where erased_users.user_id = features.user_id
    )
    -- the first batch of dates (the earliest ones); the post-hook writes the others
    and features.as_of_date <= cast('{{ first_batch_last_date }}' as date)
