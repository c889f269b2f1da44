"""The generator: deterministic, honest about what it planted, and varied enough."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from pathlib import Path

import duckdb
import pytest

from smart_segments_datagen import campaign_impact, catalog
from smart_segments_datagen.cli import main
from smart_segments_datagen.config import DEFAULT_RATES, GeneratorConfig
from smart_segments_datagen.writer import generate

SMALL = GeneratorConfig(users=500, days=90, start_date=dt.date(2026, 1, 1), seed=11, chunk_size=200)


def digest(directory: Path) -> dict[str, str]:
    return {
        str(path.relative_to(directory)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("small")
    return out, generate(SMALL, out)


def sql(out: Path, query: str):
    with duckdb.connect() as connection:
        connection.execute(f"create view events as select * from '{out}/events/**/*.parquet'")
        connection.execute(f"create view profiles as select * from '{out}/profiles/**/*.parquet'")
        connection.execute(f"create view campaigns as select * from '{out}/campaigns/*.parquet'")
        return connection.sql(query).fetchall()


def test_same_seed_gives_identical_files_whatever_the_workers(small, tmp_path: Path) -> None:
    out, _ = small
    again = tmp_path / "again"
    generate(SMALL, again, workers=2)
    assert digest(again) == digest(out)


def test_another_seed_gives_other_data(small, tmp_path: Path) -> None:
    out, _ = small
    other = tmp_path / "other"
    generate(GeneratorConfig(**{**SMALL.__dict__, "seed": 12}), other)
    assert digest(other)["events/part-00000.parquet"] != digest(out)["events/part-00000.parquet"]


def test_planted_event_cases_match_the_files(small) -> None:
    """Counted from the written files, independently of the generator's bookkeeping."""
    out, manifest = small
    planted = manifest["planted"]
    unknown = ", ".join(
        f"'{name.lower().replace(' ', '_')}'" for name in catalog.UNKNOWN_EVENT_NAMES
    )
    (row,) = sql(
        out,
        f"""
        select
            count(*) - count(distinct event_id),
            count(distinct event_id) filter (where user_id is null and anonymous_id is null),
            count(distinct event_id) filter (
                where regexp_replace(lower(trim(event_name)), '[^a-z0-9]+', '_', 'g') in ({unknown})),
            count(distinct event_id) filter (where properties is not null and not json_valid(properties)),
            count(distinct event_id) filter (where event_ts is null),
            count(distinct event_id) filter (where event_ts > received_at + interval 24 hours),
            count(distinct event_id) filter (where event_ts < timestamp '2000-01-01'),
            count(distinct event_id) filter (where event_ts > received_at
                and event_ts <= received_at + interval 24 hours),
            count(distinct event_id) filter (where received_at > event_ts + interval 84 hours
                and event_ts >= timestamp '2000-01-01'),
            count(distinct event_id) filter (where country in (
                {", ".join(f"'{c}'" for c in catalog.JUNK_COUNTRIES)}))
        from events
        """,
    )
    assert row == (
        planted["duplicate_event_id"],
        planted["missing_identity"],
        planted["unknown_event_name"],
        planted["malformed_properties"],
        planted["null_event_ts"],
        planted["future_event_ts"],
        planted["ancient_event_ts"],
        planted["clock_skew"],
        planted["late_arrival"],
        planted["event_unknown_country"],
    )
    assert all(count > 0 for count in row)


def test_invalid_revenue_is_planted_on_orders_only(small) -> None:
    out, manifest = small
    (count,) = sql(
        out,
        """
        select count(distinct event_id) from events
        where regexp_replace(lower(trim(event_name)), '[^a-z0-9]+', '_', 'g')
            in ('order_completed', 'checkout_completed')
          and json_valid(properties)
          and (try_cast(json_extract_string(properties, '$.revenue') as double) is null
               or try_cast(json_extract_string(properties, '$.revenue') as double) < 0
               or json_extract_string(properties, '$.currency') in ('XYZ', 'ABC', 'BTC'))
        """,
    )[0]
    assert count == manifest["planted"]["invalid_revenue"]


def test_shared_devices_are_ambiguous_in_the_files(small) -> None:
    out, manifest = small
    (ambiguous,) = sql(
        out,
        "select count(*) from (select anonymous_id from events where user_id is not null "
        "and anonymous_id is not null group by 1 having count(distinct user_id) > 1)",
    )[0]
    assert ambiguous == manifest["expected"]["identity"]["ambiguous_anonymous_ids"]
    assert ambiguous == manifest["planted"]["shared_device"]


