{#
    Every held-out evaluation score of the propensity models: for each
    model, the logistic regression's and the recency baseline's score of
    every user eligible at the evaluation date, with the outcome in the
    horizon after it. fct_propensity_evaluation (AUC, lift) and
    fct_propensity_calibration (deciles) summarise it; the report draws the
    ROC curves from it.
#}

with

evaluation_scores as (

    select * from {{ ref('int_propensity_evaluation_scores') }}

),

final as (

    select
        model_name,
        scorer,
        user_id,
        score,
        average_rank,
        decile,
        has_outcome,
        as_of_date
    from evaluation_scores

)

select * from final
