{#
    Each fitted propensity model ranks the held-out evaluation date better
    than recency alone (higher AUC), wherever the evaluation has at least
    20 outcomes to judge by (the generated sample has; a handful of
    hand-made users has not). Returns the models that do not.
#}

with

evaluation as (

    select * from {{ ref('fct_propensity_evaluation') }}

),

fitted as (

    select * from evaluation
    where scorer = 'logistic_regression' and outcomes >= 20

),

baseline as (

    select * from evaluation
    where scorer = 'recency_baseline'

)

select
    fitted.model_name,
    fitted.auc as model_auc,
    baseline.auc as baseline_auc
from fitted
inner join baseline
    on fitted.model_name = baseline.model_name
where fitted.auc is null or fitted.auc <= baseline.auc
