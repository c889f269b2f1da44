"""Where things live: every macro in a file named after it, the as-of macros together.

Static checks on the files, no dbt run.
"""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MACRO = re.compile(r"\{%-?\s*macro\s+([a-z_0-9]+)")
TEST = re.compile(r"\{%-?\s*test\s+([a-z_0-9]+)")
ADAPTERS = ("default", "duckdb", "spark", "trino", "postgres")


def test_every_macro_is_in_a_file_named_after_it() -> None:
    misplaced = []
    for path in sorted((REPO / "macros").rglob("*.sql")):
        text = path.read_text()
        name = path.stem
        tests = TEST.findall(text)
        if tests:
            if tests != [name.removeprefix("test_")] or MACRO.findall(text):
                misplaced.append(f"{path.relative_to(REPO)}: tests {tests}")
            continue
        macros = MACRO.findall(text)
        variants = {f"{adapter}__{name}" for adapter in ADAPTERS}
        if name not in macros or any(m != name and m not in variants for m in macros):
            misplaced.append(f"{path.relative_to(REPO)}: {macros}")
    assert misplaced == []


def test_the_as_of_macros_live_together() -> None:
    as_of = {path.stem for path in (REPO / "macros" / "as_of").glob("*.sql")}
    assert {
        "as_of_dates",
        "as_of_date_var",
        "backfill_from_date_var",
        "assert_as_of_dates_within_data",
        "counted_from_date",
        "current_as_of_date",
        "days_before",
        "days_between",
        "each_day",
        "each_day_until_next",
        "first_reading_dates",
        "in_last_days",
        "is_attributed_as_of",
        "is_final_date",
        "is_provisional",
        "known_date",
        "profile_versions_as_of",
    } == as_of
    # one entry point: the var-reading helpers are called by as_of_dates only
    callers = {
        path.relative_to(REPO).as_posix()
        for folder in ("models", "macros", "data-tests", "analyses")
        for path in (REPO / folder).rglob("*.sql")
        if re.search(r"\b(as_of_date_var|backfill_from_date_var)\(", path.read_text())
        and path.stem not in ("as_of_date_var", "backfill_from_date_var")
    }
    assert callers == {"macros/as_of/as_of_dates.sql"}


def test_erasure_is_decided_in_one_macro() -> None:
    """Only erased_user_ids reads deletion_requested_at past staging."""
    readers = {
        path.relative_to(REPO).as_posix()
        for folder in ("models/intermediate", "models/marts", "macros")
        for path in (REPO / folder).rglob("*.sql")
        if "deletion_requested_at" in path.read_text()
    }
    assert readers == {"macros/identity/erased_user_ids.sql"}


def test_every_file_the_architecture_page_names_exists() -> None:
    """docs/architecture.md is followed one file per step: each path it names must be there."""
    text = (REPO / "docs" / "architecture.md").read_text()
    paths = set(
        re.findall(
            r"`((?:models|macros|tests|smart_segments_ops|seeds)/[^`\s<>]+|selectors\.yml|dbt_project\.yml)`",
            text,
        )
    )
    assert len(paths) > 30
    assert sorted(path for path in paths if not (REPO / path).exists()) == []
    # every model the step table and diagrams name is a model of the project
    models = {path.stem for path in (REPO / "models").rglob("*") if path.suffix in (".sql", ".py")}
    named = set(re.findall(r"\b((?:stg|int|fct|dim|seg|base)_[a-z_0-9]+)\b", text))
    # int_identity_daily_* names a family of models, seg_name the pattern
    named = {name for name in named if not name.endswith("_")} - {"seg_name"}
    assert sorted(named - models) == []
