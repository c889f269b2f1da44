"""Same inputs, same tables, whatever the threads; a bad as_of_date fails clearly."""

from __future__ import annotations

import datetime as dt

import pytest

from smart_segments_datagen.config import GeneratorConfig
from smart_segments_datagen.writer import generate
from tests.conftest import DbtProject

TABLES = {
    "dim_customers": "select * from marts.dim_customers order by user_id",
    "customers_as_of": "select * from intermediate.int_customers_as_of order by as_of_date, user_id",
    "rfm_cutoffs": "select * from marts.dim_rfm_score_cutoffs order by all",
    "segments": "select * from marts.dim_segments order by all",
    "segment_membership": "select * from marts.fct_segment_membership order by all",
    "segment_history": "select * from marts.fct_segment_membership_history order by all",
    "high_value": "select * from marts.seg_high_value order by all",
    "premium_seekers": "select * from marts.seg_premium_seekers order by all",
    "propensity_terms": "select * from marts.fct_propensity_model_terms order by all",
    "propensity_scores": "select * from intermediate.int_propensity_scores_as_of order by all",
    "propensity_evaluation": "select * from marts.fct_propensity_evaluation order by all",
    "lifetime_value_models": "select * from marts.fct_lifetime_value_models order by all",
    "customer_scores": "select * from marts.dim_customer_scores order by all",
}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> DbtProject:
    project = DbtProject(tmp_path_factory.mktemp("determinism"))
    generate(
        GeneratorConfig(users=1500, days=120, start_date=dt.date(2026, 1, 1), seed=3),
        project.raw,
    )
    return project


def test_one_and_two_threads_build_identical_tables(project: DbtProject) -> None:
    """dbt threads (models in parallel) and DuckDB threads (parallel operators) both vary."""
    snapshots = []
    for threads in (1, 2):
        project.write_profile(duckdb_threads=threads)
        # seeds and models only: data tests read the tables, they do not
        # write them, and make test runs every one of them
        run = project.dbt(
            "build", "--threads", str(threads), "--exclude-resource-type", "test", "unit_test"
        )
        assert run.success, run.text
        snapshots.append({name: project.query(sql) for name, sql in TABLES.items()})
    project.write_profile(duckdb_threads=None)
    assert snapshots[0]["dim_customers"], "nothing was built"
    # ties abound at this size: many customers share order counts and recency
    assert (
        project.scalar(
            "select count(*) - count(distinct orders_365d) from marts.dim_customers where orders_365d > 0"
        )
        > 100
    )
    for name in TABLES:
        assert snapshots[0][name] == snapshots[1][name], name


def test_holdout_share_is_near_the_target(project: DbtProject) -> None:
    """10% +- 2 points over every membership of the generated sample (identical across builds above)."""
    members, holdouts = project.query(
        "select count(*), count(*) filter (where is_holdout) from marts.fct_segment_membership"
    )[0]
    assert members > 5000
    assert 0.08 <= holdouts / members <= 0.12, holdouts / members


def test_default_as_of_date_is_the_latest_event_date(project: DbtProject) -> None:
    assert project.query(
        "select as_of_date, days_before_current from intermediate.int_as_of_dates order by 2"
    ) == [
        (project.scalar("select max(event_date) from staging.stg_raw__events"), 0),
        *[
            (project.scalar(f"select max(event_date) - {days} from staging.stg_raw__events"), days)
            for days in (30, 60, 90, 120, 150)
        ],
    ]


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("2026-02-30", "there is no such calendar date"),
        ("2026/06/30", "it is not in the form YYYY-MM-DD"),
        ("yesterday", "it is not in the form YYYY-MM-DD"),
    ],
)
def test_a_malformed_as_of_date_fails_at_compile_time(project: DbtProject, value, problem) -> None:
    run = project.dbt("compile", "--select", "int_as_of_dates", variables={"as_of_date": value})
    assert not run.success
    assert f"Invalid dbt var as_of_date: '{value}' ({problem})" in run.text


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"segments__backfill_from_date": "2026-03-01"}, "but as_of_date is not set"),
        (
            {"segments__backfill_from_date": "2026-04-02", "as_of_date": "2026-04-01"},
            "is after as_of_date",
        ),
        (
            {"segments__backfill_from_date": "2026-02-31", "as_of_date": "2026-04-01"},
            "not a calendar date",
        ),
        (
            {"segments__backfill_from_date": "2025-01-01", "as_of_date": "2026-04-01"},
            "more than segments__max_backfill_days",
        ),
    ],
)
def test_a_bad_backfill_range_fails_at_compile_time(
    project: DbtProject, variables, message
) -> None:
    run = project.dbt("compile", "--select", "int_as_of_dates", variables=variables)
    assert not run.success
    assert message in run.text
