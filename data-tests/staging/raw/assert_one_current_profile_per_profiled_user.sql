{# Every user with a clean profile version has exactly one current profile, the latest. #}

with

latest_versions as (

    select
        user_id,
        max(updated_at) as latest_updated_at
    from {{ ref('stg_raw__profile_versions') }}
    group by user_id

),

current_profiles as (

    select * from {{ ref('stg_raw__profiles') }}

)

select
    latest_versions.user_id,
    latest_versions.latest_updated_at,
    current_profiles.updated_at as current_updated_at
from latest_versions
left join current_profiles
    on latest_versions.user_id = current_profiles.user_id
where current_profiles.updated_at is distinct from latest_versions.latest_updated_at
