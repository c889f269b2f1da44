{#
    The feature store holds its window (macro feature_store_window_dates)
    and nothing else: no date older than its first date (the pre-hook drops
    them), and no date of the window that the
    store lacks although this run did not compute it: int_feature_dates
    computes every date the store lacks, so such a date was lost after the
    run that should hold it (a date with no known user is computed on every
    run and holds no row, rightly). Returns the offending dates with the
    reason.
#}

with

features as (

    select * from {{ ref('int_customer_features_daily') }}

),

as_of_dates as (

    select * from {{ ref('int_as_of_dates') }}

),

profile_versions as (

    select * from {{ ref('stg_raw__profile_versions') }}

),

computed_dates as (

    select * from {{ ref('int_feature_dates') }}

),

window_dates as (

    -- the store's window (macro feature_store_window_dates)
    {{ smart_segments.feature_store_window_dates('as_of_dates', 'profile_versions') }}

),

stored_dates as (

    select distinct as_of_date from features

),

too_old as (

    select
        stored_dates.as_of_date,
        'older than the window' as reason
    from stored_dates
    where stored_dates.as_of_date < (select min(window_dates.as_of_date) from window_dates)

),

missing as (

    -- a date of the window without a row and not computed by this run
    select
        window_dates.as_of_date,
        'missing from the window' as reason
    from window_dates
    where
        not exists (
            select 1 from stored_dates
            where stored_dates.as_of_date = window_dates.as_of_date
        )
        and not exists (
            select 1 from computed_dates
            where computed_dates.as_of_date = window_dates.as_of_date
        )

)

select * from too_old
union all
select * from missing
