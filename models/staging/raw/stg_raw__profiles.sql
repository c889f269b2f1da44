{#
    Current profiles: the latest clean version of each user's profile
    (greatest updated_at), one row per user_id.
#}

with

profile_versions as (

    select * from {{ ref('stg_raw__profile_versions') }}

),

current_profiles as (

    select *
    from profile_versions
    qualify row_number() over (partition by user_id order by updated_at desc) = 1

)

select * from current_profiles
