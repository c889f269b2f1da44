{#
    Calibration by decile on the held-out evaluation date: for each model
    and scorer, each decile of users by score (1 = highest) with its mean
    score and the share that had the outcome. A calibrated model's mean
    score tracks the observed rate; the baseline's score is a recency
    index, not a probability, so only its ordering means anything. One row
    per (model_name, scorer, decile). The mean score is an ordered
    aggregate: a parallel sum of doubles adds in any order, and reruns must
    be bit-identical.
#}

with

evaluation_rows as (

    select * from {{ ref('int_propensity_evaluation_scores') }}

),

deciles as (

    select
        model_name,
        scorer,
        cast(decile as integer) as decile,
        cast(count(*) as bigint) as users,  -- noqa: RF04
        cast(sum(case when has_outcome then 1 else 0 end) as bigint) as outcomes,
        avg(score {{ smart_segments.aggregate_order('score, user_id') }}) as mean_score,
        avg(case when has_outcome then 1 else 0 end) as observed_rate,
        min(score) as min_score,
        max(score) as max_score
    from evaluation_rows
    group by 1, 2, 3

)

select * from deciles
