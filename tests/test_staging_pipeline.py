"""End to end on hand-made raw files: every row lands where the contract says.

The fixture below is written from Python literals; every expected value in
the assertions is derived by hand from it (see the comments).
"""

from __future__ import annotations

import csv
import datetime as dt
import json

import pytest

from tests.conftest import ON_BOTH_ENGINES, REPO, DbtProject, duckdb_only

T0 = dt.datetime(2026, 3, 1, 10, 0, 0)


def at(minutes: float = 0, *, base: dt.datetime = T0) -> dt.datetime:
    return base + dt.timedelta(minutes=minutes)


def event(event_id, name="app_open", *, user="u1", anon="a1", ts=T0, received=None, **extra):
    row = {
        "event_id": event_id,
        "user_id": user,
        "anonymous_id": anon,
        "event_name": name,
        "event_ts": ts,
        "received_at": received or (ts or T0) + dt.timedelta(seconds=2),
        "platform": "iOS",
        "os_version": "17.4",
        "device_model": "iPhone15,2",
        "app_version": "5.12.0",
        "country": "DE",
        "city": "Berlin",
    }
    row.update(extra)
    return row


def order(event_id, revenue, currency, **extra):
    properties = {"order_id": f"o-{event_id}", "revenue": revenue, "currency": currency}
    return event(event_id, "Order Completed", properties=json.dumps(properties), **extra)


def spellings(variant: str) -> list[str]:
    """Three producer spellings of a normalised name."""
    words = variant.split("_")
    return [
        " ".join(word.title() for word in words),
        " " + "-".join(word.upper() for word in words) + " ",
        ".".join(words),
    ]


TAXONOMY = list(csv.DictReader((REPO / "seeds" / "event_name_taxonomy.csv").open()))

# --- events, file part-0 -------------------------------------------------------
EVENTS_PART_0 = [
    event("ok-1", " APP-OPEN ", platform="Android", country="de"),
    event("ok-2", "page_view", properties='{"content_category":"Fitness"}', country="germany"),
    event(
        "ok-3", "page_view", country="Atlantis", properties=None
    ),  # unknown country: kept, flagged
    event("ok-anon", "page_view", user=None, anon="a-anon"),  # anonymous: kept
    # retried event: this copy was received later (10:00:09), the part-1 copy at 10:00:03
    event("dup-1", "app_open", received=at(0.15)),
    event("dup-1", "app_open", received=at(0.20)),
    event("no-id", "app_open", user=None, anon=None),
    event("bad-name", "Experiment Exposed"),
    event("bad-json", "search", properties='{"query": "yo'),
    event("bad-json-array", "search", properties="[1, 2]"),
    # device clock 23 h ahead of the collector: within the 24 h tolerance
    event("skew-ok", "app_open", ts=at(23 * 60), received=T0),
    event("skew-bad", "app_open", ts=at(24 * 60 + 1), received=T0),
    event("ancient", "app_open", ts=dt.datetime(1999, 12, 31, 23, 59), received=T0),
    event("no-ts", "app_open", ts=None, received=dt.datetime(2026, 3, 2, 0, 30)),
    order("order-eur", 100, "EUR"),  # 100 x 1.08 = 108.0000
    order("order-gbp", 10.5, "gbp"),  # 10.5 x 1.27 = 13.3350
    order("order-jpy", 1500, "JPY"),  # 1500 x 0.0067 = 10.0500
    order("order-negative", -5, "USD"),
    order("order-text", "12,50 EUR", "EUR"),
    order("order-xyz", 10, "XYZ"),
    # first reason wins: no identity beats an unknown name
    event("two-faults", "Foo Bar", user=None, anon=None),
]
# --- events, file part-1: the first-received copy of dup-1, plus every taxonomy variant
VARIANT_PROPERTIES = {
    "order_completed": '{"order_id":"o-v","revenue":1,"currency":"USD"}',
    "message_sent": '{"campaign_id":"c1","channel":"email","message_id":"m1"}',
    "message_delivered": '{"campaign_id":"c1","channel":"email","message_id":"m1"}',
    "message_opened": '{"campaign_id":"c1","channel":"email","message_id":"m1"}',
    "message_clicked": '{"campaign_id":"c1","channel":"email","message_id":"m1"}',
    "survey_answered": '{"survey_id":"s1","nps_score":8}',
}
EVENTS_PART_1 = [event("dup-1", "app_open", received=at(0.05))] + [
    event(f"variant-{index}-{n}", spelling, properties=VARIANT_PROPERTIES.get(row["event_name"]))
    for index, row in enumerate(TAXONOMY)
    for n, spelling in enumerate(spellings(row["event_name_variant"]))
]
# --- events in a Hive partition folder: read like any other file
EVENTS_PARTITIONED = [event("hive-1", "login", user="u2", anon="a2")]

