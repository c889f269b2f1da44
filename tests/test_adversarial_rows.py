"""Property: whatever a producer sends, the build succeeds and nothing is lost.

Hypothesis draws adversarial raw rows for all three sources: random and
control-character strings, unicode, blank ids, extreme, NaN and infinite
numbers, huge and wrongly-typed JSON, timestamps and dates at the edges of
what Parquet can hold, and ids drawn from a small pool so copies collide
with conflicting payloads. They are written next to a small clean baseline
(so every source has clean rows) and built with dbt. For every example:

- `dbt build` succeeds (its data tests included);
- every raw row lands in exactly one place: its (file, row) appears once in
  its source's triage, as clean, duplicate or quarantined, and the clean,
  duplicate and quarantine models add up to the raw rows;
- no NaN or infinity is in any mart column, and no blank id (empty after
  trimming blanks and control characters) is in any mart `*_id` column.

Bounded: a fixed number of examples (each is one dbt build), derandomized
(the same examples on every run, in CI too), no shrinking phase.
"""

from __future__ import annotations

import datetime as dt
import json

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.conftest import SCHEMAS, DbtProject, full_trim_sql
from tests.test_segments import ev, profile, ts

AS_OF = "2026-03-31"
EPOCH = dt.datetime(1970, 1, 1)
MAX_US = 2**63 - 1
BLANKS = ["", " ", "\t", "\n", "\x00", "\x1f", "\u00a0", "\u2003", "\ufeff", " \u200b "]
NUMBER_TEXTS = ["NaN", "nan", "Infinity", "-Infinity", "1e400", "-1e400", "1e308", "-0", "0x1F",
                "99999999999999.5", "12,50", "1_000", "", " 7 "]  # fmt: skip


def micros(when: dt.datetime) -> int:
    return (when - EPOCH) // dt.timedelta(microseconds=1)


NOW_US = micros(dt.datetime(2026, 3, 20))

texts = st.one_of(st.none(), st.sampled_from(BLANKS), st.text(max_size=24))
ids = st.one_of(
    st.none(),
    st.sampled_from(BLANKS),
    st.sampled_from(["u1", "u2", "a1", "x", "e1"]),
    st.text(max_size=12),
)
timestamps = st.one_of(
    st.none(),
    st.integers(NOW_US - 10**13, NOW_US + 10**11),  # within months of the sample, either way
    st.sampled_from([MAX_US, -MAX_US, MAX_US - 1, -MAX_US + 1, 2**62, -(2**62), 0, -1]),
    st.integers(-MAX_US, MAX_US),
)
dates = st.one_of(
    st.none(),
    st.sampled_from([2**31 - 1, -(2**31) + 1, 0, -719162, 2932896]),
    st.integers(-(2**31) + 1, 2**31 - 1),
)
floats = st.one_of(
    st.none(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([1e308, -1e308, 5e-324]),
)
json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**30), 10**30),
        floats,
        texts,
        st.sampled_from(NUMBER_TEXTS),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)
property_keys = st.sampled_from(
    ["revenue", "price", "currency", "quantity", "plan", "from_plan", "to_plan", "campaign_id", "channel",
     "message_id", "order_id", "product_id", "category", "content_category", "query", "coupon_code"]
)  # fmt: skip
properties = st.one_of(
    st.none(),
    texts,
    st.dictionaries(st.one_of(property_keys, st.text(max_size=6)), json_values, max_size=6).map(
        lambda value: json.dumps(value, allow_nan=True)
    ),
    json_values.map(lambda value: json.dumps(value, allow_nan=True)),
    st.sampled_from(
        ['{"query": "' + "x" * 200_000 + '"}', "[" * 5000 + "]" * 5000, '{"revenue": {"a": 1}}']
    ),
)
event_names = st.one_of(
    st.sampled_from(
        [
            "Order Completed",
            " ORDER-COMPLETED ",
            "add_to_cart",
            "subscription_started",
            "page_view",
            "message_opened",
            "identify",
            "app_open",
        ]
    ),
    texts,
)
events = st.fixed_dictionaries(
    {
        "event_id": ids,
        "user_id": ids,
        "anonymous_id": ids,
        "event_name": event_names,
        "event_ts": timestamps,
        "received_at": timestamps,
        "platform": st.one_of(texts, st.sampled_from(["iOS", "Windows Phone", "ANDROID "])),
        "os_version": texts,
        "device_model": texts,
        "app_version": st.one_of(
            texts, st.sampled_from(["5.12.0", "99999999999999999999.1", "1..2", "v2"])
        ),
        "country": texts,
        "city": texts,
        "properties": properties,
    }
)
profiles = st.fixed_dictionaries(
    {
        "user_id": ids,
        "email": texts,
        "full_name": texts,
        "phone": texts,
        "birth_date": dates,
        "gender": texts,
        "marital_status": texts,
        "education": texts,
        "annual_income": floats,
        "occupation": texts,
        "life_stage": texts,
        "country": texts,
        "region": texts,
        "city": texts,
        "postal_code": texts,
        "latitude": floats,
        "longitude": floats,
        "location_type": texts,
        "signup_at": timestamps,
        "plan": st.one_of(texts, st.sampled_from(["Gold", "PREMIUM", "basic "])),
        "marketing_consent": st.one_of(st.none(), st.booleans()),
        "consent_updated_at": timestamps,
        "interests": texts,
        "lifestyle": texts,
        "deletion_requested_at": st.one_of(st.none(), st.none(), timestamps),
        "updated_at": timestamps,
    }
)
campaigns = st.fixed_dictionaries(
    {
        "campaign_id": ids,
        "name": texts,
        "channel": st.one_of(texts, st.sampled_from(["EMAIL", "carrier pigeon"])),
        "objective": texts,
        "is_important": st.one_of(st.none(), st.booleans()),
        "launched_at": timestamps,
        # contract v1.1: NaN, infinities and absurd costs, unknown currencies and segments
        "target_segment": st.one_of(texts, st.sampled_from(["active_users", "no_such_segment"])),
        "cost": floats,
        "cost_currency": st.one_of(texts, st.sampled_from(["USD", "XXX"])),
        "ends_at": timestamps,
    }
)