def test_planted_profile_cases_match_the_files(small) -> None:
    out, manifest = small
    planted = manifest["planted"]
    (row,) = sql(
        out,
        """
        select
            count(*) filter (where user_id is null),
            count(*) - count(distinct (user_id, updated_at)) - count(*) filter (where user_id is null)
                + (count(distinct (user_id, updated_at)) filter (where user_id is null)),
            count(distinct user_id) filter (where birth_date > date '2026-04-01' or birth_date < date '1900-01-01'),
            count(distinct user_id) filter (where annual_income < 0),
            count(distinct user_id) filter (where abs(latitude) > 90 or abs(longitude) > 180)
        from profiles
        """,
    )
    assert row[0] == planted["profile_missing_user_id"]
    assert row[2:] == (
        planted["invalid_birth_date"],
        planted["negative_income"],
        planted["location_out_of_range"],
    )
    expected = manifest["expected"]["profiles"]
    assert expected["raw_rows"] == expected["clean_rows"] + expected["duplicate_rows"] + row[0]


def test_clean_rates_plant_nothing(tmp_path: Path) -> None:
    config = GeneratorConfig(
        users=100, days=30, rates={case: 0.0 for case in DEFAULT_RATES}, chunk_size=100
    )
    manifest = generate(config, tmp_path)
    assert all(count == 0 for count in manifest["planted"].values())
    events = manifest["expected"]["events"]
    assert events["clean_rows"] == events["raw_rows"]


@pytest.fixture(scope="module")
def default_sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("default")
    return out, generate(GeneratorConfig(), out, workers=2)


def test_default_sample_has_every_segments_ingredients(default_sample) -> None:
    """Each default segment of the catalogue needs some users like these."""
    out, manifest = default_sample
    end = manifest["end_date"]
    (row,) = sql(
        out,
        f"""
        with current_profiles as (
            select * from profiles where user_id is not null
            qualify row_number() over (partition by user_id order by updated_at desc) = 1
        ),
        last_seen as (
            -- sends and deliveries are the system's doing, not the user's activity
            select user_id, max(event_ts) as last_at from events
            where user_id is not null
                and regexp_replace(lower(trim(event_name)), '[^a-z0-9]+', '_', 'g')
                    not in ('message_sent', 'message_delivered')
            group by 1
        )
        select
            count(*) filter (where life_stage = 'student'),
            count(*) filter (where life_stage = 'retired'),
            count(*) filter (where interests like '%fitness%'),
            count(*) filter (where plan = 'free'),
            count(*) filter (where plan = 'basic'),
            count(*) filter (where plan = 'premium'),
            count(*) filter (where upper(country) in ('DE', 'FR', 'ES', 'IT', 'NL', 'GERMANY', 'FRANCE')),
            count(*) filter (where signup_at > timestamp '{end}' - interval 14 days),
            (select count(*) from last_seen where last_at < timestamp '{end}' - interval 90 days),
            (select count(*) from campaigns where is_important)
        from current_profiles
        """,
    )
    assert all(count > 0 for count in row), dict(enumerate(row))
    platforms = dict(
        sql(out, "select lower(platform), count(distinct user_id) from events group by 1")
    )
    assert set(platforms) == {"ios", "android", "web"}
    near = sql(out, "select latitude, longitude from profiles where user_id is not null")
    assert any(
        haversine_km(lat, lon, catalog.VENUE_LATITUDE, catalog.VENUE_LONGITUDE) <= 25
        for lat, lon in near
        if lat is not None and abs(lat) <= 90 and abs(lon) <= 180
    )
    (orders, coupon_orders, repeat_buyers) = sql(
        out,
        """
        with orders as (
            select user_id, json_extract_string(properties, '$.coupon_code') as coupon from events
            where regexp_replace(lower(trim(event_name)), '[^a-z0-9]+', '_', 'g')
                in ('order_completed', 'checkout_completed') and json_valid(properties)
        )
        select count(*), count(coupon),
            (select count(*) from (select user_id from orders group by 1 having count(*) >= 3))
        from orders
        """,
    )[0]
    assert orders > 1000 and coupon_orders > 100 and repeat_buyers > 50


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlat, dlon = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dlat / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def test_conversion_drivers_leave_signal(default_sample) -> None:
    """Users who downloaded content or asked for a demo convert more often."""
    out, _ = default_sample
    rows = dict(
        sql(
            out,
            """
            with names as (
                select user_id,
                    regexp_replace(lower(trim(event_name)), '[^a-z0-9]+', '_', 'g') as name
                from events where user_id is not null
            ),
            per_user as (
                select user_id,
                    bool_or(name in ('content_download', 'demo_requested')) as has_driver,
                    bool_or(name = 'subscription_started') as converted
                from names group by 1
            )
            select has_driver, avg(converted::int) from per_user group by 1
            """,
        )
    )
    assert rows[True] > 1.5 * rows[False]


