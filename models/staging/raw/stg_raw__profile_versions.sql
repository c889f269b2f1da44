{{
    config(
        pre_hook="{{ smart_segments.assert_quarantine_shares('profiles', ref('stg_raw__profiles_triaged')) }}",
    )
}}

{#
    Every clean version of every profile: one row per (user_id, updated_at),
    normalised, with bad fields nulled and flagged. Point-in-time models pick
    the latest version updated on or before their as-of date from here.
#}

with

triaged_profiles as (

    select * from {{ ref('stg_raw__profiles_triaged') }}

),

profile_versions as (

    select
        user_id,
        email,
        email_sha256,
        full_name,
        phone,
        gender,
        marital_status,
        education,
        occupation,
        life_stage,
        country,
        region,
        city,
        postal_code,
        location_type,
        plan,
        raw_plan,
        interests,
        lifestyle,
        annual_income_usd,
        latitude,
        longitude,
        marketing_consent,
        is_birth_date_invalid,
        is_annual_income_invalid,
        is_location_invalid,
        is_country_unknown,
        is_plan_unknown,
        is_timestamp_out_of_range,
        is_deletion_requested_at_imputed,
        birth_date,
        signup_at,
        consent_updated_at,
        deletion_requested_at,
        updated_at
    from triaged_profiles
    where row_status = 'clean'

)

select * from profile_versions
