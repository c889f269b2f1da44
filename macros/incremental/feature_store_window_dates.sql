{#
    The feature store's window, in one place: a subquery of every date from
    the build's as_of_date minus the retention days (as_of_dates()) to
    as_of_date, from the first date a user can be known (a profile version
    in force, signed up by then: before it no user exists), with
    days_before_current. int_feature_dates computes the dates of it the
    store lacks; assert_feature_store_holds_its_window checks the store
    against it. `as_of_dates` and `profile_versions` are the caller's CTEs
    of int_as_of_dates and stg_raw__profile_versions.
#}
{% macro feature_store_window_dates(as_of_dates, profile_versions) -%}
    {%- set build = smart_segments.as_of_dates() -%}
    {%- set window_date = smart_segments.days_before(
        'current_date_chosen.as_of_date', 'day_offsets.days_before_current') -%}
    select
        {{ window_date }} as as_of_date,
        day_offsets.days_before_current
    from {{ as_of_dates }} as current_date_chosen
    cross join (
        select cast(generated_number - 1 as integer) as days_before_current
        from ({{ dbt.generate_series(build.retention_days + 1) }}) as series
    ) as day_offsets
    cross join (
        select min(greatest(cast(updated_at as date), cast(signup_at as date))) as first_known_date
        from {{ profile_versions }}
    ) as first_known
    where
        current_date_chosen.is_current
        and {{ window_date }} >= first_known.first_known_date
{%- endmacro %}
