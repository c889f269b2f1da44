"""A user's mistakes fail loudly and safely.

Each test is a finding of the "mistakes fail safe" issue, reproduced as a new
user would make it:
1. a build of other data overwrote the sample warehouse's activation exports
   (one shared default folder, relative paths): now the folder defaults to
   one beside the warehouse, its manifest names the warehouse, and a build
   refuses a folder that belongs to another warehouse;
2. an as-of date outside the data (2020-01-01, or the typo 2027-01-01)
   succeeded with empty marts and empty exports: now it fails naming the
   data's range, and an export that would empty or halve an audience is
   held back with the previous file kept;
3. an unquoted impossible date gave a YAML traceback: now quoted or not it
   gets the one documented message;
4. a misspelled var was ignored: now it fails with the closest name.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest

from tests.conftest import DbtProject
from tests.dbt_cli import DBT
from tests.test_reliability import CAMPAIGNS, EVENTS, PROFILES

AS_OF = "2026-03-31"
DEFAULT_EXPORTS = {"activation_output_path": None}  # the default: beside the warehouse


def make(root: Path, name: str = "warehouse.duckdb") -> DbtProject:
    project = DbtProject(root)
    if name != "warehouse.duckdb":
        project.database = root / name
        project.write_profile()
    project.write_raw("profiles", PROFILES)
    project.write_raw("events", EVENTS)
    project.write_raw("campaigns", CAMPAIGNS)
    return project


def exports_of(folder: Path) -> dict[str, tuple[int, float]]:
    """What a CRM reads in the folder (not the exports a build staged in .staged/)."""
    return {
        path.name: (path.stat().st_size, path.stat().st_mtime)
        for path in folder.iterdir()
        if not path.name.startswith(".")
    }


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> DbtProject:
    project = make(tmp_path_factory.mktemp("mistakes"))
    assert project.dbt("seed").success
    built = project.dbt("build", variables={"as_of_date": AS_OF} | DEFAULT_EXPORTS)
    assert built.success, built.text
    return project


def test_exports_default_to_a_folder_beside_the_warehouse_that_names_it(sample: DbtProject) -> None:
    folder = sample.root / "warehouse_activation"
    manifest = json.loads((folder / "_exports.json").read_text())
    assert manifest["warehouse"] == str(sample.database)
    assert manifest["as_of_date"] == AS_OF
    rows = sample.query(
        "select file_path, warehouse_path, invocation_id, export_status, as_of_date "
        "from marts.fct_segment_activation_exports where segment_name = 'active_users'"
    )
    assert rows[0][0] == str(folder / "active_users.parquet")
    assert rows[0][1] == str(sample.database)
    assert (
        rows[0][2]
        == manifest["invocation_id"]
        == manifest["files"]["active_users.parquet"]["invocation_id"]
    )
    assert rows[0][3:] == ("written", __import__("datetime").date(2026, 3, 31))


def test_a_build_of_other_data_leaves_the_first_warehouses_exports_alone(
    sample: DbtProject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = sample.root / "warehouse_activation"
    before = exports_of(folder)
    other = make(tmp_path_factory.mktemp("own-data"), name="other.duckdb")
    assert other.dbt("seed").success
    # pointed at the sample's folder by mistake: refused, nothing written there
    refused = other.dbt(
        "run", variables={"as_of_date": AS_OF, "activation_output_path": str(folder)}
    )
    assert not refused.success
    assert (
        f"The activation folder {folder} holds the exports of warehouse {sample.database} (its "
        f"_exports.json says so), not of {other.database}: set the activation_output_path var to a "
        "folder of this warehouse's own, or leave it unset (a folder beside the warehouse)."
    ) in refused.text
    assert exports_of(folder) == before
    # by default each warehouse has a folder of its own
    own = other.dbt("run", variables={"as_of_date": AS_OF} | DEFAULT_EXPORTS)
    assert own.success, own.text
    # staged there (a run publishes nothing; a passing build would move them into place)
    assert list((other.root / "other_activation" / ".staged").glob("*/active_users.parquet"))
    assert exports_of(folder) == before


def test_a_warehouse_refuses_the_raw_data_of_another(
    sample: DbtProject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The second-day trap: `export SEGMENTS_DUCKDB_PATH=data/acme.duckdb`, then a plain `make
    build` built acme's warehouse from the sample's raw files (raw_data_path's default)."""
    other_raw = tmp_path_factory.mktemp("other-lake") / "raw"
    exports = exports_of(sample.root / "warehouse_activation")
    customers = sample.query("select * from marts.dim_customers order by user_id")
    refused = sample.dbt("build", variables={"as_of_date": AS_OF, "raw_data_path": str(other_raw)})
    assert not refused.success
    message = (
        f"The warehouse {sample.database} was built from the raw data in {sample.raw}, not "
        f"{other_raw} (raw_data_path): pass --vars '{{raw_data_path: {sample.raw}}}', or point "
        f"SEGMENTS_DUCKDB_PATH at the warehouse of {other_raw} (if the files moved there, rebuild "
        "once with --full-refresh). Nothing was built."
    )
    assert message in refused.text
    assert sample.query("select * from marts.dim_customers order by user_id") == customers
    assert exports_of(sample.root / "warehouse_activation") == exports
    # a command that reads no raw data (seeds) is not refused
    assert sample.dbt("seed", variables={"raw_data_path": str(other_raw)}).success


