"""Fit the propensity models: one standardised logistic regression per recorded date.

Every date the build records (int_as_of_dates.is_recorded) gets its own
fit, on the training rows of int_propensity_features_as_of at that date
minus each of segments__propensity_training_offsets_days (the pairs of
int_propensity_training_dates; features as of the earlier date, outcome
in the horizon after it, as known when the horizon closed), taken in a
fixed order so the fit is deterministic. A
date's fit reads nothing after the date, so it is the same in every build
that records the date. Returns the fitted models as a table, one row per
(as_of_date, model_name, term): the intercept, then each feature with the
mean and scale it is standardised by and its coefficient.
int_propensity_scores_as_of scores in SQL from it. A model with too few
training rows of a class is not fitted: its intercept row carries a null
coefficient and the reason in status, and its scores are null.
"""

import numpy as np
import pyarrow as pa

from smart_segments_models.frames import engine_table, frame
from smart_segments_models.propensity import fit_propensity_model

NOT_FEATURES = {
    "model_name",
    "user_id",
    "role",
    "has_outcome",
    "days_since_last_seen",
    "as_of_date",
}


FITS_PER_READ = 15


def training_dates(dbt) -> tuple[list[tuple], set]:
    """(recorded date, [its training dates]) for every recorded date, oldest first; the current."""
    pairs = (
        frame(dbt.ref("int_propensity_training_dates"))
        .order("as_of_date, training_as_of_date")
        .project("as_of_date, is_current, training_as_of_date")
        .fetchall()
    )
    dates: dict = {}
    for as_of_date, _, training_as_of_date in pairs:
        dates.setdefault(as_of_date, []).append(training_as_of_date)
    return list(dates.items()), {as_of_date for as_of_date, is_current, _ in pairs if is_current}


def read_training_rows(rows, model_name: str, dates: list, feature_names: list[str]) -> tuple:
    """One query: the model's training rows at these dates, ordered by (as_of_date, user_id).

    Returns (features, labels, {date: (first row, row after the last)})."""
    date_list = ", ".join(f"date '{date}'" for date in dates) or "null"
    fetched = (
        rows.filter(
            f"role = 'training' and model_name = '{model_name}' and as_of_date in ({date_list})"
        )
        .order("as_of_date, user_id")
        .project(
            ", ".join([*feature_names, "as_of_date", "cast(has_outcome as integer) as outcome"])
        )
        .fetchnumpy()
    )
    labels = np.asarray(fetched["outcome"], dtype=int)
    features = np.column_stack(
        [np.asarray(fetched[name], dtype=float) for name in feature_names]
    ).reshape(len(labels), len(feature_names))
    days = np.asarray(fetched["as_of_date"]).astype("datetime64[D]")
    spans = {}
    for day in np.unique(days):
        rows_of_day = np.flatnonzero(days == day)
        spans[day.astype(object)] = (int(rows_of_day[0]), int(rows_of_day[-1]) + 1)
    return features, labels, spans


def model(dbt, session):
    dbt.config(materialized="table")
    meta = dbt.config.get("meta")
    inverse_regularization = float(meta["inverse_regularization"])
    rows = frame(dbt.ref("int_propensity_features_as_of"))
    # the features are the columns the propensity_features macro put there:
    # every column but these, in their order
    feature_names = [name for name in rows.columns if name not in NOT_FEATURES]
    model_names = sorted(
        set(meta["model_names"]) | {row[0] for row in rows.project("model_name").fetchall()}
    )

    fitted = []
    fits, current_dates = training_dates(dbt)
    # one query reads the training rows of FITS_PER_READ consecutive recorded dates (a
    # query per fit scanned the whole table each time); a fit's rows are its dates'
    # slices in date order, the order of one query of its own dates
    for start in range(0, len(fits), FITS_PER_READ):
        block = fits[start : start + FITS_PER_READ]
        block_dates = sorted({date for _, dates in block for date in dates})
        for model_name in model_names:
            features, labels, spans = read_training_rows(
                rows, model_name, block_dates, feature_names
            )
            for as_of_date, dates in block:
                slices = [spans[date] for date in sorted(dates) if date in spans]
                fit_rows = np.concatenate(
                    [np.arange(first, last) for first, last in slices] or [np.arange(0)]
                )
                terms, status = fit_propensity_model(
                    features[fit_rows], labels[fit_rows], feature_names, inverse_regularization
                )
                fitted.append(
                    (as_of_date, model_name, terms, status, len(fit_rows), labels[fit_rows].sum())
                )

    columns = {name: [] for name in [
        "as_of_date", "is_current", "model_name", "term", "term_order", "mean", "scale",
        "coefficient", "status", "training_rows", "training_positives",
    ]}  # fmt: skip
    for as_of_date, model_name, terms, status, training_rows, positives in sorted(
        fitted, key=lambda fit: (fit[0], fit[1])
    ):
        if not terms:
            terms = [{"term": "intercept", "mean": None, "scale": None, "coefficient": None}]
        for order, term in enumerate(terms):
            columns["as_of_date"].append(as_of_date)
            columns["is_current"].append(as_of_date in current_dates)
            columns["model_name"].append(model_name)
            columns["term"].append(term["term"])
            columns["term_order"].append(order)
            columns["mean"].append(term["mean"])
            columns["scale"].append(term["scale"])
            columns["coefficient"].append(term["coefficient"])
            columns["status"].append(status)
            columns["training_rows"].append(training_rows)
            columns["training_positives"].append(int(positives))

    table = pa.table(
        {
            "as_of_date": pa.array(columns["as_of_date"], pa.date32()),
            "is_current": pa.array(columns["is_current"], pa.bool_()),
            "model_name": pa.array(columns["model_name"], pa.string()),
            "term": pa.array(columns["term"], pa.string()),
            "term_order": pa.array(columns["term_order"], pa.int32()),
            "mean": pa.array(columns["mean"], pa.float64()),
            "scale": pa.array(columns["scale"], pa.float64()),
            "coefficient": pa.array(columns["coefficient"], pa.float64()),
            "status": pa.array(columns["status"], pa.string()),
            "training_rows": pa.array(columns["training_rows"], pa.int64()),
            "training_positives": pa.array(columns["training_positives"], pa.int64()),
        }
    )
    return engine_table(session, table)