PROFILES = [
    {
        "user_id": "u1",
        "email": " Anna@Example.COM ",
        "gender": "F",
        "birth_date": dt.date(1990, 5, 17),
        "annual_income": 55000.0,
        "latitude": 52.5,
        "longitude": 13.4,
        "country": "Germany",
        "plan": "free",
        "marketing_consent": True,
        "interests": "Fitness; travel",
        "signup_at": T0,
        "updated_at": T0,
    },
    # a later version of u1: the current profile
    {
        "user_id": "u1",
        "email": "anna@example.com",
        "gender": "female",
        "birth_date": dt.date(1990, 5, 17),
        "annual_income": 60000.0,
        "latitude": 52.5,
        "longitude": 13.4,
        "country": "DE",
        "plan": "basic",
        "marketing_consent": True,
        "signup_at": T0,
        "updated_at": at(60 * 24),
    },
    # the same (u1, updated_at) exported twice: a duplicate
    {
        "user_id": "u1",
        "email": "anna@example.com",
        "plan": "basic",
        "signup_at": T0,
        "updated_at": at(60 * 24),
    },
    {
        "user_id": "u2",
        "email": "ben@example.com",
        "gender": "Male",
        "birth_date": dt.date(2030, 1, 1),
        "annual_income": -1.0,
        "latitude": 123.4,
        "longitude": 13.4,
        "country": "Atlantis",
        "plan": "premium",
        "signup_at": T0,
        "updated_at": T0,
    },
    {"user_id": None, "email": "ghost@example.com", "signup_at": T0, "updated_at": T0},
]
CAMPAIGNS = [
    {"campaign_id": "c1", "name": "Spring promo", "channel": "EMAIL", "objective": "promo",
     "is_important": True, "launched_at": T0},
    {"campaign_id": "c1", "name": "Spring promo (re-export)", "channel": "email",
     "objective": "promo", "is_important": True, "launched_at": T0},
    {"campaign_id": None, "name": "Orphan", "channel": "sms", "objective": "promo",
     "is_important": False, "launched_at": T0},
]  # fmt: skip


