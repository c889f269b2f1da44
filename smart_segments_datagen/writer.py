"""Writes the simulated rows as raw Parquet per the contract, plus a manifest."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from smart_segments_datagen.config import GeneratorConfig
from smart_segments_datagen.simulate import Campaign, ChunkSimulator, make_campaigns

TS = pa.timestamp("us")
EVENT_SCHEMA = pa.schema(
    [
        ("event_id", pa.string()),
        ("user_id", pa.string()),
        ("anonymous_id", pa.string()),
        ("event_name", pa.string()),
        ("event_ts", TS),
        ("received_at", TS),
        ("platform", pa.string()),
        ("os_version", pa.string()),
        ("device_model", pa.string()),
        ("app_version", pa.string()),
        ("country", pa.string()),
        ("city", pa.string()),
        ("properties", pa.string()),
    ]
)
PROFILE_SCHEMA = pa.schema(
    [
        ("user_id", pa.string()),
        ("email", pa.string()),
        ("full_name", pa.string()),
        ("phone", pa.string()),
        ("birth_date", pa.date32()),
        ("gender", pa.string()),
        ("marital_status", pa.string()),
        ("education", pa.string()),
        ("annual_income", pa.float64()),
        ("occupation", pa.string()),
        ("life_stage", pa.string()),
        ("country", pa.string()),
        ("region", pa.string()),
        ("city", pa.string()),
        ("postal_code", pa.string()),
        ("latitude", pa.float64()),
        ("longitude", pa.float64()),
        ("location_type", pa.string()),
        ("signup_at", TS),
        ("plan", pa.string()),
        ("marketing_consent", pa.bool_()),
        ("consent_updated_at", TS),
        ("interests", pa.string()),
        ("lifestyle", pa.string()),
        ("deletion_requested_at", TS),
        ("updated_at", TS),
    ]
)
CAMPAIGN_SCHEMA = pa.schema(
    [
        ("campaign_id", pa.string()),
        ("name", pa.string()),
        ("channel", pa.string()),
        ("objective", pa.string()),
        ("is_important", pa.bool_()),
        ("launched_at", TS),
        # contract v1.1
        ("target_segment", pa.string()),
        ("cost", pa.float64()),
        ("cost_currency", pa.string()),
        ("ends_at", TS),
    ]
)
SOURCES = ("events", "profiles", "campaigns")
PER_USER_PROFILE_CASES = (
    "invalid_birth_date",
    "negative_income",
    "location_out_of_range",
    "profile_unknown_country",
)


def _table(columns: dict[str, list], schema: pa.Schema) -> pa.Table:
    return pa.Table.from_pydict(
        {name: pa.array(columns[name], type=schema.field(name).type) for name in schema.names},
        schema=schema,
    )


def _write_chunk(args: tuple[GeneratorConfig, int, Path, bool]) -> Counter:
    config, chunk_index, out_dir, partition_events = args
    _, campaigns, _ = make_campaigns(config)
    result = ChunkSimulator(config, campaigns, chunk_index).run()
    name = f"part-{chunk_index:05d}.parquet"
    events = _table(result.events, EVENT_SCHEMA)
    if partition_events:
        day = pc.cast(pc.coalesce(events["event_ts"], events["received_at"]), pa.date32())
        pq.write_to_dataset(
            events.append_column("event_date", day),
            out_dir / "events",
            partition_cols=["event_date"],
            basename_template=f"part-{chunk_index:05d}-{{i}}.parquet",
        )
    else:
        pq.write_table(events, out_dir / "events" / name)
    pq.write_table(_table(result.profiles, PROFILE_SCHEMA), out_dir / "profiles" / name)
    return result.counts


def _prepare(out_dir: Path, overwrite: bool) -> None:
    existing = [out_dir / s for s in SOURCES if (out_dir / s).exists()]
    if existing and not overwrite:
        raise FileExistsError(
            f"{out_dir} already holds raw data ({', '.join(p.name for p in existing)}); "
            "pass --overwrite to replace it"
        )
    for path in existing:
        shutil.rmtree(path)
    (out_dir / "manifest.json").unlink(missing_ok=True)
    for source in SOURCES:
        (out_dir / source).mkdir(parents=True, exist_ok=True)


def _run_chunks(
    config: GeneratorConfig, out_dir: Path, workers: int, partition_events: bool
) -> Iterator[Counter]:
    jobs = [(config, index, out_dir, partition_events) for index in range(config.chunks)]
    if workers <= 1 or config.chunks == 1:
        yield from map(_write_chunk, jobs)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(_write_chunk, jobs)


# the measure of marts.fct_campaign_impact_measures each planted effect moves
EFFECT_MEASURES = {
    "conversion": "conversion_rate",
    "reactivation": "reactivation_rate",
    "order_value": "revenue_per_member_usd",
}


def campaign_effects(campaigns: list[Campaign], counts: Counter) -> list[dict]:
    """Per targeted campaign: members reached, and the planted effect as realised on them.

    conversion: treated members who converted only because of the campaign,
    over treated members; reactivation: those who came back only because of
    it, over treated members inactive at launch; order_value: the USD the
    campaign added to the treated members' orders, per treated member (its
    effect on revenue per member).
    """
    effects = []
    for campaign in campaigns:
        if campaign.target_segment is None:
            continue
        key = f"impact:{campaign.campaign_id}"
        treated = counts[f"{key}:treated"]
        realised = 0.0
        if campaign.effect == "conversion":
            realised = counts[f"{key}:changed"] / treated if treated else 0.0
        elif campaign.effect == "reactivation":
            eligible = counts[f"{key}:eligible"]
            realised = counts[f"{key}:changed"] / eligible if eligible else 0.0
        elif campaign.effect == "order_value":
            realised = counts[f"{key}:changed_usd"] / treated if treated else 0.0
        effects.append(
            {
                "campaign_id": campaign.campaign_id,
                "name": campaign.name,
                "target_segment": campaign.target_segment,
                "treated_members": treated,
                "effect": campaign.effect,
                "planted_size": campaign.effect_size,
                "measure": EFFECT_MEASURES.get(campaign.effect),
                "realised_difference": round(realised, 6),
            }
        )
    return effects


def build_manifest(
    config: GeneratorConfig,
    counts: Counter,
    campaign_counts: Counter,
    campaigns: list[Campaign],
) -> dict:
    """What was planted per case, and where staging must put every raw row."""
    quarantined_events = {
        "missing_identity": counts["missing_identity"],
        "unknown_event_name": counts["unknown_event_name"],
        "malformed_properties": counts["malformed_properties"],
        "implausible_event_ts": counts["future_event_ts"] + counts["ancient_event_ts"],
        "invalid_revenue": counts["invalid_revenue"],
    }
    duplicates = counts["duplicate_event_id"]
    raw_events = counts["raw_rows"]
    settings = asdict(config)
    settings["start_date"] = config.start_date.isoformat()
    return {
        "generator": "smart_segments_datagen",
        "config": settings,
        "end_date": config.end_date.isoformat(),
        "users": counts["users"],
        "campaign_effects": campaign_effects(list(campaigns), counts),
        "planted": {
            case: counts[case]
            for case in sorted(config.rates)
            if case not in PER_USER_PROFILE_CASES and not case.startswith("campaign_")
        }
        | {case: counts[f"profile_users_{case}"] for case in PER_USER_PROFILE_CASES}
        | {
            case: campaign_counts[case]
            for case in ("campaign_duplicate_row", "campaign_missing_id")
        },
        "expected": {
            "events": {
                "raw_rows": raw_events,
                "clean_rows": raw_events - duplicates - sum(quarantined_events.values()),
                "duplicate_rows": duplicates,
                "quarantined": quarantined_events,
                "imputed_event_ts": counts["null_event_ts"],
                "unknown_country": counts["event_unknown_country"],
            },
            "profiles": {
                "raw_rows": counts["profile_raw_rows"],
                "clean_rows": counts["profile_clean_rows"],
                "duplicate_rows": counts["profile_duplicate_row"],
                "quarantined": {"missing_user_id": counts["profile_missing_user_id"]},
                "current_profiles": counts["profile_users"],
                "rows_flagged": {
                    "invalid_birth_date": counts["profile_rows_invalid_birth_date"],
                    "invalid_annual_income": counts["profile_rows_negative_income"],
                    "invalid_location": counts["profile_rows_location_out_of_range"],
                    "unknown_country": counts["profile_rows_profile_unknown_country"],
                },
            },
            "campaigns": {
                "raw_rows": campaign_counts["raw_rows"],
                "clean_rows": campaign_counts["campaigns"],
                "duplicate_rows": campaign_counts["campaign_duplicate_row"],
                "quarantined": {"missing_campaign_id": campaign_counts["campaign_missing_id"]},
            },
            "identity": {"ambiguous_anonymous_ids": counts["ambiguous_anonymous_ids"]},
        },
    }


def generate(
    config: GeneratorConfig,
    out_dir: Path,
    *,
    workers: int = 1,
    overwrite: bool = False,
    partition_events: bool = False,
    progress: Callable[[int], None] | None = None,
) -> dict:
    """Write events, profiles, campaigns and manifest.json under out_dir; return the manifest."""
    config.validate()
    out_dir = Path(out_dir)
    _prepare(out_dir, overwrite)
    campaign_rows, campaigns, campaign_counts = make_campaigns(config)
    pq.write_table(
        _table(campaign_rows, CAMPAIGN_SCHEMA), out_dir / "campaigns" / "campaigns.parquet"
    )
    totals: Counter = Counter()
    for counts in _run_chunks(config, out_dir, workers, partition_events):
        totals.update(counts)
        if progress is not None:
            progress(counts["users"])
    manifest = build_manifest(config, totals, campaign_counts, campaigns)
    (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return manifest
