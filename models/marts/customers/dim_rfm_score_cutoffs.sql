{#
    What each RFM score means at each as-of date of the build (but the
    feature-only dates of propensity training): the range of
    the underlying metric in each quintile and how many customers it holds
    ("F = 4" means 3 to 4 orders in 365 days today).
#}

{%- set scores = [
    ('recency', 'r_score', 'days_since_last_order'),
    ('frequency', 'f_score', 'orders_365d'),
    ('monetary', 'm_score', 'revenue_365d_usd'),
] %}

with

as_of_dates as (

    select * from {{ ref('int_as_of_dates') }}
    where not is_feature_only

),

rfm as (

    select int_customer_rfm_as_of.*
    from {{ ref('int_customer_rfm_as_of') }} as int_customer_rfm_as_of
    inner join as_of_dates
        on int_customer_rfm_as_of.as_of_date = as_of_dates.as_of_date

),

cutoffs as (

    {% for score_name, score_column, metric in scores -%}
        select
            as_of_date,
            '{{ score_name }}' as score_name,
            '{{ metric }}' as metric_name,
            {{ score_column }} as score,
            cast(min({{ metric }}) as decimal(18, 4)) as min_metric_value,
            cast(max({{ metric }}) as decimal(18, 4)) as max_metric_value,
            count(*) as customers
        from rfm
        group by 1, 2, 3, 4
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select * from cutoffs
