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
from scipy.optimize import minimize, root
from scipy.special import betaln, digamma, gammaln, hyp2f1

# digamma_step sums at most this many terms one by one
DIGAMMA_TERMS = 32

# the log-likelihoods are sums of differences of log-gammas in the hundreds
# or more, each off by a few units of rounding: near a flat maximum two
# points a fit cannot tell apart differ by about 1e-12 relative
LIKELIHOOD_ROUNDING = 1e-10


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


def distinct_rows(*columns) -> tuple[list[np.ndarray], np.ndarray]:
    """The distinct rows of equally long columns, and how many times each occurs.

    Both likelihoods depend on a customer's history only through (x, t_x, T),
    or (x, mean value): summing each distinct row's log-likelihood times its
    count is the same sum over far fewer rows.
    """
    stacked = np.column_stack(_arrays(*columns))
    unique, counts = np.unique(stacked, axis=0, return_counts=True)
    return [unique[:, index].copy() for index in range(unique.shape[1])], counts.astype(float)


def _weights(weights, length: int) -> np.ndarray:
    if weights is None:
        return np.ones(length)
    weights = np.asarray(weights, dtype=float)
    if weights.shape != (length,) or np.any(weights <= 0) or not np.all(np.isfinite(weights)):
        raise ValueError("weights must be one positive count per row")
    return weights


def _start(start, names: tuple[str, ...], default: tuple[float, ...]) -> np.ndarray:
    """Log-parameters to start from: the given ones when usable, else the default."""
    values = np.asarray(default, dtype=float)
    if start is not None:
        given = np.asarray([start[name] for name in names], dtype=float)
        if np.all(np.isfinite(given)) and np.all(given > 0):
            values = given
    return np.log(values)


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


def digamma_step(z, steps) -> np.ndarray:
    """digamma(z + steps) - digamma(z) for whole steps >= 0: the sum of 1 / (z + k), k < steps.

    The first DIGAMMA_TERMS terms one by one (most customers have made few
    purchases), the rest from digamma's asymptotic series, whose leading
    log is taken with log1p: where z is large the difference is a tiny
    share of either digamma, and subtracting two of them would lose the
    digits a fit's last step needs.
    """
    shape = np.broadcast_shapes(np.shape(z), np.shape(steps))
    z, steps = (np.broadcast_to(column, shape).ravel() for column in _arrays(z, steps))
    total = np.zeros(z.shape)
    rows = np.flatnonzero(steps > 0)  # the rows with a k-th term still to add
    for k in range(DIGAMMA_TERMS):
        if rows.size == 0:
            break
        total[rows] += 1.0 / (z[rows] + k)
        rows = rows[steps[rows] > k + 1]
    beyond = np.flatnonzero(steps > DIGAMMA_TERMS)
    if beyond.size:
        start, end = z[beyond] + DIGAMMA_TERMS, z[beyond] + steps[beyond]
        # digamma(w) = log w - 1 / 2w - sum of B_2k / (2k w^2k); from
        # w = 32 on, the terms past w^-8 are below 1e-17
        tail = np.log1p((end - start) / start) - 0.5 * (1 / end - 1 / start)
        for power, coefficient in ((2, 1 / 12), (4, -1 / 120), (6, 1 / 252), (8, -1 / 240)):
            tail -= coefficient * (end**-power - start**-power)
        total[beyond] += tail
    return total.reshape(shape)


def bgnbd_log_likelihood_gradients(r, alpha, a, b, x, t_x, T) -> np.ndarray:
    """Each customer's gradient of its BG/NBD log-likelihood in (r, alpha, a, b): shape (n, 4)."""
    x, t_x, T = _arrays(x, t_x, T)
    repeat = x > 0
    x_repeat = np.where(repeat, x, 1.0)
    no_dropout = betaln(a, b + x) - betaln(a, b) - (r + x) * np.log(alpha + T)
    dropout = np.where(
        repeat,
        betaln(a + 1, b + x_repeat - 1) - betaln(a, b) - (r + x) * np.log(alpha + t_x),
        -np.inf,
    )
    # the shares of the two terms in their sum (the dropout term is 0 for x = 0)
    share_dropout = np.exp(dropout - np.logaddexp(no_dropout, dropout))
    share_no_dropout = 1.0 - share_dropout
    t_x_safe = np.where(repeat, t_x, T)
    d_r = (
        digamma(r + x)
        - digamma(r)
        + np.log(alpha)
        - share_no_dropout * np.log(alpha + T)
        - share_dropout * np.log(alpha + t_x_safe)
    )
    d_alpha = r / alpha - (r + x) * (
        share_no_dropout / (alpha + T) + share_dropout / (alpha + t_x_safe)
    )
    # digamma differences over integer steps summed exactly: with a + b in
    # the thousands (a flat likelihood) digamma(a + b) - digamma(a + b + x)
    # is 1e-4 of either term, and the difference of two digammas loses the
    # four digits the fit's last step needs
    base = -digamma_step(a + b, x)
    d_a = share_no_dropout * base + share_dropout * (base + 1.0 / a)
    d_b = share_no_dropout * (base + digamma_step(b, x)) + share_dropout * (
        base + digamma_step(b, x_repeat - 1)
    )
    return np.column_stack([d_r, d_alpha, d_a, d_b])


