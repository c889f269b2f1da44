{#
    The app versions seen per platform and day, on every clean event known
    by as_of_date's cut-off (known_date: a snapshot as of D reads the rows
    known by D) of an identity not erased (int_identity_daily_app_versions;
    anonymous ones included: "seen on that platform" is about the app, not
    about known users), parsed into major and minor numbers. Versions that
    do not start with two dot-separated integers are kept with null numbers
    and never count as the newest. One row per platform, day, known date and version.
#}

with

identity_rows as (

    select * from {{ ref('int_identity_daily_app_versions') }}

),

as_of_dates as (

    select * from {{ ref('int_as_of_dates') }}
    where is_current

),

versions as (

    select
        identity_rows.platform,
        identity_rows.app_version,
        identity_rows.event_date,
        identity_rows.known_date,
        cast(sum(identity_rows.events) as bigint) as events
    from identity_rows
    inner join as_of_dates
        on identity_rows.known_date <= as_of_dates.as_of_date
    where identity_rows.app_version is not null and identity_rows.platform is not null
    group by 1, 2, 3, 4

),

parsed as (

    select
        platform,
        app_version,
        event_date,
        known_date,
        events,
        {{ smart_segments.try_cast_integer(dbt.split_part('app_version', "'.'", 1)) }}
            as major_version,
        {{ smart_segments.try_cast_integer(dbt.split_part('app_version', "'.'", 2)) }}
            as minor_version
    from versions

)

select * from parsed