def test_cli_writes_a_manifest(tmp_path: Path, capsys) -> None:
    code = main(["--out", str(tmp_path), "--users", "50", "--days", "20", "--quiet"])
    assert code == 0
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["users"] == 50
    assert "wrote" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--users", "0"], "--users must be at least 1, got 0"),
        (["--days", "3"], "--days must be at least 7, got 3"),
        (
            ["--rate", "missing_identity=2"],
            "rate of missing_identity must be within [0, 1], got 2.0",
        ),
        (["--workers", "0"], "--workers must be at least 1, got 0"),
    ],
)
def test_cli_rejects_bad_settings_in_one_line(tmp_path: Path, capsys, args, message) -> None:
    assert main(["--out", str(tmp_path), "--quiet", *args]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"error: {message}"


def test_cli_rejects_unknown_cases_and_dates(tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["--out", str(tmp_path), "--rate", "nope=0.1"])
    assert raised.value.code == 2
    assert "unknown case 'nope'" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--out", str(tmp_path), "--start-date", "2026-13-01"])
    assert "not a YYYY-MM-DD date: '2026-13-01'" in capsys.readouterr().err


def test_cli_does_not_overwrite_without_being_asked(tmp_path: Path, capsys) -> None:
    assert main(["--out", str(tmp_path), "--users", "10", "--days", "10", "--quiet"]) == 0
    assert main(["--out", str(tmp_path), "--users", "10", "--days", "10", "--quiet"]) == 2
    assert "pass --overwrite to replace it" in capsys.readouterr().err
    assert (
        main(["--out", str(tmp_path), "--users", "10", "--days", "10", "--quiet", "--overwrite"])
        == 0
    )


def test_no_campaign_reaches_the_global_control_group_or_a_holdout(default_sample) -> None:
    """Broadcasts skip the global control group; targeted campaigns also the segment's holdout."""
    out, _ = default_sample
    sent = sql(
        out,
        """
        select events.user_id, campaigns.target_segment
        from events
        inner join campaigns
            on json_extract_string(events.properties, '$.campaign_id') = campaigns.campaign_id
        where lower(events.event_name) like '%message%sent%' and json_valid(events.properties)
            and campaigns.campaign_id is not null
        """,
    )
    assert len(sent) > 10_000
    assert not [user for user, _ in sent if campaign_impact.is_global_control(user, 0.05)]
    targeted = [(user, segment) for user, segment in sent if segment is not None]
    assert len(targeted) > 1_000
    assert not [pair for pair in targeted if campaign_impact.is_holdout(pair[1], pair[0], 0.10)]


def test_targeted_campaigns_and_their_effects_are_in_the_manifest(default_sample) -> None:
    out, manifest = default_sample
    campaigns = sql(
        out,
        "select campaign_id, target_segment, cost, cost_currency from campaigns "
        "where campaign_id is not null and target_segment is not null order by 1",
    )
    effects = manifest["campaign_effects"]
    assert [(c[0], c[1]) for c in campaigns] == [
        (e["campaign_id"], e["target_segment"]) for e in effects
    ]
    assert all(cost > 0 and currency in ("USD", "EUR", "GBP") for _, _, cost, currency in campaigns)
    planted = {e["campaign_id"]: (e["effect"], e["measure"]) for e in effects if e["effect"]}
    assert planted == {
        "cmp_0046": ("conversion", "conversion_rate"),
        "cmp_0047": ("reactivation", "reactivation_rate"),
        "cmp_0048": ("order_value", "revenue_per_member_usd"),
    }
    # realised on the treated: close to the planted size (30% and 25% of the
    # members who would not have converted / come back), and 0 where none
    realised = {e["campaign_id"]: e["realised_difference"] for e in effects}
    assert 0.2 < realised["cmp_0046"] < 0.3 and 0.2 < realised["cmp_0047"] < 0.3
    assert realised["cmp_0048"] > 0
    assert all(realised[c] == 0 for c in realised if c not in planted)


def test_a_share_that_the_build_cannot_use_is_refused(tmp_path: Path, capsys) -> None:
    assert main(["--out", str(tmp_path / "raw"), "--users", "10", "--holdout-share", "1"]) == 2
    assert "--holdout-share must be within [0, 1), got 1.0" in capsys.readouterr().err
