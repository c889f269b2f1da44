{#
    What each RFM score means at each as-of date of the build: the range of
    the underlying metric in each quintile and how many customers it holds
    ("F = 4" means 3 to 4 orders in 365 days today).
#}

with

rfm as (

    select * from {{ ref('int_customer_rfm_as_of') }}

),

recency as (

    select
        as_of_date,
        'recency' as score_name,
        'days_since_last_order' as metric_name,
        r_score as score,
        cast(min(days_since_last_order) as decimal(18, 4)) as min_metric_value,
        cast(max(days_since_last_order) as decimal(18, 4)) as max_metric_value,
        count(*) as customers
    from rfm
    group by 1, 2, 3, 4

),

frequency as (

    select
        as_of_date,
        'frequency' as score_name,
        'orders_365d' as metric_name,
        f_score as score,
        cast(min(orders_365d) as decimal(18, 4)) as min_metric_value,
        cast(max(orders_365d) as decimal(18, 4)) as max_metric_value,
        count(*) as customers
    from rfm
    group by 1, 2, 3, 4

),

monetary as (

    select
        as_of_date,
        'monetary' as score_name,
        'revenue_365d_usd' as metric_name,
        m_score as score,
        cast(min(revenue_365d_usd) as decimal(18, 4)) as min_metric_value,
        cast(max(revenue_365d_usd) as decimal(18, 4)) as max_metric_value,
        count(*) as customers
    from rfm
    group by 1, 2, 3, 4

),

cutoffs as (

    select * from recency
    union all
    select * from frequency
    union all
    select * from monetary

)

select * from cutoffs
