"""Per customer and recorded date D, from the BG/NBD and Gamma-Gamma models fitted for D.

probability_alive (1 for one-time buyers: BG/NBD lets customers drop out
only after a repeat purchase), expected_purchases_90d and _365d (purchase
days), expected_purchase_value_usd (Gamma-Gamma; the population mean for
one-time buyers) and predicted_clv_365d_usd = expected purchases in 365
days x expected value, undiscounted. Null where a model was not fitted.
"""

import numpy as np
import pyarrow as pa

from smart_segments_models.frames import engine_table, frame
from smart_segments_models.lifetime_value import (
    BgNbdFit,
    GammaGammaFit,
    expected_purchases,
    expected_value,
    probability_alive,
)


def model(dbt, session):
    dbt.config(materialized="table")
    histories = (
        frame(dbt.ref("int_customer_purchase_histories")).order("as_of_date, user_id").fetchnumpy()
    )
    fitted = frame(dbt.ref("int_lifetime_value_fits")).project(
        "as_of_date, model_name, fitted_customers, log_likelihood, r, alpha, a, b, p, q, gamma, "
        "is_current"
    )
    fits = {(row[0], row[1]): row[1:-1] for row in fitted.fetchall()}
    current_days = np.array(
        [row[0] for row in fitted.filter("is_current").fetchall()], dtype="datetime64[D]"
    )
    dates = np.asarray(histories["as_of_date"]).astype("datetime64[D]")
    users = [str(user) for user in histories["user_id"]]
    count = len(users)
    x = np.asarray(histories["repeat_purchases"], dtype=float)
    t_x = np.asarray(histories["recency_weeks"], dtype=float)
    age = np.asarray(histories["age_weeks"], dtype=float)
    value = np.nan_to_num(np.asarray(histories["repeat_purchase_mean_value_usd"], dtype=float))

    alive, purchases_90d, purchases_365d, purchase_value = (
        np.full(count, np.nan) for _ in range(4)
    )
    for day in np.unique(dates):
        rows = dates == day
        as_of_date = day.astype(object)  # a datetime.date, as the fits' keys
        bgnbd = fits.get((as_of_date, "bgnbd"))
        if bgnbd is not None and bgnbd[3] is not None:
            fit = BgNbdFit(*bgnbd[3:7], log_likelihood=bgnbd[2], customers=bgnbd[1], converged=True)
            alive[rows] = probability_alive(fit, x[rows], t_x[rows], age[rows])
            purchases_90d[rows] = expected_purchases(fit, 90 / 7, x[rows], t_x[rows], age[rows])
            purchases_365d[rows] = expected_purchases(fit, 365 / 7, x[rows], t_x[rows], age[rows])
        gamma_gamma = fits.get((as_of_date, "gamma_gamma"))
        if gamma_gamma is not None and gamma_gamma[7] is not None:
            fit = GammaGammaFit(
                *gamma_gamma[7:10],
                log_likelihood=gamma_gamma[2],
                customers=gamma_gamma[1],
                converged=True,
            )
            purchase_value[rows] = expected_value(fit, x[rows], value[rows])

    def column(values):
        return pa.array([None if np.isnan(item) else float(item) for item in values], pa.float64())

    table = pa.table(
        {
            "as_of_date": pa.array(dates, pa.date32()),
            "is_current": pa.array(np.isin(dates, current_days), pa.bool_()),
            "user_id": pa.array(users, pa.string()),
            "probability_alive": column(alive),
            "expected_purchases_90d": column(purchases_90d),
            "expected_purchases_365d": column(purchases_365d),
            "expected_purchase_value_usd": column(purchase_value),
            "predicted_clv_365d_usd": column(purchases_365d * purchase_value),
            "is_one_time_buyer": pa.array([bool(item == 0) for item in x], pa.bool_()),
        }
    )
    return engine_table(session, table)
