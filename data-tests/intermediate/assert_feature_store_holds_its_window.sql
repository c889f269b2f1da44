{#
    The feature store holds its window and nothing else: no date older than
    as_of_date minus the retention days (the pre-hook drops them), and no
    missing date between the first date it holds and as_of_date (a known
    user stays known, so every date from the first holds rows; a gap is a
    date no run computed). Returns the offending dates with the reason.
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

    -- a date between the first stored one and as_of_date without a row
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
        later_dates.as_of_date >= (select min(stored_dates.as_of_date) from stored_dates)
        and not exists (
            select 1 from stored_dates
            where stored_dates.as_of_date = later_dates.as_of_date
        )

)

select * from too_old
union all
select * from missing
