"""Write, audit, publish: consumers read only complete builds that passed every test.

On the reliability issue's hand-made rows, one project is built and published
(as of 2026-03-30), then, in this file's order, used by the tests that
follow (they run in order on one worker: `--dist loadfile`):

- a passing build publishes every table of the marts schema, as a DuckDB file
  and as Parquet, with a manifest whose row counts are the tables', and the
  activation exports at the same moment;
- the oldest DuckDB client the README claims (1.0.0, in its own virtualenv)
  and SQLAlchemy with duckdb-engine read every published table;
- `dbt run` and a build of part of the project publish nothing;
- a build with a failing data test publishes nothing: every published file
  and every export byte for byte as before, the manifest naming the previous
  build;
- a publication killed after writing its files aside, before switching to
  them, leaves the previous publication whole; a build then publishes while
  readers query the publication in a loop (no error, every read from one
  publication) and a connection held open on the old file keeps reading the
  old publication.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest
import sqlalchemy

from tests.conftest import DbtProject
from tests.dbt_cli import DBT
from tests.test_reliability import CAMPAIGNS, EVENTS, PROFILES

REPO = Path(__file__).resolve().parents[1]
OLDEST_DUCKDB_PYTHON = REPO / ".venv-duckdb-oldest" / "bin" / "python"
FIRST, SECOND = "2026-03-30", "2026-03-31"
# the later builds move the as-of date; small segments of these few users empty on the way
EVERY_EXPORT = {"segments__audience_drop_allowed_segments": ["*"]}


def published_folder(project: DbtProject) -> Path:
    return project.root / "warehouse_published"


def manifest(project: DbtProject) -> dict:
    return json.loads((published_folder(project) / "current" / "_published.json").read_text())


def consumers_view(project: DbtProject) -> dict[str, str]:
    """Every file a consumer reads (publication and exports) by path, as a hash of its bytes."""
    view = {"current ->": os.readlink(published_folder(project) / "current")}
    for folder in (published_folder(project), project.activation):
        for path in sorted(folder.rglob("*")):
            relative = path.relative_to(project.root)
            if path.is_file() and ".staged" not in relative.parts and ".partial" not in str(path):
                view[str(relative)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return view


def dbt(project: DbtProject, *args: str, as_of_date: str, **variables) -> tuple[bool, str]:
    """dbt in a subprocess, as a user runs it (and no warehouse kept open here), with the
    suite's parse shortcut (tests/dbt_cli.py): success, output."""
    merged = {"raw_data_path": str(project.raw), "as_of_date": as_of_date} | variables
    done = subprocess.run(
        [*DBT, *args, "--project-dir", str(project.project_dir),
         "--profiles-dir", str(project.project_dir), "--vars", json.dumps(merged)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    return done.returncode == 0, done.stdout + done.stderr


def build(project: DbtProject, as_of_date: str, **variables) -> tuple[bool, str]:
    return dbt(project, "build", as_of_date=as_of_date, **variables)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> DbtProject:
    project = DbtProject(tmp_path_factory.mktemp("publication"))
    # the default folders beside the warehouse: warehouse_activation, warehouse_published
    project.activation = project.root / "warehouse_activation"
    project.write_raw("profiles", PROFILES)
    project.write_raw("events", EVENTS)
    project.write_raw("campaigns", CAMPAIGNS)
    built, output = build(project, FIRST)
    assert built, output
    assert "Published " in output
    return project


def test_a_passing_build_publishes_its_marts_and_exports(project: DbtProject) -> None:
    folder = published_folder(project)
    published = manifest(project)
    assert os.readlink(folder / "current") == f"publications/{published['publication_id']}"
    assert json.loads((folder / "_published.json").read_text()) == published
    assert published["as_of_date"] == FIRST
    assert published["as_of_date_is_provisional"] is False  # 03-30 ended long before the build
    assert published["warehouse"] == str(project.database)
    assert published["storage_version"] == "v1.0.0"
    assert published["previous_publication_id"] is None
    assert published["publication_id"].endswith(published["invocation_id"][:8])
    marts = {
        table: count
        for table, count in project.query(
            "select table_name, estimated_size from duckdb_tables() where schema_name = 'marts'"
        )
    }
    assert len(marts) > 50
    assert sorted(published["tables"]) == sorted(marts)
    file = folder / "current" / "warehouse.duckdb"
    with duckdb.connect() as connection:
        connection.execute(f"attach '{project.database}' as built (read_only)")
        connection.execute(f"attach '{file}' as pub (read_only)")
        for table, entry in published["tables"].items():
            rows = connection.execute(f"select count(*) from built.marts.{table}").fetchone()[0]
            assert entry["rows"] == rows, table
            # the same rows, both ways
            assert (
                connection.execute(
                    f"select count(*) from (select * from built.marts.{table} except all "
                    f"select * from pub.marts.{table})"
                ).fetchone()[0]
                == 0
            ), table
            assert (
                connection.execute(f"select count(*) from pub.marts.{table}").fetchone()[0] == rows
            )
            parquet = folder / "current" / entry["parquet"]
            source = f"'{parquet}/**/*.parquet', hive_partitioning = true" if entry[
                "partitioned_by"] else f"'{parquet}'"  # fmt: skip
            assert (
                connection.execute(f"select count(*) from read_parquet({source})").fetchone()[0]
                == rows
            ), table
        assert connection.execute(
            "select distinct publication_id, invocation_id, cast(as_of_date as varchar), "
            "as_of_date_is_provisional from pub.main.published_tables"
        ).fetchall() == [(published["publication_id"], published["invocation_id"], FIRST, False)]
        assert dict(
            connection.execute(
                "select table_name, row_count from pub.main.published_tables"
            ).fetchall()
        ) == {table: entry["rows"] for table, entry in published["tables"].items()}
    # the membership log is published one folder per recorded date
    log = published["tables"]["fct_segment_membership"]
    assert log["partitioned_by"] == "as_of_date"
    assert sorted(p.name for p in (folder / "current" / log["parquet"]).iterdir()) == [
        f"as_of_date={FIRST}"
    ]
    # the exports were published by the same build, and nothing is left staged
    exports = json.loads((project.activation / "_exports.json").read_text())
    assert exports["invocation_id"] == published["invocation_id"]
    assert exports["as_of_date"] == FIRST
    assert (project.activation / "active_users.parquet").exists()
    assert not (project.activation / ".staged").exists()


def test_the_oldest_claimed_client_and_duckdb_engine_read_every_table(project: DbtProject) -> None:
    published = manifest(project)
    expected = {table: entry["rows"] for table, entry in published["tables"].items()}
    file = published_folder(project) / "current" / "warehouse.duckdb"
    assert OLDEST_DUCKDB_PYTHON.exists(), (
        f"{OLDEST_DUCKDB_PYTHON} is missing: `make test` installs the oldest DuckDB client the "
        "README claims (requirements-duckdb-oldest.txt) before pytest"
    )
    script = textwrap.dedent(
        """
        import json, sys
        import duckdb
        connection = duckdb.connect(sys.argv[1], read_only=True)
        tables = [row[0] for row in connection.execute(
            "select table_name from information_schema.tables where table_schema = 'marts'"
        ).fetchall()]
        counts = {t: connection.execute(f'select count(*) from marts."{t}"').fetchone()[0] for t in tables}
        print(json.dumps({"version": duckdb.__version__, "counts": counts}))
        """
    )
    done = subprocess.run(
        [str(OLDEST_DUCKDB_PYTHON), "-c", script, str(file)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    oldest = json.loads(done.stdout)
    assert oldest["version"] == "1.0.0"
    assert oldest["counts"] == expected
    # the driver Python BI tools (Superset) use
    engine = sqlalchemy.create_engine(f"duckdb:///{file}", connect_args={"read_only": True})
    with engine.connect() as connection:
        tables = sqlalchemy.inspect(connection).get_table_names(schema="marts")
        counts = {
            table: connection.execute(
                sqlalchemy.text(f'select count(*) from marts."{table}"')
            ).scalar()
            for table in tables
        }
    engine.dispose()
    assert counts == expected


def test_run_and_a_build_of_part_of_the_project_publish_nothing(project: DbtProject) -> None:
    before = consumers_view(project)
    ran, output = dbt(project, "run", "--select", "dim_customers", as_of_date=SECOND)
    assert ran, output
    assert "Not published" not in output  # only builds are published: a run says nothing
    partial, output = dbt(project, "build", "--select", "dim_customers", as_of_date=FIRST)
    assert partial, output
    assert (
        "Not published: this build ran part of the project (--select): only a build of the "
        "whole project is audited whole. Consumers keep the last publication ("
        f"{published_folder(project)}/current) and the activation exports it published."
    ) in output
    # leaving out unit tests still audits the whole build (make build does); any other type not
    excluded, output = dbt(
        project, "build", "--select", "dim_customers", "--exclude-resource-type", "test",
        as_of_date=FIRST,
    )  # fmt: skip
    assert excluded, output
    assert "this build ran part of the project (--select, --exclude-resource-type)" in output
    assert consumers_view(project) == before


READER = textwrap.dedent(
    """
    import json, os, sys, time
    import duckdb
    folder, stop = sys.argv[1], sys.argv[2]
    seen, errors, stopping = [], [], 0
    while stopping < 2:
        stopping += os.path.exists(stop)
        try:
            # DuckDB: every table of one read through one connection
            with duckdb.connect(os.path.join(folder, "current", "warehouse.duckdb"), read_only=True) as c:
                published = c.execute("select table_name, row_count, publication_id from published_tables").fetchall()
                ids = {row[2] for row in published}
                for table, rows, _ in published:
                    if c.execute(f'select count(*) from marts."{table}"').fetchone()[0] != rows:
                        errors.append(f"{table}: rows differ from published_tables")
            # Parquet: the link resolved once, every file read from that publication
            publication = os.path.realpath(os.path.join(folder, "current"))
            with open(os.path.join(publication, "_published.json")) as handle:
                manifest = json.load(handle)
            for table, entry in manifest["tables"].items():
                path = os.path.join(publication, entry["parquet"])
                source = f"'{path}/**/*.parquet'" if entry["partitioned_by"] else f"'{path}'"
                if duckdb.execute(f"select count(*) from read_parquet({source})").fetchone()[0] != entry["rows"]:
                    errors.append(f"{table}: Parquet rows differ from the manifest")
            seen.append({"duckdb": sorted(ids), "parquet": manifest["publication_id"]})
        except Exception as error:
            errors.append(repr(error))
        time.sleep(0.25)  # readers, not a load test: leave the build the CPU
    print(json.dumps({"seen": seen, "errors": errors}))
    """
)


def test_a_failing_build_publishes_nothing(project: DbtProject) -> None:
    first = manifest(project)
    before = consumers_view(project)
    # a data test that fails: the build writes its marts, stages its exports, and fails
    planted = project.project_dir / "data-tests" / "planted_failure.sql"
    planted.write_text("select 1 as failure\n")
    built, output = build(project, SECOND, **EVERY_EXPORT)
    planted.unlink()
    assert not built
    assert "Not published: 1 of " in output
    assert "nodes failed or were skipped: planted_failure (fail)" in output
    assert project.scalar("select max(as_of_date) from marts.dim_customers").isoformat() == SECOND
    assert any((project.activation / ".staged").glob("*/active_users.parquet"))
    assert consumers_view(project) == before
    assert manifest(project) == first


def test_a_publication_killed_midway_leaves_the_last_one_whole(
    project: DbtProject,
) -> None:
    """Killed after writing its files aside: nothing changes for consumers. The next
    build then publishes while two readers query in a loop (no error, every read from one
    publication), and a connection opened before it keeps reading the old publication."""
    previous = manifest(project)
    before = consumers_view(project)
    merged = {"raw_data_path": str(project.raw), "as_of_date": SECOND} | EVERY_EXPORT
    # the publication step a passing build ends with (on-run-end), run alone on the
    # warehouse the failed build above left: the same macro, without the build before it
    process = subprocess.Popen(
        [*DBT, "--debug", "run-operation", "publish_marts", "--project-dir", str(project.project_dir),
         "--profiles-dir", str(project.project_dir), "--vars", json.dumps(merged)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )  # fmt: skip
    assert process.stdout is not None
    written_aside = False
    for line in process.stdout:
        # the publication's DuckDB file and Parquet are written aside; the switch is next
        written_aside = written_aside or ("copy " in line and ".partial/parquet/" in line)
        if written_aside and "SQL status" in line:
            os.killpg(process.pid, signal.SIGKILL)
            break
    process.wait()
    assert written_aside, "the publication ended before writing its files aside"
    assert consumers_view(project) == before
    assert manifest(project) == previous
    publications = published_folder(project) / "publications"
    assert any(p.name.endswith(".partial") for p in publications.iterdir())

    file = published_folder(project) / "current" / "warehouse.duckdb"
    held = duckdb.connect(str(file), read_only=True)
    stop = project.root / "stop-readers"
    readers = [
        subprocess.Popen(
            [sys.executable, "-c", READER, str(published_folder(project)), str(stop)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    time.sleep(1)
    # a year of grace: SECOND's cut-off (its end plus the grace) is still to come, so the
    # publication says its date is provisional
    built, output = build(project, SECOND, segments__as_of_grace_hours=8760, **EVERY_EXPORT)
    stop.touch()
    results = [json.loads(reader.communicate(timeout=120)[0]) for reader in readers]
    assert built, output
    latest = manifest(project)
    assert (latest["as_of_date"], latest["as_of_date_is_provisional"]) == (SECOND, True)
    assert latest["previous_publication_id"] == previous["publication_id"]
    for result in results:
        assert result["errors"] == []
        assert len(result["seen"]) >= 10  # the readers ran through the build
        # every DuckDB read saw one publication (and every Parquet read its manifest's
        # row counts, above); both saw the old publication first and the new one last
        assert all(len(read["duckdb"]) == 1 for read in result["seen"])
        assert result["seen"][0] == {
            "duckdb": [previous["publication_id"]],
            "parquet": previous["publication_id"],
        }
        assert result["seen"][-1] == {
            "duckdb": [latest["publication_id"]],
            "parquet": latest["publication_id"],
        }
    assert held.execute("select distinct publication_id from published_tables").fetchall() == [
        (previous["publication_id"],)
    ]
    assert (
        held.execute("select max(as_of_date) from marts.dim_customers").fetchone()[0].isoformat()
        == FIRST
    )
    held.close()
    exports = json.loads((project.activation / "_exports.json").read_text())
    assert exports["invocation_id"] == latest["invocation_id"]
    assert not (project.activation / ".staged").exists()
    # the half-written publication is gone; the previous one is kept for its readers
    assert sorted(p.name for p in publications.iterdir()) == sorted(
        [previous["publication_id"], latest["publication_id"]]
    )