# The clean baseline every example is built beside.
BASELINE_PROFILES = [profile("base-1"), profile("base-2", plan="basic")]
BASELINE_EVENTS = [
    ev("page_view", ts(f"03-{day}"), user=user) | {"event_id": f"base-{user}-{day}"}
    for user in ("base-1", "base-2")
    for day in range(20, 31)
]
BASELINE_CAMPAIGNS = [
    {"campaign_id": "base-c1", "name": "Base", "channel": "email", "objective": "promo",
     "is_important": True, "launched_at": ts("03-01")},
]  # fmt: skip


def column(field: pa.Field, values: list) -> pa.Array:
    """One Parquet column; timestamps and dates are drawn as raw integers to reach the edges."""
    if pa.types.is_timestamp(field.type):
        return pa.array(
            [micros(v) if isinstance(v, dt.datetime) else v for v in values], pa.int64()
        ).cast(field.type)
    if pa.types.is_date32(field.type):
        return pa.array(
            [(v - dt.date(1970, 1, 1)).days if isinstance(v, dt.date) else v for v in values],
            pa.int32(),
        ).cast(field.type)
    return pa.array(values, field.type)


def write(project: DbtProject, source: str, rows: list[dict], name: str) -> None:
    schema = SCHEMAS[source]
    table = pa.Table.from_arrays(
        [column(field, [row.get(field.name) for row in rows]) for field in schema], schema=schema
    )
    path = project.raw / source / name
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path)


BLANK_SQL = full_trim_sql("{c}") + " = ''"


def mart_problems(database: str) -> list[str]:
    """NaN or infinite numbers and blank ids anywhere in the marts."""
    problems = []
    with duckdb.connect(database) as connection:
        columns = connection.sql(
            "select table_name, column_name, data_type from duckdb_columns() "
            "where schema_name = 'marts' and (data_type in ('DOUBLE', 'FLOAT') or "
            "(data_type = 'VARCHAR' and column_name like '%\\_id' escape '\\'))"
        ).fetchall()
        for table, name, data_type in columns:
            condition = (
                f"not isfinite({name})" if data_type != "VARCHAR" else BLANK_SQL.format(c=name)
            )
            bad = connection.sql(
                f"select count(*) from marts.{table} where {condition}"
            ).fetchall()[0][0]
            if bad:
                problems.append(
                    f"marts.{table}.{name}: {bad} rows {'not finite' if data_type != 'VARCHAR' else 'blank'}"
                )
    return problems


def landing_problems(project: DbtProject, raw_counts: dict[str, int]) -> list[str]:
    problems = []
    for source, triaged in [
        ("events", "events"),
        ("profiles", "profiles"),
        ("campaigns", "campaigns"),
    ]:
        placed = project.query(
            f"select count(*), count(distinct (source_file, source_row_number)), "
            f"count(*) filter (where row_status not in ('clean', 'duplicate', 'quarantined')) "
            f"from staging.stg_raw__{triaged}_triaged"
        )[0]
        parts = sum(
            project.scalar(f"select count(*) from staging.{model}")
            for model in (
                {
                    "events": "stg_raw__events",
                    "profiles": "stg_raw__profile_versions",
                    "campaigns": "stg_raw__campaigns",
                }[source],
                f"stg_raw__duplicate_{source}",
                f"stg_raw__quarantined_{source}",
            )
        )
        if placed != (raw_counts[source], raw_counts[source], 0) or parts != raw_counts[source]:
            problems.append(
                f"{source}: {raw_counts[source]} raw rows, triage {placed}, parts {parts}"
            )
    return problems


@pytest.fixture(scope="module")
def project_root(tmp_path_factory: pytest.TempPathFactory):
    return tmp_path_factory.mktemp("adversarial")


@settings(
    max_examples=3,
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
@given(
    st.lists(events, min_size=30, max_size=60),
    st.lists(profiles, min_size=10, max_size=20),
    st.lists(campaigns, min_size=5, max_size=10),
)
def test_any_raw_rows_build_and_land_exactly_once(
    project_root, bad_events, bad_profiles, bad_campaigns
) -> None:
    project = DbtProject(project_root / f"example-{len(list(project_root.iterdir()))}")
    write(project, "events", BASELINE_EVENTS, "part-0.parquet")
    write(project, "events", bad_events, "part-1.parquet")
    write(project, "profiles", BASELINE_PROFILES + bad_profiles, "part-0.parquet")
    write(project, "campaigns", BASELINE_CAMPAIGNS + bad_campaigns, "part-0.parquet")
    raw_counts = {
        "events": len(BASELINE_EVENTS) + len(bad_events),
        "profiles": len(BASELINE_PROFILES) + len(bad_profiles),
        "campaigns": len(BASELINE_CAMPAIGNS) + len(bad_campaigns),
    }
    run = project.dbt(
        "build",
        variables={
            "as_of_date": AS_OF,
            # the property is about crashes and losses; the share guardrails have tests of their own
            "segments__max_quarantine_share": 1,
            "segments__max_unknown_value_share_error": 1,
        },
    )
    assert run.success, run.text
    assert landing_problems(project, raw_counts) == []
    assert mart_problems(str(project.database)) == []
