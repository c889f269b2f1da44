"""trimmed_text's fast path (plain value unless the first or last character
is a blank) returns exactly what trim() with the whole blank set returns.

The macro is rendered with Jinja, as dbt renders it, and run in DuckDB on
strings Hypothesis draws from the blank characters, letters, combining
marks and characters outside the Basic Multilingual Plane.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import duckdb
import jinja2
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import BLANK_CODE_POINTS, full_trim_sql

MACROS = Path(__file__).resolve().parents[1] / "macros" / "staging"
MACRO = MACROS / "trimmed_text.sql"


def macro_blank_code_points() -> list[int]:
    """What macro blank_code_points returns (dbt's return() stood in for)."""
    returned = []
    environment = jinja2.Environment(extensions=["jinja2.ext.do"])
    environment.globals["return"] = lambda value: returned.append(value) or ""
    environment.from_string(
        (MACROS / "blank_code_points.sql").read_text() + "{{ blank_code_points() }}"
    ).render()
    return returned[0]


def render_trimmed_text(column: str) -> str:
    """DuckDB's trimmed_text (default__), rendered as dbt renders it."""
    environment = jinja2.Environment(extensions=["jinja2.ext.do"])
    environment.globals["smart_segments"] = SimpleNamespace(
        blank_code_points=macro_blank_code_points
    )
    template = environment.from_string(
        MACRO.read_text() + "{{ default__trimmed_text('" + column + "') }}"
    )
    return template.render()


def test_the_macro_trims_the_blank_code_points_the_suite_knows():
    assert macro_blank_code_points() == BLANK_CODE_POINTS


FAST = render_trimmed_text("x")
FULL_TRIM = f"nullif({full_trim_sql('x')}, '')"
CHARACTERS = (
    [chr(c) for c in BLANK_CODE_POINTS] + list("aZ9|-é漢") + ["\u0301", "\U0001f600", "\u200c"]
)


def test_the_rendered_macro_trims_only_blank_edges():
    con = duckdb.connect()
    rows = con.execute(
        f"select x, {FAST} from (values (null), (''), (' '), ('\t u1 \n'), ('u 1'), ('漢\u3000')) as t(x)"
    ).fetchall()
    assert rows == [
        (None, None),
        ("", None),
        (" ", None),
        ("\t u1 \n", "u1"),
        ("u 1", "u 1"),
        ("漢\u3000", "漢"),
    ]


@settings(max_examples=60, derandomize=True, deadline=None)
@given(
    st.lists(st.text(alphabet=st.sampled_from(CHARACTERS), max_size=6), min_size=1, max_size=300)
)
def test_equals_a_trim_with_every_blank_character(values):
    con = duckdb.connect()
    con.execute("create table t (x varchar)")
    con.executemany("insert into t values (?)", [[value] for value in values])
    differing = con.execute(
        f"select x from t where ({FAST}) is distinct from ({FULL_TRIM})"
    ).fetchall()
    assert differing == []
