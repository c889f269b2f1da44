"""The suite's one shortcut through dbt: a parse kept across vars no parsed node reads.

Importing this module applies it to dbt in this process. tests/conftest.py
imports it; tests that run dbt in a process of their own run tests/dbt_cli.py.
"""

from __future__ import annotations

import re
from pathlib import Path

from dbt.parser.manifest import ManifestLoader

# The vars that parsed nodes read: a source's location, two Python models' configs,
# and every threshold a segment's rule names (the rule, rendered with its values,
# is the segment's meta: the catalogue shows it). dbt re-parses the whole project
# (~11 s) whenever --vars change; every other var is read only when a model or test
# runs, so the suite's dbt invocations (in pytest's processes, and in those the
# tests start with tests/dbt_cli.py) leave those out of the state dbt compares,
# and a test that builds as of several dates, or with a campaign or guardrail
# setting changed, parses once. tests/test_harness.py proves it: a full
# parse with every other declared var changed gives the same nodes.
PARSED_VARS = frozenset(
    {
        "raw_data_path",
        "segments__propensity_inverse_regularization",
        "segments__lifetime_value_warm_start",
    }
)
NAMED_VAR = re.compile(r"""var\(\s*['"](\w+)['"]""")


def parsed_vars(project_dir: Path) -> frozenset[str]:
    """PARSED_VARS and the vars this copy's segment models name."""
    names = set(PARSED_VARS)
    for path in (project_dir / "models").rglob("seg_*.sql"):
        names.update(NAMED_VAR.findall(path.read_text()))
    return frozenset(names)


_build_manifest_state_check = ManifestLoader.build_manifest_state_check


def _state_check_on_parsed_vars(loader: ManifestLoader):
    config = loader.root_project
    cli_vars = config.cli_vars
    parsed = parsed_vars(Path(config.project_root))
    config.cli_vars = {k: v for k, v in cli_vars.items() if k in parsed}
    try:
        return _build_manifest_state_check(loader)
    finally:
        config.cli_vars = cli_vars


ManifestLoader.build_manifest_state_check = _state_check_on_parsed_vars
