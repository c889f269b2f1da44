"""Stage the activation exports: one Parquet file per segment.

For every segment in int_segment_definitions (empty ones included, so a CRM
replaces an audience that emptied), the rows of int_segment_activation_members
(user_id, email_sha256, segment_name, entered_at, as_of_date) go to
<folder>/<segment_name>.parquet, where <folder> and the rest of this build's
settings come from int_segment_activation_settings. A Python model because SQL
cannot create the folder.

- Nothing a CRM reads changes here. The files go to
  <folder>/.staged/<invocation_id>/ with a plan (_plan.json: which files
  to move into place, which to remove, the folder's next manifest). They
  are published - renamed into the folder, the manifest _exports.json
  (warehouse, dbt invocation and as-of date of each file) rewritten last -
  together with the marts, only when every model and test of the build has
  passed (on-run-end, macro publish_build; smart_segments_ops.publication).
  A build that fails leaves the folder as it was; the next build clears
  what it staged.
- The folder belongs to one warehouse: a manifest that names another one
  stops the build before anything is written there (assert_folder_owned).
- Audience guardrail: a segment whose export would shrink by more than
  segments__max_audience_drop against the file already there, or empty a
  non-empty one, is not written (the previous file stays, status `held`),
  unless the segment is listed in segments__audience_drop_allowed_segments
  ('*': every segment).
  fct_segment_activation_exports's pre-hook (assert_no_held_exports) then
  fails the build naming the held ones, so nothing is published, or they
  warn (segments__audience_guardrail_severity) and the other segments are
  published.
- Files an earlier build published for segments that no longer exist are
  removed at publication; nothing else in the folder is touched.

Returns one row per segment: what publication writes (or holds) where.
"""

import json
import os
import shutil

import pyarrow as pa
import pyarrow.parquet as pq

from smart_segments_models.frames import engine_table, frame

EXPORT_COLUMNS = ["user_id", "email_sha256", "segment_name", "entered_at", "as_of_date"]
MANIFEST = "_exports.json"
STAGED = ".staged"
PLAN = "_plan.json"


def read_manifest(folder):
    path = os.path.join(folder, MANIFEST)
    if not os.path.exists(path):
        return {}
    with open(path) as handle:
        manifest = json.load(handle)
    # manifests written before exports named their warehouse held a plain list
    if isinstance(manifest.get("files"), list):
        manifest["files"] = {name: {} for name in manifest["files"]}
    return manifest


def assert_folder_owned(folder, warehouse):
    """Refuse a folder whose manifest names another warehouse (one without is this one's)."""
    owner = read_manifest(folder).get("warehouse")
    if owner is not None and owner != warehouse:
        raise RuntimeError(
            f"The activation folder {folder} holds the exports of warehouse {owner} (its "
            f"_exports.json says so), not of {warehouse}: set the activation_output_path var "
            "to a folder of this warehouse's own, or leave it unset (a folder beside the "
            "warehouse)."
        )


def previous_rows(path):
    if not os.path.exists(path):
        return None
    return pq.read_metadata(path).num_rows


def is_held(previous, exported, max_drop):
    """Would this export shrink the audience past the guardrail (or empty it)?"""
    if not previous:
        return False
    return exported == 0 or (previous - exported) / previous > max_drop


def model(dbt, session):
    dbt.config(materialized="table")
    settings_relation = frame(dbt.ref("int_segment_activation_settings"))
    settings = dict(zip(settings_relation.columns, settings_relation.fetchall()[0], strict=True))
    members = frame(dbt.ref("int_segment_activation_members"))
    definitions = frame(dbt.ref("int_segment_definitions"))
    segment_names = sorted(row[0] for row in definitions.project("segment_name").fetchall())
    folder = settings["activation_output_path"]
    warehouse = settings["warehouse_path"]
    allowed = {name for name in settings["audience_drop_allowed_segments"].split(",") if name}

    assert_folder_owned(folder, warehouse)
    os.makedirs(folder, exist_ok=True)
    # what an earlier build staged and never published (it failed) goes
    staged = os.path.join(folder, STAGED)
    shutil.rmtree(staged, ignore_errors=True)
    staged = os.path.join(staged, settings["invocation_id"])
    os.makedirs(staged)
    manifest = read_manifest(folder)
    previous_files = manifest.get("files", {})

    rows = []
    files = {}
    for segment_name in segment_names:
        file_name = f"{segment_name}.parquet"
        target = os.path.join(folder, file_name)
        selected = members.filter(f"segment_name = '{segment_name}'").project(
            ", ".join(EXPORT_COLUMNS)
        )
        exported = selected.row_count()
        previous = previous_rows(target)
        status = "written"
        if (
            segment_name not in allowed
            and "*" not in allowed
            and is_held(previous, exported, settings["max_audience_drop"])
        ):
            status = "held"
            files[file_name] = previous_files.get(file_name, {})
        else:
            selected.order("user_id").write_parquet(os.path.join(staged, file_name))
            files[file_name] = {
                "rows": exported,
                "as_of_date": str(settings["as_of_date"]),
                "invocation_id": settings["invocation_id"],
            }
        rows.append(
            {
                "segment_name": segment_name,
                "file_path": target,
                "export_status": status,
                "exported_members": exported,
                "previous_members": previous,
            }
        )

    with open(os.path.join(staged, PLAN), "w") as plan:
        json.dump(
            {
                "written": [
                    row["segment_name"] + ".parquet"
                    for row in rows
                    if row["export_status"] == "written"
                ],
                "removed": sorted(set(previous_files) - set(files)),
                "manifest": {
                    "warehouse": warehouse,
                    "invocation_id": settings["invocation_id"],
                    "as_of_date": str(settings["as_of_date"]),
                    "files": files,
                },
            },
            plan,
            indent=2,
            sort_keys=True,
        )

    table = pa.table(
        {
            "segment_name": pa.array([row["segment_name"] for row in rows], pa.string()),
            "file_path": pa.array([row["file_path"] for row in rows], pa.string()),
            "export_status": pa.array([row["export_status"] for row in rows], pa.string()),
            "exported_members": pa.array([row["exported_members"] for row in rows], pa.int64()),
            "previous_members": pa.array([row["previous_members"] for row in rows], pa.int64()),
        }
    )
    return engine_table(session, table)
