"""BG/NBD and Gamma-Gamma against the published CDNOW figures and by hand."""

from __future__ import annotations

import csv
import math
from importlib.metadata import distribution

import numpy as np
import pytest

from smart_segments_models.lifetime_value import (
    BgNbdFit,
    expected_purchases,
    fit_bgnbd,
    fit_gamma_gamma,
    probability_alive,
)


def cdnow_summary() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The 2,357-customer CDNOW sample, 39-week calibration, from the lifetimes wheel (not imported)."""
    path = distribution("lifetimes").locate_file("lifetimes/datasets/cdnow_customers_summary.csv")
    with open(path) as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 2357
    return tuple(
        np.array([float(row[key]) for row in rows]) for key in ("frequency", "recency", "T")
    )


@pytest.fixture(scope="module")
def cdnow_fit() -> BgNbdFit:
    return fit_bgnbd(*cdnow_summary())


@pytest.mark.parametrize(
    ("name", "published"), [("r", 0.243), ("alpha", 4.414), ("a", 0.793), ("b", 2.426)]
)
def test_cdnow_parameters_match_the_paper(cdnow_fit: BgNbdFit, name: str, published: float) -> None:
    assert getattr(cdnow_fit, name) == pytest.approx(published, rel=0.01)


def test_cdnow_log_likelihood_matches_the_paper(cdnow_fit: BgNbdFit) -> None:
    assert cdnow_fit.log_likelihood == pytest.approx(-9582.4, rel=0.01)
    assert cdnow_fit.converged and cdnow_fit.customers == 2357


def test_cdnow_conditional_expectation_matches_the_paper(cdnow_fit: BgNbdFit) -> None:
    # the paper's worked example: x = 2, t_x = 30.43, T = 38.86 -> 1.226 purchases in the next 39 weeks
    assert expected_purchases(cdnow_fit, 39, [2], [30.43], [38.86])[0] == pytest.approx(
        1.226, rel=0.01
    )


def test_one_time_buyers_are_alive_by_construction(cdnow_fit: BgNbdFit) -> None:
    # BG/NBD lets a customer drop out only after a repeat purchase: P(alive | x = 0) = 1
    assert probability_alive(cdnow_fit, [0, 0], [0, 0], [5, 80]).tolist() == [1.0, 1.0]
    # ... while their expected purchases fall with the time since the first purchase
    early, late = expected_purchases(cdnow_fit, 39, [0, 0], [0, 0], [5, 80])
    assert early > late > 0


def test_probability_alive_by_hand() -> None:
    fit = BgNbdFit(r=0.5, alpha=2.0, a=1.5, b=3.0, log_likelihood=0.0, customers=1, converged=True)
    # x=2, t_x=10, T=20: 1 / (1 + a/(b+x-1) * ((alpha+T)/(alpha+t_x))^(r+x))
    odds = 1.5 / 4.0 * (22.0 / 12.0) ** 2.5
    assert probability_alive(fit, [2], [10], [20])[0] == pytest.approx(1 / (1 + odds), rel=1e-12)


def test_expected_purchases_of_a_fresh_customer_approach_the_nbd_rate() -> None:
    # with a tiny horizon, E[X(t)] ~ t * r / (alpha + T) for an alive x = 0 customer
    fit = BgNbdFit(r=0.5, alpha=2.0, a=1.5, b=3.0, log_likelihood=0.0, customers=1, converged=True)
    assert expected_purchases(fit, 1e-6, [0], [0], [8])[0] == pytest.approx(
        1e-6 * 0.5 / 10, rel=1e-4
    )


def test_gamma_gamma_recovers_its_population_mean() -> None:
    rng = np.random.default_rng(7)
    p, q, gamma = 6.0, 4.0, 15.0
    nu = rng.gamma(q, 1 / gamma, size=4000)
    x = rng.integers(1, 8, size=4000)
    means = np.array([rng.gamma(p, 1 / n, size=k).mean() for n, k in zip(nu, x, strict=True)])
    fit = fit_gamma_gamma(x, means)
    assert fit.p * fit.gamma / (fit.q - 1) == pytest.approx(p * gamma / (q - 1), rel=0.05)


def test_bad_histories_are_refused() -> None:
    with pytest.raises(ValueError, match="t_x <= T"):
        fit_bgnbd([1], [5], [3])
    with pytest.raises(ValueError, match="at least one customer"):
        fit_bgnbd([], [], [])
    assert math.isfinite(fit_bgnbd([0, 1, 2], [0, 3, 5], [10, 10, 10]).log_likelihood)
