{#
    The propensity scores, computed in SQL from the fitted model table (so
    scoring runs on any engine): for every eligible user at every recorded
    date, with the model fitted for that date (role scoring), and at the
    evaluation date, with the current date's model (role evaluation),
        score = 1 / (1 + exp(-(intercept + sum(coefficient * (x - mean) / scale))))
    with the recency-only baseline beside it (1 / (1 + days since last
    seen), 0 for the never seen) and each user's rank among the eligible
    users of the date and role (1 = highest score; ties: the greater
    user_id first, NTILE's order read from the top). Null scores where the model could not
    be fitted.
#}

{%- set features = smart_segments.propensity_features() %}

with

feature_rows as (

    select * from {{ ref('int_propensity_features_as_of') }}
    where role in ('evaluation', 'scoring')

),

current_as_of_date as (

    select * from {{ ref('int_as_of_dates') }}
    where is_current

),

fitted_for as (

    -- a recorded date is scored with its own model, the evaluation date with
    -- the current date's (the model being evaluated)
    select
        feature_rows.*,
        case
            when feature_rows.role = 'evaluation' then current_as_of_date.as_of_date
            else feature_rows.as_of_date
        end as model_as_of_date
    from feature_rows
    cross join current_as_of_date

),

terms as (

    select * from {{ ref('int_propensity_model_terms') }}

),

model_parameters as (

    select
        as_of_date,
        model_name,
        -- noqa: disable=LT02
        {% for feature in features -%}
        max(case when term = '{{ feature.name }}' then coefficient end) as {{ feature.name }}_coefficient,
        max(case when term = '{{ feature.name }}' then mean end) as {{ feature.name }}_mean,
        max(case when term = '{{ feature.name }}' then scale end) as {{ feature.name }}_scale,
        {% endfor -%}
        -- noqa: enable=LT02
        max(case when term = 'intercept' then coefficient end) as intercept
    from terms
    group by 1, 2

),

linear_predictors as (

    select
        fitted_for.model_name,
        fitted_for.user_id,
        fitted_for.role,  -- noqa: RF04
        fitted_for.has_outcome,
        fitted_for.as_of_date,
        fitted_for.days_since_last_seen,
        -- noqa: disable=LT02
        model_parameters.intercept
        {% for feature in features -%}
            + model_parameters.{{ feature.name }}_coefficient
            * (fitted_for.{{ feature.name }} - model_parameters.{{ feature.name }}_mean)
            / model_parameters.{{ feature.name }}_scale
        {% endfor -%}
        as linear_predictor
    -- noqa: enable=LT02
    from fitted_for
    inner join model_parameters
        on
            fitted_for.model_name = model_parameters.model_name
            and fitted_for.model_as_of_date = model_parameters.as_of_date

),

scores as (

    select
        model_name,
        user_id,
        role,
        1.0 / (1.0 + exp(-linear_predictor)) as propensity_score,
        coalesce(1.0 / (1.0 + days_since_last_seen), 0.0) as recency_baseline_score,
        has_outcome,
        as_of_date
    from linear_predictors

),

ranked as (

    select
        model_name,
        user_id,
        role,
        propensity_score,
        recency_baseline_score,
        case
            when propensity_score is not null
                then row_number() over (
                    partition by model_name, role, as_of_date, propensity_score is null
                    order by propensity_score desc, user_id desc
                )
        end as propensity_rank,
        count(propensity_score) over (partition by model_name, role, as_of_date) as scored_users,
        has_outcome,
        as_of_date
    from scores

)

select * from ranked
