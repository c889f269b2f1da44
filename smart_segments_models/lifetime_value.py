"""BG/NBD (Fader, Hardie & Lee 2005) and Gamma-Gamma (Fader & Hardie 2013).

Each customer's repeat-purchase history is (x, t_x, T): x repeat purchases
after the first, t_x the time of the last purchase and T the time since the
first, both measured from the first purchase (weeks here). Both models are
fitted by maximum likelihood on every customer, one-time buyers (x = 0)
included: they carry most of the information about how fast customers buy.

One-time buyers: in BG/NBD a customer can only drop out right after a
repeat purchase, so P(alive | x = 0) = 1 whatever T is. That is what the
model says, and what probability_alive reports for them; their expected
purchases still fall as T grows (the Poisson part learns that they buy
slowly), so rank one-time buyers by expected purchases, not by P(alive).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize
from scipy.special import betaln, gammaln, hyp2f1


@dataclass(frozen=True)
class BgNbdFit:
    r: float
    alpha: float
    a: float
    b: float
    log_likelihood: float
    customers: int
    converged: bool


@dataclass(frozen=True)
class GammaGammaFit:
    p: float
    q: float
    gamma: float
    log_likelihood: float
    customers: int
    converged: bool


def _arrays(*columns) -> list[np.ndarray]:
    return [np.asarray(column, dtype=float) for column in columns]


def bgnbd_log_likelihoods(r, alpha, a, b, x, t_x, T) -> np.ndarray:
    """Each customer's log-likelihood under BG/NBD (FHL 2005, equation 6)."""
    x, t_x, T = _arrays(x, t_x, T)
    common = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    no_dropout = betaln(a, b + x) - betaln(a, b) - (r + x) * np.log(alpha + T)
    repeat = x > 0
    x_repeat = np.where(repeat, x, 1.0)  # keeps b + x - 1 > 0 where the term is unused
    dropout = np.where(
        repeat,
        betaln(a + 1, b + x_repeat - 1) - betaln(a, b) - (r + x) * np.log(alpha + t_x),
        -np.inf,
    )
    return common + np.logaddexp(no_dropout, dropout)


def _fit(negative_log_likelihood, start: np.ndarray) -> tuple[np.ndarray, float, bool]:
    """Minimise over log-parameters: Nelder-Mead from a fixed start, then BFGS to polish."""
    first = minimize(
        negative_log_likelihood,
        start,
        method="Nelder-Mead",
        options={"xatol": 1e-10, "fatol": 1e-10, "maxiter": 20_000, "maxfev": 40_000},
    )
    second = minimize(negative_log_likelihood, first.x, method="BFGS", options={"gtol": 1e-8})
    best = second if second.fun <= first.fun else first
    return np.exp(best.x), -float(best.fun), bool(first.success or second.success)


def fit_bgnbd(x, t_x, T) -> BgNbdFit:
    """Maximum-likelihood r, alpha, a, b from every customer's (x, t_x, T)."""
    x, t_x, T = _arrays(x, t_x, T)
    if len(x) == 0:
        raise ValueError("BG/NBD needs at least one customer")
    if np.any(x < 0) or np.any(t_x < 0) or np.any(t_x > T) or np.any((x > 0) & (t_x <= 0)):
        raise ValueError("BG/NBD needs 0 <= t_x <= T, and t_x > 0 where x > 0")

    def negative(log_params: np.ndarray) -> float:
        r, alpha, a, b = np.exp(log_params)
        value = -float(np.sum(bgnbd_log_likelihoods(r, alpha, a, b, x, t_x, T)))
        return value if np.isfinite(value) else 1e300

    params, log_likelihood, converged = _fit(negative, np.zeros(4))
    r, alpha, a, b = (float(value) for value in params)
    return BgNbdFit(r, alpha, a, b, log_likelihood, len(x), converged)


def probability_alive(fit: BgNbdFit, x, t_x, T) -> np.ndarray:
    """P(alive | x, t_x, T) (FHL 2005, equation 11); 1 for one-time buyers (x = 0)."""
    x, t_x, T = _arrays(x, t_x, T)
    x_repeat = np.where(x > 0, x, 1.0)
    odds_dead = np.where(
        x > 0,
        fit.a / (fit.b + x_repeat - 1) * ((fit.alpha + T) / (fit.alpha + t_x)) ** (fit.r + x),
        0.0,
    )
    return 1.0 / (1.0 + odds_dead)


def expected_purchases(fit: BgNbdFit, horizon, x, t_x, T) -> np.ndarray:
    """E[purchases in the next `horizon` | x, t_x, T] (FHL 2005, equation 10)."""
    x, t_x, T = _arrays(x, t_x, T)
    if abs(fit.a - 1) < 1e-12:
        raise ValueError("BG/NBD expected purchases are undefined at exactly a = 1")
    r, alpha, a, b = fit.r, fit.alpha, fit.a, fit.b
    ratio = (alpha + T) / (alpha + T + horizon)
    numerator = (
        (a + b + x - 1)
        / (a - 1)
        * (
            1
            - ratio ** (r + x)
            * hyp2f1(r + x, b + x, a + b + x - 1, horizon / (alpha + T + horizon))
        )
    )
    x_repeat = np.where(x > 0, x, 1.0)
    odds_dead = np.where(
        x > 0, a / (b + x_repeat - 1) * ((alpha + T) / (alpha + t_x)) ** (r + x), 0.0
    )
    return numerator / (1 + odds_dead)


def gamma_gamma_log_likelihoods(p, q, gamma, x, mean_value) -> np.ndarray:
    """Each repeat customer's log-likelihood of the mean of x transaction values."""
    x, mean_value = _arrays(x, mean_value)
    px = p * x
    return (
        gammaln(px + q)
        - gammaln(px)
        - gammaln(q)
        + q * np.log(gamma)
        + px * np.log(x)
        + (px - 1) * np.log(mean_value)
        - (px + q) * np.log(gamma + x * mean_value)
    )


def fit_gamma_gamma(x, mean_value) -> GammaGammaFit:
    """Maximum-likelihood p, q, gamma from customers with x >= 1 and a positive mean value."""
    x, mean_value = _arrays(x, mean_value)
    if len(x) == 0 or np.any(x < 1) or np.any(mean_value <= 0):
        raise ValueError("Gamma-Gamma needs customers with x >= 1 and a positive mean value")

    def negative(log_params: np.ndarray) -> float:
        p, q, gamma = np.exp(log_params)
        value = -float(np.sum(gamma_gamma_log_likelihoods(p, q, gamma, x, mean_value)))
        return value if np.isfinite(value) else 1e300

    params, log_likelihood, converged = _fit(negative, np.zeros(3))
    p, q, gamma = (float(value) for value in params)
    return GammaGammaFit(p, q, gamma, log_likelihood, len(x), converged)


def expected_value(fit: GammaGammaFit, x, mean_value) -> np.ndarray:
    """E[value of a transaction | x, mean]; the population mean p*gamma/(q-1) where x = 0."""
    x, mean_value = _arrays(x, mean_value)
    if fit.q <= 1:
        raise ValueError(f"Gamma-Gamma expected values need q > 1, the fit gave q = {fit.q:.4f}")
    population = fit.p * fit.gamma / (fit.q - 1)
    safe_mean = np.where(x > 0, mean_value, 0.0)
    individual = fit.p * (fit.gamma + x * safe_mean) / (fit.p * x + fit.q - 1)
    return np.where(x > 0, individual, population)
