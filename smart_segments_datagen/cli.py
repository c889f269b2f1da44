"""Command line: `python -m smart_segments_datagen --out data/raw --users 5000`."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from tqdm import tqdm

from smart_segments_datagen.config import DEFAULT_RATES, GeneratorConfig
from smart_segments_datagen.writer import generate


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {text!r}") from None


def _rate(text: str) -> tuple[str, float]:
    case, _, value = text.partition("=")
    if case not in DEFAULT_RATES:
        raise argparse.ArgumentTypeError(
            f"unknown case {case!r}; known: {', '.join(sorted(DEFAULT_RATES))}"
        )
    try:
        return case, float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"rate of {case} is not a number: {value!r}") from None


def build_parser() -> argparse.ArgumentParser:
    defaults = GeneratorConfig()
    parser = argparse.ArgumentParser(
        prog="python -m smart_segments_datagen",
        description="Write deterministic raw events, profiles and campaigns as Parquet "
        "per the raw data contract, with planted dirty data and a manifest.json.",
    )
    parser.add_argument("--out", type=Path, default=Path("data/raw"), help="output directory")
    parser.add_argument("--users", type=int, default=defaults.users)
    parser.add_argument("--days", type=int, default=defaults.days)
    parser.add_argument("--start-date", type=_date, default=defaults.start_date)
    parser.add_argument("--seed", type=int, default=defaults.seed)
    parser.add_argument(
        "--events-per-active-day",
        type=float,
        default=defaults.events_per_active_day,
        help="mean events in a session, the main volume knob (default %(default)s)",
    )
    parser.add_argument(
        "--chunk-size", type=int, default=defaults.chunk_size, help="users per file"
    )
    parser.add_argument(
        "--holdout-share",
        type=float,
        default=defaults.holdout_share,
        help="each segment's holdout; must equal dbt var segments__holdout_share (%(default)s)",
    )
    parser.add_argument(
        "--global-control-share",
        type=float,
        default=defaults.global_control_share,
        help="must equal dbt var segments__global_control_share (default %(default)s)",
    )
    parser.add_argument("--workers", type=int, default=1, help="processes (output is identical)")
    parser.add_argument(
        "--rate",
        type=_rate,
        action="append",
        default=[],
        metavar="CASE=RATE",
        help="rate of a dirty-data case, repeatable; cases: " + ", ".join(sorted(DEFAULT_RATES)),
    )
    parser.add_argument("--clean", action="store_true", help="set every dirty-data rate to 0")
    parser.add_argument(
        "--partition-events",
        action="store_true",
        help="write events Hive-partitioned by event_date",
    )
    parser.add_argument("--overwrite", action="store_true", help="replace existing raw data")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    rates = {case: 0.0 for case in DEFAULT_RATES} if args.clean else dict(DEFAULT_RATES)
    rates.update(dict(args.rate))
    config = GeneratorConfig(
        users=args.users,
        days=args.days,
        start_date=args.start_date,
        seed=args.seed,
        events_per_active_day=args.events_per_active_day,
        chunk_size=args.chunk_size,
        holdout_share=args.holdout_share,
        global_control_share=args.global_control_share,
        rates=rates,
    )
    try:
        config.validate()
        if args.workers < 1:
            raise ValueError(f"--workers must be at least 1, got {args.workers}")
        with tqdm(total=config.users, unit="user", disable=args.quiet, file=sys.stderr) as bar:
            manifest = generate(
                config,
                args.out,
                workers=args.workers,
                overwrite=args.overwrite,
                partition_events=args.partition_events,
                progress=bar.update,
            )
    except (ValueError, FileExistsError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    events = manifest["expected"]["events"]["raw_rows"]
    profiles = manifest["expected"]["profiles"]["raw_rows"]
    print(
        f"wrote {events} events and {profiles} profile rows for {config.users} users to {args.out}"
    )
    return 0
