"""Write the activation exports: one Parquet file per segment.

For every segment in int_segment_definitions (empty ones included, so a CRM
replaces an audience that emptied), the rows of int_segment_activation_members
(user_id, email_sha256, segment_name, entered_at, as_of_date) go to
<folder>/<segment_name>.parquet, where <folder> and the rest of this build's
settings come from int_segment_activation_settings. A Python model because SQL
cannot create the folder.

- Each file is written to a temporary name and renamed, so a reader never sees
  half a file; so is the folder's manifest, _exports.json, which names the
  warehouse, the dbt invocation and the as-of date that wrote each file.
- The folder belongs to one warehouse: a manifest that names another one
  stops the build before anything is written there (this model's pre-hook,
  assert_activation_folder_owned, owns that check).
- Audience guardrail: a segment whose export would shrink by more than
  segments__max_audience_drop against the file already there, or empty a
  non-empty one, is not written (the previous file stays, status `held`),
  unless the segment is listed in segments__audience_drop_allowed_segments
  ('*': every segment).
  The other segments are written; fct_segment_activation_exports's pre-hook
  (assert_no_held_exports) then fails the build naming the held ones, or
  they warn (segments__audience_guardrail_severity).
- Files this model wrote on an earlier run for segments that no longer exist
  are removed; nothing else in the folder is touched.

Returns one row per segment: what was written (or held) where.
"""

import json
import os

import pyarrow as pa
import pyarrow.parquet as pq

EXPORT_COLUMNS = ["user_id", "email_sha256", "segment_name", "entered_at", "as_of_date"]
MANIFEST = "_exports.json"


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


def write_atomically(path, text):
    with open(path + ".partial", "w") as handle:
        handle.write(text)
    os.replace(path + ".partial", path)


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
    settings_relation = dbt.ref("int_segment_activation_settings")
    settings = dict(zip(settings_relation.columns, settings_relation.fetchall()[0], strict=True))
    members = dbt.ref("int_segment_activation_members")
    definitions = dbt.ref("int_segment_definitions")
    segment_names = sorted(row[0] for row in definitions.project("segment_name").fetchall())
    folder = settings["activation_output_path"]
    warehouse = settings["warehouse_path"]
    allowed = {name for name in settings["audience_drop_allowed_segments"].split(",") if name}

    os.makedirs(folder, exist_ok=True)
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
        exported = selected.aggregate("count(*)").fetchall()[0][0]
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
            partial = target + ".partial"
            selected.order("user_id").write_parquet(partial)
            os.replace(partial, target)
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

    for stale in sorted(set(previous_files) - set(files)):
        stale_path = os.path.join(folder, stale)
        if os.path.exists(stale_path):
            os.remove(stale_path)
    write_atomically(
        os.path.join(folder, MANIFEST),
        json.dumps(
            {
                "warehouse": warehouse,
                "invocation_id": settings["invocation_id"],
                "as_of_date": str(settings["as_of_date"]),
                "files": files,
            },
            indent=2,
            sort_keys=True,
        ),
    )

    return pa.table(
        {
            "segment_name": pa.array([row["segment_name"] for row in rows], pa.string()),
            "file_path": pa.array([row["file_path"] for row in rows], pa.string()),
            "export_status": pa.array([row["export_status"] for row in rows], pa.string()),
            "exported_members": pa.array([row["exported_members"] for row in rows], pa.int64()),
            "previous_members": pa.array([row["previous_members"] for row in rows], pa.int64()),
        }
    )
