"""PyYAML reads an impossible unquoted date as text, so dbt vars can name the mistake.

`dbt build --vars '{as_of_date: 2026-13-01}'` used to end in a 40-line
traceback: YAML takes the unquoted value for a timestamp, and PyYAML raises
ValueError on month 13 before any of this project's checks run. With this
shim the value stays the string '2026-13-01' and the as_of_date check gives
its one-line message, quoted or not. Valid dates still load as dates.

Imported at interpreter start by the smart_segments.pth file that `make`
writes into the virtualenv's site-packages (see the Makefile).
"""

from __future__ import annotations

import yaml
from yaml.constructor import SafeConstructor

TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_construct_timestamp = SafeConstructor.construct_yaml_timestamp


def construct_timestamp_or_text(constructor: SafeConstructor, node: yaml.Node):
    """A YAML timestamp; its text when it names no real date or time (2026-13-01, 2026-02-30)."""
    try:
        return _construct_timestamp(constructor, node)
    except ValueError:
        return constructor.construct_scalar(node)


def install() -> None:
    SafeConstructor.add_constructor(TIMESTAMP_TAG, construct_timestamp_or_text)


install()
