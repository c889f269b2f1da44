"""A raw file that breaks the contract fails the build with a message naming source, file and column."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.conftest import ON_BOTH_ENGINES, DbtProject

GOOD_EVENT = {
    "event_id": "e1",
    "user_id": "u1",
    "anonymous_id": "a1",
    "event_name": "app_open",
    "event_ts": dt.datetime(2026, 3, 1, 10),
    "received_at": dt.datetime(2026, 3, 1, 10),
    "platform": "ios",
    "os_version": "17.4",
    "device_model": "iPhone15,2",
    "app_version": "5.1.0",
    "country": "DE",
    "city": "Berlin",
    "properties": None,
}


@pytest.fixture(scope="module", params=ON_BOTH_ENGINES)
def project(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> DbtProject:
    project = DbtProject(tmp_path_factory.mktemp("contract"), engine=request.param)
    assert project.dbt("seed").success
    return project


def empty_raw(project: DbtProject) -> None:
    """Every scenario in the copy's one raw folder, emptied first: the same raw_data_path
    each time (dbt re-parses the whole project when it changes)."""
    shutil.rmtree(project.raw, ignore_errors=True)
    project.raw.mkdir()


def write_events(project: DbtProject, table: pa.Table, name: str) -> None:
    empty_raw(project)
    (project.raw / "events").mkdir()
    # a conforming file beside the broken one: only the broken one is named
    pq.write_table(pa.Table.from_pylist([GOOD_EVENT]), project.raw / "events" / "good.parquet")
    pq.write_table(table, project.raw / "events" / name)


def run_events(project: DbtProject):
    return project.dbt("run", "--select", "base_raw__events", "--full-refresh")


def test_conforming_files_pass(project: DbtProject) -> None:
    write_events(project, pa.Table.from_pylist([GOOD_EVENT]), "also-good.parquet")
    run = run_events(project)
    assert run.success, run.text


def test_a_missing_column_is_named_with_its_file(project: DbtProject) -> None:
    row = {k: v for k, v in GOOD_EVENT.items() if k != "event_ts"}
    write_events(project, pa.Table.from_pylist([row]), "broken.parquet")
    run = run_events(project)
    assert not run.success
    assert "Raw source raw.events does not match the contract (1 problem)" in run.text
    assert "broken.parquet: column event_ts is missing (the contract says TIMESTAMP)" in run.text
    assert "good.parquet" not in run.text.replace("broken.parquet", "")


def test_a_wrong_type_is_named(project: DbtProject) -> None:
    row = GOOD_EVENT | {"received_at": "2026-03-01 10:00:00"}
    write_events(project, pa.Table.from_pylist([row]), "typed.parquet")
    run = run_events(project)
    assert not run.success
    assert (
        "typed.parquet: column received_at has type VARCHAR (the contract says TIMESTAMP)"
        in run.text
    )


def test_an_unknown_column_is_named(project: DbtProject) -> None:
    row = GOOD_EVENT | {"session_id": "s1"}
    write_events(project, pa.Table.from_pylist([row]), "extra.parquet")
    run = run_events(project)
    assert not run.success
    assert "extra.parquet: column session_id is not in the contract" in run.text


def test_no_files_at_all_is_a_clear_error(project: DbtProject) -> None:
    empty_raw(project)
    run = run_events(project)
    assert not run.success
    assert "Raw source raw.events has no Parquet files matching" in run.text
    assert "raw_data_path" in run.text


GOOD_CAMPAIGN_V1 = {
    "campaign_id": "c1",
    "name": "Spring",
    "channel": "email",
    "objective": "promo",
    "is_important": False,
    "launched_at": dt.datetime(2026, 3, 1, 9),
}
V11_COLUMNS = {
    "target_segment": "cart_abandoners",
    "cost": 250.0,
    "cost_currency": "USD",
    "ends_at": dt.datetime(2026, 3, 31),
}


def write_campaigns(project: DbtProject, tables: dict[str, pa.Table]) -> None:
    empty_raw(project)
    (project.raw / "campaigns").mkdir()
    for name, table in tables.items():
        pq.write_table(table, project.raw / "campaigns" / name)


def run_campaigns(project: DbtProject):
    """Stage this scenario's campaigns."""
    return project.dbt(
        "run",
        "--select",
        "+stg_raw__campaigns",
        "--exclude",
        "resource_type:seed",
        "--full-refresh",
    )


def campaigns(project: DbtProject) -> list[tuple]:
    return project.query(
        "select campaign_id, target_segment, cost, cost_usd, ends_at "
        "from staging.stg_raw__campaigns order by 1"
    )


def test_a_v1_campaign_file_reads_the_v1_1_columns_as_null(project: DbtProject) -> None:
    write_campaigns(project, {"v1.parquet": pa.Table.from_pylist([GOOD_CAMPAIGN_V1])})
    run = run_campaigns(project)
    assert run.success, run.text
    assert campaigns(project) == [("c1", None, None, None, None)]


def test_v1_and_v1_1_campaign_files_together(project: DbtProject) -> None:
    newer = {**GOOD_CAMPAIGN_V1, "campaign_id": "c2", **V11_COLUMNS}
    write_campaigns(
        project,
        {
            "v1.parquet": pa.Table.from_pylist([GOOD_CAMPAIGN_V1]),
            "v1_1.parquet": pa.Table.from_pylist([newer]),
        },
    )
    run = run_campaigns(project)
    assert run.success, run.text
    assert campaigns(project) == [
        ("c1", None, None, None, None),
        (
            "c2",
            "cart_abandoners",
            Decimal("250.0000"),
            Decimal("250.0000"),
            dt.datetime(2026, 3, 31),
        ),
    ]


def test_mistyped_v1_1_columns_are_named_with_their_file(project: DbtProject) -> None:
    mistyped = {**GOOD_CAMPAIGN_V1, **V11_COLUMNS, "cost": "250 USD", "ends_at": "2026-03-31"}
    write_campaigns(project, {"v1_1.parquet": pa.Table.from_pylist([mistyped])})
    run = project.dbt("run", "--select", "base_raw__campaigns", "--full-refresh")
    assert not run.success
    assert "Raw source raw.campaigns does not match the contract (2 problems)" in run.text
    assert "v1_1.parquet: column cost has type VARCHAR (the contract says DOUBLE)" in run.text
    assert "v1_1.parquet: column ends_at has type VARCHAR (the contract says TIMESTAMP)" in run.text
