{#
    One row per propensity model, as-of date and eligible user: the
    features as of that date (point-in-time metrics of int_customers_as_of,
    nothing after the date) and, on training and evaluation dates, the
    label: whether the event the model predicts happened in the
    segments__propensity_horizon_days after the date.
    conversion: free users who never paid; label a subscription_started.
    upgrade: basic subscribers; label a subscription_upgraded.
    role: training, evaluation (the later held-out date) or scoring (the
    current as_of_date); the evaluation date is scored too.
#}

{%- set horizon = var('segments__propensity_horizon_days') %}

with

customers as (

    select * from {{ ref('int_customers_as_of') }}

),

as_of_dates as (

    select * from {{ ref('int_as_of_dates') }}
    where propensity_role is not null or is_current

),

daily_activity as (

    select * from {{ ref('int_user_daily_activity') }}

),

labels as (

    -- events in (D, D + horizon], attributed as the horizon closes; an outcome,
    -- so every event the build knows counts (known=false)
    select
        as_of_dates.as_of_date,
        daily_activity.user_id,
        sum(daily_activity.subscriptions_started) as subscriptions_started,
        sum(daily_activity.subscriptions_upgraded) as subscriptions_upgraded
    from as_of_dates
    inner join daily_activity
        on
            as_of_dates.as_of_date < daily_activity.event_date
            and daily_activity.event_date <= {{ smart_segments.days_before('as_of_dates.as_of_date', -horizon) }}
            and {{ smart_segments.is_attributed_as_of(
                'daily_activity', smart_segments.days_before('as_of_dates.as_of_date', -horizon), known=false) }}
    where as_of_dates.propensity_role is not null
    group by 1, 2

),

features as (

    {% for propensity_model in smart_segments.propensity_models() -%}
        select
            '{{ propensity_model.name }}' as model_name,
            customers.user_id,
            coalesce(as_of_dates.propensity_role, 'scoring') as role,  -- noqa: RF04
            -- noqa: disable=LT02
            {% for feature in smart_segments.propensity_features() -%}
            cast({{ feature.expression }} as double) as {{ feature.name }},
            {% endfor -%}
            -- noqa: enable=LT02
            case
                when as_of_dates.propensity_role is not null
                    then coalesce(labels.{{ propensity_model.label }}, 0) > 0
            end as has_outcome,
            customers.days_since_last_seen,
            customers.as_of_date
        from customers
        inner join as_of_dates
            on customers.as_of_date = as_of_dates.as_of_date
        left join labels
            on
                customers.as_of_date = labels.as_of_date
                and customers.user_id = labels.user_id
        where {{ propensity_model.eligible }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select * from features
