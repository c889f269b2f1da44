"""Segmented vs broadcast campaigns on hand-made messages, as of 2026-03-31 (D).

Campaign t_cart was sent to a segment (contract v1.1 target_segment),
b_all to everyone. Counted as of D:

    t_cart  delivered: t1 t2 t3 t4 (t5's 04-01 delivery is after D)
            opened:    t1 t2 t3    clicked: t1 t2
    b_all   delivered: b1 b2 b3 b4 b5 (b6's 03-28 delivery is within the
            segments__message_response_days (7) before D: not counted yet)
            opened:    b1 b2 (b3 opened on 04-02, after D)    clicked: none

    open_rate   3/4 against 2/5        click_rate   2/4 against 0/5
"""

from __future__ import annotations

import math

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from scipy import stats

from tests.conftest import DbtProject
from tests.test_segments import ev, profile, ts

D = "2026-03-31"


def message(kind: str, user: str, campaign: str, day: str) -> dict:
    return ev(
        kind,
        ts(day),
        user=user,
        campaign_id=campaign,
        channel="email",
        message_id=f"{campaign}-{user}",
    )


EVENTS = (
    [message("message_delivered", user, "t_cart", "03-10") for user in ("t1", "t2", "t3", "t4")]
    + [message("message_delivered", "t5", "t_cart", "04-01")]
    + [message("message_opened", user, "t_cart", "03-11") for user in ("t1", "t2", "t3")]
    + [message("message_clicked", user, "t_cart", "03-11") for user in ("t1", "t2")]
    + [
        message("message_delivered", user, "b_all", "03-12")
        for user in ("b1", "b2", "b3", "b4", "b5")
    ]
    + [message("message_opened", user, "b_all", "03-13") for user in ("b1", "b2")]
    + [message("message_opened", "b3", "b_all", "04-02")]
    + [message("message_delivered", "b6", "b_all", "03-28")]
    + [ev("app_open", ts("04-02"), user="t1")]
)
PROFILES = [
    profile(user) for user in ("t1", "t2", "t3", "t4", "t5", "b1", "b2", "b3", "b4", "b5", "b6")
]
CAMPAIGNS = [
    {"campaign_id": "t_cart", "name": "Come back to your cart", "channel": "email", "objective": "promo",
     "is_important": False, "launched_at": ts("03-10", 8), "target_segment": "cart_abandoners",
     "cost": 120.0, "cost_currency": "USD", "ends_at": None},
    {"campaign_id": "b_all", "name": "Spring news", "channel": "email", "objective": "announcement",
     "is_important": False, "launched_at": ts("03-12", 8), "target_segment": None,
     "cost": 80.0, "cost_currency": "USD", "ends_at": None},
]  # fmt: skip


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> DbtProject:
    project = DbtProject(tmp_path_factory.mktemp("targeting"))
    project.write_raw("profiles", PROFILES)
    project.write_raw("events", EVENTS)
    # contract v1.1 columns: written with pyarrow's own types
    (project.raw / "campaigns").mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(CAMPAIGNS), project.raw / "campaigns" / "part-0.parquet")
    assert project.dbt("seed").success
    run = project.dbt(
        "run", "--select", "+fct_campaign_targeting_comparison", variables={"as_of_date": D}
    )
    assert run.success, run.text
    return project


def wilson(successes: int, trials: int) -> tuple[float, float]:
    interval = stats.binomtest(successes, trials).proportion_ci(
        confidence_level=0.95, method="wilson"
    )
    return interval.low, interval.high


def newcombe(x1: int, n1: int, x2: int, n2: int) -> tuple[float, float]:
    """Newcombe's hybrid score interval (method 10), from scipy's Wilson intervals."""
    p1, p2 = x1 / n1, x2 / n2
    (l1, u1), (l2, u2) = wilson(x1, n1), wilson(x2, n2)
    return (
        p1 - p2 - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2),
        p1 - p2 + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2),
    )


def pooled_z_p_value(x1: int, n1: int, x2: int, n2: int) -> float:
    pooled = (x1 + x2) / (n1 + n2)
    z = (x1 / n1 - x2 / n2) / math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    return 2 * stats.norm.sf(abs(z))


@pytest.mark.parametrize(("measure", "x1", "x2"), [("open_rate", 3, 2), ("click_rate", 2, 0)])
def test_rates_intervals_and_difference(built: DbtProject, measure: str, x1: int, x2: int) -> None:
    row = built.query(
        "select targeted_campaigns, targeted_messages, targeted_successes, targeted_rate, targeted_ci_low, "
        "targeted_ci_high, broadcast_campaigns, broadcast_messages, broadcast_successes, broadcast_rate, "
        "broadcast_ci_low, broadcast_ci_high, rate_difference, difference_ci_low, difference_ci_high, "
        f"relative_lift, p_value from marts.fct_campaign_targeting_comparison where measure = '{measure}'"
    )[0]
    assert row[:3] == (1, 4, x1) and row[6:9] == (1, 5, x2)
    expected = [
        x1 / 4, *wilson(x1, 4), x2 / 5, *wilson(x2, 5), x1 / 4 - x2 / 5, *newcombe(x1, 4, x2, 5),
        (x1 / 4) / (x2 / 5) - 1 if x2 else None, pooled_z_p_value(x1, 4, x2, 5),
    ]  # fmt: skip
    actual = [row[3], row[4], row[5], row[9], row[10], row[11], *row[12:]]
    for got, want in zip(actual, expected, strict=True):
        assert (got is None and want is None) or got == pytest.approx(want, rel=1e-6, abs=1e-9)


def test_the_spec_numbers_read_as_written(built: DbtProject) -> None:
    # open_rate: 0.75 against 0.40 is 87.5% more opens
    assert (
        built.scalar(
            "select round(relative_lift, 6) from marts.fct_campaign_targeting_comparison where measure = 'open_rate'"
        )
        == 0.875
    )
