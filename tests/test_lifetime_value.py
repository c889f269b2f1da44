"""The lifetime-value library on its own (smart_segments_models/lifetime_value.py).

The likelihoods against their textbook forms, the gradients against
central differences, and the fits against an independent maximisation.
No dbt here: the models that call the library are tested in test_scores.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.optimize import minimize
from scipy.special import gammaln

from smart_segments_models.lifetime_value import (
    bgnbd_log_likelihood_gradients,
    bgnbd_log_likelihoods,
    digamma_step,
    fit_gamma_gamma,
    gamma_gamma_log_likelihood_gradients,
    gamma_gamma_log_likelihoods,
)

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
    # becomes one value, 1 / nu, with nu * p ~ Gamma(q, rate p * gamma): the
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


def central_difference(function, point: np.ndarray) -> np.ndarray:
    """(f(x + h) - f(x - h)) / 2h in each parameter, h = 1e-5 of it: off by about 1e-9 relative."""
    steps = 1e-5 * point
    return np.array(
        [
            (function(point + step) - function(point - step)) / (2 * step[index])
            for index, step in enumerate(np.diag(steps))
        ]
    )


def test_the_bgnbd_gradient_is_the_likelihoods_derivative() -> None:
    x = np.array([0.0, 1.0, 2.0, 7.0, 40.0])
    t_x = np.array([0.0, 3.5, 10.0, 20.0, 30.5])
    age = np.array([12.0, 30.0, 31.0, 33.0, 31.0])
    for point in ([0.43, 2.7, 0.79, 2.43], [0.43, 2.7, 149.9, 1_111.2]):
        point = np.array(point)
        analytic = bgnbd_log_likelihood_gradients(*point, x, t_x, age).sum(axis=0)
        numeric = central_difference(
            lambda params: bgnbd_log_likelihoods(*params, x, t_x, age).sum(), point
        )
        assert analytic == pytest.approx(numeric, rel=1e-7)


def test_the_gamma_gamma_gradient_is_the_likelihoods_derivative() -> None:
    point = np.array([3.97, 4.07, 65.9])
    analytic = gamma_gamma_log_likelihood_gradients(*point, REPEATS, MEAN_VALUES).sum(axis=0)
    numeric = central_difference(
        lambda params: gamma_gamma_log_likelihoods(*params, REPEATS, MEAN_VALUES).sum(), point
    )
    assert analytic == pytest.approx(numeric, rel=1e-7)


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
