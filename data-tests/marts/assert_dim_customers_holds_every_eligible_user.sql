{#
    dim_customers holds exactly the known users as of the current date,
    recomputed here straight from staging: a clean profile version updated
    on or before D, signed up on or before D (on that version), and no
    deletion request on or before D on any version. Returns the users that
    are missing or extra.
#}

with

as_of_dates as (

    select as_of_date from {{ ref('int_as_of_dates') }}
    where is_current

),

profile_versions as (

    select * from {{ ref('stg_raw__profile_versions') }}

),

erased as (

    select distinct profile_versions.user_id
    from profile_versions
    cross join as_of_dates
    where cast(profile_versions.deletion_requested_at as date) <= as_of_dates.as_of_date

),

latest_as_of as (

    select profile_versions.*
    from profile_versions
    cross join as_of_dates
    where cast(profile_versions.updated_at as date) <= as_of_dates.as_of_date
    qualify row_number() over (partition by profile_versions.user_id order by profile_versions.updated_at desc) = 1

),

eligible as (

    select latest_as_of.user_id
    from latest_as_of
    cross join as_of_dates
    where
        cast(latest_as_of.signup_at as date) <= as_of_dates.as_of_date
        and latest_as_of.user_id not in (select erased.user_id from erased)

),

customers as (

    select user_id from {{ ref('dim_customers') }}

),

missing as (

    select
        user_id,
        'missing from dim_customers' as problem
    from eligible
    where user_id not in (select customers.user_id from customers)

),

extra as (

    select
        user_id,
        'not eligible but in dim_customers' as problem
    from customers
    where user_id not in (select eligible.user_id from eligible)

)

select * from missing
union all
select * from extra
