{#
    The app versions seen per platform and day, on every event in scope
    (anonymous ones included: "seen on that platform" is about the app, not
    about known users), parsed into major and minor numbers. Versions that
    do not start with two dot-separated integers are kept with null numbers
    and never count as the newest. One row per platform, day and version.
#}

with

events as (

    select * from {{ ref('int_events_in_scope') }}

),

versions as (

    select
        platform,
        app_version,
        event_date,
        count(*) as events
    from events
    where app_version is not null and platform is not null
    group by 1, 2, 3

),

parsed as (

    select
        platform,
        app_version,
        event_date,
        events,
        {{ smart_segments.try_cast_integer(dbt.split_part('app_version', "'.'", 1)) }}
            as major_version,
        {{ smart_segments.try_cast_integer(dbt.split_part('app_version', "'.'", 2)) }}
            as minor_version
    from versions

)

select * from parsed
