{#
    The fitted propensity models as a table: per model, the intercept and
    each feature with the mean and scale it is standardised by and its
    coefficient (scikit-learn StandardScaler + LogisticRegression, fitted in
    int_propensity_model_terms). Any engine scores a user with
    1 / (1 + exp(-(intercept + sum(coefficient * (x - mean) / scale)))).
    The models fitted for the current as_of_date: the ones its scores and
    segments come from (each recorded date's own models are in
    int_propensity_model_terms).
#}

with

terms as (

    select * from {{ ref('int_propensity_model_terms') }}
    where is_current

)

select
    model_name,
    term,
    status,
    cast(term_order as integer) as term_order,
    mean,
    scale,
    coefficient,
    cast(training_rows as bigint) as training_rows,
    cast(training_positives as bigint) as training_outcomes
from terms
