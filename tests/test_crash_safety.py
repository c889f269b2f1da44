"""A build killed at any point and run again gives the same warehouse and exports.

A generated sample (150 users, 60 days) is built as of D1 with the events
received by then; the next day's build (as of D2, with the events received
since in a second file) is the one killed. The reference is that second
build run uninterrupted. For each kill point the warehouse and activation
folder of D1 are restored, the D2 build is started in a subprocess, killed
with SIGKILL, and run again to the end; then every table of every schema and
every export file must equal the reference row for row. Kill points:

- inside the incremental event triage, right after its pre-hook deleted the
  rows it re-reads and before the insert (dbt's debug log names the delete);
- inside the membership log, right after its pre-hook deleted this date;
- during the activation export, once the first file of this build is
  staged and before the last (a `dbt run` stages exports; publication,
  which only a passing `dbt build` does, has its own kill test in
  tests/test_publication.py);
- at a moment drawn from a fixed seed.

Every incremental model runs its pre-hook delete, its insert and its commit
in one DuckDB transaction, so a kill rolls the model back whole; exports and
their manifest are written aside and renamed. Also here: a second build on
the same warehouse stops with one line naming the file, and the first
finishes unharmed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import shutil
import signal
import subprocess
import time
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from smart_segments_datagen.config import GeneratorConfig
from smart_segments_datagen.writer import generate
from tests.conftest import PER_RUN_TABLES, DbtProject
from tests.dbt_cli import DBT

D1, D2 = "2026-02-14", "2026-03-01"
CUTOFF = dt.datetime(2026, 2, 15)
SEED = 20261201


def split_sample(root: Path) -> dict[str, Path]:
    """One raw folder holding the events received before D1 + 1 day, and the rest held back.

    The folder grows as a lake does: day_two() adds the held-back file before the D2 build.
    Every project reads this same folder (a warehouse is built from one raw folder), so
    the file paths staging records are the same in the reference and in every killed build.
    """
    generated = root / "generated"
    generate(GeneratorConfig(users=150, days=60, start_date=dt.date(2026, 1, 1), seed=3), generated)
    events = ds.dataset(generated / "events", format="parquet").to_table()
    early = pc.less(events["received_at"], pa.scalar(CUTOFF, pa.timestamp("us")))
    folder = root / "raw"
    for source in ("profiles", "campaigns"):
        shutil.copytree(generated / source, folder / source)
    (folder / "events").mkdir(parents=True)
    pq.write_table(events.filter(early), folder / "events" / "part-0.parquet")
    pq.write_table(events.filter(pc.invert(early)), root / "day-2-events.parquet")
    return {"raw": folder, "day_2_events": root / "day-2-events.parquet"}


def normalise(value, root: str):
    if isinstance(value, float):
        return float(f"{value:.9g}")
    if isinstance(value, str):
        return value.replace(root, "<root>")
    return value


# which dbt invocation wrote a row or file, and what the export replaced (a killed build may
# already have replaced some files): the run's circumstances, not what it computed
PER_BUILD = {"invocation_id", "previous_members"}


def without_invocations(value):
    if isinstance(value, dict):
        return {
            key: without_invocations(item) for key, item in value.items() if key not in PER_BUILD
        }
    return value


def snapshot(project: DbtProject) -> dict[str, list]:
    """Every table of the warehouse and every file of the export folder, as sorted rows."""
    root = str(project.root)
    state: dict[str, list] = {}
    with duckdb.connect(str(project.database)) as connection:
        tables = connection.sql(
            "select schema_name, table_name from duckdb_tables() where not temporary order by all"
        ).fetchall()
        for schema, table in tables:
            columns = [
                row[0]
                for row in connection.sql(
                    "select column_name from duckdb_columns() "
                    f"where schema_name = '{schema}' and table_name = '{table}' order by column_index"
                ).fetchall()
                if row[0] not in PER_BUILD
            ]
            listed = ", ".join(f'"{column}"' for column in columns)
            rows = connection.sql(f'select {listed} from "{schema}"."{table}"').fetchall()
            state[f"{schema}.{table}"] = sorted(
                (tuple(normalise(v, root) for v in row) for row in rows), key=repr
            )
    # `dbt run` stages exports (.staged/<invocation_id>/, with their plan) and publishes
    # nothing: the files and plan it staged are compared, under their own names
    staged = sorted((project.activation / ".staged").glob("*/*"))
    for path in [*sorted(project.activation.glob("[!.]*")), *staged]:
        if path.name == "_plan.json":
            plan = without_invocations(json.loads(path.read_text()))
            state[f"staged:{path.name}"] = [normalise(json.dumps(plan, sort_keys=True), root)]
        elif path.parent.parent.name == ".staged":
            state[f"staged:{path.name}"] = sorted(repr(r) for r in pq.read_table(path).to_pylist())
        elif path.suffix == ".parquet":
            rows = pq.read_table(path).to_pylist()
            state[f"file:{path.name}"] = sorted(repr(row) for row in rows)
        elif path.name == "_exports.json":
            manifest = without_invocations(json.loads(path.read_text()))
            state[f"file:{path.name}"] = [normalise(json.dumps(manifest, sort_keys=True), root)]
        else:
            state[f"file:{path.name}"] = [path.read_text()]
    return state


def dbt_command(project: DbtProject, *args: str, variables: dict) -> list[str]:
    merged = {"activation_output_path": str(project.activation)}
    return [
        *DBT,
        *args,
        "--project-dir",
        str(project.project_dir),
        "--profiles-dir",
        str(project.project_dir),
        "--vars",
        json.dumps(merged | variables),
    ]


def run_and_kill(project: DbtProject, variables: dict, should_kill, timeout: float = 300) -> bool:
    """Start the D2 build in its own process group; SIGKILL it when should_kill(line) says so."""
    process = subprocess.Popen(
        dbt_command(project, "--debug", "run", variables=variables),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + timeout
    seen: list[str] = []
    assert process.stdout is not None
    for line in process.stdout:
        seen.append(line)
        if should_kill(line):
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            return True
        assert time.monotonic() < deadline, "the build did not reach its kill point"
    process.wait()
    raise AssertionError("the build ended before its kill point:\n" + "".join(seen[-40:]))


def after(statement: str):
    """Kill when the statement has run (dbt logs it, then its status) and before the next one."""
    seen: list[str] = []

    def should_kill(line: str) -> bool:
        if statement in line:
            seen.append(line)
        return bool(seen) and line.lstrip("\x1b[0m").split("  ", 1)[-1].startswith("SQL status")

    return should_kill


def during_exports(activation: Path, timeout: float = 120):
    """Kill once this build has staged its first export file (and before it has staged the last).

    The staged folders are taken before the build starts (the D1 build's is there), so
    only a file of this build's own folder counts; the wait is bounded.
    """
    before = set((activation / ".staged").glob("*"))
    started: list[float] = []

    def staged() -> bool:
        # the build empties .staged (rmtree) before it makes its own folder: a
        # listing may find the folder gone for a moment
        try:
            return any(
                folder not in before and any(folder.glob("*.parquet"))
                for folder in (activation / ".staged").glob("*")
            )
        except FileNotFoundError:
            return False

    def should_kill(line: str) -> bool:
        if "START python table model intermediate.int_segment_activation_files" in line:
            started.append(time.monotonic())
        if not started:
            return False
        while not staged():
            assert time.monotonic() - started[0] < timeout, "no export file was staged"
            time.sleep(0.005)
        return True

    return should_kill


def at_a_seeded_moment(seconds: float):
    start = time.monotonic()
    return lambda line: time.monotonic() - start > seconds


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory):
    return split_sample(tmp_path_factory.mktemp("crash-sample"))


def day_two(sample: dict[str, Path]) -> dict:
    """The D2 build's vars, with the day's events landed in the raw folder."""
    landed = sample["raw"] / "events" / "part-1.parquet"
    if not landed.exists():
        shutil.copy(sample["day_2_events"], landed)
    # D2 empties small segments of this small sample: write every export (the guardrail has tests of its own)
    return {
        "as_of_date": D2,
        "raw_data_path": str(sample["raw"]),
        "segments__audience_drop_allowed_segments": ["*"],
    }


def restored(root: Path, state1: Path) -> DbtProject:
    """A project copy holding the warehouse and exports the D1 build left (the folder is its own)."""
    project = DbtProject(root)
    shutil.copy(state1 / "warehouse.duckdb", project.database)
    shutil.copytree(state1 / "activation", project.activation)
    # `dbt run` publishes nothing: D1 left staged exports and no _exports.json
    assert not (project.activation / "_exports.json").exists()
    return project


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory, sample) -> tuple[Path, dict, float]:
    """The D1 state (warehouse and exports, kept aside) and the uninterrupted D2 result."""
    project = DbtProject(tmp_path_factory.mktemp("crash-reference"))
    assert project.dbt("seed").success
    assert not (sample["raw"] / "events" / "part-1.parquet").exists()
    first = project.dbt("run", variables={"as_of_date": D1, "raw_data_path": str(sample["raw"])})
    assert first.success, first.text
    state1 = tmp_path_factory.mktemp("crash-state1")
    with duckdb.connect(str(project.database)) as connection:
        connection.execute("checkpoint")  # everything in the file, nothing left in the WAL
    shutil.copy(project.database, state1 / "warehouse.duckdb")
    shutil.copytree(project.activation, state1 / "activation")
    started = time.monotonic()
    second = project.dbt("run", variables=day_two(sample))
    duration = time.monotonic() - started
    assert second.success, second.text
    expected = snapshot(project)
    # the D2 build changed what D1 left: new rows in the triage and a new recorded date
    assert expected["marts.fct_segment_membership"] != []
    return state1, expected, duration


KILL_POINTS = {
    "triage between delete and insert": lambda project, duration: after(
        'delete from "warehouse"."staging"."stg_raw__events_triaged"'
    ),
    "membership log between delete and insert": lambda project, duration: after(
        'delete from "warehouse"."marts"."fct_segment_membership"'
    ),
    "activation export half staged": lambda project, duration: during_exports(project.activation),
    "a seeded moment": lambda project, duration: at_a_seeded_moment(
        random.Random(SEED).uniform(0.2, 0.9) * duration
    ),
}


@pytest.mark.parametrize("kill_point", list(KILL_POINTS))
def test_a_killed_build_run_again_equals_an_uninterrupted_one(
    tmp_path_factory: pytest.TempPathFactory, sample, reference, kill_point: str
) -> None:
    state1, expected, duration = reference
    project = restored(tmp_path_factory.mktemp("crash"), state1)
    run_and_kill(project, day_two(sample), KILL_POINTS[kill_point](project, duration))
    rerun = project.dbt("run", variables=day_two(sample))
    assert rerun.success, rerun.text
    actual = snapshot(project)
    assert sorted(actual) == sorted(expected)
    for name in expected:
        # a kill after the feature store committed leaves the rerun nothing to compute there
        if name not in PER_RUN_TABLES:
            assert actual[name] == expected[name], name


def test_a_second_build_on_the_same_warehouse_gets_one_line(
    tmp_path_factory: pytest.TempPathFactory, sample, reference
) -> None:
    state1, expected, _ = reference
    project = restored(tmp_path_factory.mktemp("crash-concurrent"), state1)
    first = subprocess.Popen(
        dbt_command(project, "run", variables=day_two(sample)),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert first.stdout is not None
    for line in first.stdout:
        if "START sql" in line:  # the warehouse is open and locked
            break
    second = subprocess.run(
        dbt_command(project, "run", variables=day_two(sample)),
        capture_output=True,
        text=True,
        timeout=300,
    )
    rest = first.stdout.read()
    assert first.wait() == 0, rest
    assert second.returncode != 0
    errors = [line for line in second.stdout.splitlines() if "is open in another process" in line]
    assert len(errors) == 1, second.stdout
    assert (
        errors[0]
        .strip()
        .startswith(
            f"The warehouse {project.database.resolve()} is open in another process (PID {first.pid}, "
        )
    )
    assert "Traceback" not in second.stdout + second.stderr
    # the first build finished unharmed: its result is the uninterrupted one
    assert snapshot(project) == expected
