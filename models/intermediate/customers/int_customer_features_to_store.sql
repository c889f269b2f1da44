{{ config(materialized='view') }}

{#
    The rows this run computes for the feature store
    (int_customer_features_daily): every per-user feature (profile,
    activity, breakdowns, messaging) at each date int_feature_dates lists,
    one row per (as_of_date, known user), as known at the date's cut-off
    (README, "As known at D"). A view, not a table: the store writes it in
    batches of dates (segments__feature_store_rows_per_write rows per
    statement, so that the joins of the four wide feature models stay
    within memory), and leaves out the users erased as of its own cut-off
    (stored_rows_erasure_cutoff), which this view cannot know.
#}

with

feature_dates as (

    select * from {{ ref('int_feature_dates') }}

),

profiles as (

    select * from {{ ref('int_customer_profiles_as_of') }}

),

activity as (

    select * from {{ ref('int_customer_activity_as_of') }}

),

breakdowns as (

    select * from {{ ref('int_customer_breakdowns_as_of') }}

),

messaging as (

    select * from {{ ref('int_customer_messaging_as_of') }}

),

countries as (

    select * from {{ ref('countries') }}

),

joined as (

    select
        profiles.as_of_date,
        profiles.user_id,
        profiles.email_sha256,
        coalesce(profiles.profile_country, breakdowns.top_event_country_90d) as country,
        profiles.city,
        profiles.location_type,
        profiles.gender,
        profiles.age_band,
        profiles.marital_status,
        profiles.education,
        profiles.income_band,
        profiles.occupation,
        profiles.life_stage,
        profiles.interests,
        profiles.lifestyle,
        breakdowns.top_content_category_90d,
        coalesce(activity.plan_from_subscription_events, profiles.profile_plan) as current_plan,
        activity.primary_platform,
        activity.os_version,
        activity.app_version,
        activity.device_model,
        cast(profiles.age as integer) as age,
        cast(profiles.tenure_days as integer) as tenure_days,
        profiles.distance_to_venue_km,
        profiles.annual_income_usd,
        cast(activity.days_since_last_seen as integer) as days_since_last_seen,
        cast(coalesce(activity.active_days_7d, 0) as bigint) as active_days_7d,
        cast(coalesce(activity.active_days_30d, 0) as bigint) as active_days_30d,
        cast(coalesce(activity.active_days_90d, 0) as bigint) as active_days_90d,
        cast(coalesce(activity.sessions_30d, 0) as bigint) as sessions_30d,
        cast(coalesce(activity.orders_lifetime, 0) as bigint) as orders_lifetime,
        cast(coalesce(activity.orders_365d, 0) as bigint) as orders_365d,
        cast(coalesce(activity.orders_90d, 0) as bigint) as orders_90d,
        cast(coalesce(activity.orders_30d, 0) as bigint) as orders_30d,
        cast(coalesce(activity.revenue_lifetime_usd, 0) as decimal(18, 4)) as revenue_lifetime_usd,
        cast(coalesce(activity.revenue_365d_usd, 0) as decimal(18, 4)) as revenue_365d_usd,
        cast(coalesce(activity.revenue_30d_usd, 0) as decimal(18, 4)) as revenue_30d_usd,
        activity.avg_order_value_usd,
        cast(activity.days_since_last_order as integer) as days_since_last_order,
        activity.coupon_order_share_365d,
        cast(coalesce(activity.content_downloads_lifetime, 0) as bigint) as content_downloads_lifetime,
        cast(coalesce(activity.demo_requests_lifetime, 0) as bigint) as demo_requests_lifetime,
        cast(coalesce(breakdowns.fitness_content_views_90d, 0) as bigint) as fitness_content_views_90d,
        cast(coalesce(messaging.messages_delivered_30d, 0) as bigint) as messages_delivered_30d,
        cast(coalesce(messaging.messages_opened_30d, 0) as bigint) as messages_opened_30d,
        cast(coalesce(messaging.messages_clicked_30d, 0) as bigint) as messages_clicked_30d,
        cast(messaging.messages_opened_30d as double) / nullif(messaging.messages_delivered_30d, 0)
            as open_rate_30d,
        cast(messaging.messages_clicked_30d as double) / nullif(messaging.messages_delivered_30d, 0)
            as click_rate_30d,
        coalesce(countries.is_eu, false) as is_eu,
        coalesce(activity.paid_subscription_events, 0) > 0 or profiles.has_paid_profile_version as is_ever_paid,
        -- erased users never reach the store (it drops them), so consent is all that is left to check
        profiles.has_marketing_consent as is_contactable,
        profiles.is_birth_date_invalid,
        profiles.is_annual_income_invalid,
        profiles.is_location_invalid,
        profiles.signup_at,
        activity.first_seen_at,
        activity.last_seen_at,
        activity.first_order_at,
        activity.last_order_at,
        activity.last_add_to_cart_at,
        activity.last_content_download_at,
        activity.last_demo_request_at,
        feature_dates.is_final
    from profiles
    inner join feature_dates
        on profiles.as_of_date = feature_dates.as_of_date
    left join activity
        on
            profiles.as_of_date = activity.as_of_date
            and profiles.user_id = activity.user_id
    left join breakdowns
        on
            profiles.as_of_date = breakdowns.as_of_date
            and profiles.user_id = breakdowns.user_id
    left join messaging
        on
            profiles.as_of_date = messaging.as_of_date
            and profiles.user_id = messaging.user_id
    left join countries
        on coalesce(profiles.profile_country, breakdowns.top_event_country_90d) = countries.country

)

select * from joined