@pytest.fixture(scope="module", params=ON_BOTH_ENGINES)
def built(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> DbtProject:
    project = DbtProject(tmp_path_factory.mktemp("staging"), engine=request.param)
    project.write_raw("events", EVENTS_PART_0, "part-0.parquet")
    project.write_raw("events", EVENTS_PART_1, "part-1.parquet")
    project.write_raw("events", EVENTS_PARTITIONED, "event_date=2026-03-01/part-0.parquet")
    project.write_raw("profiles", PROFILES)
    project.write_raw("campaigns", CAMPAIGNS)
    run = project.dbt("build")
    assert run.success, run.text
    return project


def test_every_dirty_event_is_quarantined_with_its_reason(built: DbtProject) -> None:
    rows = built.query(
        "select event_id, quarantine_reason from staging.stg_raw__quarantined_events order by 1"
    )
    assert rows == [
        ("ancient", "implausible_event_ts"),
        ("bad-json", "malformed_properties"),
        ("bad-json-array", "malformed_properties"),
        ("bad-name", "unknown_event_name"),
        ("no-id", "missing_identity"),
        ("order-negative", "invalid_revenue"),
        ("order-text", "invalid_revenue"),
        ("order-xyz", "invalid_revenue"),
        ("skew-bad", "implausible_event_ts"),
        ("two-faults", "missing_identity"),
    ]


def test_the_first_received_copy_is_kept(built: DbtProject) -> None:
    kept = built.query(
        "select e.received_at, t.source_file from staging.stg_raw__events e "
        "join staging.stg_raw__events_triaged t using (event_id) "
        "where e.event_id = 'dup-1' and t.row_status = 'clean'"
    )
    assert len(kept) == 1
    assert kept[0][0] == at(0.05)
    assert kept[0][1].endswith("part-1.parquet")
    duplicates = built.query(
        "select received_at, copy_number from staging.stg_raw__duplicate_events "
        "where event_id = 'dup-1' order by copy_number"
    )
    assert duplicates == [(at(0.15), 2), (at(0.20), 3)]


def test_every_taxonomy_variant_maps_to_its_canonical_name(built: DbtProject) -> None:
    mapped = dict(
        built.query(
            "select event_id, event_name from staging.stg_raw__events where event_id like 'variant-%'"
        )
    )
    assert len(mapped) == 3 * len(TAXONOMY)
    for index, row in enumerate(TAXONOMY):
        for n in range(3):
            assert mapped[f"variant-{index}-{n}"] == row["event_name"], row


def test_fx_conversion_is_exact(built: DbtProject) -> None:
    rows = built.query(
        "select event_id, currency_code, cast(revenue_usd as string) from staging.stg_raw__events "
        "where event_name = 'order_completed' and event_id like 'order-%' order by 1"
    )
    assert rows == [
        ("order-eur", "EUR", "108.0000"),
        ("order-gbp", "GBP", "13.3350"),
        ("order-jpy", "JPY", "10.0500"),
    ]


def test_clean_events_are_typed_and_flagged(built: DbtProject) -> None:
    rows = built.query(
        "select event_id, event_name, platform, country, is_country_unknown, "
        "content_category, is_event_ts_imputed, event_at, event_date "
        "from staging.stg_raw__events where event_id in ('ok-1', 'ok-2', 'ok-3', 'no-ts', 'skew-ok') "
        "order by 1"
    )
    assert rows == [
        ("no-ts", "app_open", "ios", "DE", False, None, True,
         dt.datetime(2026, 3, 2, 0, 30), dt.date(2026, 3, 2)),
        ("ok-1", "app_open", "android", "DE", False, None, False, T0, T0.date()),
        ("ok-2", "page_view", "ios", "DE", False, "fitness", False, T0, T0.date()),
        ("ok-3", "page_view", "ios", None, True, None, False, T0, T0.date()),
        ("skew-ok", "app_open", "ios", "DE", False, None, False, at(23 * 60), dt.date(2026, 3, 2)),
    ]  # fmt: skip


def test_hive_partitioned_files_are_read(built: DbtProject) -> None:
    assert built.query(
        "select event_id, user_id, event_name from staging.stg_raw__events where event_id = 'hive-1'"
    ) == [("hive-1", "u2", "login")]


def test_event_rows_reconcile(built: DbtProject) -> None:
    raw = len(EVENTS_PART_0) + len(EVENTS_PART_1) + len(EVENTS_PARTITIONED)
    clean = built.scalar("select count(*) from staging.stg_raw__events")
    duplicates = built.scalar("select count(*) from staging.stg_raw__duplicate_events")
    quarantined = built.scalar("select count(*) from staging.stg_raw__quarantined_events")
    assert (duplicates, quarantined) == (2, 10)
    assert clean == raw - 2 - 10
    assert clean + duplicates + quarantined == raw


def test_profiles_are_versioned_deduplicated_and_quarantined(built: DbtProject) -> None:
    assert built.query(
        "select user_id, plan, updated_at from staging.stg_raw__profile_versions order by 1, 3"
    ) == [("u1", "free", T0), ("u1", "basic", at(60 * 24)), ("u2", "premium", T0)]
    assert built.query("select user_id, updated_at from staging.stg_raw__duplicate_profiles") == [
        ("u1", at(60 * 24))
    ]
    assert built.query(
        "select user_id, quarantine_reason, email_sha256 from staging.stg_raw__quarantined_profiles"
    ) == [
        (
            None,
            "missing_user_id",
            "79783106d88279c6c8f94f1f4dec22bdb9f90a8d14c9d6c6628a11430e236cbf",
        )
    ]


def test_current_profiles_are_normalised_and_bad_fields_flagged(built: DbtProject) -> None:
    rows = built.query(
        "select user_id, email, email_sha256, gender, plan, country, is_country_unknown, "
        "birth_date, is_birth_date_invalid, annual_income_usd, is_annual_income_invalid, "
        "latitude, longitude, is_location_invalid from staging.stg_raw__profiles order by 1"
    )
    assert rows == [
        ("u1", "anna@example.com",
         "f7d54c22dda5b1780276601cd005909b70543fc4a6ba72d735b4cb9bbb611f01", "female", "basic",
         "DE", False, dt.date(1990, 5, 17), False, 60000.0, False, 52.5, 13.4, False),
        ("u2", "ben@example.com",
         "f871a76fb7b15231306b634dd91b385c48e9298974308e28e161d845e3e6f060", "male", "premium",
         None, True, None, True, None, True, None, None, True),
    ]  # fmt: skip


def test_campaigns_are_deduplicated_and_quarantined(built: DbtProject) -> None:
    assert built.query(
        "select campaign_id, campaign_name, channel from staging.stg_raw__campaigns"
    ) == [("c1", "Spring promo", "email")]
    assert built.scalar("select count(*) from staging.stg_raw__duplicate_campaigns") == 1
    assert built.query(
        "select campaign_name, quarantine_reason from staging.stg_raw__quarantined_campaigns"
    ) == [("Orphan", "missing_campaign_id")]


def test_a_null_in_a_checked_column_fails_naming_the_column(built: DbtProject) -> None:
    """not_null_columns checks a model's non-key columns in one query; a failure lists them."""
    duckdb_only(built, "it plants the null with an UPDATE; Spark's Parquet tables take none")
    orders = "intermediate.int_user_orders"
    event_id, order_date, known_date = built.query(
        f"select event_id, order_date, known_date from {orders} order by event_id limit 1"
    )[0]
    built.query(
        f"update {orders} set order_date = null, known_date = null where event_id = ?", [event_id]
    )
    try:
        result = built.invoke("test", "--select", "int_user_orders,test_name:not_null_columns")
        assert not result.success
        [failed] = [r for r in result.result.results if r.node.resource_type == "test"]
        assert failed.node.name.startswith("not_null_columns_int_user_orders_")
        assert (failed.status, failed.failures) == ("fail", 2)
        assert sorted(built.query(failed.node.compiled_code)) == [
            ("known_date", 1),
            ("order_date", 1),
        ]
    finally:
        built.query(
            f"update {orders} set order_date = ?, known_date = ? where event_id = ?",
            [order_date, known_date, event_id],
        )
    assert built.invoke("test", "--select", "int_user_orders,test_name:not_null_columns").success


def test_a_build_without_recorded_cohorts_says_performance_waits(built: DbtProject) -> None:
    """One build, no history: the log holds no cohort date, so segment_performance is empty
    and the guardrail says why (a warning, not a failure)."""
    assert built.scalar("select count(*) from marts.segment_performance") == 0
    result = built.invoke(
        "test", "--select", "assert_segment_performance_measures_the_current_date"
    )
    assert result.success
    [warned] = [r for r in result.result.results if r.node.resource_type == "test"]
    assert (warned.status, warned.failures) == ("warn", 1)
    [(as_of_date, cohort_as_of_date, reason)] = built.query(warned.node.compiled_code)
    assert (as_of_date - cohort_as_of_date).days == 30
    assert reason.startswith("no segment performance as of this date")
