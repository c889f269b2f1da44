"""MetricFlow on the warehouse you name, whatever dbt command ran last.

    python -m smart_segments_ops.metrics query --metrics members --group-by segment__family
    make metrics ARGS='query --metrics members --group-by segment__family'

MetricFlow (`mf`) reads dbt's target/semantic_manifest.json, where every
semantic model names its table with the warehouse's catalog (the DuckDB file's
stem, e.g. "acme"."marts"."segment_performance"), written by whichever dbt
command parsed the project last. After a build of data/acme.duckdb, a plain
`mf query` on the default warehouse asked for acme's tables and failed.

This wrapper compares the catalog the manifest names with the warehouse of
this shell (SEGMENTS_DUCKDB_PATH, else data/smart_segments.duckdb), runs
`dbt parse` first when they differ (or there is no manifest), then runs `mf`
with the arguments given. A warehouse file that does not exist stops with one
line, before MetricFlow's traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_WAREHOUSE = "data/smart_segments.duckdb"


def warehouse(project_dir: Path) -> Path:
    """The warehouse file this shell names, absolute (relative paths: the project's)."""
    path = Path(os.environ.get("SEGMENTS_DUCKDB_PATH") or DEFAULT_WAREHOUSE).expanduser()
    return path if path.is_absolute() else project_dir / path


def manifest_catalogs(project_dir: Path) -> set[str] | None:
    """The catalogs the semantic manifest's models name, or None without a manifest."""
    manifest = project_dir / "target" / "semantic_manifest.json"
    if not manifest.exists():
        return None
    models = json.loads(manifest.read_text()).get("semantic_models", [])
    return {model["node_relation"]["database"] for model in models}


def main(arguments: list[str], project_dir: Path = REPO) -> int:
    file = warehouse(project_dir)
    if not file.exists():
        print(
            f"The warehouse {file} does not exist: build it first (make build), or point "
            "SEGMENTS_DUCKDB_PATH at the warehouse to query.",
            file=sys.stderr,
        )
        return 2
    binaries = Path(sys.executable).parent
    env = os.environ | {
        "DBT_PROFILES_DIR": os.environ.get("DBT_PROFILES_DIR", str(project_dir)),
        "DBT_PROJECT_DIR": str(project_dir),
        "SEGMENTS_DUCKDB_PATH": str(file),
    }
    if manifest_catalogs(project_dir) != {file.stem}:
        parsed = subprocess.run(
            # MetricFlow reads the JSON: written whatever DBT_WRITE_JSON says
            [
                str(binaries / "dbt"),
                "parse",
                "--quiet",
                "--write-json",
                "--project-dir",
                str(project_dir),
            ],
            env=env,
            cwd=project_dir,
        )
        if parsed.returncode != 0:
            return parsed.returncode
    return subprocess.run([str(binaries / "mf"), *arguments], env=env, cwd=project_dir).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
