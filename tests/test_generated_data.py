"""On generated data (Hive-partitioned, several chunks and workers), staging reconciles
exactly with what the generator's manifest says it planted."""

from __future__ import annotations

import datetime as dt

import pytest

from smart_segments_datagen.config import GeneratorConfig
from smart_segments_datagen.writer import generate
from tests.conftest import DbtProject


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[DbtProject, dict]:
    project = DbtProject(tmp_path_factory.mktemp("generated"))
    config = GeneratorConfig(
        users=600, days=60, start_date=dt.date(2026, 2, 1), seed=7, chunk_size=250
    )
    manifest = generate(config, project.raw, workers=2, partition_events=True)
    # staging and its data tests are what this reconciles (the marts on generated data:
    # the generated_sample fixture)
    run = project.dbt(
        "build", "--select", "+path:models/staging", "--indirect-selection", "cautious"
    )
    assert run.success, run.text
    return project, manifest["expected"]


def test_events_reconcile_with_the_manifest(generated) -> None:
    project, expected = generated
    events = expected["events"]
    assert project.scalar("select count(*) from staging.base_raw__events") == events["raw_rows"]
    assert project.scalar("select count(*) from staging.stg_raw__events") == events["clean_rows"]
    assert (
        project.scalar("select count(*) from staging.stg_raw__duplicate_events")
        == events["duplicate_rows"]
    )
    quarantined = dict(
        project.query(
            "select quarantine_reason, count(*) from staging.stg_raw__quarantined_events group by 1"
        )
    )
    assert quarantined == {reason: n for reason, n in events["quarantined"].items() if n}
    flags = project.query(
        "select count(*) filter (where is_event_ts_imputed), count(*) filter (where is_country_unknown) "
        "from staging.stg_raw__events"
    )
    assert flags == [(events["imputed_event_ts"], events["unknown_country"])]
    assert events["raw_rows"] == (
        events["clean_rows"] + events["duplicate_rows"] + sum(events["quarantined"].values())
    )


def test_profiles_reconcile_with_the_manifest(generated) -> None:
    project, expected = generated
    profiles = expected["profiles"]
    assert project.scalar("select count(*) from staging.base_raw__profiles") == profiles["raw_rows"]
    assert (
        project.scalar("select count(*) from staging.stg_raw__profile_versions")
        == profiles["clean_rows"]
    )
    assert (
        project.scalar("select count(*) from staging.stg_raw__duplicate_profiles")
        == profiles["duplicate_rows"]
    )
    assert dict(
        project.query(
            "select quarantine_reason, count(*) from staging.stg_raw__quarantined_profiles group by 1"
        )
    ) == {reason: n for reason, n in profiles["quarantined"].items() if n}
    assert (
        project.scalar("select count(*) from staging.stg_raw__profiles")
        == profiles["current_profiles"]
    )
    flagged = project.query(
        "select count(*) filter (where is_birth_date_invalid), "
        "count(*) filter (where is_annual_income_invalid), "
        "count(*) filter (where is_location_invalid), count(*) filter (where is_country_unknown) "
        "from staging.stg_raw__profile_versions"
    )[0]
    rows_flagged = profiles["rows_flagged"]
    assert flagged == (
        rows_flagged["invalid_birth_date"],
        rows_flagged["invalid_annual_income"],
        rows_flagged["invalid_location"],
        rows_flagged["unknown_country"],
    )


def test_campaigns_reconcile_with_the_manifest(generated) -> None:
    project, expected = generated
    campaigns = expected["campaigns"]
    assert (
        project.scalar("select count(*) from staging.stg_raw__campaigns") == campaigns["clean_rows"]
    )
    assert (
        project.scalar("select count(*) from staging.stg_raw__duplicate_campaigns")
        == campaigns["duplicate_rows"]
    )
    assert (
        project.scalar("select count(*) from staging.stg_raw__quarantined_campaigns")
        == campaigns["quarantined"]["missing_campaign_id"]
    )
