{#
    Every raw profile row, typed and normalised, with its fate:
      clean        -> stg_raw__profile_versions (and the latest per user in
                      stg_raw__profiles)
      duplicate    -> stg_raw__duplicate_profiles: a second row for the same
                      (user_id, updated_at); the first by file name and row
                      number is kept
      quarantined  -> stg_raw__quarantined_profiles: missing_user_id, or
                      missing_updated_at

    Bad fields do not quarantine a profile: the field is nulled and flagged
    (birth date in the future or more than segments__max_age_years before
    the row's update, negative, absurd, NaN or infinite income,
    latitude/longitude out of range, unknown country, a plan outside the
    contract's vocabulary, a timestamp outside 0001..9999). A deletion
    request whose time is out of range is honoured as of the row's
    updated_at, so an erasure is never lost to a bad timestamp; an
    updated_at out of range counts as missing.
#}

with

raw_profiles as (

    select * from {{ ref('base_raw__profiles') }}

),

country_keys as (

    select * from {{ ref('stg_reference__country_keys') }}

),

typed as (

    select
        {{ smart_segments.trimmed_text('user_id') }} as user_id,
        nullif(lower(trim(email)), '') as email,
        nullif(trim(full_name), '') as full_name,
        nullif(trim(phone), '') as phone,
        {{ smart_segments.normalize_gender('gender') }} as gender,
        gender as raw_gender,
        {{ smart_segments.normalize_label('marital_status') }} as marital_status_label,
        {{ smart_segments.normalize_label('education') }} as education_label,
        {{ smart_segments.normalize_label('occupation') }} as occupation,
        {{ smart_segments.normalize_label('life_stage') }} as life_stage,
        country as raw_country,
        nullif(trim(region), '') as region,
        nullif(trim(city), '') as city,
        nullif(trim(postal_code), '') as postal_code,
        {{ smart_segments.normalize_label('location_type') }} as location_type,
        {{ smart_segments.normalize_label('plan') }} as plan_label,
        plan as raw_plan,
        {{ smart_segments.normalize_label_list('interests') }} as interests,
        {{ smart_segments.normalize_label('lifestyle') }} as lifestyle,
        source_file,
        cast(annual_income as double) as raw_annual_income,
        cast(latitude as double) as raw_latitude,
        cast(longitude as double) as raw_longitude,
        source_row_number,
        marketing_consent,
        {{ smart_segments.safe_date('birth_date') }} as raw_birth_date,
        {{ smart_segments.safe_timestamp('signup_at') }} as signup_at,
        {{ smart_segments.safe_timestamp('consent_updated_at') }} as consent_updated_at,
        {{ smart_segments.safe_timestamp('deletion_requested_at') }} as safe_deletion_requested_at,
        {{ smart_segments.safe_timestamp('updated_at') }} as updated_at,
        deletion_requested_at is not null as has_deletion_request,
        (birth_date is not null and {{ smart_segments.safe_date('birth_date') }} is null)
        or (signup_at is not null and {{ smart_segments.safe_timestamp('signup_at') }} is null)
        or (
            consent_updated_at is not null
            and {{ smart_segments.safe_timestamp('consent_updated_at') }} is null
        )
        or (
            deletion_requested_at is not null
            and {{ smart_segments.safe_timestamp('deletion_requested_at') }} is null
        )
        or (updated_at is not null and {{ smart_segments.safe_timestamp('updated_at') }} is null)
            as is_timestamp_out_of_range
    from raw_profiles

),

validated as (

    select
        typed.*,
        country_keys.country,
        {{ smart_segments.known_label('typed.plan_label', 'plan') }} as plan,
        case
            when typed.has_deletion_request
                then coalesce(typed.safe_deletion_requested_at, typed.updated_at)
        end as deletion_requested_at,
        typed.raw_birth_date > cast(typed.updated_at as date)
        or typed.raw_birth_date < cast(typed.updated_at as date)
        - interval '{{ smart_segments.number_var("segments__max_age_years") | int }} years'
            as is_birth_date_invalid,
        -- isfinite first: DuckDB folds a range test away when the Parquet file's
        -- statistics (which leave NaN out) say every value lies inside the range,
        -- so a NaN beside ordinary values passed `not between` unflagged
        not {{ smart_segments.is_finite("typed.raw_annual_income") }}
        or typed.raw_annual_income not between 0
        and {{ smart_segments.number_var('segments__max_annual_income_usd') }} as is_annual_income_invalid,
        not {{ smart_segments.is_finite("typed.raw_latitude") }}
        or not {{ smart_segments.is_finite("typed.raw_longitude") }}
        or typed.raw_latitude not between -90 and 90
        or typed.raw_longitude not between -180 and 180 as is_location_invalid,
        typed.raw_country is not null
        and trim(typed.raw_country) <> ''
        and country_keys.country is null as is_country_unknown,
        row_number() over (
            partition by typed.user_id, typed.updated_at
            order by typed.source_file, typed.source_row_number
        ) as copy_number
    from typed
    left join country_keys
        on lower(trim(typed.raw_country)) = country_keys.country_key

),

final as (

    select
        user_id,
        case
            when user_id is null then 'quarantined'
            when updated_at is null then 'quarantined'
            when copy_number > 1 then 'duplicate'
            else 'clean'
        end as row_status,
        case
            when user_id is null then 'missing_user_id'
            when updated_at is null then 'missing_updated_at'
        end as quarantine_reason,
        email,
        {{ smart_segments.sha256_hex('email') }} as email_sha256,
        full_name,
        phone,
        gender,
        raw_gender,
        case
            when marital_status_label in ('single', 'married', 'divorced', 'widowed', 'separated')
                then marital_status_label
            when marital_status_label in ('partnered', 'domestic_partnership', 'in_a_relationship')
                then 'partnered'
            when marital_status_label is not null then 'other'
        end as marital_status,
        case
            when education_label in ('high_school', 'secondary') then 'high_school'
            when education_label in ('bachelor', 'bachelors', 'bachelor_s', 'ba', 'bsc') then 'bachelor'
            when education_label in ('master', 'masters', 'master_s', 'ma', 'msc', 'mba') then 'master'
            when education_label in ('doctorate', 'phd', 'doctoral') then 'doctorate'
            when education_label is not null then 'other'
        end as education,
        occupation,
        life_stage,
        country,
        raw_country,
        region,
        city,
        postal_code,
        location_type,
        plan,
        raw_plan,
        interests,
        lifestyle,
        source_file,
        case when not is_annual_income_invalid then raw_annual_income end as annual_income_usd,
        raw_annual_income,
        case when not is_location_invalid then raw_latitude end as latitude,
        case when not is_location_invalid then raw_longitude end as longitude,
        raw_latitude,
        raw_longitude,
        copy_number,
        source_row_number,
        marketing_consent,
        coalesce(is_birth_date_invalid, false) as is_birth_date_invalid,
        coalesce(is_annual_income_invalid, false) as is_annual_income_invalid,
        coalesce(is_location_invalid, false) as is_location_invalid,
        is_country_unknown,
        plan_label is not null and plan is null as is_plan_unknown,
        is_timestamp_out_of_range,
        deletion_requested_at is not null and safe_deletion_requested_at is null
            as is_deletion_requested_at_imputed,
        case when not coalesce(is_birth_date_invalid, false) then raw_birth_date end as birth_date,
        raw_birth_date,
        signup_at,
        consent_updated_at,
        deletion_requested_at,
        updated_at
    from validated

)

select * from final
