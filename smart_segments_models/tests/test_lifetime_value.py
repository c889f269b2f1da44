"""BG/NBD and Gamma-Gamma against the published CDNOW figures, by hand, and against independent searches."""

from __future__ import annotations

import csv
import math
from importlib.metadata import distribution

import numpy as np
import pytest
from scipy.optimize import minimize
from scipy.special import gammaln

from smart_segments_models.lifetime_value import (
    BgNbdFit,
    bgnbd_log_likelihood_gradients,
    bgnbd_log_likelihoods,
    digamma_step,
    distinct_rows,
    expected_purchases,
    fit_bgnbd,
    fit_gamma_gamma,
    gamma_gamma_log_likelihood_gradients,
    gamma_gamma_log_likelihoods,
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


def simulated_histories(customers: int, seed: int) -> tuple[np.ndarray, ...]:
    """BG/NBD customers observed for up to 52 weeks, times rounded to whole days as the models store them."""
    rng = np.random.default_rng(seed)
    rate = rng.gamma(0.6, 1 / 3.0, size=customers)  # purchases per week, r = 0.6, alpha = 3
    dropout = rng.beta(0.8, 3.0, size=customers)
    age_days = rng.integers(1, 365, size=customers)
    x, t_x = np.zeros(customers), np.zeros(customers)
    for index in range(customers):
        day, bought = 0.0, 0
        while True:
            day += rng.exponential(7 / rate[index])
            if day > age_days[index]:
                break
            bought, t_x[index] = bought + 1, np.floor(day)
            if rng.random() < dropout[index]:
                break
        x[index] = bought
    t_x = np.where(x > 0, np.maximum(t_x, 1), 0) / 7
    mean_value = np.where(x > 0, np.round(rng.gamma(6.0, 4.0, size=customers), 2), np.nan)
    return x, t_x, age_days / 7, mean_value


@pytest.fixture(scope="module")
def simulated() -> tuple[np.ndarray, ...]:
    return simulated_histories(6000, seed=11)


def relative_gap(left, right, names: str) -> float:
    return max(abs(getattr(left, name) / getattr(right, name) - 1) for name in names.split())


def test_distinct_rows_count_every_row_once() -> None:
    (x, t_x), counts = distinct_rows([2, 0, 2, 2, 0], [3.0, 0.0, 3.0, 4.0, 0.0])
    assert x.tolist() == [0, 2, 2] and t_x.tolist() == [0, 3, 4] and counts.tolist() == [2, 2, 1]


@pytest.mark.parametrize("source", ["cdnow", "simulated"])
def test_bgnbd_on_distinct_histories_weighted_equals_the_fit_on_every_customer(
    source: str, simulated
) -> None:
    x, t_x, age = cdnow_summary() if source == "cdnow" else simulated[:3]
    every = fit_bgnbd(x, t_x, age)
    columns, counts = distinct_rows(x, t_x, age)
    # the point: fewer rows (CDNOW 1,016 of 2,357; the 10M bench sample, bench/RESULTS.md)
    assert len(counts) < len(x) * (0.5 if source == "cdnow" else 0.8)
    weighted = fit_bgnbd(*columns, weights=counts)
    assert weighted.customers == every.customers == len(x)
    assert relative_gap(weighted, every, "r alpha a b") < 1e-9
    assert weighted.log_likelihood == pytest.approx(every.log_likelihood, rel=1e-12)
    assert weighted.converged and every.converged


def test_gamma_gamma_on_distinct_histories_weighted_equals_the_fit_on_every_customer(
    simulated,
) -> None:
    x, _, _, mean_value = simulated
    repeat = x > 0
    every = fit_gamma_gamma(x[repeat], mean_value[repeat])
    columns, counts = distinct_rows(x[repeat], mean_value[repeat])
    weighted = fit_gamma_gamma(*columns, weights=counts)
    assert weighted.customers == every.customers == int(repeat.sum())
    assert relative_gap(weighted, every, "p q gamma") < 1e-9
    assert weighted.log_likelihood == pytest.approx(every.log_likelihood, rel=1e-12)


@pytest.mark.parametrize(
    "start",
    [
        {"r": 0.2426, "alpha": 4.41, "a": 0.793, "b": 2.43},  # yesterday's fit
        {"r": 2.0, "alpha": 0.5, "a": 5.0, "b": 0.3},  # far off
        {"r": float("nan"), "alpha": 1.0, "a": 1.0, "b": 1.0},  # unusable: a cold start
    ],
)
def test_a_warm_start_reaches_the_cold_fit(cdnow_fit: BgNbdFit, start: dict) -> None:
    warm = fit_bgnbd(*cdnow_summary(), start=start)
    assert relative_gap(warm, cdnow_fit, "r alpha a b") < 1e-9
    assert warm.log_likelihood == pytest.approx(cdnow_fit.log_likelihood, rel=1e-14)


def test_gradients_equal_finite_differences(simulated) -> None:
    x, t_x, age, mean_value = simulated
    repeat = x > 0
    cases = [
        (
            bgnbd_log_likelihoods,
            bgnbd_log_likelihood_gradients,
            [0.6, 3.0, 0.8, 3.0],
            (x, t_x, age),
        ),
        (  # a and b large, where the likelihood is nearly flat along them
            bgnbd_log_likelihoods,
            bgnbd_log_likelihood_gradients,
            [0.43, 2.7, 149.9, 1_111.2],
            (x, t_x, age),
        ),
        (
            gamma_gamma_log_likelihoods,
            gamma_gamma_log_likelihood_gradients,
            [6.0, 4.0, 15.0],
            (x[repeat], mean_value[repeat]),
        ),
    ]
    for likelihoods, gradients, params, data in cases:
        analytic = gradients(*params, *data).sum(axis=0)
        for index in range(len(params)):
            # 1e-4: at the nearly flat point, smaller steps drown in the
            # rounding of a sum over 6,000 customers
            step = 1e-4 * params[index]
            up, down = list(params), list(params)
            up[index] += step
            down[index] -= step
            numeric = (likelihoods(*up, *data).sum() - likelihoods(*down, *data).sum()) / (2 * step)
            assert analytic[index] == pytest.approx(numeric, rel=1e-5)


def test_weights_must_be_positive_counts() -> None:
    with pytest.raises(ValueError, match="one positive count per row"):
        fit_bgnbd([0, 1], [0, 2], [5, 5], weights=[1, 0])
    with pytest.raises(ValueError, match="one positive count per row"):
        fit_gamma_gamma([1, 2], [5.0, 6.0], weights=[1])


# a few repeat customers: purchases after the first, and their mean value in USD
REPEATS = np.array([1.0, 1.0, 2.0, 3.0, 5.0, 12.0])
MEAN_VALUES = np.array([35.5, 80.0, 52.25, 120.0, 64.8, 71.1])


def textbook_gamma_gamma(p, q, gamma, x, mean_value):
    """Fader & Hardie (2013), equation 5, as printed: the log of each customer's density."""
    return (
        gammaln(p * x + q)
        - gammaln(p * x)
        - gammaln(q)
        + q * np.log(gamma)
        + p * x * np.log(x)
        + (p * x - 1) * np.log(mean_value)
        - (p * x + q) * np.log(gamma + x * mean_value)
    )


def test_the_gamma_gamma_likelihood_is_the_textbook_one() -> None:
    assert gamma_gamma_log_likelihoods(3.97, 4.07, 65.9, REPEATS, MEAN_VALUES) == pytest.approx(
        textbook_gamma_gamma(3.97, 4.07, 65.9, REPEATS, MEAN_VALUES), rel=1e-12
    )


def test_the_gamma_gamma_likelihood_stays_finite_as_p_grows() -> None:
    # as p grows with p * gamma held, each customer's spend per transaction
    # becomes one value, p / nu, with nu / p ~ Gamma(q, rate p * gamma): the
    # mean value's density tends to that inverse gamma density
    q, scale = 4.0, 1_000.0
    limit = q * np.log(scale) - gammaln(q) - (q + 1) * np.log(MEAN_VALUES) - scale / MEAN_VALUES
    p = 1e15
    assert gamma_gamma_log_likelihoods(p, q, scale / p, REPEATS, MEAN_VALUES) == pytest.approx(
        limit, abs=1e-6
    )
    # the textbook form is a difference of numbers near 1e16 there: its
    # rounding, not the likelihood, is what a search would climb
    textbook = textbook_gamma_gamma(p, q, scale / p, REPEATS, MEAN_VALUES)
    assert np.max(np.abs(textbook - limit)) > 1.0


@pytest.mark.parametrize("z", [0.5, 3.0, 1_261.0, 1e6])
def test_digamma_step_is_the_sum_of_its_terms(z: float) -> None:
    for steps in (0, 1, 2, 31, 32, 33, 200, 5_000):
        exact = math.fsum(1.0 / (z + k) for k in range(steps))
        assert digamma_step(z, steps) == pytest.approx(exact, rel=1e-13), steps
    assert digamma_step(np.array([1.0, 2.0]), np.array([3, 0])) == pytest.approx(
        [1 + 1 / 2 + 1 / 3, 0]
    )


def draw_gamma_gamma(seed: int, customers: int = 300) -> tuple[np.ndarray, np.ndarray]:
    """Repeat customers drawn from Gamma-Gamma itself: p = 3, q = 4, gamma = 80 (spends near 100 USD)."""
    rng = np.random.default_rng(seed)
    x = rng.choice([1.0, 1.0, 1.0, 2.0, 2.0, 3.0, 4.0, 6.0], customers)
    nu = rng.gamma(4.0, 1 / 80.0, customers)
    # the mean of x spends, each Gamma(p, nu): Gamma(p * x, nu * x)
    return x, np.round(rng.gamma(3.0 * x, 1 / (nu * x)), 2)


@pytest.mark.parametrize("seed", range(12))
def test_a_cold_gamma_gamma_fit_reaches_the_maximum(seed: int) -> None:
    # before the fit started in the data's money, eight of these twelve
    # samples sent p off to 1e5..1e16, a limit below the maximum
    x, mean_value = draw_gamma_gamma(seed)
    fit = fit_gamma_gamma(x, mean_value)

    def negative(log_params: np.ndarray) -> float:
        return -float(textbook_gamma_gamma(*np.exp(log_params), x, mean_value).sum())

    # an independent search on the textbook form, from the parameters drawn from
    reference = minimize(
        negative,
        np.log([3.0, 4.0, 80.0]),
        method="Nelder-Mead",
        options={"xatol": 1e-10, "fatol": 1e-12, "maxiter": 20_000, "maxfev": 40_000},
    )
    assert fit.converged
    assert fit.log_likelihood == pytest.approx(-reference.fun, rel=1e-12)
    assert (fit.p, fit.q, fit.gamma) == pytest.approx(tuple(np.exp(reference.x)), rel=1e-6)
