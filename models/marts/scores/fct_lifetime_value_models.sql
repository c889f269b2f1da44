{#
    The fitted BG/NBD and Gamma-Gamma models as of as_of_date: parameters,
    maximised log-likelihood, the customers each was fitted on, and status.
    One row per model: the fits for the current date (each recorded
    date's own fits are in int_lifetime_value_fits).
#}

with

fits as (

    select * from {{ ref('int_lifetime_value_fits') }}

),

current_as_of_date as (

    select * from {{ ref('int_as_of_dates') }}
    where is_current

)

select
    fits.model_name,
    fits.status,
    cast(fits.fitted_customers as bigint) as fitted_customers,
    fits.log_likelihood,
    fits.r,
    fits.alpha,
    fits.a,
    fits.b,
    fits.p,
    fits.q,
    fits.gamma,
    current_as_of_date.as_of_date
from fits
inner join current_as_of_date
    on fits.as_of_date = current_as_of_date.as_of_date