def gamma_gamma_log_likelihood_gradients(p, q, gamma, x, mean_value) -> np.ndarray:
    """Each repeat customer's gradient of its Gamma-Gamma log-likelihood in (p, q, gamma)."""
    x, mean_value = _arrays(x, mean_value)
    px = p * x
    log_total = np.log(gamma + x * mean_value)
    d_p = x * (digamma(px + q) - digamma(px) - np.log1p(gamma / (x * mean_value)))
    d_q = digamma(px + q) - digamma(q) + np.log(gamma) - log_total
    d_gamma = q / gamma - (px + q) / (gamma + x * mean_value)
    return np.column_stack([d_p, d_q, d_gamma])


def _fit(
    negative_log_likelihood, negative_gradient, start: np.ndarray
) -> tuple[np.ndarray, float, bool]:
    """Minimise over log-parameters, to the point where the exact gradient vanishes.

    Nelder-Mead into the basin (it needs no gradient where the likelihood is
    not finite), BFGS on the exact gradient, then a root of the gradient
    itself: the likelihood is flat near its maximum (1e-7 relative changes
    in a parameter move it by less than its rounding), the gradient is not,
    so the fit lands on the same maximum to about 1e-13 from any start, and
    to about 1e-10 where the likelihood is nearly flat along a parameter
    (BG/NBD's a and b in the hundreds and thousands: it falls by 1e-7 of itself
    when they halve). The negative log-likelihood and its gradient are per
    customer.
    """
    # Nelder-Mead only has to reach the basin: to 0.1 in the log-parameters
    # (10%), where BFGS on the exact gradient takes over. Its tail to 1e-4
    # was half of every fit, and a build fits once per recorded date
    first = minimize(
        negative_log_likelihood,
        start,
        method="Nelder-Mead",
        options={"xatol": 1e-1, "fatol": 1e-4, "maxiter": 1_000, "maxfev": 2_000},
    )
    second = minimize(
        negative_log_likelihood,
        first.x,
        jac=negative_gradient,
        method="BFGS",
        options={"gtol": 1e-9, "maxiter": 10_000},
    )
    best = second.x if second.fun <= first.fun else first.x
    # hybr's trial steps can reach log-parameters whose exp overflows; the
    # gradient is not finite there and the point it returns is checked below
    with np.errstate(over="ignore", invalid="ignore"):
        polished = root(negative_gradient, best, method="hybr", options={"xtol": 1e-13})
    # hybr may stop short of its tolerance and say so: keep its point when the
    # gradient is smaller there and the likelihood no worse, up to the
    # rounding of its evaluation (it found the maximum, not another root)
    best_value = negative_log_likelihood(best)
    if (
        np.all(np.isfinite(polished.x))
        and np.max(np.abs(negative_gradient(polished.x))) < np.max(np.abs(negative_gradient(best)))
        and negative_log_likelihood(polished.x)
        <= best_value + LIKELIHOOD_ROUNDING * max(1.0, abs(best_value))
    ):
        best = polished.x
    converged = bool(np.max(np.abs(negative_gradient(best))) < 1e-8)
    return np.exp(best), -float(negative_log_likelihood(best)), converged


