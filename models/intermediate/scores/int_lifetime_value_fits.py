"""Fit BG/NBD and Gamma-Gamma by maximum likelihood on every customer's history.

BG/NBD takes every customer of int_customer_purchase_histories (one-time
buyers included); Gamma-Gamma the repeat customers with a positive mean
repeat value. Time is in weeks. One row per model with its parameters,
log-likelihood and the customers it was fitted on; a model that cannot be
fitted (too few customers) has null parameters and says why in status; a
parameter that ran off to a limit (a flat likelihood, e.g. Gamma-Gamma's p
when order values vary little within a customer) is named in status.
See smart_segments_models/lifetime_value.py for the formulas.
"""

import numpy as np
import pyarrow as pa

from smart_segments_models.lifetime_value import fit_bgnbd, fit_gamma_gamma

MIN_CUSTOMERS = 20


BOUNDARY = 1e5  # a parameter beyond this (or below its inverse) has run off to a limit


def status_of(converged: bool, **params: float) -> str:
    """fitted, with a word on what the optimiser and the parameters did."""
    notes = [] if converged else ["the optimiser did not report convergence"]
    for name, value in params.items():
        if value > BOUNDARY or value < 1 / BOUNDARY:
            notes.append(f"{name} = {value:.3g} ran to a limit of the likelihood")
    return "fitted" if not notes else "fitted; " + "; ".join(notes)


def model(dbt, session):
    dbt.config(materialized="table")
    histories = (
        dbt.ref("int_customer_purchase_histories")
        .order("user_id")
        .project("repeat_purchases, recency_weeks, age_weeks, repeat_purchase_mean_value_usd")
        .fetchnumpy()
    )
    x = np.asarray(histories["repeat_purchases"], dtype=float)
    t_x = np.asarray(histories["recency_weeks"], dtype=float)
    age = np.asarray(histories["age_weeks"], dtype=float)
    value = np.asarray(histories["repeat_purchase_mean_value_usd"], dtype=float)

    rows = []
    repeat_buyers = int((x > 0).sum())
    if len(x) >= MIN_CUSTOMERS and repeat_buyers > 0:
        fit = fit_bgnbd(x, t_x, age)
        params = [fit.r, fit.alpha, fit.a, fit.b, None, None, None]
        status = status_of(fit.converged, r=fit.r, alpha=fit.alpha, a=fit.a, b=fit.b)
        rows.append(("bgnbd", status, fit.customers, fit.log_likelihood, params))
    else:
        reason = (
            f"not fitted: {len(x)} customers, {repeat_buyers} with a repeat purchase "
            f"(at least {MIN_CUSTOMERS} and 1 needed)"
        )
        rows.append(("bgnbd", reason, len(x), None, [None] * 7))
    repeat = (x > 0) & (np.nan_to_num(value) > 0)
    if repeat.sum() >= MIN_CUSTOMERS:
        fit = fit_gamma_gamma(x[repeat], value[repeat])
        params = [None, None, None, None, fit.p, fit.q, fit.gamma]
        status = status_of(fit.converged, p=fit.p, q=fit.q, gamma=fit.gamma)
        rows.append(("gamma_gamma", status, fit.customers, fit.log_likelihood, params))
    else:
        reason = (
            f"not fitted: {int(repeat.sum())} repeat customers with a positive mean value "
            f"(at least {MIN_CUSTOMERS} needed)"
        )
        rows.append(("gamma_gamma", reason, int(repeat.sum()), None, [None] * 7))

    names = ["r", "alpha", "a", "b", "p", "q", "gamma"]
    return pa.table(
        {
            "model_name": pa.array([row[0] for row in rows], pa.string()),
            "status": pa.array([row[1] for row in rows], pa.string()),
            "fitted_customers": pa.array([row[2] for row in rows], pa.int64()),
            "log_likelihood": pa.array([row[3] for row in rows], pa.float64()),
            **{
                name: pa.array([row[4][index] for row in rows], pa.float64())
                for index, name in enumerate(names)
            },
        }
    )
