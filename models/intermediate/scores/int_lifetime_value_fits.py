"""Fit BG/NBD and Gamma-Gamma by maximum likelihood on every customer's history.

One fit of each per recorded date D (int_as_of_dates.is_recorded), on the
histories as of D in int_customer_purchase_histories, so a date's fit
reads nothing after it and is the same in every build that records it.
BG/NBD takes every customer (one-time buyers included); Gamma-Gamma the
repeat customers with a positive mean repeat value. Time is in weeks. One
row per (as_of_date, model) with its parameters,
log-likelihood and the customers it was fitted on; a model that cannot be
fitted (too few customers) has null parameters and says why in status; a
parameter that ran off to a limit (a flat likelihood, e.g. Gamma-Gamma's p
when order values vary little within a customer) is named in status.
See smart_segments_models/lifetime_value.py for the formulas.

Both likelihoods depend on a customer only through (x, t_x, T), and
(x, mean value): each model is fitted on the distinct rows weighted by how
many customers share them, which is exact and, on the bench's 10M sample,
a fraction of the rows (bench/RESULTS.md). With
segments__lifetime_value_warm_start the search starts from the parameters
this table holds from the last build (its latest date's, for every date);
the fit lands on the same maximum
(to about 1e-13 relative, 1e-10 where the likelihood is nearly flat)
either way, but not on the same last bits, so it is off by default: a
daily build stays equal, bit for bit, to a rebuild from scratch.
"""

import numpy as np
import pyarrow as pa

from smart_segments_models.frames import engine_table, frame
from smart_segments_models.lifetime_value import distinct_rows, fit_bgnbd, fit_gamma_gamma

MIN_CUSTOMERS = 20


BOUNDARY = 1e5  # a parameter beyond this (or below its inverse) has run off to a limit


def status_of(converged: bool, **params: float) -> str:
    """fitted, with a word on what the optimiser and the parameters did."""
    notes = [] if converged else ["the optimiser did not report convergence"]
    for name, value in params.items():
        if value > BOUNDARY or value < 1 / BOUNDARY:
            notes.append(f"{name} = {value:.3g} ran to a limit of the likelihood")
    return "fitted" if not notes else "fitted; " + "; ".join(notes)


def last_parameters(dbt, session, warm_start) -> dict[str, dict[str, float]]:
    """The parameters this table holds from the last build's latest date, per model.

    None on a first build."""
    # the var arrives through the YAML config, rendered: True, "True" or "true"
    if str(warm_start).lower() != "true":
        return {}
    # the copy of this table its pre-hook kept (macro lifetime_value_last_build): on Spark the
    # table itself is dropped before the model runs
    last_build = f"{dbt.this.schema}.{dbt.this.identifier}__last_build"
    try:
        stored = frame(
            session.sql(
                f"select * from {last_build} where log_likelihood is not null order by as_of_date"
            )
        )
        columns, rows = stored.columns, stored.fetchall()
    except Exception:  # no table yet (first build), or another shape: a cold start
        return {}
    # the latest date's row of each model wins
    return {row[columns.index("model_name")]: dict(zip(columns, row, strict=True)) for row in rows}


def fit_date(histories: dict, start: dict) -> list[tuple]:
    """The BG/NBD and Gamma-Gamma rows of one date's histories."""
    x = np.asarray(histories["repeat_purchases"], dtype=float)
    t_x = np.asarray(histories["recency_weeks"], dtype=float)
    age = np.asarray(histories["age_weeks"], dtype=float)
    value = np.asarray(histories["repeat_purchase_mean_value_usd"], dtype=float)

    def started(model_name: str) -> str:
        return "last build" if model_name in start else "cold"

    rows = []
    repeat_buyers = int((x > 0).sum())
    if len(x) >= MIN_CUSTOMERS and repeat_buyers > 0:
        columns, counts = distinct_rows(x, t_x, age)
        fit = fit_bgnbd(*columns, weights=counts, start=start.get("bgnbd"))
        params = [fit.r, fit.alpha, fit.a, fit.b, None, None, None]
        status = status_of(fit.converged, r=fit.r, alpha=fit.alpha, a=fit.a, b=fit.b)
        fitted = (fit.customers, fit.log_likelihood, params, len(counts), started("bgnbd"))
        rows.append(("bgnbd", status, *fitted))
    else:
        reason = (
            f"not fitted: {len(x)} customers, {repeat_buyers} with a repeat purchase "
            f"(at least {MIN_CUSTOMERS} and 1 needed)"
        )
        rows.append(("bgnbd", reason, len(x), None, [None] * 7, None, None))
    repeat = (x > 0) & (np.nan_to_num(value) > 0)
    if repeat.sum() >= MIN_CUSTOMERS:
        columns, counts = distinct_rows(x[repeat], value[repeat])
        fit = fit_gamma_gamma(*columns, weights=counts, start=start.get("gamma_gamma"))
        params = [None, None, None, None, fit.p, fit.q, fit.gamma]
        status = status_of(fit.converged, p=fit.p, q=fit.q, gamma=fit.gamma)
        rows.append(
            (
                "gamma_gamma",
                status,
                fit.customers,
                fit.log_likelihood,
                params,
                len(counts),
                started("gamma_gamma"),
            )
        )
    else:
        reason = (
            f"not fitted: {int(repeat.sum())} repeat customers with a positive mean value "
            f"(at least {MIN_CUSTOMERS} needed)"
        )
        rows.append(("gamma_gamma", reason, int(repeat.sum()), None, [None] * 7, None, None))
    return rows


def model(dbt, session):
    dbt.config(materialized="table")
    # dbt hands a Python model the config keys its model function reads, literally
    meta = dbt.config.get("meta") or {}
    start = last_parameters(dbt, session, meta.get("warm_start"))
    histories = frame(dbt.ref("int_customer_purchase_histories"))
    as_of_dates = frame(dbt.ref("int_as_of_dates"))
    recorded_dates = sorted(
        as_of_dates.filter("is_recorded").project("as_of_date, is_current").fetchall()
    )
    rows = []
    for as_of_date, is_current in recorded_dates:
        dated = (
            histories.filter(f"as_of_date = date '{as_of_date}'")
            .order("user_id")
            .project("repeat_purchases, recency_weeks, age_weeks, repeat_purchase_mean_value_usd")
            .fetchnumpy()
        )
        rows.extend((as_of_date, is_current, *row) for row in fit_date(dated, start))

    names = ["r", "alpha", "a", "b", "p", "q", "gamma"]
    table = pa.table(
        {
            "as_of_date": pa.array([row[0] for row in rows], pa.date32()),
            "is_current": pa.array([row[1] for row in rows], pa.bool_()),
            "model_name": pa.array([row[2] for row in rows], pa.string()),
            "status": pa.array([row[3] for row in rows], pa.string()),
            "fitted_customers": pa.array([row[4] for row in rows], pa.int64()),
            "log_likelihood": pa.array([row[5] for row in rows], pa.float64()),
            **{
                name: pa.array([row[6][index] for row in rows], pa.float64())
                for index, name in enumerate(names)
            },
            "fitted_rows": pa.array([row[7] for row in rows], pa.int64()),
            "started_from": pa.array([row[8] for row in rows], pa.string()),
        }
    )
    return engine_table(session, table)
