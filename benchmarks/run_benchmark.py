"""Scale benchmark: generate raw data, run `dbt build` on it, print and save the figures.

    .venv/bin/python benchmarks/run_benchmark.py --users 100000 --days 365 --workers 2

Writes benchmarks/results/<users>u-<days>d.json (git-ignored): generator time,
rows, rows per second and peak memory, and dbt build time with the slowest
models. Nothing here asserts on time: timings are figures, not tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from smart_segments_datagen.config import GeneratorConfig  # noqa: E402
from smart_segments_datagen.writer import generate  # noqa: E402


def peak_rss_mb() -> dict[str, float]:
    """Peak resident memory of this process and of its largest child (Linux: KiB)."""
    return {
        "self": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "largest_child": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def run_dbt(raw: Path, database: Path, threads: int) -> dict:
    target = database.parent / "target"  # not the repo's: a benchmark may run beside other work
    env = os.environ | {
        "DBT_PROFILES_DIR": str(REPO),
        "SEGMENTS_DUCKDB_PATH": str(database),
        "SEGMENTS_THREADS": str(threads),
    }
    dbt = Path(sys.executable).parent / "dbt"
    started = time.perf_counter()
    completed = subprocess.run(
        [
            str(dbt),
            "build",
            "--target-path",
            str(target),
            "--vars",
            json.dumps(
                {
                    "raw_data_path": str(raw),
                    "activation_output_path": str(database.parent / "activation"),
                }
            ),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if completed.returncode != 0:
        print(completed.stdout[-4000:], file=sys.stderr)
        raise SystemExit(f"dbt build failed (exit {completed.returncode})")
    results = json.loads((target / "run_results.json").read_text())["results"]
    slowest = sorted(results, key=lambda r: r["execution_time"], reverse=True)[:8]
    return {
        "seconds": round(seconds, 2),
        "nodes": len(results),
        "slowest": [
            {"node": r["unique_id"], "seconds": round(r["execution_time"], 2)} for r in slowest
        ],
        "database_mb": round(database.stat().st_size / 2**20, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--chunk-size", type=int, default=GeneratorConfig().chunk_size)
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1, help="dbt threads")
    parser.add_argument("--skip-dbt", action="store_true", help="benchmark the generator only")
    parser.add_argument("--workdir", type=Path, default=None, help="default: a temp dir")
    args = parser.parse_args()

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="segments-bench-"))
    raw = workdir / "raw"
    config = GeneratorConfig(users=args.users, days=args.days, chunk_size=args.chunk_size, seed=42)
    print(f"generating {args.users} users x {args.days} days into {raw} ...", flush=True)
    started = time.perf_counter()
    manifest = generate(config, raw, workers=args.workers, overwrite=True)
    generate_seconds = time.perf_counter() - started
    events = manifest["expected"]["events"]["raw_rows"]
    figures: dict = {
        "measured_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "users": args.users,
        "days": args.days,
        "workers": args.workers,
        "chunk_size": args.chunk_size,
        "generator": {
            "seconds": round(generate_seconds, 2),
            "events": events,
            "profile_rows": manifest["expected"]["profiles"]["raw_rows"],
            "events_per_second": round(events / generate_seconds),
            "raw_mb": round(sum(p.stat().st_size for p in raw.rglob("*.parquet")) / 2**20, 1),
            "peak_rss_mb": peak_rss_mb(),
        },
    }
    print(json.dumps(figures["generator"], indent=2), flush=True)
    if not args.skip_dbt:
        figures["dbt_build"] = run_dbt(raw, workdir / "bench.duckdb", args.threads)
        print(json.dumps(figures["dbt_build"], indent=2))
    results = REPO / "benchmarks" / "results"
    results.mkdir(parents=True, exist_ok=True)
    path = results / f"{args.users}u-{args.days}d.json"
    path.write_text(json.dumps(figures, indent=2) + "\n")
    print(f"figures written to {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
