{#
    The dates whose features this run computes into the feature store
    (int_customer_features_daily). The store holds every date of its
    window, as_of_date minus segments__feature_retention_days to
    as_of_date (from the first date a user can be known, a profile version
    in force and signed up by then: before it no user exists), each computed once, as known at its cut-off. This
    run computes the window's dates the store does not hold yet, and the
    ones it holds as not final (macro is_final_date: the date was
    provisional, or the data received then did not reach past its cut-off
    by the lookback, so a file delivered late could still add rows); a
    full refresh, or a first build, computes them all. A nightly run
    computes the new date and the few before it that were not final yet.

    The store is read as it was before this run, by name rather than by
    ref (it is built from these dates, so a ref would be a cycle). One row
    per date to compute; the four feature models (profiles, activity,
    breakdowns, messaging as of a date) compute these dates only.
#}

{%- set store = none %}
{%- if execute and not flags.FULL_REFRESH %}
    {%- set store = adapter.get_relation(
        database=this.database, schema=this.schema, identifier='int_customer_features_daily') %}
{%- endif %}

with

as_of_dates as (

    select * from {{ ref('int_as_of_dates') }}

),

profile_versions as (

    select * from {{ ref('stg_raw__profile_versions') }}

),

received_watermark as (

    -- how far the data received so far reaches
    select max(received_at) as received_watermark
    from {{ ref('stg_raw__events') }}

),

window_dates as (

    -- the store's window (macro feature_store_window_dates)
    {{ smart_segments.feature_store_window_dates('as_of_dates', 'profile_versions') }}

),

stored_final_dates as (

    -- what earlier runs computed as final: never again
    {% if store is not none -%}
        select as_of_date
        from {{ store }}
        group by as_of_date
        having min(case when is_final then 1 else 0 end) = 1
    {%- else -%}
        -- a first build, or a full refresh: nothing is kept
        select cast(null as date) as as_of_date
        where false
    {%- endif %}

),

to_compute as (

    select
        window_dates.as_of_date,
        window_dates.days_before_current,
        {{ smart_segments.is_final_date('window_dates.as_of_date', 'received_watermark.received_watermark') }}
            as is_final
    from window_dates
    cross join received_watermark
    where
        not exists (
            select 1 from stored_final_dates
            where stored_final_dates.as_of_date = window_dates.as_of_date
        )

)

select * from to_compute
