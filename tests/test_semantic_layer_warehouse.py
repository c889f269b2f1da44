"""MetricFlow reads the warehouse the user names, whatever dbt command ran last.

The second-day finding: after any dbt command on data/acme.duckdb, `mf query`
on the default warehouse failed with `Table with name acme.marts... does not
exist` (the semantic manifest names the last parsed warehouse's catalog).
`python -m smart_segments_ops.metrics` (make metrics) re-parses when the
manifest names another warehouse, then runs mf.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from smart_segments_ops.metrics import main as metrics
from tests.conftest import REPO, DbtProject
from tests.test_reliability import CAMPAIGNS, EVENTS, PROFILES

BIN = Path(sys.executable).parent
QUERY = [
    "query",
    "--metrics",
    "members",
    "--group-by",
    "segment__family",
    "--order",
    "segment__family",
]


def run(project: DbtProject, warehouse: Path, *command: str) -> subprocess.CompletedProcess:
    env = os.environ | {
        "DBT_PROFILES_DIR": str(project.project_dir),
        "DBT_PROJECT_DIR": str(project.project_dir),
        "SEGMENTS_DUCKDB_PATH": str(warehouse),
        # as in a user's shell: dbt writes its JSON (the suite turns it off elsewhere)
        "DBT_WRITE_JSON": "true",
    }
    return subprocess.run(
        list(command), env=env, cwd=project.project_dir, capture_output=True, text=True
    )


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> DbtProject:
    """A copy with the repository's own profiles.yml (the warehouse from SEGMENTS_DUCKDB_PATH)."""
    project = DbtProject(tmp_path_factory.mktemp("semantic"))
    shutil.copy(REPO / "profiles.yml", project.project_dir / "profiles.yml")
    project.write_raw("profiles", PROFILES)
    project.write_raw("events", EVENTS)
    project.write_raw("campaigns", CAMPAIGNS)
    return project


def test_metricflow_reads_the_named_warehouse_after_another_was_parsed(
    project: DbtProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    acme = project.root / "data" / "acme.duckdb"
    # the members metric reads segment_performance, whose cohorts come from the membership
    # log: a 2-day window over 2 days of history (the events start on 03-27)
    variables = (
        f"{{raw_data_path: '{project.raw}', as_of_date: '2026-03-31', "
        "segments__history_days: 2, segments__performance_window_days: 2}"
    )
    for command in (["seed"], ["run"]):
        built = run(project, acme, str(BIN / "dbt"), *command, "--vars", variables)
        assert built.returncode == 0, built.stdout
    # any dbt command on another warehouse (here a parse) leaves its catalog in the manifest
    other = project.root / "data" / "smart_segments.duckdb"
    assert run(project, other, str(BIN / "dbt"), "parse", "--quiet").returncode == 0
    plain = run(project, acme, str(BIN / "mf"), *QUERY)
    assert plain.returncode != 0  # the trap: mf asks acme's file for smart_segments' tables
    assert "smart_segments" in plain.stdout + plain.stderr

    monkeypatch.setenv("DBT_PROFILES_DIR", str(project.project_dir))
    monkeypatch.setenv("SEGMENTS_DUCKDB_PATH", str(acme))
    assert metrics(QUERY, project_dir=project.project_dir) == 0
    # it re-parsed on acme: mf itself now reads acme too
    again = run(project, acme, str(BIN / "mf"), *QUERY)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "behavioral" in again.stdout


def test_a_warehouse_that_does_not_exist_is_one_line(
    project: DbtProject, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    missing = project.root / "data" / "nowhere.duckdb"
    monkeypatch.setenv("SEGMENTS_DUCKDB_PATH", str(missing))
    assert metrics(QUERY, project_dir=project.project_dir) == 2
    assert capsys.readouterr().err == (
        f"The warehouse {missing} does not exist: build it first (make build), or point "
        "SEGMENTS_DUCKDB_PATH at the warehouse to query.\n"
    )
