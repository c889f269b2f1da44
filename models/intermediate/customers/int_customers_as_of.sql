{#
    The unified profile at every as-of date of the build (int_as_of_dates):
    the feature store's rows of those dates (int_customer_features_daily,
    one row per known, non-erased user and date) with the RFM scores of the
    date, computed from those rows, and is_current. dim_customers is its
    current-date slice; later work (performance cohorts, propensity
    training) reads the earlier dates.
#}

with

features as (

    select * from {{ ref('int_customer_features_daily') }}

),

as_of_dates as (

    select * from {{ ref('int_as_of_dates') }}

),

rfm as (

    select * from {{ ref('int_customer_rfm_as_of') }}

),

joined as (

    select
        features.as_of_date,
        features.user_id,
        features.email_sha256,
        features.country,
        features.city,
        features.location_type,
        features.gender,
        features.age_band,
        features.marital_status,
        features.education,
        features.income_band,
        features.occupation,
        features.life_stage,
        features.interests,
        features.lifestyle,
        features.top_content_category_90d,
        features.current_plan,
        features.primary_platform,
        features.os_version,
        features.app_version,
        features.device_model,
        rfm.rfm_segment,
        features.age,
        features.tenure_days,
        features.distance_to_venue_km,
        features.annual_income_usd,
        features.days_since_last_seen,
        features.active_days_7d,
        features.active_days_30d,
        features.active_days_90d,
        features.sessions_30d,
        features.orders_lifetime,
        features.orders_365d,
        features.orders_90d,
        features.orders_30d,
        features.revenue_lifetime_usd,
        features.revenue_365d_usd,
        features.revenue_30d_usd,
        features.avg_order_value_usd,
        features.days_since_last_order,
        features.coupon_order_share_365d,
        features.content_downloads_lifetime,
        features.demo_requests_lifetime,
        features.fitness_content_views_90d,
        features.messages_delivered_30d,
        features.messages_opened_30d,
        features.messages_clicked_30d,
        features.open_rate_30d,
        features.click_rate_30d,
        cast(rfm.r_score as integer) as r_score,
        cast(rfm.f_score as integer) as f_score,
        cast(rfm.m_score as integer) as m_score,
        cast(rfm.fm_score as integer) as fm_score,
        as_of_dates.is_current,
        features.is_eu,
        features.is_ever_paid,
        features.is_contactable,
        features.is_birth_date_invalid,
        features.is_annual_income_invalid,
        features.is_location_invalid,
        features.signup_at,
        features.first_seen_at,
        features.last_seen_at,
        features.first_order_at,
        features.last_order_at,
        features.last_add_to_cart_at,
        features.last_content_download_at,
        features.last_demo_request_at
    from features
    inner join as_of_dates
        on features.as_of_date = as_of_dates.as_of_date
    left join rfm
        on
            features.as_of_date = rfm.as_of_date
            and features.user_id = rfm.user_id

)

select * from joined
