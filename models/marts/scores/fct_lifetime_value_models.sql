{#
    The fitted BG/NBD and Gamma-Gamma models as of as_of_date: parameters,
    maximised log-likelihood, the customers each was fitted on, and status.
    One row per model: the fits for the current date (each recorded
    date's own fits are in int_lifetime_value_fits).
#}

with

fits as (

    select * from {{ ref('int_lifetime_value_fits') }}
    where is_current

)

select
    model_name,
    status,
    cast(fitted_customers as bigint) as fitted_customers,
    log_likelihood,
    r,
    alpha,
    a,
    b,
    p,
    q,
    gamma,
    as_of_date
from fits
