"""Propensity models: a standardised logistic regression, stored as a table.

fit_propensity_model returns one row per term: the intercept, then each
feature with the mean and scale it is standardised by and its coefficient.
The dbt project scores in SQL from that table:
    score = 1 / (1 + exp(-(intercept + sum(coefficient * (x - mean) / scale))))
and pipeline_from_terms rebuilds the same model in scikit-learn, so the two
can be compared.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

MIN_ROWS_PER_CLASS = 5


def fit_propensity_model(
    features: np.ndarray,
    labels: np.ndarray,
    feature_names: Sequence[str],
    inverse_regularization: float,
) -> tuple[list[dict], str]:
    """Fit; return (terms, status). Too few rows of a class: no terms, status says why."""
    labels = np.asarray(labels, dtype=int)
    positives = int(labels.sum())
    negatives = int(len(labels) - positives)
    if min(positives, negatives) < MIN_ROWS_PER_CLASS:
        return [], (
            f"not fitted: {positives} positive and {negatives} negative training rows "
            f"(at least {MIN_ROWS_PER_CLASS} of each needed)"
        )
    pipeline = Pipeline(
        [
            ("scale", StandardScaler()),
            (
                "model",
                LogisticRegression(
                    C=inverse_regularization, solver="lbfgs", max_iter=10_000, tol=1e-10
                ),
            ),
        ]
    )
    pipeline.fit(np.asarray(features, dtype=float), labels)
    scaler, model = pipeline.named_steps["scale"], pipeline.named_steps["model"]
    terms = [
        {
            "term": "intercept",
            "mean": None,
            "scale": None,
            "coefficient": float(model.intercept_[0]),
        }
    ]
    for index, name in enumerate(feature_names):
        terms.append(
            {
                "term": name,
                "mean": float(scaler.mean_[index]),
                "scale": float(scaler.scale_[index]),
                "coefficient": float(model.coef_[0][index]),
            }
        )
    return terms, "fitted"


def pipeline_from_terms(terms: Sequence[dict], feature_names: Sequence[str]) -> Pipeline:
    """The scikit-learn pipeline a stored terms table describes (for checking the SQL scores)."""
    by_term = {term["term"]: term for term in terms}
    scaler = StandardScaler()
    scaler.mean_ = np.array([by_term[name]["mean"] for name in feature_names])
    scaler.scale_ = np.array([by_term[name]["scale"] for name in feature_names])
    scaler.var_ = scaler.scale_**2
    scaler.n_features_in_ = len(feature_names)
    model = LogisticRegression()
    model.coef_ = np.array([[by_term[name]["coefficient"] for name in feature_names]])
    model.intercept_ = np.array([by_term["intercept"]["coefficient"]])
    model.classes_ = np.array([0, 1])
    model.n_features_in_ = len(feature_names)
    return Pipeline([("scale", scaler), ("model", model)])
