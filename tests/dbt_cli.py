"""dbt's command line, with the suite's parse shortcut (tests/parse_shortcut.py).

For the tests that run dbt in a process of their own (to kill it, or to hold
no warehouse open in pytest's): `python -m tests.dbt_cli build ...` takes the
arguments of `dbt build ...`, and a build as of another date re-parses
nothing.
"""

from __future__ import annotations

import sys

from dbt.cli.main import cli

import tests.parse_shortcut  # noqa: F401  (applies the shortcut)

DBT = [sys.executable, "-m", "tests.dbt_cli"]

if __name__ == "__main__":
    sys.exit(cli())
