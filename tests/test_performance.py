"""The segment performance rollup against scipy, on generated data.

Every row's statistics are recomputed from the row's own counts with scipy:
the two-proportion p-values as the chi-square test of the 2x2 table (no
continuity correction), which is the same test; the Wilson interval with
binomtest().proportion_ci; the q-values with false_discovery_control
across the segments of each date. They must agree to 1e-6.
"""

from __future__ import annotations

import math
from collections import defaultdict

import numpy as np
import pytest
from scipy.stats import binomtest, chi2_contingency, false_discovery_control

from smart_segments_datagen.campaign_impact import is_global_control
from tests.conftest import DbtProject

COLUMNS = [
    "as_of_date", "segment_name", "cohort_members", "cohort_converters", "baseline_members",
    "baseline_converters", "treated_members", "treated_converters", "holdout_members", "holdout_converters",
    "conversion_rate", "baseline_conversion_rate", "conversion_lift", "conversion_p_value", "conversion_q_value",
    "conversion_ci_low", "conversion_ci_high", "holdout_p_value", "reachable_members", "reachable_converters",
    "global_control_members", "global_control_converters", "global_control_p_value", "cohort_as_of_date",
]  # fmt: skip


@pytest.fixture(scope="module")
def sample(generated_sample_on_each_engine: DbtProject) -> DbtProject:
    return generated_sample_on_each_engine


@pytest.fixture(scope="module")
def rows(sample: DbtProject) -> list[dict]:
    result = sample.query(
        f"select {', '.join(COLUMNS)} from marts.segment_performance order by 1, 2"
    )
    return [dict(zip(COLUMNS, row, strict=True)) for row in result]


def two_proportion_p(x1: int, n1: int, x2: int, n2: int) -> float | None:
    if n1 == 0 or n2 == 0 or x1 + x2 in (0, n1 + n2):
        return None
    table = np.array([[x1, n1 - x1], [x2, n2 - x2]])
    return float(chi2_contingency(table, correction=False).pvalue)


def close(actual, expected) -> bool:
    if expected is None:
        return actual is None
    return actual is not None and abs(actual - expected) <= 1e-6


def test_there_are_rows_to_check(rows) -> None:
    dates = {row["as_of_date"] for row in rows}
    assert len(dates) >= 4 and len(rows) >= 4 * 30
    assert sum(row["conversion_p_value"] is not None for row in rows) > 100


def test_p_values_agree_with_scipy(rows) -> None:
    for row in rows:
        expected = two_proportion_p(row["cohort_converters"], row["cohort_members"],
                                    row["baseline_converters"], row["baseline_members"])  # fmt: skip
        assert close(row["conversion_p_value"], expected), row
        expected = two_proportion_p(row["treated_converters"], row["treated_members"],
                                    row["holdout_converters"], row["holdout_members"])  # fmt: skip
        assert close(row["holdout_p_value"], expected), row
        expected = two_proportion_p(row["reachable_converters"], row["reachable_members"],
                                    row["global_control_converters"], row["global_control_members"])  # fmt: skip
        assert close(row["global_control_p_value"], expected), row


def test_wilson_intervals_agree_with_scipy(rows) -> None:
    for row in rows:
        if row["cohort_members"] == 0:
            assert row["conversion_ci_low"] is None and row["conversion_ci_high"] is None
            continue
        interval = binomtest(row["cohort_converters"], row["cohort_members"]).proportion_ci(
            0.95, method="wilson"
        )
        assert close(row["conversion_ci_low"], interval.low), row
        assert close(row["conversion_ci_high"], interval.high), row


def test_q_values_agree_with_scipy(rows) -> None:
    by_date = defaultdict(list)
    for row in rows:
        if row["conversion_p_value"] is not None:
            by_date[row["as_of_date"]].append(row)
    for date_rows in by_date.values():
        expected = false_discovery_control(
            [row["conversion_p_value"] for row in date_rows], method="bh"
        )
        for row, q in zip(date_rows, expected, strict=True):
            assert close(row["conversion_q_value"], float(q)), row
    assert all(
        row["conversion_q_value"] is None for row in rows if row["conversion_p_value"] is None
    )


def test_rates_are_their_counts(rows) -> None:
    for row in rows:
        if row["cohort_members"]:
            assert math.isclose(
                row["conversion_rate"],
                row["cohort_converters"] / row["cohort_members"],
                rel_tol=1e-12,
            )
        if row["baseline_members"] and row["baseline_converters"] and row["cohort_members"]:
            assert math.isclose(
                row["conversion_lift"],
                row["conversion_rate"] / row["baseline_conversion_rate"],
                rel_tol=1e-12,
            )
        assert row["cohort_members"] == row["treated_members"] + row["holdout_members"]


def test_the_global_control_comparison_counts_the_hashed_members(rows, sample: DbtProject) -> None:
    """Reachable: outside the holdout and the global control group; control: in the group."""
    members = defaultdict(list)
    for as_of_date, segment, user_id, is_holdout in sample.query(
        "select as_of_date, segment_name, user_id, is_holdout from marts.fct_segment_membership"
    ):
        members[as_of_date, segment].append((user_id, is_holdout))
    checked = 0
    for row in rows:
        cohort = members.get((row["cohort_as_of_date"], row["segment_name"]), [])
        in_group = [user for user, _ in cohort if is_global_control(user, 0.05)]
        reachable = [
            user for user, holdout in cohort if not holdout and not is_global_control(user, 0.05)
        ]
        assert (row["global_control_members"], row["reachable_members"]) == (
            len(in_group),
            len(reachable),
        )
        checked += bool(in_group)
    assert checked > 100


def test_cohorts_are_the_members_the_log_recorded_at_the_cohort_date(sample: DbtProject) -> None:
    mismatches = sample.scalar(
        "select count(*) from marts.segment_performance as performance "
        "left join (select as_of_date, segment_name, count(*) as members "
        "           from marts.fct_segment_membership group by 1, 2) as members "
        "  on performance.cohort_as_of_date = members.as_of_date and performance.segment_name = members.segment_name "
        "where performance.cohort_members <> coalesce(members.members, 0)"
    )
    assert mismatches == 0


def test_the_current_date_is_measured_without_a_warning(sample: DbtProject) -> None:
    """35 recorded days cover the 30-day window: the guardrail finds nothing."""
    result = sample.invoke(
        "test", "--select", "assert_segment_performance_measures_the_current_date"
    )
    [checked] = [r for r in result.result.results if r.node.resource_type == "test"]
    assert (result.success, checked.status, checked.failures) == (True, "pass", 0)
