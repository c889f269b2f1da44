"""Dynamic membership history: daily runs, reruns, a backfill, a rule change.

Three hand-made users and the active_users segment (active in the last 7
days), recorded for D1 = 03-28, D2 = 03-29, D3 = 03-30:
- steady: active every day 03-25 .. 03-30, a member on every date;
- flip: active on 03-22 and 03-30: a member on 03-28 ((03-21, 03-28]),
  not on 03-29 ((03-22, 03-29]), again on 03-30: two stretches;
- gone: active on 03-27, erasure requested on 03-30: a member on 03-28
  and 03-29 until the 03-30 run erases every trace of her.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re

import pytest

from smart_segments_ops.backfill import backfill
from tests.conftest import ON_BOTH_ENGINES, DbtProject
from tests.test_segments import ev, profile, ts

D1, D2, D3 = "2026-03-28", "2026-03-29", "2026-03-30"
PROFILES = [
    profile("steady", signup="03-01"),
    profile("flip", signup="03-01"),
    profile("gone", signup="03-01"),
    profile("gone", signup="03-01", deletion_requested_at=ts("03-30"), updated_at=ts("03-30", 8)),
]
EVENTS = (
    [ev("page_view", ts(f"03-{day}"), user="steady") for day in range(25, 31)]
    + [ev("page_view", ts("03-22"), user="flip"), ev("page_view", ts("03-30"), user="flip")]
    + [ev("page_view", ts("03-27"), user="gone")]
)
HISTORY_SQL = (
    "select segment_name, user_id, valid_from, valid_to, stretch_number, definition_hash "
    "from marts.fct_segment_membership_history order by all"
)
LOG_SQL = "select * from marts.fct_segment_membership order by all"


def make(project: DbtProject) -> DbtProject:
    project.write_raw("profiles", PROFILES)
    project.write_raw("events", EVENTS)
    project.write_raw("campaigns", [])
    assert project.dbt("seed").success
    return project


def run_for(project: DbtProject, as_of_date: str, *selection: str, **variables) -> None:
    run = project.dbt("run", *selection, variables={"as_of_date": as_of_date} | variables)
    assert run.success, run.text


def snapshot(project: DbtProject) -> tuple[list, list]:
    return project.query(HISTORY_SQL), project.query(LOG_SQL)


class Capture:
    """A stream the backfill prints to, keeping what it wrote."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines

    def write(self, text: str) -> None:
        self.lines.append(text)

    def flush(self) -> None:
        pass


def active_users_history(project: DbtProject) -> list[tuple]:
    return project.query(
        "select user_id, valid_from, valid_to, stretch_number from marts.fct_segment_membership_history "
        "where segment_name = 'active_users' order by all"
    )


@pytest.fixture(scope="module", params=ON_BOTH_ENGINES)
def daily(
    request, tmp_path_factory: pytest.TempPathFactory
) -> tuple[DbtProject, tuple[list, list]]:
    project = make(DbtProject(tmp_path_factory.mktemp("daily"), engine=request.param))
    for as_of_date in (D1, D2, D3):
        run_for(project, as_of_date)
    return project, snapshot(project)


def test_daily_runs_give_stretches(daily) -> None:
    project, _ = daily
    day = dt.date.fromisoformat
    assert active_users_history(project) == [
        ("flip", day(D1), day(D2), 1),
        ("flip", day(D3), None, 2),
        ("steady", day(D1), None, 1),
    ]


def test_entered_at_is_the_start_of_the_current_stretch(daily) -> None:
    project, _ = daily
    assert project.query(
        "select user_id, entered_at, as_of_date from marts.seg_active_users order by 1"
    ) == [
        ("flip", dt.date(2026, 3, 30), dt.date(2026, 3, 30)),
        ("steady", dt.date(2026, 3, 28), dt.date(2026, 3, 30)),
    ]


def test_transitions(daily) -> None:
    project, _ = daily
    assert project.query(
        "select user_id, as_of_date, transition, is_history_start from marts.fct_segment_transitions "
        "where segment_name = 'active_users' order by 1, 2, 3"
    ) == [
        ("flip", dt.date(2026, 3, 28), "entered", True),
        ("flip", dt.date(2026, 3, 29), "exited", False),
        ("flip", dt.date(2026, 3, 30), "entered", False),
        ("steady", dt.date(2026, 3, 28), "entered", True),
    ]


def test_an_erased_user_leaves_no_history(daily) -> None:
    project, _ = daily
    for table in (
        "fct_segment_membership",
        "fct_segment_membership_history",
        "fct_segment_transitions",
    ):
        assert project.scalar(f"select count(*) from marts.{table} where user_id = 'gone'") == 0, (
            table
        )


def test_rerunning_a_date_changes_nothing(daily) -> None:
    project, before = daily
    # the log, the history and what they are computed from (a model reads only its ancestors)
    rerun = ("--select", "+fct_segment_membership_history")
    run_for(project, D2, *rerun)  # an earlier date, after D3: gone must not come back
    assert snapshot(project) == before
    run_for(project, D3, *rerun)
    assert snapshot(project) == before


