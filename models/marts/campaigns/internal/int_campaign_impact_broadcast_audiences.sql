{#
    Each measured broadcast's audience before the groups are drawn: every
    user signed up and contactable (marketing consent on the profile
    version in force) the day before the launch, and not erased; one row
    per (campaign_id, user_id). int_campaign_impact_audiences splits it
    into treated, control and the rest.

    A table of its own so that int_campaign_impact_audiences plans its
    joins on its real size: inline there, DuckDB estimated this validity-
    range join at a few rows and built hash tables on its millions (2.26M
    rows at the 10M bench), which did not fit in 400 MB on one thread.
#}

with

campaign_windows as (

    select * from {{ ref('int_campaign_windows') }}

),

profile_versions as (

    select * from {{ ref('stg_raw__profile_versions') }}

),

erased_users as (

    select * from {{ ref('int_erased_users') }}

),

broadcast_eve as (

    select
        campaign_id,
        {{ smart_segments.days_before('launch_date', 1) }} as audience_as_of_date
    from campaign_windows
    where
        is_window_complete
        and target_segment is null

),

profiles_at_eve as (

    -- each user's profile version in force the day before the launch: the latest updated by
    -- then (validity ranges: macro profile_versions_as_of, so an eve meets one version per user)
    select
        versions_at_eve.campaign_id,
        versions_at_eve.audience_as_of_date,
        versions_at_eve.user_id,
        versions_at_eve.signup_at,
        versions_at_eve.marketing_consent
    from (
        {{ smart_segments.profile_versions_as_of(
            'profile_versions', 'broadcast_eve', 'audience_as_of_date', ['campaign_id', 'audience_as_of_date']) }}
    ) as versions_at_eve

)

select
    profiles_at_eve.campaign_id,
    profiles_at_eve.user_id,
    profiles_at_eve.audience_as_of_date
from profiles_at_eve
left join erased_users
    on profiles_at_eve.user_id = erased_users.user_id
where
    coalesce(profiles_at_eve.marketing_consent, false)
    and cast(profiles_at_eve.signup_at as date) <= profiles_at_eve.audience_as_of_date
    and erased_users.user_id is null
