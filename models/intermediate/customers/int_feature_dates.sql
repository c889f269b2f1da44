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

{#- the dates, checked once: macros/as_of/as_of_dates.sql -#}
{%- set build = smart_segments.as_of_dates() %}
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

days_before as (

    -- 0 .. retention days
    select cast(generated_number - 1 as integer) as days_before_current
    from ({{ dbt.generate_series(build.retention_days + 1) }}) as series

),

window_dates as (

    select
        days_before.days_before_current,
        {{ smart_segments.days_before('current_date_chosen.as_of_date', 'days_before.days_before_current') }}
            as as_of_date
    from as_of_dates as current_date_chosen
    cross join days_before
    where current_date_chosen.is_current

),

first_known_date as (

    -- the first date a user can be known: a version in force, signed up by then
    select min(greatest(cast(updated_at as date), cast(signup_at as date))) as first_known_date
    from profile_versions

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
    cross join first_known_date
    cross join received_watermark
    where
        window_dates.as_of_date >= first_known_date.first_known_date
        and not exists (
            select 1 from stored_final_dates
            where stored_final_dates.as_of_date = window_dates.as_of_date
        )

)

select * from to_compute