def test_a_backfill_equals_daily_runs(daily, tmp_path_factory: pytest.TempPathFactory) -> None:
    daily_project, expected = daily
    project = make(DbtProject(tmp_path_factory.mktemp("backfill"), engine=daily_project.engine))
    args = argparse.Namespace(
        first=dt.date.fromisoformat(D1), last=dt.date.fromisoformat(D3), days_per_build=2,
        # the data tests after a backfill: the next test (the command as the CLI runs it)
        extra_vars={}, skip_staging=False, skip_tests=True, dbt_args=[],
    )  # fmt: skip
    lines: list[str] = []
    code = backfill(
        args,
        invoke=lambda command, variables: project.dbt(*command, variables=variables).success,
        out=Capture(lines),
        current_date=lambda common, variables: None,  # a new warehouse: no present to restore
    )
    assert code == 0, "".join(lines)
    printed = "".join(lines)
    assert (
        "[1/2] 2026-03-28 .. 2026-03-29: done" in printed
        and "[2/2] 2026-03-30 .. 2026-03-30: done" in printed
    )
    assert snapshot(project) == expected


# What a test that changes a rule reads, and what those models are computed from: the
# test runs them under its rule, then under the default again (a model reads only its
# ancestors, and the models left out keep the default rule's rows throughout)
CHANGED_RULE_MODELS = ("--select", "+fct_segment_membership_history +dim_segments")
PERFORMANCE_MODELS = ("--select", "+segment_performance")


def test_a_changed_rule_starts_new_stretches(daily) -> None:
    project, _ = daily
    old_hash = project.scalar(
        "select definition_hash from marts.dim_segments where segment_name = 'active_users'"
    )
    run_for(project, D3, *CHANGED_RULE_MODELS, segments__active_users_min_active_days=2)
    new_hash, rule = project.query(
        "select definition_hash, rule from marts.dim_segments where segment_name = 'active_users'"
    )[0]
    assert new_hash != old_hash
    # the rule text shows the var's value, not the default written once in YAML
    assert rule == "active on at least 2 day(s) in the last 7 days"
    day = dt.date.fromisoformat
    # flip has one active day in (03-23, 03-30]: out under the new rule; steady has six
    assert project.query(
        "select user_id, valid_from, valid_to, definition_hash from marts.fct_segment_membership_history "
        "where segment_name = 'active_users' order by all"
    ) == sorted([
        ("flip", day(D1), day(D2), old_hash),
        ("steady", day(D1), day(D3), old_hash),
        ("steady", day(D3), None, new_hash),
    ])  # fmt: skip
    run_for(project, D3, *CHANGED_RULE_MODELS)  # back to the default rule


def test_performance_measures_the_cohort_the_log_recorded(daily) -> None:
    """segment_performance reads who was served at D0, not today's rule recomputed at D0.

    As of D3 with a one-day window (D0 = D2) and active_users needing 6 active days in 7:
    steady has 5 in (03-22, 03-29] and 6 in (03-23, 03-30], so today's rule puts her in at
    D3 but not at D2. The log recorded her at D2 under the rule of then (flip was out, gone
    has been erased since): the cohort is steady, active in (D2, D3]."""
    project, _ = daily
    run_for(
        project, D3, *PERFORMANCE_MODELS, segments__active_users_min_active_days=6,
        segments__performance_window_days=1, segments__as_of_offsets_days=[0, 1],
    )  # fmt: skip
    day = dt.date.fromisoformat
    assert project.query(
        "select as_of_date, cohort_as_of_date, members, cohort_members, cohort_retained, "
        "cohort_converters from marts.segment_performance where segment_name = 'active_users'"
    ) == [(day(D3), day(D2), 1, 1, 1, 0)]
    # a date the log holds no build of has no row: D2's D0 (D1) was not a date of this build
    assert project.query("select distinct as_of_date from marts.segment_performance") == [
        (day(D3),)
    ]
    run_for(project, D3, *PERFORMANCE_MODELS)  # back to the default rule


def test_a_backfill_leaves_the_present_alone_and_names_what_it_warns_of(daily) -> None:
    """The second-day findings: after a backfill of earlier dates, dim_customers, the seg_*
    tables and segment_performance were as of the backfill's last date, and its size warning
    did not say which segments. Now the current tables are as of the warehouse's current date
    again (the log holds the same rows: a rerun), and a warning lists its test's rows. The
    backfill runs as the CLI does (its own dbt calls and its own look-up of the present)."""
    project, _ = daily
    before = snapshot(project)
    current = project.query("select * from marts.seg_active_users order by all")
    args = argparse.Namespace(
        first=dt.date.fromisoformat(D1), last=dt.date.fromisoformat(D2), days_per_build=2,
        extra_vars={"raw_data_path": str(project.raw), "activation_output_path": str(project.activation),
                    # every size change warns: active_users grows from D2 (steady) to D3 (+ flip)
                    "segments__max_segment_size_change": 0},
        skip_staging=True, skip_tests=False,
        dbt_args=["--project-dir", str(project.project_dir), "--profiles-dir", str(project.project_dir)],
    )  # fmt: skip
    lines: list[str] = []
    code = backfill(args, out=Capture(lines))
    printed = "".join(lines)
    assert code == 0, printed
    assert f"current tables as of {D3} again: done" in printed
    assert "WARN assert_segment_sizes_change_gradually: Got " in printed
    # the share as each engine prints it: 1 (DuckDB), 1.0000000000000000 (Spark's decimal)
    assert re.search(
        f"segment_name active_users, previous_as_of_date {D2}, as_of_date {D3}, previous_members 1, "
        r"members 2, size_change 1(\.0+)?\n",
        printed,
    ), printed
    assert (
        f"Recorded 2 dates; the current tables are as of {D3} as before the backfill; "
        "nothing was published, the activation exports are as they were.\n"
    ) in printed
    assert project.scalar("select max(as_of_date) from marts.dim_customers").isoformat() == D3
    assert project.query("select * from marts.seg_active_users order by all") == current
    assert snapshot(project) == before