def fit_bgnbd(x, t_x, T, weights=None, start=None) -> BgNbdFit:
    """Maximum-likelihood r, alpha, a, b from every customer's (x, t_x, T).

    weights: how many customers each row stands for (distinct_rows); the
    fit is the same as on the rows repeated. start: parameters to start the
    search from (a mapping with r, alpha, a, b, e.g. the last fit), else 1 each.
    """
    x, t_x, T = _arrays(x, t_x, T)
    weights = _weights(weights, len(x))
    if len(x) == 0:
        raise ValueError("BG/NBD needs at least one customer")
    if np.any(x < 0) or np.any(t_x < 0) or np.any(t_x > T) or np.any((x > 0) & (t_x <= 0)):
        raise ValueError("BG/NBD needs 0 <= t_x <= T, and t_x > 0 where x > 0")

    def negative(log_params: np.ndarray) -> float:
        r, alpha, a, b = np.exp(log_params)
        value = -float(np.dot(weights, bgnbd_log_likelihoods(r, alpha, a, b, x, t_x, T)))
        return value if np.isfinite(value) else 1e300

    total = weights.sum()

    def negative_gradient(log_params: np.ndarray) -> np.ndarray:
        params = np.exp(log_params)
        gradient = weights @ bgnbd_log_likelihood_gradients(*params, x, t_x, T)
        # per customer, so one tolerance fits every size of base
        return -(gradient * params) / total

    params, log_likelihood, converged = _fit(
        lambda log_params: negative(log_params) / total,
        negative_gradient,
        _start(start, ("r", "alpha", "a", "b"), default=(1.0, 1.0, 1.0, 1.0)),
    )
    log_likelihood = float(log_likelihood * total)
    r, alpha, a, b = (float(value) for value in params)
    return BgNbdFit(r, alpha, a, b, log_likelihood, int(np.rint(weights.sum())), converged)


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
    # written with betaln and log1p: as p grows (order values that vary
    # little within a customer) gammaln(px + q) - gammaln(px) and
    # px * (log(x * mean) - log(gamma + x * mean)) are differences of huge
    # numbers, whose rounding the optimiser would climb instead of the likelihood
    return (
        -betaln(px, q)
        + q * np.log(gamma)
        - np.log(mean_value)
        - px * np.log1p(gamma / (x * mean_value))
        - q * np.log(gamma + x * mean_value)
    )


def fit_gamma_gamma(x, mean_value, weights=None, start=None) -> GammaGammaFit:
    """Maximum-likelihood p, q, gamma from customers with x >= 1 and a positive mean value.

    weights and start as in fit_bgnbd (start: a mapping with p, q, gamma).
    """
    x, mean_value = _arrays(x, mean_value)
    weights = _weights(weights, len(x))
    if len(x) == 0 or np.any(x < 1) or np.any(mean_value <= 0):
        raise ValueError("Gamma-Gamma needs customers with x >= 1 and a positive mean value")

    def negative(log_params: np.ndarray) -> float:
        p, q, gamma = np.exp(log_params)
        value = -float(np.dot(weights, gamma_gamma_log_likelihoods(p, q, gamma, x, mean_value)))
        return value if np.isfinite(value) else 1e300

    total = weights.sum()

    def negative_gradient(log_params: np.ndarray) -> np.ndarray:
        params = np.exp(log_params)
        gradient = weights @ gamma_gamma_log_likelihood_gradients(*params, x, mean_value)
        return -(gradient * params) / total

    mean_spend = float(np.average(mean_value, weights=weights))
    params, log_likelihood, converged = _fit(
        lambda log_params: negative(log_params) / total,
        negative_gradient,
        # a start in the data's money: p = 1, q = 2 and gamma the mean value
        # give a mean spend per transaction, p * gamma / (q - 1), equal to
        # it. From gamma = 1 (a spend near 1) the search can climb to the
        # likelihood's limit as p grows (one value per customer), which is
        # below its maximum: on a 3,000-user sample it did
        _start(start, ("p", "q", "gamma"), default=(1.0, 2.0, mean_spend)),
    )
    log_likelihood = float(log_likelihood * total)
    p, q, gamma = (float(value) for value in params)
    return GammaGammaFit(p, q, gamma, log_likelihood, int(np.rint(weights.sum())), converged)


def expected_value(fit: GammaGammaFit, x, mean_value) -> np.ndarray:
    """E[value of a transaction | x, mean]; the population mean p*gamma/(q-1) where x = 0."""
    x, mean_value = _arrays(x, mean_value)
    if fit.q <= 1:
        raise ValueError(f"Gamma-Gamma expected values need q > 1, the fit gave q = {fit.q:.4f}")
    population = fit.p * fit.gamma / (fit.q - 1)
    safe_mean = np.where(x > 0, mean_value, 0.0)
    individual = fit.p * (fit.gamma + x * safe_mean) / (fit.p * x + fit.q - 1)
    return np.where(x > 0, individual, population)
