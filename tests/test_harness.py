"""The suite's shortcuts are sound.

tests/parse_shortcut.py lets the suite's dbt invocations reuse a parse across
values of every var but the parsed ones (dbt would re-parse the whole project
on any change of --vars). That is right only if no parsed node reads another
var: a full parse with every other declared var changed must give the same
nodes, sources, exposures, macros and semantic models. A model may name
another several times, as often as a var says; what dbt runs depends on
which models it names, so refs are compared as a set.
"""

from __future__ import annotations

import json

import pytest
import yaml
from dbt.cli.main import dbtRunner

from tests.conftest import REPO, DbtProject
from tests.parse_shortcut import PARSED_VARS, parsed_vars
from tests.test_settings import NON_DEFAULT

DECLARED = yaml.safe_load((REPO / "dbt_project.yml").read_text())["vars"]
# what a parse records about itself, not about the project
VOLATILE = {"created_at"}
# Another valid value for every declared var (the on-run-start hook checks them, and
# parsing renders it): tests/test_settings.py's for the numbers and dates, these for
# the rest.
OTHER_VALUES = NON_DEFAULT | {
    "as_of_date": "2026-02-14",
    "raw_data_path": "/tmp/elsewhere/raw",
    "activation_output_path": "/tmp/elsewhere/activation",
    "publish_path": "/tmp/elsewhere/published",
    "segments__backfill_from_date": "2026-02-10",
    "segments__audience_guardrail_severity": "warn",
    "segments__audience_drop_allowed_segments": ["web_users"],
    "segments__publish_storage_version": "v1.2.0",
    "segments__non_activity_events": ["message_sent"],
    "segments__families": ["behavioral", "value"],
    # at least the evaluation offset plus the horizon (20 + 20 above)
    "segments__propensity_training_offsets_days": [40, 70, 100],
}


def changed(name: str, value):
    """Another valid value."""
    if isinstance(value, bool):
        return not value
    assert name in OTHER_VALUES, f"no other value for {name}={value!r}: add one to OTHER_VALUES"
    return OTHER_VALUES[name]


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
            return {
                k: sorted(set(map(json.dumps, v))) if k == "refs" else stable(v)
                for k, v in value.items()
                if k not in VOLATILE
            }
        if isinstance(value, list):
            return [stable(v) for v in value]
        return value

    return {
        part: stable(manifest[part])
        for part in ("nodes", "sources", "exposures", "macros", "semantic_models", "metrics")
    }


def differing(first: dict, second: dict) -> list[str]:
    return sorted(
        f"{part}: {name}"
        for part in first
        for name in first[part].keys() | second[part].keys()
        if first[part].get(name) != second[part].get(name)
    )


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> DbtProject:
    return DbtProject(tmp_path_factory.mktemp("harness"))


@pytest.fixture(scope="module")
def default_parse(project: DbtProject) -> dict:
    return parsed(project, {})


def test_the_parsed_vars_are_the_three_and_the_segment_thresholds() -> None:
    segment_thresholds = parsed_vars(REPO) - PARSED_VARS
    assert len(segment_thresholds) == 27
    assert "segments__dormant_days" in segment_thresholds
    assert "as_of_date" not in segment_thresholds


def test_no_parsed_node_reads_a_var_outside_the_parsed_ones(project, default_parse) -> None:
    others = {
        name: changed(name, value)
        for name, value in DECLARED.items()
        if name not in parsed_vars(project.project_dir)
    }
    assert len(others) > 45
    assert differing(default_parse, parsed(project, others)) == []
