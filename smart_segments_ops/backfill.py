"""Backfill segment membership history over a date range.

    python -m smart_segments_ops --from 2026-06-01 --to 2026-06-30

Every date of the range is recorded in fct_segment_membership, exactly as
daily runs for those dates would record it: one build records a whole
slice of the range (dbt vars as_of_date = the slice's last date and
segments__backfill_from_date = its first), because every metric is
computed point in time. The range is split into slices of --days-per-build
days (memory grows with users x dates), staging is built once first, and
the as-of models' data tests run once at the end. Dates already recorded
are replaced, others kept: running a backfill twice changes nothing. The
activation exports are left as the last daily build wrote them.
"""

from __future__ import annotations

import argparse
import datetime as dt
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


def run_dbt(arguments: list[str], variables: dict) -> DbtOutcome:
    from dbt.cli.main import dbtRunner

    result = dbtRunner().invoke([*arguments, "--vars", json.dumps(variables)])
    warnings = [
        f"{node_result.node.name}: {node_result.message}"
        for node_result in getattr(result.result, "results", None) or []
        if str(node_result.status) == "warn"
    ]
    return DbtOutcome(success=bool(result.success), warnings=warnings)


def backfill(args: argparse.Namespace, invoke: DbtInvoker = run_dbt, out=sys.stdout) -> int:
    slices = date_slices(args.first, args.last, args.days_per_build)
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
    if not args.skip_tests and not dbt(
        "data tests:",
        ["test", "--selector", SLICE_SELECTOR],
        {"as_of_date": args.last.isoformat()},
    ):
        print("error: data tests failed after the backfill (see dbt's message above)", file=out)
        return 1
    print(f"Recorded {total_days} dates; segment tables are as of {args.last}.", file=out)
    if warnings:
        print(f"{len(warnings)} warning(s) during the backfill (listed above):", file=out)
        for warning in warnings:
            print(f"  WARN {warning}", file=out)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    return backfill(parse_args(argv))
