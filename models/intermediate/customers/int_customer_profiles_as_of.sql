{#
    The known users at each date D the feature store computes in this run
    (int_feature_dates) and their profile as of D: the
    latest clean profile version updated on or before D, for users signed
    up on or before D and not erased. One row per (as_of_date, user_id).
    Demographic, geographic and psychographic attributes derived from the
    profile live here. No clear-text PII: email only as email_sha256.
    The version in force at a date: macro profile_versions_as_of (validity
    ranges, so a date meets one version, not every version before it).
#}

with

erased_users as (

    select * from {{ ref('int_erased_users') }}

),

profile_versions as (

    -- erased users leave before the versions meet the dates (never every user times every date)
    select * from {{ ref('stg_raw__profile_versions') }} as versions
    where
        not exists (
            select 1 from erased_users
            where erased_users.user_id = versions.user_id
        )

),

as_of_dates as (

    select * from {{ ref('int_feature_dates') }}

),

latest_versions as (

    {{ smart_segments.profile_versions_as_of(
        'profile_versions', 'as_of_dates', 'as_of_date', ['as_of_date']) }}

),

profiles as (

    select
        latest_versions.as_of_date,
        latest_versions.user_id,
        latest_versions.email_sha256,
        latest_versions.gender,
        latest_versions.marital_status,
        latest_versions.education,
        latest_versions.occupation,
        latest_versions.life_stage,
        latest_versions.country as profile_country,
        latest_versions.region,
        latest_versions.city,
        latest_versions.location_type,
        latest_versions.plan as profile_plan,
        latest_versions.interests,
        latest_versions.lifestyle,
        case
            when latest_versions.annual_income_usd < 25000 then '<25k'
            when latest_versions.annual_income_usd < 50000 then '25-50k'
            when latest_versions.annual_income_usd < 100000 then '50-100k'
            when latest_versions.annual_income_usd < 200000 then '100-200k'
            when latest_versions.annual_income_usd >= 200000 then '200k+'
        end as income_band,
        latest_versions.annual_income_usd,
        latest_versions.latitude,
        latest_versions.longitude,
        {{ smart_segments.haversine_km(
            'latest_versions.latitude', 'latest_versions.longitude',
            var('segments__venue_latitude'), var('segments__venue_longitude')) }}
            as distance_to_venue_km,
        {{ smart_segments.age_in_years('latest_versions.birth_date', 'latest_versions.as_of_date') }}
            as age,
        {{ smart_segments.days_between('cast(latest_versions.signup_at as date)', 'latest_versions.as_of_date') }}
            as tenure_days,
        coalesce(latest_versions.marketing_consent, false) as has_marketing_consent,
        latest_versions.has_paid_profile_version,
        latest_versions.is_birth_date_invalid,
        latest_versions.is_annual_income_invalid,
        latest_versions.is_location_invalid,
        latest_versions.is_country_unknown,
        latest_versions.birth_date,
        latest_versions.signup_at,
        latest_versions.updated_at as profile_updated_at
    from latest_versions
    where cast(latest_versions.signup_at as date) <= latest_versions.as_of_date

),

with_age_band as (

    select
        *,
        case
            when age < 18 then 'under_18'
            when age <= 24 then '18-24'
            when age <= 34 then '25-34'
            when age <= 44 then '35-44'
            when age <= 54 then '45-54'
            when age <= 64 then '55-64'
            when age >= 65 then '65+'
        end as age_band
    from profiles

)

select * from with_age_band
