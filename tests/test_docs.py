"""dbt docs generate works, and every model, seed and column is described."""

from __future__ import annotations

import json

from tests.conftest import DbtProject


def test_every_model_and_column_is_described(generated_sample: DbtProject) -> None:
    run = generated_sample.dbt("docs", "generate")
    assert run.success, run.text
    target = generated_sample.project_dir / "target"
    manifest = json.loads((target / "manifest.json").read_text())
    catalog = json.loads((target / "catalog.json").read_text())
    undescribed = []
    for unique_id, node in manifest["nodes"].items():
        if node["resource_type"] not in ("model", "seed"):
            continue
        if not node.get("description", "").strip():
            undescribed.append(f"{unique_id}: the model")
        documented = {name.lower(): column for name, column in node["columns"].items()}
        for column in catalog["nodes"].get(unique_id, {}).get("columns", {}):
            if not documented.get(column.lower(), {}).get("description", "").strip():
                undescribed.append(f"{unique_id}: {column}")
    assert undescribed == []
    assert len(catalog["nodes"]) > 100
