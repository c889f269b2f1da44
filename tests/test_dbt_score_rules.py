"""The project's dbt-score rules fail on the mistakes they are there for.

A copy of the project gets bad models; dbt-score must name each mistake.
That the project itself scores 10 is make lint's own check.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, DbtProject

BAD_MODELS = {
    # an intermediate model that reads a mart, with no tests
    "models/intermediate/segments/int_reads_a_mart.sql": "select * from {{ ref('dim_segments') }}",
    # a mart named like an intermediate model
    "models/marts/segments/int_misplaced.sql": "select 1 as one",
    # tested only by a unique key over an expression (a model-level test with a column_name)
    "models/intermediate/segments/int_keyed_by_expression.sql": "select 1 as a, 2 as b",
    # four leaves cut from one model
    **{
        f"models/marts/customers/fct_leaf_{n}.sql": "select * from {{ ref('int_misplaced') }}"
        for n in range(4)
    },
}
BAD_YAML = """
models:
  - name: int_reads_a_mart
    description: Reads a mart.
    columns:
      - name: segment_name
        description: The segment.
  - name: int_keyed_by_expression
    description: Keyed by two columns.
    data_tests:
      - unique:
          arguments:
            column_name: "a || '|' || b"
    columns:
      - name: a
        description: A.
      - name: b
        description: B.
  - name: int_misplaced
    description: A mart with an intermediate name.
    columns:
      - name: one
        description: One.
        data_tests: [not_null]
"""


def dbt_score(project: DbtProject) -> subprocess.CompletedProcess:
    parsed = project.invoke("parse", "--quiet")
    assert parsed.success, parsed.exception
    return subprocess.run(
        [
            str(Path(sys.executable).parent / "dbt-score"),
            "lint",
            "--manifest",
            "target/manifest.json",
        ],
        cwd=project.project_dir,
        capture_output=True,
        text=True,
        check=False,
    )


def test_each_rule_names_its_mistake(make_project) -> None:
    project = make_project("score-bad")
    (project.project_dir / "pyproject.toml").write_text((REPO / "pyproject.toml").read_text())
    for path, sql in BAD_MODELS.items():
        (project.project_dir / path).write_text(sql + "\n")
    (project.project_dir / "models/intermediate/segments/_bad.yml").write_text(BAD_YAML)
    result = dbt_score(project)
    assert result.returncode != 0
    out = result.stdout
    rules = "smart_segments_ops.dbt_score_rules.house_style"
    assert f"{rules}.intermediate_reads_no_mart: Reads marts: dim_segments." in out
    assert f"{rules}.has_data_tests: Model has no data test." in out
    # a test over a key expression counts (dbt-score's own model.tests leaves it out)
    plain = re.sub(r"\x1b\[[0-9;]*m", "", out)  # without the terminal colours
    blocks = {block.split()[0]: block for block in plain.split("Model: ")[1:]}
    assert "has_data_tests" not in blocks.get("int_keyed_by_expression", ""), out
    assert "has_data_tests" in blocks["int_reads_a_mart"]
    assert (
        f"{rules}.name_says_its_layer: int_misplaced is in marts; "
        "its name should start with dim_ or fct_ or seg_." in out
    )
    assert (
        f"{rules}.limited_leaf_fan_out: 4 leaf models read it (> 3): "
        "fct_leaf_0, fct_leaf_1, fct_leaf_2, fct_leaf_3." in out
    )
