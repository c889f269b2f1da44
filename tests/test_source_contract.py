"""A raw file that breaks the contract fails the build with a message naming source, file and column."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.conftest import DbtProject

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


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> DbtProject:
    project = DbtProject(tmp_path_factory.mktemp("contract"))
    assert project.dbt("seed").success
    return project


def write_events(project: DbtProject, scenario: str, table: pa.Table, name: str) -> None:
    project.raw = project.root / scenario
    (project.raw / "events").mkdir(parents=True, exist_ok=True)
    # a conforming file beside the broken one: only the broken one is named
    pq.write_table(pa.Table.from_pylist([GOOD_EVENT]), project.raw / "events" / "good.parquet")
    pq.write_table(table, project.raw / "events" / name)


def run_events(project: DbtProject):
    return project.dbt("run", "--select", "base_raw__events")


def test_conforming_files_pass(project: DbtProject) -> None:
    write_events(project, "ok", pa.Table.from_pylist([GOOD_EVENT]), "also-good.parquet")
    run = run_events(project)
    assert run.success, run.text


def test_a_missing_column_is_named_with_its_file(project: DbtProject) -> None:
    row = {k: v for k, v in GOOD_EVENT.items() if k != "event_ts"}
    write_events(project, "missing", pa.Table.from_pylist([row]), "broken.parquet")
    run = run_events(project)
    assert not run.success
    assert "Raw source raw.events does not match the contract (1 problem)" in run.text
    assert "broken.parquet: column event_ts is missing (the contract says TIMESTAMP)" in run.text
    assert "good.parquet" not in run.text.replace("broken.parquet", "")


def test_a_wrong_type_is_named(project: DbtProject) -> None:
    row = GOOD_EVENT | {"received_at": "2026-03-01 10:00:00"}
    write_events(project, "wrong_type", pa.Table.from_pylist([row]), "typed.parquet")
    run = run_events(project)
    assert not run.success
    assert (
        "typed.parquet: column received_at has type VARCHAR (the contract says TIMESTAMP)"
        in run.text
    )


def test_an_unknown_column_is_named(project: DbtProject) -> None:
    row = GOOD_EVENT | {"session_id": "s1"}
    write_events(project, "extra", pa.Table.from_pylist([row]), "extra.parquet")
    run = run_events(project)
    assert not run.success
    assert "extra.parquet: column session_id is not in the contract" in run.text


def test_no_files_at_all_is_a_clear_error(project: DbtProject) -> None:
    project.raw = project.root / "nowhere"
    run = run_events(project)
    assert not run.success
    assert "Raw source raw.events has no Parquet files matching" in run.text
    assert "raw_data_path" in run.text
