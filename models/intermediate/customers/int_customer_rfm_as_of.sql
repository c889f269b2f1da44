{#
    RFM per known user with at least one order in the 365 days to each
    as-of date D of the build, from the feature store's rows of D
    (population-wide, so computed per date from what the store holds, never
    stored). Scores are quintiles with explicit tie-breaks (user_id),
    so they do not depend on threads or engine:
      r_score  NTILE(5) by days_since_last_order desc: most recent = 5
      f_score  NTILE(5) by orders_365d: most orders = 5
      m_score  NTILE(5) by revenue_365d_usd: most revenue = 5
      fm_score (f_score + m_score + 1) / 2 in integer arithmetic
    rfm_segment comes from the rfm_segment_grid seed.
#}

with

features as (

    select * from {{ ref('int_customer_features_daily') }}

),

as_of_dates as (

    select * from {{ ref('int_as_of_dates') }}

),

rfm_segment_grid as (

    select * from {{ ref('rfm_segment_grid') }}

),

customers as (

    -- the build's dates only: the store holds every date of its window
    select
        features.as_of_date,
        features.user_id,
        features.days_since_last_order,
        features.orders_365d,
        features.revenue_365d_usd
    from features
    inner join as_of_dates
        on features.as_of_date = as_of_dates.as_of_date
    where features.orders_365d > 0

),

scored as (

    select
        *,
        -- bigint on every engine (Spark's ntile() is an int)
        cast(ntile(5) over (
            partition by as_of_date
            order by days_since_last_order desc, user_id asc
        ) as bigint) as r_score,
        cast(ntile(5) over (
            partition by as_of_date
            order by orders_365d, user_id
        ) as bigint) as f_score,
        cast(ntile(5) over (
            partition by as_of_date
            order by revenue_365d_usd, user_id
        ) as bigint) as m_score
    from customers

),

with_fm as (

    select
        *,
        cast(floor((f_score + m_score + 1) / 2.0) as integer) as fm_score
    from scored

),

segmented as (

    select
        with_fm.*,
        rfm_segment_grid.rfm_segment
    from with_fm
    inner join rfm_segment_grid
        on
            with_fm.r_score = rfm_segment_grid.r_score
            and with_fm.fm_score = rfm_segment_grid.fm_score

)

select * from segmented
