"""One bad producer row never stops the pipeline; an emptied warehouse is never green.

Each test here is one of the findings of the reliability issue, reproduced
on hand-made raw rows:
1. a price of 99,999,999,999,999.5 GBP overflowed DECIMAL(18) in the triage
   and stopped everything: now the event is quarantined as invalid_price;
2. one event from a `Windows Phone` failed accepted_values and skipped 801
   nodes: now the event is kept, platform null, raw text and a flag kept, and
   the share guardrail only warns;
3. an order history from 1997-98 was quarantined whole while the build
   passed: now the quarantine-share guardrail stops it with one message,
   and the marts of the previous build are left as they were.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from tests.conftest import DbtProject, build_fixture_project
from tests.test_segments import ev, profile, ts

AS_OF = "2026-03-31"
PROFILES = [profile("u1"), profile("u2"), profile("u3", plan="Gold Plus")]
CAMPAIGNS = [
    {"campaign_id": "c1", "name": "Spring", "channel": "email", "objective": "promo",
     "is_important": False, "launched_at": ts("03-01")},
    {"campaign_id": "c2", "name": "Pigeons", "channel": "Carrier Pigeon", "objective": "Vibes",
     "is_important": False, "launched_at": ts("03-02")},
]  # fmt: skip


def order(event_id: str, when: dt.datetime, user: str, revenue, currency: str) -> dict:
    row = ev("order_completed", when, user=user)
    row["event_id"] = event_id
    row["properties"] = json.dumps(
        {"order_id": f"o-{event_id}", "revenue": revenue, "currency": currency}
    )
    return row


def named(event_id: str, row: dict) -> dict:
    return row | {"event_id": event_id}


EVENTS = [
    named("view-1", ev("page_view", ts("03-30"), user="u1")),
    named("view-2", ev("page_view", ts("03-30"), user="u2")),
    named("view-3", ev("page_view", ts("03-29"), user="u3")),
    named("open-1", ev("app_open", ts("03-29"), user="u1", platform="ios", app_version="5.1.0")),
    order("order-ok", ts("03-28"), "u1", 20, "GBP"),
    # finding 1: the price and the revenue that overflowed DECIMAL(18)
    named("cart-huge", ev("add_to_cart", ts("03-28"), user="u2"))
    | {
        "properties": json.dumps({"product_id": "p1", "price": 99999999999999.5, "currency": "GBP"})
    },
    order("order-huge", ts("03-28"), "u2", 99999999999999.5, "GBP"),
    order("order-nan", ts("03-28"), "u2", "NaN", "USD"),
    order("order-inf", ts("03-28"), "u2", "Infinity", "USD"),
    # finding 2: one device outside the vocabulary, one plan outside it
    named("open-wp", ev("app_open", ts("03-30"), user="u3", platform="Windows Phone")),
    named("sub-gold", ev("subscription_started", ts("03-30"), user="u3"))
    | {"properties": json.dumps({"plan": "Gold", "price": 9.99, "currency": "USD"})},
] + [named(f"fill-{n}", ev("page_view", ts("03-27"), user="u1")) for n in range(20)]


# the second-day finding: a NaN annual_income reached dim_customers; every non-finite
# number of a profile or a campaign is tried here (u3 also carries them in a later version)
NAN = float("nan")
DIRTY_PROFILES = [
    *PROFILES,
    profile("u3", plan="Gold Plus", annual_income=NAN, latitude=float("inf"),
            longitude=NAN, updated_at=ts("03-02")),
]  # fmt: skip
# two of four costs invalid: the is_cost_invalid share warns (> 1%) and does not fail (not > 50%)
DIRTY_CAMPAIGNS = [
    CAMPAIGNS[0] | {"cost": NAN, "cost_currency": "USD"},
    CAMPAIGNS[1] | {"cost": float("-inf"), "cost_currency": "USD"},
    CAMPAIGNS[0] | {"campaign_id": "c3", "cost": 100.0, "cost_currency": "USD"},
    CAMPAIGNS[0] | {"campaign_id": "c4", "cost": 100.0, "cost_currency": "USD"},
]


@pytest.fixture(scope="module")
def dirty(tmp_path_factory: pytest.TempPathFactory) -> DbtProject:
    return build_fixture_project(
        tmp_path_factory.mktemp("dirty"),
        profiles=DIRTY_PROFILES,
        events=EVENTS,
        campaigns=DIRTY_CAMPAIGNS,
        as_of_date=AS_OF,
    )


def test_non_finite_numbers_of_profiles_and_campaigns_are_nulled_and_flagged(
    dirty: DbtProject,
) -> None:
    assert dirty.query(
        "select annual_income_usd, is_annual_income_invalid, latitude, longitude, is_location_invalid "
        "from staging.stg_raw__profiles where user_id = 'u3'"
    ) == [(None, True, None, None, True)]
    assert dirty.query(
        "select annual_income_usd, is_annual_income_invalid from marts.dim_customers "
        "where user_id = 'u3'"
    ) == [(None, True)]
    assert dirty.query(
        "select campaign_id, cost, cost_usd, is_cost_invalid from staging.stg_raw__campaigns order by 1"
    ) == [
        ("c1", None, None, True),
        ("c2", None, None, True),
        ("c3", Decimal("100.0000"), Decimal("100.0000"), False),
        ("c4", Decimal("100.0000"), Decimal("100.0000"), False),
    ]
    # and nothing non-finite anywhere in the marts
    for table, column in dirty.query(
        "select table_name, column_name from duckdb_columns() "
        "where schema_name = 'marts' and data_type in ('DOUBLE', 'FLOAT')"
    ):
        assert dirty.scalar(f"select count(*) from marts.{table} where not isfinite({column})") == 0


def test_amounts_out_of_range_are_quarantined_not_crashes(dirty: DbtProject) -> None:
    assert dirty.query(
        "select event_id, quarantine_reason from staging.stg_raw__quarantined_events order by 1"
    ) == [
        ("cart-huge", "invalid_price"),
        ("order-huge", "invalid_revenue"),
        ("order-inf", "invalid_revenue"),
        ("order-nan", "invalid_revenue"),
    ]
    # 20 GBP x 1.27 = 25.4000: the good order of the same build is untouched
    assert dirty.query(
        "select cast(revenue_usd as varchar) from staging.stg_raw__events where event_id = 'order-ok'"
    ) == [("25.4000",)]


def test_values_outside_the_vocabulary_are_kept_and_flagged(dirty: DbtProject) -> None:
    assert dirty.query(
        "select event_id, platform, raw_platform, is_platform_unknown, plan, is_plan_unknown "
        "from staging.stg_raw__events where event_id in ('open-wp', 'sub-gold', 'open-1') order by 1"
    ) == [
        ("open-1", "ios", "ios", False, None, False),
        ("open-wp", None, "Windows Phone", True, None, False),
        ("sub-gold", "web", "web", False, None, True),
    ]
    assert dirty.query(
        "select user_id, plan, raw_plan, is_plan_unknown from staging.stg_raw__profiles order by 1"
    ) == [
        ("u1", "free", "free", False),
        ("u2", "free", "free", False),
        ("u3", None, "Gold Plus", True),
    ]
    assert dirty.query(
        "select campaign_id, channel, raw_channel, is_channel_unknown, objective, is_objective_unknown "
        "from staging.stg_raw__campaigns order by 1"
    ) == [
        ("c1", "email", "email", False, "promo", False),
        ("c2", None, "Carrier Pigeon", True, None, True),
        ("c3", "email", "email", False, "promo", False),
        ("c4", "email", "email", False, "promo", False),
    ]
    # the Windows Phone user is still a customer, active, with her platform from web
    assert dirty.query(
        "select user_id, primary_platform, active_days_7d from marts.dim_customers "
        "where user_id = 'u3'"
    ) == [("u3", "web", 2)]


def test_unknown_value_shares_warn_and_fail_only_above_their_thresholds(dirty: DbtProject) -> None:
    # 1 unknown platform and 1 unknown plan in 27 clean events: 3.7% > 1% warns, < 50% does not fail
    run = dirty.dbt(
        "test",
        "--select",
        "test_name:flagged_share,stg_raw__events",
        variables={"as_of_date": AS_OF},
    )
    assert run.success, run.text
    assert "Got 1 result, configured to warn if >0" in run.text
    failing = dirty.dbt(
        "test",
        "--select",
        "test_name:flagged_share,stg_raw__events",
        variables={"as_of_date": AS_OF, "segments__max_unknown_value_share_error": 0.03},
    )
    assert not failing.success
    assert "Got 2 results, configured to fail if >1" in failing.text


def test_a_missing_event_ts_with_an_ancient_receipt_is_quarantined_not_clean(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # found by tests/test_adversarial_rows.py: no event_ts, received_at 1 microsecond before
    # 1970; the receipt stands in for the event time, so it must be plausible as one too
    ancient = named(
        "ancient-receipt",
        ev("page_view", ts("03-30"), user="u1")
        | {"event_ts": None, "received_at": dt.datetime(1969, 12, 31, 23, 59, 59, 999999)},
    )
    # staging and its tests are all this needs (a whole build took a minute of the suite)
    project = DbtProject(tmp_path_factory.mktemp("ancient-receipt"))
    project.write_raw("profiles", PROFILES)
    project.write_raw("events", [*EVENTS[:5], ancient])
    project.write_raw("campaigns", CAMPAIGNS)
    run = project.dbt(
        "build",
        "--select",
        "+stg_raw__events_triaged",
        "--indirect-selection",
        "cautious",
        variables={"as_of_date": AS_OF},
    )
    assert run.success, run.text
    assert project.query(
        "select event_id, row_status, quarantine_reason from staging.stg_raw__events_triaged "
        "where event_id = 'ancient-receipt'"
    ) == [("ancient-receipt", "quarantined", "implausible_event_ts")]


def test_a_history_older_than_the_plausible_date_fails_the_build_with_one_message(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    project = DbtProject(tmp_path_factory.mktemp("old-history"))
    project.write_raw("profiles", PROFILES)
    project.write_raw("events", EVENTS[:5])
    project.write_raw("campaigns", CAMPAIGNS)
    first = project.dbt("build", variables={"as_of_date": AS_OF})
    assert first.success, first.text
    customers_before = project.query("select * from marts.dim_customers order by user_id")
    assert len(customers_before) == 3

    # the same users, but every event dated 1997 (received in 1997 too)
    old = [
        row
        | {
            "event_ts": row["event_ts"].replace(year=1997),
            "received_at": row["received_at"].replace(year=1997),
        }
        for row in EVENTS[:12]
    ]
    project.write_raw("events", old)
    # a replaced raw file needs a full refresh of the (incremental) triage
    second = project.dbt("build", "--full-refresh", variables={"as_of_date": AS_OF})
    assert not second.success
    assert (
        "Quarantine guardrail: 12 of 12 events (100%) quarantined as implausible_event_ts: event_ts "
        "before segments__min_plausible_event_date (2000-01-01) or more than "
        "segments__max_clock_skew_hours (24) hours after received_at; set those vars if your history "
        "is older or your devices' clocks run ahead; no clean events row: 12 raw rows, none usable. "
        "The build stops when a reason takes more than segments__max_quarantine_share (0.2) of a "
        "source's rows; the rows are in staging.stg_raw__quarantined_events. After changing a "
        "threshold var, rebuild with --full-refresh: the triage is incremental."
    ) in second.text
    # nothing past staging was rebuilt: yesterday's marts are intact
    assert project.query("select * from marts.dim_customers order by user_id") == customers_before

    # the var the message names, and a full refresh of the (incremental) triage, are the way out
    third = project.dbt(
        "build",
        "--full-refresh",
        "--select",
        "stg_raw__events_triaged",
        "stg_raw__events",
        variables={"segments__min_plausible_event_date": "1990-01-01"},
    )
    assert third.success, third.text
    # the four bad amounts among the twelve stay quarantined, for their own reasons
    assert project.scalar("select count(*) from staging.stg_raw__events") == 8
    assert project.query(
        "select quarantine_reason, count(*) from staging.stg_raw__quarantined_events group by 1 order by 1"
    ) == [("invalid_price", 1), ("invalid_revenue", 3)]
