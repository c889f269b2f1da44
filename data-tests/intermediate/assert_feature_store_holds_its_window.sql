{#
    The feature store holds its window and nothing else: no date older than
    as_of_date minus the retention days (the pre-hook drops them), and no
    date of the window (from the first date a user can be known) that the
    store lacks although this run did not compute it: int_feature_dates
    computes every date the store lacks, so such a date was lost after the
    run that should hold it (a date with no known user is computed on every
    run and holds no row, rightly). Returns the offending dates with the
    reason.
#}

{%- set build = smart_segments.as_of_dates() %}

with

features as (

    select * from {{ ref('int_customer_features_daily') }}

),

as_of_dates as (

    select * from {{ ref('int_as_of_dates') }}

),

current_date_chosen as (

    select
        as_of_date,
        {{ smart_segments.days_before('as_of_date', build.retention_days) }} as window_start_date
    from as_of_dates
    where is_current

),

first_known_date as (

    -- the first date a user can be known: a version in force, signed up by then
    select min(greatest(cast(updated_at as date), cast(signup_at as date))) as first_known_date
    from {{ ref('stg_raw__profile_versions') }}

),

stored_dates as (

    select distinct as_of_date from features

),

too_old as (

    select
        stored_dates.as_of_date,
        'older than the window' as reason
    from stored_dates
    cross join current_date_chosen
    where stored_dates.as_of_date < current_date_chosen.window_start_date

),

missing as (

    -- a date of the window, from the first a user can be known, without a row and not
    -- computed by this run
    select
        later_dates.as_of_date,
        'missing from the window' as reason
    from (
        select
            {{ smart_segments.days_before('current_date_chosen.as_of_date', 'day_offsets.days_before') }} as as_of_date
        from current_date_chosen
        cross join (
            select cast(generated_number - 1 as integer) as days_before
            from ({{ dbt.generate_series(build.retention_days + 1) }}) as series
        ) as day_offsets
    ) as later_dates
    where
        later_dates.as_of_date >= (select first_known_date.first_known_date from first_known_date)
        and not exists (
            select 1 from stored_dates
            where stored_dates.as_of_date = later_dates.as_of_date
        )
        and not exists (
            select 1 from {{ ref('int_feature_dates') }} as computed_dates
            where computed_dates.as_of_date = later_dates.as_of_date
        )

)

select * from too_old
union all
select * from missing
