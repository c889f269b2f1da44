"""Write the activation exports: one Parquet file per segment.

For every segment in int_segment_definitions (empty ones included, so a
CRM replaces an audience that emptied), the rows of
int_segment_activation_members (user_id, email_sha256, segment_name,
entered_at, as_of_date) go to <activation_output_path>/<segment_name>.parquet,
written to a temporary name and renamed, so a reader never sees half a
file. Files this model wrote on an earlier run for segments that no longer
exist are removed (they are listed in _exports.json there); nothing else in
the directory is touched. Returns one row per segment: what was written
where. A Python model because SQL cannot create the directory.
"""

import json
import os

import pyarrow as pa

EXPORT_COLUMNS = ["user_id", "email_sha256", "segment_name", "entered_at", "as_of_date"]
MANIFEST = "_exports.json"


def model(dbt, session):
    dbt.config(materialized="table")
    output_path = dbt.config.get("meta")["activation_output_path"]
    members = dbt.ref("int_segment_activation_members")
    definitions = dbt.ref("int_segment_definitions")
    segment_names = sorted(row[0] for row in definitions.project("segment_name").fetchall())

    os.makedirs(output_path, exist_ok=True)
    manifest_path = os.path.join(output_path, MANIFEST)
    previous = []
    if os.path.exists(manifest_path):
        with open(manifest_path) as handle:
            previous = json.load(handle).get("files", [])

    rows = []
    for segment_name in segment_names:
        file_name = f"{segment_name}.parquet"
        target = os.path.join(output_path, file_name)
        partial = target + ".partial"
        selected = members.filter(f"segment_name = '{segment_name}'").project(
            ", ".join(EXPORT_COLUMNS)
        )
        selected.order("user_id").write_parquet(partial)
        os.replace(partial, target)
        rows.append(
            {
                "segment_name": segment_name,
                "file_path": target,
                "exported_members": selected.aggregate("count(*)").fetchall()[0][0],
            }
        )

    current_files = [f"{name}.parquet" for name in segment_names]
    for stale in sorted(set(previous) - set(current_files)):
        stale_path = os.path.join(output_path, stale)
        if os.path.exists(stale_path):
            os.remove(stale_path)
    # written aside and renamed, like the files: a build killed here leaves
    # the previous manifest whole, never half of one
    with open(manifest_path + ".partial", "w") as handle:
        json.dump({"files": current_files}, handle, indent=2)
    os.replace(manifest_path + ".partial", manifest_path)

    return pa.table(
        {
            "segment_name": pa.array([row["segment_name"] for row in rows], pa.string()),
            "file_path": pa.array([row["file_path"] for row in rows], pa.string()),
            "exported_members": pa.array([row["exported_members"] for row in rows], pa.int64()),
        }
    )
