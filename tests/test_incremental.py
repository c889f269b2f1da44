"""Incremental builds equal a full refresh, row for row.

Generated data (500 users x 60 days) is cut by receipt day: project
`daily` is built on everything received before D0, then three incremental
runs add what arrived on D0, on D1 and D2 together (a skipped day: two days
at once), and on D3; project `full` is built once on all of it. Between the
runs, planted on top of the generated rows:

- a late event: an order dated D3 - 20 that arrives on D2;
- a late identify: a device with anonymous page views weeks earlier (in the
  first build, unstitched) is identified by a user on D2: its earlier
  events must move to that user;
- a deletion request: a profile row asking to erase a user arrives on D2;
- a profile correction: a new version of another user's profile, with
  another country, arrives on D2 (the snapshots before it keep the old);
- a retried event: a copy of an event from the first build arrives on D3;
- a late file: rows received on D2 land with D3's files (inside the
  lookback).

Every intermediate and mart table that does not derive from the
membership log must be equal in both projects; the log-derived ones
(history, transitions, segment tables' entered_at, activation) record
what each build knew, so the daily project's incremental state is compared
with a --full-refresh of those models over its own log instead, and the
log's rows for D3 with the full project's.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from types import SimpleNamespace

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from smart_segments_datagen.config import GeneratorConfig
from smart_segments_datagen.writer import EVENT_SCHEMA, PROFILE_SCHEMA, generate

from .conftest import (
    ON_BOTH_ENGINES,
    PER_RUN_TABLES,
    DbtProject,
    duckdb_only,
    same,
    sort_key,
    spark_session,
)
from .dbt_cli import DBT

START = dt.date(2026, 3, 1)
DAYS = 60
D3 = START + dt.timedelta(days=DAYS - 1)
D2 = D3 - dt.timedelta(days=1)
D1 = D3 - dt.timedelta(days=2)
D0 = D3 - dt.timedelta(days=3)
# the deliveries of each incremental run: D1's files wait for D2's run (a skipped day)
RUNS = [(D0,), (D1, D2), (D3,)]


def at(day: dt.date, hour: int = 12) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour))


def received_between(table: pa.Table, start: dt.date | None, end: dt.date) -> pa.Table:
    received = table["received_at"]
    mask = pc.less(received, pa.scalar(at(end, 0), pa.timestamp("us")))
    if start is not None:
        mask = pc.and_(
            mask, pc.greater_equal(received, pa.scalar(at(start, 0), pa.timestamp("us")))
        )
    return table.filter(mask)


def event_row(event_id: str, name: str, when: dt.datetime, received: dt.datetime, **fields) -> dict:
    return {
        "event_id": event_id,
        "event_name": name,
        "event_ts": when,
        "received_at": received,
        "platform": "web",
        "properties": fields.pop("properties", "{}"),
        **fields,
    }


def table_of(rows: list[dict], schema: pa.Schema) -> pa.Table:
    return pa.Table.from_pydict(
        {f.name: [r.get(f.name) for r in rows] for f in schema}, schema=schema
    )


@pytest.fixture(scope="module")
def deliveries(tmp_path_factory) -> dict:
    """The generated rows cut into the first load and three days, with the planted cases."""
    generated = tmp_path_factory.mktemp("incremental-generated")
    generate(GeneratorConfig(users=500, days=DAYS, start_date=START, seed=23), generated)
    events = pq.read_table(generated / "events").cast(EVENT_SCHEMA)
    profiles = pq.read_table(generated / "profiles").cast(PROFILE_SCHEMA)
    campaigns = pq.read_table(generated / "campaigns")

    with duckdb.connect() as connection:
        connection.register("events", events)
        connection.register("profiles", profiles)
        # an identified user active in the first load, with an order; another to erase
        buyer, erased = (
            row[0]
            for row in connection.sql(
                "select user_id from events where user_id is not null and event_name = 'order_completed' "
                f"and received_at < timestamp '{D0}' group by 1 order by count(*) desc, 1 limit 2"
            ).fetchall()
        )
        # a user with one profile version, known well before the runs, whose country changes
        corrected, old_country = connection.execute(
            "select user_id, any_value(country) from profiles where user_id not in (?, ?) "
            "group by 1 having count(*) = 1 and max(signup_at) < ? "
            "and regexp_full_match(any_value(country), '[A-Z]{2}') order by 1 limit 1",
            [buyer, erased, at(D3 - dt.timedelta(days=45))],
        ).fetchall()[0]
        new_country = connection.execute(
            "select min(country) from profiles where regexp_full_match(country, '[A-Z]{2}') "
            "and country <> ?",
            [old_country],
        ).fetchall()[0][0]
        retried = connection.sql(
            "select * from events where event_id is not null and user_id is not null "
            f"and received_at < timestamp '{D0}' order by event_id limit 1"
        ).to_arrow_table()

    late_order = event_row(
        "planted-late-order",
        "order_completed",
        at(D3 - dt.timedelta(days=20)),
        at(D2, 9),
        user_id=buyer,
        properties='{"order_id": "o-late", "revenue": 40.0, "currency": "USD"}',
    )
    anonymous_views = [
        event_row(
            f"planted-anon-{n}",
            "page_view",
            at(START + dt.timedelta(days=20 + n)),
            at(START + dt.timedelta(days=20 + n), 13),
            anonymous_id="planted-device",
            properties='{"content_category": "fitness"}',
        )
        for n in range(6)
    ]
    identify = event_row(
        "planted-identify",
        "app_open",
        at(D2, 10),
        at(D2, 10),
        user_id=buyer,
        anonymous_id="planted-device",
    )
    late_file = event_row("planted-late-file", "page_view", at(D2, 18), at(D2, 18), user_id=buyer)
    erasure = profiles.filter(pc.equal(profiles["user_id"], erased)).slice(0, 1).to_pylist()[0]
    erasure |= {"deletion_requested_at": at(D2, 8), "updated_at": at(D2, 8)}
    retry = retried.to_pylist()[0] | {"received_at": at(D3, 7)}
    correction = profiles.filter(pc.equal(profiles["user_id"], corrected)).to_pylist()[0]
    correction |= {"country": new_country, "updated_at": at(D2, 9)}

    return {
        "profiles": profiles,
        "campaigns": campaigns,
        "first": pa.concat_tables(
            [received_between(events, None, D0), table_of(anonymous_views, EVENT_SCHEMA)]
        ),
        D0: [("events", received_between(events, D0, D1))],
        D1: [("events", received_between(events, D1, D2))],
        D2: [
            ("events", received_between(events, D2, D3)),
            ("events", table_of([late_order, identify], EVENT_SCHEMA)),
            ("profiles", table_of([erasure, correction], PROFILE_SCHEMA)),
        ],
        D3: [
            ("events", received_between(events, D3, D3 + dt.timedelta(days=1))),
            ("events", table_of([retry, late_file], EVENT_SCHEMA)),
        ],
        "buyer": buyer,
        "erased": erased,
        "corrected": (corrected, old_country, new_country),
    }


def write(project: DbtProject, source: str, table: pa.Table, name: str) -> None:
    path = project.raw / source / name
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path)


# The daily project's feature store writes its dates in batches of at most this many rows
# (about two dates of the 500 users), one statement each; the full project writes each
# run's dates in one statement (the default, 2M rows). Equal tables then also show
# that the batches change no row, in a first build and in incremental runs.
DAILY_ROWS_PER_WRITE = 1000
# ... and its activity model computes its users in batches, one per this many rows of
# int_user_daily_activity (several per run); the full project in one statement (1M rows).
DAILY_ACTIVITY_ROWS_PER_WRITE = 1000


def run(project: DbtProject, *args: str, rows_per_write: int | None = None) -> str:
    """dbt on the project; its log, or what its macros logged.

    DuckDB: in a subprocess, so this process holds no lock on the warehouses it
    compares. Spark: in this process, on the worker's one Spark session.
    """
    variables = {
        "raw_data_path": str(project.raw),
        "activation_output_path": str(project.activation),
        # days of a small sample empty small segments: write every export, as a one-shot build does
        "segments__audience_drop_allowed_segments": ["*"],
    }
    if rows_per_write is not None:
        variables["segments__feature_store_rows_per_write"] = rows_per_write
        variables["segments__activity_rows_per_write"] = DAILY_ACTIVITY_ROWS_PER_WRITE
    if project.engine == "spark":
        outcome = project.dbt(*args, variables=variables)
        assert outcome.success, outcome.text[-5000:]
        return "\n".join(outcome.logged)
    completed = subprocess.run(
        [
            *DBT,
            *args,
            "--project-dir",
            str(project.project_dir),
            "--profiles-dir",
            str(project.project_dir),
            "--vars",
            json.dumps(variables),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout[-5000:]
    return completed.stdout


STITCHED_ROLLUPS = [
    "int_user_daily_activity",
    "int_user_daily_breakdowns",
    "int_user_campaign_messages",
]


def stitched_rows(log: str) -> dict[str, tuple[int, int]]:
    """Per stitched rollup, the stored users a run re-stitched and all it held (from its log line)."""
    found = dict(
        (name, (int(rebuilt), int(stored)))
        for name, rebuilt, stored in re.findall(
            r"(int_user_\w+): re-stitching (\d+) of (\d+) stored users", log
        )
    )
    assert set(found) == set(STITCHED_ROLLUPS), log[-3000:]
    return found


def store_batches(log: str) -> int:
    """How many statements the feature store wrote its dates in (one when the log says nothing)."""
    found = re.findall(r"int_customer_features_daily: wrote (\d+) batches of dates", log)
    return int(found[0]) if found else 1


def activity_batches(log: str) -> int:
    """How many statements the activity model computed its users in (one when the log is silent)."""
    found = re.findall(r"int_customer_activity_as_of: wrote (\d+) batches of users", log)
    return int(found[0]) if found else 1


@pytest.fixture(scope="module", params=ON_BOTH_ENGINES)
def projects(request, deliveries, tmp_path_factory) -> tuple[DbtProject, DbtProject]:
    engine = request.param
    daily = DbtProject(tmp_path_factory.mktemp("incremental-daily"), engine=engine)
    full = DbtProject(tmp_path_factory.mktemp("incremental-full"), engine=engine)
    for project in (daily, full):
        write(project, "profiles", deliveries["profiles"], "part-0.parquet")
        write(project, "campaigns", deliveries["campaigns"], "part-0.parquet")
        write(project, "events", deliveries["first"], "part-0.parquet")
        run(project, "seed")
    log = run(daily, "run", rows_per_write=DAILY_ROWS_PER_WRITE)
    daily.store_batches = [store_batches(log)]
    daily.activity_batches = [activity_batches(log)]
    rollup_rows = "select count(*) from intermediate.int_user_daily_activity"
    daily.rollup_rows = [daily.scalar(rollup_rows)]  # per run: the activity model's input rows
    current = "select cast(as_of_date as string) from intermediate.int_as_of_dates where is_current"
    computed = "select as_of_date, is_final from intermediate.int_feature_dates order by 1"
    users_per_date = (
        "select count(*) from intermediate.int_customer_profiles_as_of "
        "group by as_of_date order by as_of_date"
    )
    stored = "select distinct as_of_date from intermediate.int_customer_features_daily"
    erased_user = f"{stored} where user_id = '{deliveries['erased']}'"
    daily.as_of_dates = [daily.scalar(current)]  # each run's D: the latest clean event date
    daily.feature_dates = [daily.query(computed)]  # per run: the dates the feature store computed
    daily.stitched_rows = []  # per daily run: (rows rebuilt, rows kept) of the stitched rollups
    daily.users_per_date = [[n for (n,) in daily.query(users_per_date)]]  # per run, date order
    daily.store_dates = [{day for (day,) in daily.query(stored)}]  # per run: the dates stored
    daily.erased_user_dates = [{day for (day,) in daily.query(erased_user)}]  # ... the erased's
    daily.logs = []  # per daily run: what its macros logged (Spark) or dbt's output (DuckDB)
    for days in RUNS:
        for day in days:
            for number, (source, table) in enumerate(deliveries[day]):
                for project in (daily, full):
                    write(project, source, table, f"day-{day}-{number}.parquet")
        log = run(daily, "run", rows_per_write=DAILY_ROWS_PER_WRITE)
        daily.stitched_rows.append(stitched_rows(log))
        daily.store_batches.append(store_batches(log))
        daily.activity_batches.append(activity_batches(log))
        daily.rollup_rows.append(daily.scalar(rollup_rows))
        daily.as_of_dates.append(daily.scalar(current))
        daily.feature_dates.append(daily.query(computed))
        daily.users_per_date.append([n for (n,) in daily.query(users_per_date)])
        daily.store_dates.append({day for (day,) in daily.query(stored)})
        daily.erased_user_dates.append({day for (day,) in daily.query(erased_user)})
        daily.logs.append(log)
    run(daily, "test")
    run(full, "run")
    return daily, full


def log_derived_models(project: DbtProject) -> set[str]:
    if project.engine == "spark":
        return project.selected("--select", "fct_segment_membership+")
    listed = subprocess.run(
        [
            *DBT,
            "ls",
            "--select",
            "fct_segment_membership+",
            "--resource-type",
            "model",
            "--output",
            "name",
            "--project-dir",
            str(project.project_dir),
            "--profiles-dir",
            str(project.project_dir),
            "--quiet",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return {line.strip() for line in listed.stdout.splitlines() if line.strip()}


COMPARE_SCRIPT = """
import json, sys
import duckdb
left, right, queries = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
connection = duckdb.connect()
connection.sql(f"attach '{left}' as l (read_only)")
connection.sql(f"attach '{right}' as r (read_only)")
tables = {
    side: sorted(
        f"{schema}.{name}"
        for schema, name in connection.sql(
            "select table_schema, table_name from information_schema.tables "
            f"where table_catalog = '{side}' and table_schema in ('intermediate', 'marts')"
        ).fetchall()
    )
    for side in ("l", "r")
}
differences = {}
for label, (left_sql, right_sql) in queries.items():
    only_left = connection.sql(f"select count(*) from ({left_sql} except all {right_sql})").fetchall()[0][0]
    only_right = connection.sql(f"select count(*) from ({right_sql} except all {left_sql})").fetchall()[0][0]
    differences[label] = [only_left, only_right]
