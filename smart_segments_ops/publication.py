"""Write, audit, publish: consumers read only complete builds that passed their tests.

A dbt-duckdb plugin (profiles.yml, `plugins:`). dbt's on-run-end hook (macro
publish_build) decides whether a build may be published (a `dbt build` of the
whole project whose every model and test passed) and writes the new
publication *aside*, in SQL: `<publish folder>/publications/<id>.partial/`
with the marts as a DuckDB file and as Parquet. It then calls the SQL function
this plugin registers, `smart_segments_publish(plan)`, which does what SQL
cannot do, on files only:

1. writes the publication's manifest, `_published.json`, into it, and renames
   `<id>.partial` to `<id>`;
2. points `<publish folder>/current` at it: a new symbolic link renamed over
   the old one, one atomic step. A reader that opens `current/...` gets the
   old publication or the new one, never a mix; a reader that holds the old
   DuckDB file open keeps reading it (the build never touches that file);
3. publishes the activation exports that the build staged in
   `<activation folder>/.staged/<invocation_id>/` (model
   int_segment_activation_files): each file renamed into place, files of
   segments that no longer exist removed, `_exports.json` rewritten last;
4. copies the manifest to `<publish folder>/_published.json` (written aside and
   renamed) and removes publications older than the previous one.

A build that fails, or whose tests fail, never gets here: consumers keep the
last good publication and its exports.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import shutil
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from dbt.adapters.duckdb.plugins import BasePlugin

MANIFEST = "_published.json"
EXPORTS_MANIFEST = "_exports.json"
STAGED = ".staged"
PLAN = "_plan.json"
CURRENT = "current"
PUBLICATIONS = "publications"
# the current publication and the one before it: a reader that opened the
# previous one just before the switch can finish reading it
KEPT_PUBLICATIONS = 2


def write_atomically(path: Path, text: str) -> None:
    """Write a text file aside, flush it to disk, and rename it over `path`."""
    partial = path.with_name(path.name + ".partial")
    with open(partial, "w") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, path)


def to_json(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, sort_keys=True) + "\n"


def current_publication(folder: Path) -> dict[str, Any] | None:
    """The manifest of the publication consumers read now, or None before the first one."""
    manifest = folder / CURRENT / MANIFEST
    if not manifest.exists():
        return None
    return json.loads(manifest.read_text())


def switch_current(folder: Path, publication_id: str) -> None:
    """Point `current` at publications/<id> in one atomic rename of a symbolic link."""
    link = folder / CURRENT
    if link.exists() and not link.is_symlink():
        raise RuntimeError(
            f"{link} is not a symbolic link: it is where the publication's link goes; "
            "move it away and build again"
        )
    staged_link = folder / f".{CURRENT}.{publication_id}"
    if staged_link.is_symlink():
        staged_link.unlink()
    os.symlink(os.path.join(PUBLICATIONS, publication_id), staged_link)
    os.replace(staged_link, link)


def staged_exports(activation_folder: Path, invocation_id: str) -> Path | None:
    """The exports this invocation staged; from `dbt run-operation publish_marts`, the
    (only) ones the last run staged; None when there are none."""
    own = activation_folder / STAGED / invocation_id
    if (own / PLAN).exists():
        return own
    staged = sorted((activation_folder / STAGED).glob(f"*/{PLAN}"))
    return staged[0].parent if len(staged) == 1 else None


def publish_exports(activation_folder: Path, invocation_id: str) -> dict[str, Any]:
    """Move the exports this build staged into place; returns their plan (written, removed)."""
    staged = staged_exports(activation_folder, invocation_id)
    if staged is None:
        return {"written": [], "removed": []}
    plan = json.loads((staged / PLAN).read_text())
    for name in plan["written"]:
        os.replace(staged / name, activation_folder / name)
    for name in plan["removed"]:
        (activation_folder / name).unlink(missing_ok=True)
    write_atomically(activation_folder / EXPORTS_MANIFEST, to_json(plan["manifest"]))
    shutil.rmtree(activation_folder / STAGED, ignore_errors=True)
    return plan


def prune_publications(folder: Path, keep: list[str]) -> list[str]:
    """Remove every publication (and half-written one) but those in `keep`."""
    removed = []
    for path in sorted((folder / PUBLICATIONS).iterdir()):
        if path.name not in keep:
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path.name)
    return removed


def start(plan: dict[str, Any]) -> str:
    """An empty folder to write the new publication into, aside; returns its path."""
    partial = Path(plan["publish_path"]) / PUBLICATIONS / f"{plan['publication_id']}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    (partial / "parquet").mkdir(parents=True)
    return str(partial)


def publish(plan: dict[str, Any]) -> str:
    """Make the publication written aside current, with its exports; returns one line to log."""
    started = time.monotonic()
    folder = Path(plan["publish_path"])
    publication_id = plan["publication_id"]
    partial = folder / PUBLICATIONS / f"{publication_id}.partial"
    final = folder / PUBLICATIONS / publication_id
    previous = current_publication(folder)

    manifest = {
        "publication_id": publication_id,
        "warehouse": plan["warehouse"],
        "invocation_id": plan["invocation_id"],
        "as_of_date": plan["as_of_date"],
        # the date's cut-off had not passed when the build started: the next build computes it again
        "as_of_date_is_provisional": bool(plan["as_of_date_is_provisional"]),
        "build_started_at": plan["build_started_at"],
        "published_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "dbt_version": plan["dbt_version"],
        "duckdb_file": plan["duckdb_file"],
        "storage_version": plan["storage_version"],
        "tables": plan["tables"],
        "activation_output_path": plan["activation_output_path"],
        "previous_publication_id": previous["publication_id"] if previous else None,
        # writing the publication aside (making it current is renames only)
        "write_seconds": round(plan["write_seconds"], 3),
    }
    write_atomically(partial / MANIFEST, to_json(manifest))
    os.replace(partial, final)
    switch_current(folder, publication_id)
    exports = publish_exports(Path(plan["activation_output_path"]), plan["invocation_id"])
    switch_seconds = time.monotonic() - started
    write_atomically(folder / MANIFEST, to_json(manifest))
    keep = [publication_id] + ([previous["publication_id"]] if previous else [])
    prune_publications(folder, keep[:KEPT_PUBLICATIONS])
    return (
        f"Published {len(plan['tables'])} tables as of {plan['as_of_date']} to "
        f"{folder / CURRENT} (publication {publication_id}) and {len(exports['written'])} "
        f"activation export(s) to {plan['activation_output_path']}: "
        f"{plan['write_seconds']:.1f} s writing, {switch_seconds:.3f} s switching"
    )


def remove_function(conn: Any, name: str) -> None:
    with contextlib.suppress(Exception):  # the connection may be closed already
        conn.remove_function(name)


class Plugin(BasePlugin):
    def configure_connection(self, conn: Any) -> None:
        from duckdb.sqltypes import VARCHAR

        def start_publication(plan: str) -> str:
            return start(json.loads(plan))

        def publish_publication(plan: str) -> str:
            return publish(json.loads(plan))

        for name, function in (
            ("smart_segments_publication_start", start_publication),
            ("smart_segments_publish", publish_publication),
        ):
            conn.create_function(name, function, [VARCHAR], VARCHAR, side_effects=True)
            # a connection left open at exit (sqlfluff's dbt templater leaves one) would
            # hold the Python functions past the interpreter's end: release them first
            atexit.register(remove_function, conn, name)
