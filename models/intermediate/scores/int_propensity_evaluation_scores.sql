{#
    The held-out evaluation rows of both scorers, long: for each model, the
    fitted logistic regression's score and the recency-only baseline on the
    users eligible at the evaluation date, with the outcome in the horizon
    after it, the average rank of the score among the model's rows (ties
    share their mean rank, as the Mann-Whitney AUC needs) and the decile
    (1 = the highest scores; ties by user_id). One row per (model_name,
    scorer, user_id).
#}

with

scores as (

    select * from {{ ref('int_propensity_scores_as_of') }}
    where role = 'evaluation'

),

long_scores as (

    select
        model_name,
        'logistic_regression' as scorer,
        user_id,
        propensity_score as score,
        has_outcome,
        as_of_date
    from scores
    where propensity_score is not null
    union all
    select
        model_name,
        'recency_baseline' as scorer,
        user_id,
        recency_baseline_score as score,
        has_outcome,
        as_of_date
    from scores

),

ranked as (

    select
        model_name,
        scorer,
        user_id,
        score,
        -- double and bigint on every engine (Spark: x / 2.0 is a decimal, ntile() an int)
        rank() over (partition by model_name, scorer order by score)
        + cast(count(*) over (partition by model_name, scorer, score) - 1 as double) / 2 as average_rank,
        cast(
            ntile(10) over (partition by model_name, scorer order by score desc, user_id desc) as bigint
        ) as decile,
        has_outcome,
        as_of_date
    from long_scores

)

select * from ranked