print(json.dumps({"tables": tables, "differences": differences}))
"""


def compare(left, right, queries: dict[str, tuple[str, str]]) -> dict:
    """Row differences (left only, right only) per query pair, and both sides' tables.

    Queries name the left warehouse `l`, the right one `r` (l.marts.dim_customers).
    DuckDB: in a subprocess (dbt-duckdb keeps the warehouses open in this one).
    Spark: on this worker's session, l. and r. read each copy's schemas.
    """
    if left.engine == "spark":
        return spark_compare(left, right, queries)
    completed = subprocess.run(
        [
            sys.executable,
            "-c",
            COMPARE_SCRIPT,
            str(left.database),
            str(right.database),
            json.dumps(queries),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    return json.loads(completed.stdout)


# Spark sums doubles in no fixed order (no ORDER BY inside an aggregate): a table
# rewritten by another run, in other files, can change the last bits of a sum read
# from it (a variance of 113.10788168044691 against ...685). Rows that differ
# exactly are matched again with floats to this relative tolerance.
SPARK_SUM_ORDER = 1e-12


def spark_compare(left: DbtProject, right: DbtProject, queries: dict[str, tuple[str, str]]) -> dict:
    """compare() on Spark, with the same queries (floats of differing rows: SPARK_SUM_ORDER)."""
    sides = {"l": left, "r": right}

    def local(sql: str) -> str:
        return re.sub(
            r"\b([lr])\.(raw|staging|intermediate|marts)\.",
            lambda match: f"{sides[match[1]].spark_schema}_{match[2]}.",
            sql,
        )

    def unmatched(left_sql: str, right_sql: str) -> list[int]:
        only = [
            sorted(
                (tuple(row) for row in spark_session().sql(local(f"{a} except all {b}")).collect()),
                key=sort_key,
            )
            for a, b in ((left_sql, right_sql), (right_sql, left_sql))
        ]
        if len(only[0]) == len(only[1]) and all(
            len(a) == len(b) and all(same(x, y, SPARK_SUM_ORDER) for x, y in zip(a, b, strict=True))
            for a, b in zip(*only, strict=True)
        ):
            return [0, 0]
        return [len(only[0]), len(only[1])]

    tables = {
        side: sorted(
            f"{schema}.{name}"
            for schema, name in project.tables("intermediate", "marts")
            # dbt-spark's working copies, and delete_rows' (none left after a run that ends)
            if not name.endswith(("__dbt_tmp", "__dbt_kept"))
        )
        for side, project in sides.items()
    }
    differences = {
        label: unmatched(left_sql, right_sql) for label, (left_sql, right_sql) in queries.items()
    }
    return {"tables": tables, "differences": differences}


# what says which build wrote a table, not what it computed: the dbt invocation and the files
PER_BUILD_COLUMNS = {
    "intermediate.int_segment_activation_settings": "invocation_id, warehouse_path, activation_output_path",
    "marts.fct_segment_activation_exports": "invocation_id, warehouse_path",
}


def same_tables(
    names: list[str], *, left="l", right="r", engine="duckdb"
) -> dict[str, tuple[str, str]]:
    keyword = "except" if engine == "spark" else "exclude"

    def select(side: str, name: str) -> str:
        exclude = f" {keyword} ({PER_BUILD_COLUMNS[name]})" if name in PER_BUILD_COLUMNS else ""
        return f"select *{exclude} from {side}.{name}"

    return {name: (select(left, name), select(right, name)) for name in names}


def test_every_table_not_derived_from_the_log_equals_a_full_refresh(projects):
    daily, full = projects
    log_derived = log_derived_models(daily)
    listed = compare(daily, full, {})["tables"]
    assert listed["l"] == listed["r"]
    compared = [
        name
        for name in listed["l"]
        if name.split(".")[1] not in log_derived and name not in PER_RUN_TABLES
    ]
    assert "intermediate.int_customer_features_daily" in compared
    assert len(compared) > 35  # the rollups, the feature store, customers, scores, ...
    queries = same_tables(compared, engine=daily.engine)
    # and the log agrees on the date both recorded (the latest event date:
    # D3, or the day after when a skewed device clock dates an event there)
    queries["log at the last date"] = (
        "select * from l.marts.fct_segment_membership "
        "where as_of_date = (select max(as_of_date) from l.marts.fct_segment_membership)",
        "select * from r.marts.fct_segment_membership",
    )
    differences = compare(daily, full, queries)["differences"]
    assert {name: diff for name, diff in differences.items() if diff != [0, 0]} == {}


def test_the_feature_store_writes_its_dates_in_batches_of_whole_dates(projects):
    """Each run's dates are cut, in date order, into batches of at most 1,000 rows.

    A date goes to batch floor(rows of the run's earlier dates / 1000): the batches
    expected from each run's rows per date (one per user known at the date) are the
    ones the run wrote; with more than one, the daily project differs from the full
    one (one statement per run) in how it wrote, and the tables compared above are
    equal all the same.
    """
    daily, _ = projects
    expected = []
    for users in daily.users_per_date:
        before = [sum(users[:index]) for index in range(len(users))]
        expected.append(len({rows // DAILY_ROWS_PER_WRITE for rows in before}))
    assert daily.store_batches == expected
    assert expected[0] > 10  # the first build: about two dates per batch
    assert max(expected[1:]) > 1  # and a daily run of several dates


def test_the_activity_model_computes_its_users_in_batches(projects):
    """One batch per 1,000 rows of int_user_daily_activity, rounded up, in every run.

    The daily project's activity model wrote several batches of users in every run
    (the full project one statement), and the tables compared above are equal: the
    batches change no row.
    """
    daily, _ = projects
    duckdb_only(daily, "user batches are DuckDB's (one statement on Spark)")
    expected = [-(-rows // DAILY_ACTIVITY_ROWS_PER_WRITE) for rows in daily.rollup_rows]
    assert daily.activity_batches == expected
    assert min(expected) > 1


def test_a_daily_run_computes_its_new_dates_and_the_ones_not_final_yet(projects):
    """The feature store: the first build computes its whole window, a daily run a few dates.

    A date is final once the data received reaches past its cut-off by the lookback
    (3 days: a file may land that late); until then every run computes it again. So
    D2, whose run had not seen the late file (received on D2, landed with D3's
    files), was computed again by D3's run, and the store equals a full refresh.
    """
    daily, _ = projects
    first = daily.feature_dates[0]
    days = [day for day, _ in first]
    assert str(days[-1]) == daily.as_of_dates[0]
    assert len(days) > 50 and days == [
        days[0] + dt.timedelta(days=offset) for offset in range(len(days))
    ]  # every date of the window, from the first date a user can be known
    for before, after, previous_date, as_of_date in zip(
        daily.feature_dates,
        daily.feature_dates[1:],
        daily.as_of_dates,
        daily.as_of_dates[1:],
        strict=False,
    ):
        previous_date, as_of_date = (dt.date.fromisoformat(d) for d in (previous_date, as_of_date))
        not_final = {day for day, is_final in before if not is_final}
        new = {
            previous_date + dt.timedelta(days=offset)
            for offset in range(1, (as_of_date - previous_date).days + 1)
        }
        assert {day for day, _ in after} == not_final | new
        # the dates not final: the lookback's 3 days before the latest receipt day, that day,
        # and D when a skewed device clock dates an event a day after it
        assert len(after) <= len(new) + 5
    d2_run, d3_run = daily.feature_dates[2], daily.feature_dates[3]
    assert D2 in {day for day, _ in d2_run} and D2 in {day for day, _ in d3_run}


def test_a_daily_run_restitches_some_users_not_all(projects):
    daily, _ = projects
    for run_rows in daily.stitched_rows:
        for name, (rebuilt, stored) in run_rows.items():
            # every day has new rows (D2's late identify and erasure among them) ...
            assert rebuilt > 0, (name, run_rows)
            # ... but not every user's: the others' rows were kept (in this dense sample most
            # users have an event received within the lookback, 3 days, so most are re-stitched)
            assert rebuilt < stored * 0.9, (name, run_rows)


def test_a_nightly_spark_run_rewrites_the_store_dates_it_deletes_from_not_the_store(projects):
    """Plain Parquet on Spark has no DELETE: the store's pre-hook rewrites the as_of_date
    partitions holding a row it deletes, and only those. They are the stored dates the run
    computes again, the dates it drops from the window, and, on the run that erases a user,
    every date holding that user's rows (erasure is retroactive)."""
    daily, _ = projects
    if daily.engine != "spark":
        pytest.skip("Spark only: DuckDB deletes the rows")
    erasing_runs = 0
    for number, log in enumerate(daily.logs, start=1):
        before, after = daily.store_dates[number - 1], daily.store_dates[number]
        recomputed = {day for day, _ in daily.feature_dates[number]}
        erased = (
            daily.erased_user_dates[number - 1] if not daily.erased_user_dates[number] else set()
        )
        erasing_runs += bool(erased)
        expected = (before & recomputed) | (before - after) | erased
        rewritten = re.findall(
            r"int_customer_features_daily: deleted the rows a run recomputes by rewriting "
            r"(\d+) partition\(s\) of as_of_date",
            log,
        )
        assert [int(count) for count in rewritten] == [len(expected)], (number, log[-3000:])
        if not erased:  # a few dates, not the store
            assert 0 < len(expected) < len(before) / 2, (number, len(expected), len(before))
    assert erasing_runs == 1  # D2's erasure, in the second daily run


def test_planted_cases_land_where_they_belong(projects, deliveries):
    daily, _ = projects
    buyer, erased = deliveries["buyer"], deliveries["erased"]
    retried_id = deliveries[D3][1][1]["event_id"][0].as_py()
    checks = {
        # the late order is in its own date's row
        "late order": (
            "select event_date from l.intermediate.int_identity_daily_activity "
            f"where user_id = '{buyer}' and event_date = '{D3 - dt.timedelta(days=20)}' and orders > 0",
            f"select date '{D3 - dt.timedelta(days=20)}'",
        ),
        # the identified device's earlier views are the buyer's, stitched from D2
        "late identify": (
            "select cast(sum(content_views) as bigint) from l.intermediate.int_user_daily_activity "
            f"where user_id = '{buyer}' and stitched_from_date = '{D2}' and event_date between "
            f"'{START + dt.timedelta(days=20)}' and '{START + dt.timedelta(days=25)}'",
            "select cast(6 as bigint)",
        ),
        # the retried event is a duplicate, the late file's row is clean
        "retry and late file": (
            "select event_id, row_status from l.staging.stg_raw__events_triaged "
            f"where event_id = 'planted-late-file' or source_file like '%day-{D3}-1%'",
            f"select * from (values ('{retried_id}', 'duplicate'), ('planted-late-file', 'clean'))",
        ),
    }
    # the corrected profile counts from the build that received it; the snapshot of 30 days
    # before still has the country it had then
    corrected, old_country, new_country = deliveries["corrected"]
    current = dt.date.fromisoformat(daily.as_of_dates[-1])
    earlier = current - dt.timedelta(days=30)
    checks["profile correction"] = (
        "select as_of_date, country from l.intermediate.int_customer_features_daily "
        f"where user_id = '{corrected}' and as_of_date in ('{current}', '{earlier}')",
        f"select * from (values (date '{current}', '{new_country}'), "
        f"(date '{earlier}', '{old_country}'))",
    )
    # the erased user is gone from every stored rollup and mart
    for relation in (
        "intermediate.int_identity_daily_activity",
        "intermediate.int_identity_daily_app_versions",
        "intermediate.int_identity_daily_breakdowns",
        "intermediate.int_identity_daily_campaign_messages",
        "intermediate.int_user_daily_activity",
        "intermediate.int_customer_features_daily",
        "marts.dim_customers",
        "marts.fct_segment_membership",
        "marts.fct_segment_membership_history",
    ):
        checks[f"erased from {relation}"] = (
            f"select user_id from l.{relation} where user_id = '{erased}'",
            "select 'nobody' where false",
        )
    differences = compare(daily, daily, checks)["differences"]
    assert {name: diff for name, diff in differences.items() if diff != [0, 0]} == {}


def copy_and_run(project: DbtProject, folder, name: str, *args: str):
    """Copy the project's warehouse into folder, as name, and run dbt there; the original is
    left alone.

    The copy, for compare(). On Spark, a copy of the project in folder/name with schemas
    of its own, into which every table of the project's is copied (partitioning kept); it
    reads the project's raw files (their paths are data). On DuckDB, folder/name.duckdb.
    """
    target = folder / (name if project.engine == "spark" else f"{name}.duckdb")
    if project.engine == "spark":
        copy = DbtProject(target, engine="spark")
        copy.raw = project.raw
        project.copy_spark_tables_into(copy)
        run(copy, *args)
        return copy
    target.write_bytes(project.database.read_bytes())
    original, original_activation = project.database, project.activation
    project.database = target
    # the copy is another warehouse: its exports go to a folder of its own
    project.activation = target.parent / f"{target.stem}_activation"
    try:
        project.write_profile()
        run(project, *args)
    finally:
        project.database, project.activation = original, original_activation
        project.write_profile()
    return SimpleNamespace(engine="duckdb", database=target)


LOG_DERIVED_MARTS = [
    "marts.fct_segment_membership_history",
    "marts.fct_segment_transitions",
    "marts.fct_rfm_segment_transitions",
]


def test_log_derived_tables_equal_a_full_refresh_over_the_same_log(projects, tmp_path):
    daily, _ = projects
    refreshed = copy_and_run(
        daily,
        tmp_path,
        "refreshed",
        "run",
        "--select",
        "fct_segment_membership_history+",
        "--full-refresh",
    )
    queries = same_tables(LOG_DERIVED_MARTS, engine=daily.engine)
    # one recorded date per distinct D of the four runs (a day's clock-skewed
    # event can make two runs' latest event date the same)
    recorded = len(set(daily.as_of_dates))
    assert recorded >= 3, daily.as_of_dates
    queries["recorded dates"] = (
        "select count(distinct as_of_date), count(*) > 1000 from l.marts.fct_segment_membership",
        f"select {recorded}, true",
    )
    differences = compare(daily, refreshed, queries)["differences"]
    assert {name: diff for name, diff in differences.items() if diff != [0, 0]} == {}


def test_a_repeated_incremental_run_changes_nothing(projects, tmp_path):
    daily, _ = projects
    again = copy_and_run(
        daily,
        tmp_path,
        "again",
        "run",
        "--exclude",
        "int_segment_activation_files",
    )
    listed = compare(daily, again, {})["tables"]["l"]
    kept = [name for name in listed if name not in PER_RUN_TABLES]
    queries = same_tables([*kept, "staging.stg_raw__events_triaged"], engine=daily.engine)
    # the run computed again only the dates not final (the last run's latest few), the same rows
    queries["dates computed again"] = (
        "select distinct as_of_date from l.intermediate.int_customer_features_daily "
        "where not is_final",
        "select as_of_date from r.intermediate.int_feature_dates",
    )
    differences = compare(daily, again, queries)["differences"]
    assert {name: diff for name, diff in differences.items() if diff != [0, 0]} == {}
