{#
    RFM per known user with at least one order in the 365 days to each
    as-of date D. Scores are quintiles with explicit tie-breaks (user_id),
    so they do not depend on threads or engine:
      r_score  NTILE(5) by days_since_last_order desc: most recent = 5
      f_score  NTILE(5) by orders_365d: most orders = 5
      m_score  NTILE(5) by revenue_365d_usd: most revenue = 5
      fm_score (f_score + m_score + 1) / 2 in integer arithmetic
    rfm_segment comes from the rfm_segment_grid seed.
#}

with

activity as (

    select * from {{ ref('int_customer_activity_as_of') }}

),

profiles as (

    select * from {{ ref('int_customer_profiles_as_of') }}

),

rfm_segment_grid as (

    select * from {{ ref('rfm_segment_grid') }}

),

customers as (

    select
        activity.as_of_date,
        activity.user_id,
        activity.days_since_last_order,
        activity.orders_365d,
        activity.revenue_365d_usd
    from activity
    inner join profiles
        on
            activity.as_of_date = profiles.as_of_date
            and activity.user_id = profiles.user_id
    where activity.orders_365d > 0

),

scored as (

    select
        *,
        ntile(5) over (
            partition by as_of_date
            order by days_since_last_order desc, user_id asc
        ) as r_score,
        ntile(5) over (
            partition by as_of_date
            order by orders_365d, user_id
        ) as f_score,
        ntile(5) over (
            partition by as_of_date
            order by revenue_365d_usd, user_id
        ) as m_score
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
