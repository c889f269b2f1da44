{#
    One row per propensity model, role, as-of date and eligible user: the
    features as of that date (point-in-time metrics of int_customers_as_of,
    nothing after the date) and, on training and evaluation dates, the
    label: whether the event the model predicts happened in the
    segments__propensity_horizon_days after the date.
    conversion: free users who never paid; label a subscription_started.
    upgrade: basic subscribers; label a subscription_upgraded.
    role: training (a date some recorded date's model learns from),
    evaluation (the held-out date the current model is evaluated on) or
    scoring (a recorded date, scored with its own model). A date can have
    two roles (a recorded date that a later recorded date trains on):
    its features appear once per role.
    A training label is as known when its horizon closed (rows known by the
    cut-off of date + horizon): the date's training row then never changes,
    so a model fitted for a past date is the same in every build. The
    evaluation label is an outcome measured now, with every row the build
    knows.
#}

{%- set horizon = var('segments__propensity_horizon_days') %}

with

customers as (

    select * from {{ ref('int_customers_as_of') }}

),

as_of_dates as (

    select * from {{ ref('int_as_of_dates') }}

),

role_dates as (

    select
        as_of_date,
        propensity_role as role  -- noqa: RF04
    from as_of_dates
    where propensity_role is not null

    union all

    select
        as_of_date,
        'scoring' as role  -- noqa: RF04
    from as_of_dates
    where is_recorded

),

daily_activity as (

    -- only the rows a label can count
    select * from {{ ref('int_user_daily_activity') }}
    where
        {% for propensity_model in smart_segments.propensity_models() -%}
            {{ propensity_model.label }} > 0{% if not loop.last %} or {% endif %}
        {%- endfor %}

),

labels as (

    -- events in (D, D + horizon], attributed as the horizon closes; training
    -- labels count the rows known by then, the evaluation label every row
    -- the build knows (known=false)
    select
        role_dates.as_of_date,
        role_dates.role,
        daily_activity.user_id,
        sum(daily_activity.subscriptions_started) as subscriptions_started,
        sum(daily_activity.subscriptions_upgraded) as subscriptions_upgraded
    from role_dates
    inner join daily_activity
        on
            role_dates.as_of_date < daily_activity.event_date
            and daily_activity.event_date <= {{ smart_segments.days_before('role_dates.as_of_date', -horizon) }}
            and (
                (
                    role_dates.role = 'training'
                    and {{ smart_segments.is_attributed_as_of(
                        'daily_activity', smart_segments.days_before('role_dates.as_of_date', -horizon)) }}
                )
                or (
                    role_dates.role = 'evaluation'
                    and {{ smart_segments.is_attributed_as_of(
                        'daily_activity', smart_segments.days_before('role_dates.as_of_date', -horizon), known=false) }}
                )
            )
    group by 1, 2, 3

),

features as (

    {% for propensity_model in smart_segments.propensity_models() -%}
        select
            '{{ propensity_model.name }}' as model_name,
            customers.user_id,
            role_dates.role,
            -- noqa: disable=LT02
            {% for feature in smart_segments.propensity_features() -%}
            cast({{ feature.expression }} as double) as {{ feature.name }},
            {% endfor -%}
            -- noqa: enable=LT02
            case
                when role_dates.role != 'scoring'
                    then coalesce(labels.{{ propensity_model.label }}, 0) > 0
            end as has_outcome,
            customers.days_since_last_seen,
            customers.as_of_date
        from customers
        inner join role_dates
            on customers.as_of_date = role_dates.as_of_date
        left join labels
            on
                role_dates.as_of_date = labels.as_of_date
                and role_dates.role = labels.role
                and customers.user_id = labels.user_id
        where {{ propensity_model.eligible }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select * from features
