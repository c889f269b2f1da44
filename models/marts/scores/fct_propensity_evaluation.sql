{#
    How good each propensity score is, on the held-out evaluation date
    (labels from the horizon after it, never seen in training), for the
    fitted model and for a recency-only baseline: AUC (Mann-Whitney, ties
    at mean rank), base rate, precision and lift in the top decile, with
    the counts behind them and the training the model had. One row per
    (model_name, scorer).
#}

with

evaluation_rows as (

    select * from {{ ref('int_propensity_evaluation_scores') }}

),

terms as (

    -- the model evaluated: the current date's
    select * from {{ ref('int_propensity_model_terms') }}
    where is_current and term = 'intercept'

),

per_scorer as (

    select
        model_name,
        scorer,
        min(as_of_date) as evaluation_as_of_date,
        count(*) as evaluated_users,
        sum(case when has_outcome then 1 else 0 end) as outcomes,
        sum(case when has_outcome then average_rank else 0 end) as outcome_rank_sum,
        sum(case when decile = 1 then 1 else 0 end) as top_decile_users,
        sum(case when decile = 1 and has_outcome then 1 else 0 end) as top_decile_outcomes
    from evaluation_rows
    group by 1, 2

),

metrics as (

    select
        per_scorer.model_name,
        per_scorer.scorer,
        terms.status as model_status,
        cast(terms.training_rows as bigint) as training_rows,
        cast(terms.training_positives as bigint) as training_outcomes,
        cast(per_scorer.evaluated_users as bigint) as evaluated_users,
        cast(per_scorer.outcomes as bigint) as outcomes,
        cast(per_scorer.top_decile_users as bigint) as top_decile_users,
        cast(per_scorer.top_decile_outcomes as bigint) as top_decile_outcomes,
        cast(per_scorer.outcomes as double) / nullif(per_scorer.evaluated_users, 0) as base_rate,
        case
            when per_scorer.outcomes > 0 and per_scorer.outcomes < per_scorer.evaluated_users
                then
                    (per_scorer.outcome_rank_sum - per_scorer.outcomes * (per_scorer.outcomes + 1) / 2.0)
                    / (cast(per_scorer.outcomes as double) * (per_scorer.evaluated_users - per_scorer.outcomes))
        end as auc,
        cast(per_scorer.top_decile_outcomes as double) / nullif(per_scorer.top_decile_users, 0)
            as top_decile_precision,
        (cast(per_scorer.top_decile_outcomes as double) / nullif(per_scorer.top_decile_users, 0))
        / nullif(cast(per_scorer.outcomes as double) / nullif(per_scorer.evaluated_users, 0), 0)
            as top_decile_lift,
        per_scorer.evaluation_as_of_date
    from per_scorer
    left join terms
        on per_scorer.model_name = terms.model_name

)

select * from metrics
