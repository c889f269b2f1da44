{#
    The feature store wrote every batch of this run's dates (the model the
    first, its post-hook the others; macro feature_store_write_batches):
    at each date int_feature_dates lists, the store holds one row per user
    of int_customer_profiles_as_of (one per user known at the date), less
    the users erased as of the store's cut-off (the later of the current
    as_of_date and the latest stored date: stored_rows_erasure_cutoff as a
    run that keeps the store sees it). Counts only, so it reads neither the
    view of the four feature models nor their tables. Returns each date
    whose counts differ, with both.
#}

with

feature_dates as (

    select * from {{ ref('int_feature_dates') }}

),

profiles as (

    select * from {{ ref('int_customer_profiles_as_of') }}

),

features as (

    select * from {{ ref('int_customer_features_daily') }}

),

as_of_dates as (

    select * from {{ ref('int_as_of_dates') }}

),

profile_versions as (

    select * from {{ ref('stg_raw__profile_versions') }}

),

erased_users as (

    {{ smart_segments.erased_user_ids(
        "select greatest(max(as_of_dates.as_of_date), (select max(stored.as_of_date) from features as stored))"
        ~ " from as_of_dates where as_of_dates.is_current",
        'profile_versions') }}

),

computed as (

    select
        profiles.as_of_date,
        count(*) as computed_rows
    from profiles
    inner join feature_dates
        on profiles.as_of_date = feature_dates.as_of_date
    where
        not exists (
            select 1 from erased_users
            where erased_users.user_id = profiles.user_id
        )
    group by profiles.as_of_date

),

stored as (

    select
        features.as_of_date,
        count(*) as stored_rows
    from features
    inner join feature_dates
        on features.as_of_date = feature_dates.as_of_date
    group by features.as_of_date

)

select
    coalesce(computed.as_of_date, stored.as_of_date) as as_of_date,
    coalesce(computed.computed_rows, 0) as computed_rows,
    coalesce(stored.stored_rows, 0) as stored_rows
from computed
full outer join stored
    on computed.as_of_date = stored.as_of_date
where coalesce(computed.computed_rows, 0) <> coalesce(stored.stored_rows, 0)
