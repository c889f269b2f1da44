"""Same inputs, same tables, whatever the threads; a bad as_of_date fails clearly."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from smart_segments_datagen.config import GeneratorConfig
from smart_segments_datagen.writer import generate
from tests.conftest import PER_RUN_TABLES, DbtProject

# what differs between two builds by design: which dbt invocation wrote a row, and the
# size of the export file a build found (the one before it wrote it)
PER_BUILD_COLUMNS = {"invocation_id", "previous_members"}


def every_table(project: DbtProject) -> dict[str, list[tuple]]:
    """Every table of every schema, every column but PER_BUILD_COLUMNS, rows sorted."""
    snapshot = {}
    # (not read-only: dbt-duckdb holds the file in this process, opened read-write)
    with duckdb.connect(str(project.database)) as connection:
        tables = connection.execute(
            "select schema_name, table_name from duckdb_tables() where not temporary order by all"
        ).fetchall()
        for schema, table in tables:
            columns = [
                column
                for (column,) in connection.execute(
                    "select column_name from duckdb_columns() "
                    "where schema_name = ? and table_name = ? order by column_index",
                    [schema, table],
                ).fetchall()
                if column not in PER_BUILD_COLUMNS
            ]
            listed = ", ".join(f'"{column}"' for column in columns)
            snapshot[f"{schema}.{table}"] = connection.execute(
                f'select {listed} from "{schema}"."{table}" order by all'
            ).fetchall()
    return snapshot


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> DbtProject:
    project = DbtProject(tmp_path_factory.mktemp("determinism"))
    generate(
        GeneratorConfig(users=1500, days=120, start_date=dt.date(2026, 1, 1), seed=3),
        project.raw,
    )
    return project


def test_one_and_two_threads_and_a_rerun_build_bit_identical_tables(project: DbtProject) -> None:
    """dbt threads (models in parallel) and DuckDB threads (parallel operators) both vary, and a
    rerun over the same files (incremental models run incrementally) changes nothing: every
    table of every schema, compared exactly (floating-point values to the last bit). The
    two-thread build is a full refresh, so it computes every feature store date again; the
    rerun computes none, so its working tables (PER_RUN_TABLES) are empty and left out."""
    snapshots = []
    for threads, refresh in ((1, []), (2, ["--full-refresh"]), (2, [])):
        project.write_profile(threads=threads)
        # seeds and models only: data tests read the tables, they do not
        # write them, and make test runs every one of them
        run = project.dbt(
            "build",
            "--threads",
            str(threads),
            *refresh,
            "--exclude-resource-type",
            "test",
            "unit_test",
        )
        assert run.success, run.text
        snapshots.append(every_table(project))
    project.write_profile()
    assert snapshots[0]["marts.dim_customers"], "nothing was built"
    assert len(snapshots[0]) > 100
    # ties abound at this size: many customers share order counts and recency
    assert (
        project.scalar(
            "select count(*) - count(distinct orders_365d) from marts.dim_customers where orders_365d > 0"
        )
        > 100
    )
    # campaign impact has measured campaigns with money and Welch tests here
    assert (
        project.scalar(
            "select count(*) from marts.fct_campaign_impact_measures where p_value is not null"
        )
        > 10
    )
    assert snapshots[2]["intermediate.int_feature_dates"] == []  # the rerun computed nothing
    for other, skipped in ((snapshots[1], set()), (snapshots[2], PER_RUN_TABLES)):
        assert sorted(other) == sorted(snapshots[0])
        different = {
            name: (
                [row for row in snapshots[0][name] if row not in other[name]][:2],
                [row for row in other[name] if row not in snapshots[0][name]][:2],
            )
            for name in snapshots[0]
            if name not in skipped and other[name] != snapshots[0][name]
        }
        assert different == {}


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
