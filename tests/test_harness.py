"""The suite's shortcuts are sound.

tests/conftest.py lets the in-process dbt invocations reuse a parse across
values of RUNTIME_ONLY_VARS (dbt would re-parse the whole project). That is
right only if no parsed node reads those vars: two full parses with other
values of every one of them must give the same nodes, sources, exposures and
macros.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from dbt.cli.main import dbtRunner

from tests.conftest import RUNTIME_ONLY_VARS, DbtProject

VALUES = [
    {"as_of_date": "2026-03-31", "segments__backfill_from_date": "2026-03-01"},
    {"as_of_date": "2026-02-14", "segments__backfill_from_date": "2026-02-10"},
]
HISTORY_DAYS = [0, 75]
# what a parse records about itself, not about the project
VOLATILE = {"created_at"}


def parsed(project: DbtProject, variables: dict) -> dict:
    result = dbtRunner().invoke(
        [
            "parse",
            "--no-partial-parse",
            "--write-json",
            "--project-dir",
            str(project.project_dir),
            "--profiles-dir",
            str(project.project_dir),
            "--vars",
            json.dumps(variables),
        ]
    )
    assert result.success, result.exception
    manifest = json.loads((project.project_dir / "target" / "manifest.json").read_text())

    def stable(value):
        if isinstance(value, dict):
            return {k: stable(v) for k, v in value.items() if k not in VOLATILE}
        if isinstance(value, list):
            return [stable(v) for v in value]
        return value

    return {
        part: stable(manifest[part])
        for part in ("nodes", "sources", "exposures", "macros", "semantic_models", "metrics")
    }


def test_the_runtime_only_vars_change_no_parsed_node(tmp_path: Path) -> None:
    assert set(VALUES[0]) | {"segments__history_days"} == RUNTIME_ONLY_VARS
    project = DbtProject(tmp_path)
    first, second = (
        parsed(project, values | {"segments__history_days": days})
        for values, days in zip(VALUES, HISTORY_DAYS, strict=True)
    )
    differing = sorted(
        f"{part}: {name}"
        for part in first
        for name in first[part].keys() | second[part].keys()
        if first[part].get(name) != second[part].get(name)
    )
    assert differing == []


@pytest.mark.parametrize("variable", sorted(RUNTIME_ONLY_VARS))
def test_each_runtime_only_var_is_read_by_the_project(variable: str) -> None:
    # a var no file names any more would make the list above stale, not wrong: keep it exact
    repository = Path(__file__).resolve().parents[1]
    files = [*(repository / "models").rglob("*.sql"), *(repository / "macros").rglob("*.sql")]
    assert any(variable in path.read_text() for path in files)
