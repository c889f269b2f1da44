"""How campaign impact's statistics hold up across generator seeds.

    .venv/bin/python bench/campaign_impact_seeds.py --seeds 1-10 --holdout-share 0.1

For each seed: the sample's generator settings (5,000 users, 180 days from
2026-01-01), a build with 75 days of history, then, from
marts.fct_campaign_impact_measures and the manifest's planted effects:

* coverage: does each planted effect's 95% interval cover the effect as
  realised on the members the campaign reached (the interval per reached
  member where the measure is over the whole audience, the estimate's
  otherwise; the order-value effect is the revenue per member, the money);
  an effect whose test the data cannot carry has no interval
  (without_interval);
* planted effects significant at q < 0.05 (power);
* false positives: campaigns without a planted effect (targeted, and
  broadcasts: none planted) with at least one significant measure, after
  Benjamini-Hochberg within each campaign;
* CUPED: the median width of the adjusted interval over the unadjusted one,
  over every tested measure that has a covariate.

Prints a table and writes bench/campaign_impact_seeds_<holdout share>.md. A measurement,
not a test: the suite's test_campaign_impact asserts the exact outcome of
one seed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from smart_segments_datagen.config import GeneratorConfig  # noqa: E402
from smart_segments_datagen.writer import generate  # noqa: E402


def seed_range(text: str) -> list[int]:
    first, _, last = text.partition("-")
    return list(range(int(first), int(last or first) + 1))


def run_seed(seed: int, holdout_share: float, work: Path) -> dict:
    raw = work / f"raw-{seed}"
    config = GeneratorConfig(
        users=5000,
        days=180,
        start_date=dt.date(2026, 1, 1),
        seed=seed,
        holdout_share=holdout_share,
    )
    manifest = generate(config, raw)
    database = work / f"warehouse-{seed}.duckdb"
    variables = {
        "raw_data_path": str(raw),
        "activation_output_path": str(work / f"activation-{seed}"),
        "segments__history_days": 75,
        "segments__holdout_share": holdout_share,
    }
    env = os.environ | {"SEGMENTS_DUCKDB_PATH": str(database), "DBT_PROFILES_DIR": str(REPO)}
    dbt = [str(REPO / ".venv" / "bin" / "dbt"), "--quiet"]
    common = ["--project-dir", str(REPO), "--target-path", str(work / "target"), "--vars"]
    for command in (["seed"], ["run", "--select", "+fct_campaign_impact"]):
        subprocess.run([*dbt, *command, *common, json.dumps(variables)], env=env, check=True)
    with duckdb.connect(str(database), read_only=True) as connection:
        covered, without_interval, planted_significant = 0, 0, 0
        planted = [effect for effect in manifest["campaign_effects"] if effect["measure"]]
        for effect in planted:
            low, high, significant = connection.execute(
                "select coalesce(estimate_per_reached_ci_low, estimate_ci_low), "
                "coalesce(estimate_per_reached_ci_high, estimate_ci_high), is_significant "
                "from marts.fct_campaign_impact_measures where campaign_id = ? and measure = ?",
                [effect["campaign_id"], effect["measure"]],
            ).fetchone()
            without_interval += low is None
            covered += low is not None and low <= effect["realised_difference"] <= high
            planted_significant += bool(significant)
        with_effect = {effect["campaign_id"] for effect in planted}
        campaigns = connection.execute(
            "select campaign_id, bool_or(target_segment is null), "
            "count(case when is_significant then 1 end) > 0, count(q_value) > 0 "
            "from marts.fct_campaign_impact_measures group by 1"
        ).fetchall()
        widths = connection.execute(
            "select median((adjusted_ci_high - adjusted_ci_low) "
            "/ (difference_ci_high - difference_ci_low)) from marts.fct_campaign_impact_measures "
            "where test_method like 'cuped%' and difference_ci_high > difference_ci_low"
        ).fetchone()[0]
    tested = [row for row in campaigns if row[3] and row[0] not in with_effect]
    return {
        "seed": seed,
        "planted": len(planted),
        "without_interval": without_interval,
        "covered": covered,
        "planted_significant": planted_significant,
        "targeted_tested": sum(1 for row in tested if not row[1]),
        "targeted_false_positive": sum(1 for row in tested if not row[1] and row[2]),
        "broadcasts_tested": sum(1 for row in tested if row[1]),
        "broadcast_false_positive": sum(1 for row in tested if row[1] and row[2]),
        "cuped_width_ratio": round(widths, 3) if widths is not None else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="1-8", help="a seed or a range, e.g. 1-8")
    parser.add_argument("--holdout-share", type=float, default=0.10, help="generator and dbt var")
    parser.add_argument(
        "--out", type=Path, default=None, help="default: bench/campaign_impact_seeds_<share>.md"
    )
    args = parser.parse_args()
    out = args.out or REPO / "bench" / f"campaign_impact_seeds_{args.holdout_share}.md"
    results = []
    with tempfile.TemporaryDirectory() as work:
        for seed in seed_range(args.seeds):
            results.append(run_seed(seed, args.holdout_share, Path(work)))
            print(json.dumps(results[-1]), flush=True)
    columns = list(results[0])
    lines = [
        "# Campaign impact across generator seeds",
        "",
        f"`bench/campaign_impact_seeds.py --seeds {args.seeds} --holdout-share "
        f"{args.holdout_share}`, {dt.date.today()}: 5,000 users, 180 days, 75 days of history, "
        "default vars otherwise.",
        "",
        "| " + " | ".join(columns) + " |",
        "|" + "---:|" * len(columns),
        *("| " + " | ".join(str(row[c]) for c in columns) + " |" for row in results),
    ]
    totals = {
        c: sum(row[c] for row in results) for c in columns if c not in ("seed", "cuped_width_ratio")
    }
    ratios = sorted(
        row["cuped_width_ratio"] for row in results if row["cuped_width_ratio"] is not None
    )
    tested = totals["targeted_tested"] + totals["broadcasts_tested"]
    false_positives = totals["targeted_false_positive"] + totals["broadcast_false_positive"]
    lines += [
        "",
        f"Planted effects covered by their 95% interval: {totals['covered']} of "
        f"{totals['planted'] - totals['without_interval']} with an interval "
        f"({totals['without_interval']} of {totals['planted']} have none); "
        f"significant at q < 0.05: {totals['planted_significant']}.",
        f"Campaigns without a planted effect with a significant measure (false positives): "
        f"{false_positives} of {tested} tested "
        f"({100 * false_positives / max(tested, 1):.1f}%; "
        f"targeted {totals['targeted_false_positive']} of "
        f"{totals['targeted_tested']}, broadcasts {totals['broadcast_false_positive']} of "
        f"{totals['broadcasts_tested']}).",
        f"CUPED: median adjusted interval width over the unadjusted one, per seed: "
        f"{ratios[len(ratios) // 2] if ratios else 'n/a'} (median of the seeds' medians).",
    ]
    out.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