def test_an_export_that_would_empty_or_halve_an_audience_is_held(sample: DbtProject) -> None:
    # the sample's build as of AS_OF published its exports; this test builds it as of
    # another date, so the tests after it read only what that cannot change
    project, folder = sample, sample.root / "warehouse_activation"
    active = folder / "web_users.parquet"
    before = duckdb.sql(f"select user_id from '{active}' order by 1").fetchall()
    assert before == [("u1",), ("u2",), ("u3",)]
    published = exports_of(folder)
    # as of 03-27 only u1 had been seen: web_users would lose two thirds
    held = project.dbt("run", variables={"as_of_date": "2026-03-27"} | DEFAULT_EXPORTS)
    assert not held.success
    assert "Audience guardrail: " in held.text
    assert "web_users 3 -> 1" in held.text
    assert "rfm_lost 1 -> 0" in held.text  # emptied: held whatever the share
    assert "write them anyway: --vars '{segments__audience_drop_allowed_segments: [" in held.text
    assert duckdb.sql(f"select user_id from '{active}' order by 1").fetchall() == before
    # nothing is published: no other segment's export changes either
    assert exports_of(folder) == published
    assert project.query(
        "select export_status, previous_members, exported_members from "
        "intermediate.int_segment_activation_files where segment_name = 'web_users'"
    ) == [("held", 3, 1)]
    # the documented override writes it
    allowed = project.dbt(
        "build",
        variables={"as_of_date": "2026-03-27", "segments__audience_guardrail_severity": "warn",
                   "segments__audience_drop_allowed_segments": ["web_users"]} | DEFAULT_EXPORTS,
    )  # fmt: skip
    assert allowed.success, allowed.text
    assert duckdb.sql(f"select user_id from '{active}'").fetchall() == [("u1",)]


@pytest.mark.parametrize(
    ("as_of_date", "message"),
    [
        (
            "2020-01-01",
            "Invalid dbt var as_of_date: 2020-01-01 is before the first clean event date",
        ),
        ("2027-01-01", "Invalid dbt var as_of_date: 2027-01-01 is after the last clean event date"),
    ],
)
def test_an_as_of_date_outside_the_data_fails_naming_its_range(
    sample: DbtProject, as_of_date: str, message: str
) -> None:
    run = sample.dbt("run", "--select", "int_as_of_dates", variables={"as_of_date": as_of_date})
    assert not run.success
    assert (
        f"{message}: the data covers 2026-03-27 to 2026-03-30 (as-of dates up to 2026-03-31 allowed "
        "for clock skew). Pass a date in that range, or leave as_of_date unset for the latest event date."
    ) in run.text


def dbt_in_a_subprocess(project: DbtProject, raw_vars: str, *args: str, cwd: Path | None = None):
    """dbt as a user types it: vars as YAML text, from the shell, the venv's .pth shim active."""
    return subprocess.run(
        [*DBT, *args, "--project-dir", str(project.project_dir), "--profiles-dir", str(project.project_dir),
         "--vars", raw_vars],
        capture_output=True, text=True, timeout=600, cwd=cwd,
    )  # fmt: skip


@pytest.mark.parametrize("written", ["{as_of_date: 2026-13-01}", "{as_of_date: '2026-13-01'}"])
def test_an_impossible_date_gets_the_documented_message_quoted_or_not(
    tmp_path_factory: pytest.TempPathFactory, written: str
) -> None:
    # a project of its own: this process may still hold the sample's warehouse
    project = make(tmp_path_factory.mktemp("impossible-date"))
    completed = dbt_in_a_subprocess(
        project,
        written[:-1] + f", raw_data_path: '{project.raw}'}}",
        "run",
        "--select",
        "int_as_of_dates",
    )
    assert completed.returncode != 0
    assert (
        "Invalid dbt var as_of_date: '2026-13-01' (there is no such calendar date)."
        in completed.stdout
    )
    assert "Traceback" not in completed.stdout + completed.stderr


def test_a_misspelled_var_fails_with_the_closest_name(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # checked when dbt opens the warehouse, once per dbt process: run it as a user does
    project = make(tmp_path_factory.mktemp("typo"))
    completed = dbt_in_a_subprocess(
        project, f"{{segments__holdout_shar: 0.2, raw_data_path: '{project.raw}'}}", "run"
    )
    assert completed.returncode != 0
    assert (
        "Unknown dbt var segments__holdout_shar (did you mean segments__holdout_share?): every var "
        "this project reads is declared, with its default, in dbt_project.yml"
    ) in completed.stdout
    assert "Traceback" not in completed.stdout + completed.stderr


def test_a_threshold_out_of_range_fails_in_one_line(sample: DbtProject) -> None:
    run = sample.dbt("run", "--select", "int_as_of_dates", variables={"segments__dormant_days": 0})
    assert not run.success
    assert (
        "Invalid dbt var segments__dormant_days: 0 (a number at least 1 and at most 3660)"
        in run.text
    )


def test_a_missing_warehouse_folder_is_created_and_paths_resolve_against_the_project(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    project = make(tmp_path_factory.mktemp("fresh"), name="not/there/yet/warehouse.duckdb")
    # relative paths, run from another directory: they resolve against the project directory
    shutil.copytree(project.raw, project.project_dir / "raw")
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    completed = dbt_in_a_subprocess(
        project, f"{{as_of_date: '{AS_OF}', raw_data_path: raw, activation_output_path: exports}}",
        "build", "--select", "+stg_raw__events", "--indirect-selection", "cautious", cwd=elsewhere,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stdout[-3000:]
    assert project.database.exists()
    assert list(elsewhere.iterdir()) == []
