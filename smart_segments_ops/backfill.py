"""Backfill segment membership history over a date range.

    python -m smart_segments_ops --from 2026-06-01 --to 2026-06-30

Every date of the range is recorded in fct_segment_membership, exactly as
daily runs for those dates would record it: one build records a whole
slice of the range (dbt vars as_of_date = the slice's last date and
segments__backfill_from_date = its first), because every metric is
computed point in time. The range is split into slices of --days-per-build
days (memory grows with users x dates), staging is built once first, and
the as-of models' data tests run once at the end. Dates already recorded
are replaced, others kept: running a backfill twice changes nothing.

A backfill fills history and never changes the present: when the warehouse
has a current as-of date D (its last build's), the as-of tables
(dim_customers, seg_*, segment_performance...) are computed as of D again
after the last slice, so they are as the last build left them; it runs no
`dbt build`, so nothing is published and the activation exports are left
alone. A warning names what it found: the rows its test returned
(segments and dates) are listed under it.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

# Named selections of selectors.yml. What one slice runs: every model whose
# result depends on the as-of date (int_as_of_dates and everything
# downstream, and the models that evaluate segment rules, which read them
# from dbt's graph), less the activation exports, which follow the daily
# build (audiences as of an old date must not replace today's). What is
# built once before the slices: everything else (staging, identity, rollups).
SLICE_SELECTOR = "backfill_slice"
STAGING_SELECTOR = "as_of_independent"


@dataclass
class DbtOutcome:
    """Whether a dbt command succeeded, and the warnings it raised ("node: message")."""

    success: bool
    warnings: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return self.success


# runs one dbt command (arguments, vars) and says whether it succeeded (a bool, or a
# DbtOutcome that also lists its warnings)
DbtInvoker = Callable[[list[str], dict], "bool | DbtOutcome"]
# the warehouse's current as-of date (its last build's), None before any build; given the
# dbt arguments and vars every command gets
CurrentDate = Callable[[list[str], dict], "dt.date | None"]


def date_slices(
    first: dt.date, last: dt.date, days_per_build: int
) -> list[tuple[dt.date, dt.date]]:
    """Consecutive (from, to) slices covering first..last, each at most days_per_build days."""
    slices = []
    start = first
    while start <= last:
        end = min(start + dt.timedelta(days=days_per_build - 1), last)
        slices.append((start, end))
        start = end + dt.timedelta(days=1)
    return slices


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {text!r}") from None


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m smart_segments_ops",
        description="Record segment membership for every date of a range (backfill the history).",
    )
    parser.add_argument(
        "--from", dest="first", type=parse_date, required=True, help="first date, YYYY-MM-DD"
    )
    parser.add_argument(
        "--to", dest="last", type=parse_date, required=True, help="last date, YYYY-MM-DD"
    )
    parser.add_argument(
        "--days-per-build",
        type=int,
        default=31,
        help="dates recorded per dbt build (default 31; at most segments__max_backfill_days + 1)",
    )
    parser.add_argument(
        "--vars", default="{}", help='extra dbt vars as JSON, e.g. \'{"raw_data_path": "x"}\''
    )
    parser.add_argument(
        "--skip-staging", action="store_true", help="staging is already built: do not rebuild it"
    )
    parser.add_argument(
        "--skip-tests", action="store_true", help="do not run the data tests at the end"
    )
    parser.add_argument(
        "dbt_args", nargs="*", help="passed to every dbt command (after --), e.g. --project-dir x"
    )
    args = parser.parse_args(argv)
    if args.first > args.last:
        parser.error(f"--from {args.first} is after --to {args.last}")
    if args.days_per_build < 1:
        parser.error(f"--days-per-build must be at least 1, got {args.days_per_build}")
    try:
        extra_vars = json.loads(args.vars)
    except json.JSONDecodeError as error:
        parser.error(f"--vars is not JSON: {error.msg}")
    if not isinstance(extra_vars, dict):
        parser.error("--vars must be a JSON object")
    args.extra_vars = extra_vars
    return args


def show(sql: str, common: list[str], variables: dict, limit: int = 10) -> list[dict] | None:
    """The rows of a query through dbt (the project's target and vars), None when it fails."""
    from dbt.cli.main import dbtRunner

    # dbt show prints its table even when quiet: the backfill prints what it needs itself
    with contextlib.redirect_stdout(io.StringIO()):
        result = dbtRunner().invoke(
            ["show", "--inline", sql, "--limit", str(limit), "--quiet", *common,
             "--vars", json.dumps(variables)]
        )  # fmt: skip
    if not result.success:
        return None
    table = result.result.results[0].agate_table
    return [dict(zip(table.column_names, row, strict=True)) for row in table.rows]


def warned_rows(node_result, common: list[str], variables: dict) -> list[str]:
    """What a warned data test found: its rows (segments, dates, sizes), one line each."""
    code = getattr(node_result.node, "compiled_code", None)
    rows = show(code, common, variables) if code else None
    return [", ".join(f"{key} {value}" for key, value in row.items()) for row in rows or []]


def run_dbt(arguments: list[str], variables: dict) -> DbtOutcome:
    from dbt.cli.main import dbtRunner

    result = dbtRunner().invoke([*arguments, "--vars", json.dumps(variables)])
    # the arguments every command of the backfill gets (project, profile, target)
    common = arguments[arguments.index("--quiet") + 1 :] if "--quiet" in arguments else []
    warnings = []
    for node_result in getattr(result.result, "results", None) or []:
        if str(node_result.status) == "warn":
            found = warned_rows(node_result, common, variables)
            warnings.append(
                f"{node_result.node.name}: {node_result.message}"
                + "".join(f"\n      {line}" for line in found)
            )
    return DbtOutcome(success=bool(result.success), warnings=warnings)


def current_as_of_date(common: list[str], variables: dict) -> dt.date | None:
    """The as-of date the warehouse's current tables hold (its last build's), or None.

    Cast as string, which both engines read (Spark takes no varchar without a length: that
    query failed there, and the backfill took a built warehouse for a new one)."""
    rows = show(
        "select cast(as_of_date as string) as as_of_date from {{ ref('int_as_of_dates') }} "
        "where is_current",
        common,
        {key: value for key, value in variables.items() if key != "as_of_date"},
        limit=1,
    )
    return dt.date.fromisoformat(rows[0]["as_of_date"]) if rows else None


def backfill(
    args: argparse.Namespace,
    invoke: DbtInvoker = run_dbt,
    out=sys.stdout,
    current_date: CurrentDate = current_as_of_date,
) -> int:
    slices = date_slices(args.first, args.last, args.days_per_build)
    # the present the backfill must leave as it found it (None: a warehouse never built)
    present = current_date([*args.dbt_args], args.extra_vars)
    if present is None:
        print(
            f"The warehouse has no current as-of date yet (no build): its current tables will be "
            f"as of {args.last}.",
            file=out,
        )
    total_days = (args.last - args.first).days + 1
    print(
        f"Backfilling {total_days} dates, {args.first} .. {args.last}, in {len(slices)} build(s).",
        file=out,
    )
    common = [*args.dbt_args]
    warnings: list[str] = []

    def dbt(step: str, command: list[str], variables: dict) -> bool:
        started = time.monotonic()
        result = invoke([*command, "--quiet", *common], args.extra_vars | variables)
        ok = bool(result)
        step_warnings = getattr(result, "warnings", [])
        status = "done" if ok else "FAILED"
        noted = f", {len(step_warnings)} warning(s)" if step_warnings else ""
        print(f"{step} {status} in {time.monotonic() - started:.1f} s{noted}", file=out, flush=True)
        for warning in step_warnings:
            print(f"  WARN {warning}", file=out)
        warnings.extend(step_warnings)
        return ok

    if not args.skip_staging and not dbt(
        "staging and seeds:",
        [
            "build",
            "--selector",
            STAGING_SELECTOR,
            "--resource-type",
            "model",
            "--resource-type",
            "seed",
        ],
        {},
    ):
        print(
            "error: building staging failed (see dbt's message above); nothing was recorded",
            file=out,
        )
        return 1
    for number, (first, last) in enumerate(slices, start=1):
        variables = {
            "as_of_date": last.isoformat(),
            "segments__backfill_from_date": first.isoformat(),
        }
        step = f"[{number}/{len(slices)}] {first} .. {last}:"
        if not dbt(step, ["run", "--selector", SLICE_SELECTOR], variables):
            print(
                f"error: the build for {first} .. {last} failed; dates before {first} are "
                f"recorded, rerun with --from {first} to go on",
                file=out,
            )
            return 1
    tables_as_of = args.last
    if present is not None and present != args.last:
        if not dbt(
            f"current tables as of {present} again:",
            ["run", "--selector", SLICE_SELECTOR],
            {"as_of_date": present.isoformat()},
        ):
            print(
                f"error: the dates are recorded, but computing the current tables as of {present} "
                "again failed (see dbt's message above); the next build does it",
                file=out,
            )
            return 1
        tables_as_of = present
    if not args.skip_tests and not dbt(
        "data tests:",
        ["test", "--selector", SLICE_SELECTOR],
        {"as_of_date": tables_as_of.isoformat()},
    ):
        print("error: data tests failed after the backfill (see dbt's message above)", file=out)
        return 1
    print(
        f"Recorded {total_days} dates; the current tables are as of {tables_as_of}"
        + (" as before the backfill" if tables_as_of == present else "")
        + "; nothing was published, the activation exports are as they were.",
        file=out,
    )
    if warnings:
        print(f"{len(warnings)} warning(s) during the backfill (listed above):", file=out)
        for warning in warnings:
            print(f"  WARN {warning}", file=out)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    return backfill(parse_args(argv))
