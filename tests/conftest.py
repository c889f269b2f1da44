"""Shared pytest helpers: a throw-away copy of the dbt project on its own DuckDB file.

The pattern: copy the project into a temp dir, write a profiles.yml that
points DuckDB at a temp file, write raw Parquet fixtures, run dbt in-process
with dbtRunner (one invocation at a time), then read the results with duckdb.

A copy on Spark (DbtProject(root, engine="spark")) runs dbt-spark in this
process (method session) on the one Spark session of this pytest worker;
its schemas are prefixed with a name of its own (<prefix>_marts, ...), so
copies never meet, and query() reads them there. Spark's tests are marked
`spark` (make test runs a subset, make test-spark all of them).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from dbt.cli.main import dbtRunner, dbtRunnerResult

from smart_segments_datagen.writer import CAMPAIGN_SCHEMA, EVENT_SCHEMA, PROFILE_SCHEMA
from tests.parse_shortcut import parsed_vars

# The working tables of a run: the dates the feature store computed in it and their features
# (a first build holds the whole window there, a nightly run a few dates, a rerun none). The
# store, intermediate.int_customer_features_daily, holds every date and is compared as any table.
PER_RUN_TABLES = frozenset(
    {
        "intermediate.int_feature_dates",
        "intermediate.int_customer_profiles_as_of",
        "intermediate.int_customer_activity_as_of",
        "intermediate.int_customer_breakdowns_as_of",
        "intermediate.int_customer_messaging_as_of",
        "intermediate.int_customer_features_to_store",
    }
)

# What macros/staging/trimmed_text.sql removes from both ends of an id: ASCII
# blanks and controls, no-break and other Unicode spaces, zero-width and
# byte-order marks.
BLANK_CODE_POINTS = [
    *range(33),
    127,
    133,
    160,
    5760,
    *range(8192, 8204),
    8232,
    8233,
    8239,
    8287,
    12288,
    65279,
]


def full_trim_sql(column: str) -> str:
    """SQL that trims every blank code point off both ends of `column` (the slow, plain way)."""
    return f"trim({column}, " + " || ".join(f"chr({code})" for code in BLANK_CODE_POINTS) + ")"


REPO = Path(__file__).resolve().parents[1]
PROJECT_PARTS = [
    "dbt_project.yml",
    "selectors.yml",
    "models",
    "macros",
    "seeds",
    "data-tests",
    "analyses",
]
SCHEMAS = {"events": EVENT_SCHEMA, "profiles": PROFILE_SCHEMA, "campaigns": CAMPAIGN_SCHEMA}


_PARSE_STATES = Path(tempfile.mkdtemp(prefix="smart-segments-parse-"))
# The Spark warehouse and metastore of this worker's Spark session (one a process)
_SPARK_DIR = Path(tempfile.mkdtemp(prefix="smart-segments-spark-"))
ENGINES = ("duckdb", "spark")
SCHEMA_NAMES = re.compile(r"\b(raw|staging|intermediate|marts)\.")


# The engines a fixture-built test file runs on: DuckDB in make test, Spark in make
# test-spark (its tests marked spark and spark_full): @pytest.fixture(params=ON_BOTH_ENGINES)
ON_BOTH_ENGINES = [
    "duckdb",
    pytest.param("spark", marks=[pytest.mark.spark, pytest.mark.spark_full]),
]


def duckdb_only(project: DbtProject, reason: str) -> None:
    """Skip the rest of a test on Spark, saying why it checks DuckDB's behaviour only."""
    if project.engine != "duckdb":
        pytest.skip(f"DuckDB only: {reason}")


def sort_key(row: tuple) -> tuple:
    """Order rows by every column, floats to 6 significant digits (their last bits may differ)."""
    key = []
    for value in row:
        if value is None:
            key.append((0, ""))
        elif isinstance(value, float):
            key.append((1, float(f"{value:.6g}") if math.isfinite(value) else str(value)))
        else:
            key.append((2, str(value)))
    return tuple(key)


def same(left: object, right: object, relative: float) -> bool:
    """Equal values; floats (and a float beside an integer) to a relative tolerance."""
    if isinstance(left, float) and isinstance(right, float | int):
        if math.isnan(left) or math.isnan(float(right)):
            return math.isnan(left) and math.isnan(float(right))
        return math.isclose(left, float(right), rel_tol=relative, abs_tol=1e-12)
    if isinstance(right, float) and isinstance(left, int):
        return same(right, left, relative)
    return left == right


def spark_session():
    """This worker's Spark session (dbt-spark's, once a Spark copy has run dbt)."""
    from pyspark.sql import SparkSession

    return SparkSession.builder.getOrCreate()


# What every dbt invocation of the suite (in this process or a subprocess) leaves
# out, each a few seconds an invocation that no test reads:
# - unit tests: they check the code on fixed rows, whatever the data; `make
#   dbt-test` runs them, and a test that needs them asks (DbtProject.dbt(...,
#   unit_tests=True));
# - the JSON artefacts (manifest.json, run_results.json): parse and docs, and a
#   test that reads them, pass --write-json;
# - the debug log file: a failing test shows dbt's messages from its results.
SUITE_DBT_ENVIRONMENT = {
    "DBT_EXCLUDE_RESOURCE_TYPES": "unit_test",
    "DBT_WRITE_JSON": "false",
    "DBT_LOG_LEVEL_FILE": "none",
}
os.environ.update(SUITE_DBT_ENVIRONMENT)
WRITES_JSON = {"parse", "docs"}


# what dbt writes into a project folder (not what it reads)
NOT_PARSED = {"target", "logs", "dbt_packages"}


def _project_digest(project_dir: Path) -> str:
    """The project's files as dbt reads them (paths and contents)."""
    digest = hashlib.sha256()
    for path in sorted(project_dir.rglob("*")):
        relative = path.relative_to(project_dir)
        if relative.parts[0] in NOT_PARSED or not path.is_file():
            continue
        digest.update(str(relative).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _shared_parse_state(project_dir: Path, variables: dict) -> Path:
    """Where this worker keeps the partial-parse file of the last invocation on the same
    files with the same parsed vars: dbt then re-parses nothing. A test that edits a
    copy's files gets a parse of its own (dbt's partial parse of an edited YAML file,
    fed the state of another copy, once came out wrong)."""
    parsed = {k: v for k, v in variables.items() if k in parsed_vars(project_dir)}
    key = hashlib.sha256(
        (json.dumps(parsed, sort_keys=True) + _project_digest(project_dir)).encode()
    ).hexdigest()[:16]
    return _PARSE_STATES / f"{key}.msgpack"


@dataclass
class DbtRun:
    success: bool
    messages: list[str]
    # what the project's macros logged (log(..., info=true)), in order
    logged: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.messages)


class DbtProject:
    """A copy of the project in a temp dir with its own DuckDB file and raw data dir."""

    def __init__(self, root: Path, engine: str = "duckdb") -> None:
        assert engine in ENGINES, engine
        self.engine = engine
        # a copy's own schema prefix on Spark: the temp folder's name, made a SQL name
        self.spark_schema = "t_" + re.sub(r"[^a-z0-9]", "_", root.name.lower())
        self.root = root
        self.raw = root / "raw"
        self.activation = root / "activation"
        self.database = root / "warehouse.duckdb"
        for part in PROJECT_PARTS:
            source = REPO / part
            target = root / "project" / part
            if source.is_dir():
                shutil.copytree(source, target)
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(source, target)
        self.project_dir = root / "project"
        self.write_profile()

    def write_profile(self, threads: int = 1) -> None:
        """profiles.yml on the temp DuckDB file, with dbt's threads and DuckDB's own.

        One of each by default: pytest runs a worker per core, and on the hand-made
        rows a second thread of either made a build no quicker and cost ~10% more
        CPU (a fixture build: 37.5 s of CPU with one, 41-43 s with two).
        tests/test_determinism_and_vars.py builds with one and with two.
        """
        if self.engine == "spark":
            self.write_spark_profile(threads)
            return
        (self.project_dir / "profiles.yml").write_text(
            "smart_segments:\n"
            "  target: test\n"
            "  outputs:\n"
            "    test:\n"
            "      type: duckdb\n"
            f"      path: '{os.path.relpath(self.database, self.project_dir)}'\n"
            "      schema: main\n"
            f"      threads: {threads}\n"
            f"      module_paths: ['{REPO}']\n"
            "      plugins:\n"
            "        - module: smart_segments_ops.warehouse_guard\n"
            "        - module: smart_segments_ops.publication\n"
            "      settings:\n"
            f"        threads: {threads}\n"
        )

    def write_spark_profile(self, threads: int) -> None:
        """profiles.yml on this worker's local Spark session, in schemas of this copy's own."""
        from smart_segments_ops.dbt_spark import register

        register()  # Python models run in this process (smart_segments_ops/dbt_spark.py)
        (self.project_dir / "profiles.yml").write_text(
            "smart_segments:\n"
            "  target: test\n"
            "  outputs:\n"
            "    test:\n"
            "      type: spark\n"
            "      method: session\n"
            "      host: localhost\n"
            f"      schema: {self.spark_schema}\n"
            f"      threads: {threads}\n"
            "      server_side_parameters:\n"
            "        spark.master: 'local[2]'\n"
            "        spark.driver.memory: 3g\n"
            f"        spark.sql.warehouse.dir: '{_SPARK_DIR}/warehouse'\n"
            "        spark.hadoop.javax.jdo.option.ConnectionURL: "
            f"'jdbc:derby:;databaseName={_SPARK_DIR}/metastore_db;create=true'\n"
            # the parallel collector: a fixture build's JVM CPU 142 s with it, 152 s with the
            # default G1 (GC 8 s against 19 s; a second build in one JVM, 2026-12-06)
            "        spark.driver.extraJavaOptions: "
            f"'-Dderby.system.home={_SPARK_DIR} -XX:+UseParallelGC'\n"
            "        spark.sql.session.timeZone: UTC\n"
            "        spark.sql.shuffle.partitions: '2'\n"
            "        spark.ui.enabled: 'false'\n"
        )

    def write_raw(self, source: str, rows: list[dict], name: str = "part-0.parquet") -> Path:
        """Write rows (dicts keyed by contract column) as one Parquet file of a source."""
        schema = SCHEMAS[source]
        columns = {field.name: [row.get(field.name) for row in rows] for field in schema}
        path = self.raw / source / name
        path.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.Table.from_pydict(columns, schema=schema), path)
        return path

    def invoke(
        self,
        *args: str,
        variables: dict | None = None,
        unit_tests: bool = False,
        callbacks: list | None = None,
    ) -> dbtRunnerResult:
        """dbt with these arguments on this copy (its raw data, activation folder, profile).

        Every copy names its warehouse, raw data and activation folder by the
        same paths relative to its project folder (where the project resolves
        them, smart_segments_ops.warehouse_guard and macro project_path), so two
        copies with the same files share a parse: the copy gets the
        partial-parse file of the last invocation on the same files with the
        same parsed vars (any copy, this worker), and dbt re-parses nothing.
        A full parse costs ~11 s; a shared one ~1 s. unit_tests: run
        the unit tests too (SUITE_DBT_ENVIRONMENT leaves them out); callbacks:
        dbtRunner's, called with each event.
        """
        merged = {
            "raw_data_path": os.path.relpath(self.raw, self.project_dir),
            "activation_output_path": os.path.relpath(self.activation, self.project_dir),
        }
        merged |= variables or {}
        command = [
            *args,
            *(["--write-json"] if args[0] in WRITES_JSON else []),
            "--project-dir",
            str(self.project_dir),
            "--profiles-dir",
            str(self.project_dir),
            "--vars",
            json.dumps(merged),
        ]
        parse_state = self.project_dir / "target" / "partial_parse.msgpack"
        shared_state = _shared_parse_state(self.project_dir, merged)
        if shared_state.exists():
            parse_state.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(shared_state, parse_state)
        excluded = os.environ.pop("DBT_EXCLUDE_RESOURCE_TYPES", None) if unit_tests else None
        try:
            return dbtRunner(callbacks=callbacks or []).invoke(command)
        finally:
            if excluded is not None:
                os.environ["DBT_EXCLUDE_RESOURCE_TYPES"] = excluded
            if parse_state.exists():
                shutil.copyfile(parse_state, shared_state)

    def selected(self, *args: str) -> set[str]:
        """The names of the models dbt ls selects with these arguments."""
        result = self.invoke("ls", "--resource-type", "model", "--output", "name", "--quiet", *args)
        assert result.success, result.exception
        return set(result.result)

    def dbt(self, *args: str, variables: dict | None = None, unit_tests: bool = False) -> DbtRun:
        logged = []

        def keep_logged(event) -> None:
            if event.info.name == "JinjaLogInfo":
                logged.append(event.info.msg)

        result = self.invoke(
            *args, variables=variables, unit_tests=unit_tests, callbacks=[keep_logged]
        )
        messages = []
        if result.exception is not None:
            messages.append(str(result.exception))
        for node_result in getattr(result.result, "results", None) or []:
            if node_result.status not in ("success", "pass") and node_result.message:
                messages.append(f"{node_result.node.name}: {node_result.message}")
        return DbtRun(success=result.success, messages=messages, logged=logged)

    def query(self, sql: str, parameters: list | None = None) -> list[tuple]:
        """Rows of a query, with ? parameters if given (both engines bind them); on Spark,
        raw., staging., intermediate. and marts. read this copy's."""
        if self.engine == "spark":
            return [
                tuple(row)
                for row in spark_session().sql(self.spark_sql(sql), args=parameters).collect()
            ]
        with duckdb.connect(str(self.database)) as connection:
            if parameters is not None:
                return connection.execute(sql, parameters).fetchall()
            return connection.sql(sql).fetchall()

    def spark_sql(self, sql: str) -> str:
        """The SQL with raw., staging., intermediate. and marts. naming this copy's schemas."""
        return SCHEMA_NAMES.sub(lambda match: f"{self.spark_schema}_{match[1]}.", sql)

    def columns(self, relation: str) -> list[str]:
        """A table's column names ("schema.table"), in order (Spark lists partition columns
        last)."""
        if self.engine == "spark":
            return spark_session().table(self.spark_sql(relation)).columns
        return [row[0] for row in self.query(f"describe {relation}")]

    def update(
        self, relation: str, assignments: dict[str, str], where: str, parameters: list | None = None
    ) -> int:
        """UPDATE relation SET column = expression ... WHERE where; the number of rows it
        matched. Parameters bind where's ? markers (expressions take none). Plain Parquet
        on Spark takes no UPDATE: there the table is rewritten from a copy of itself with
        the new values (a statement cannot overwrite a table it reads)."""
        matched = self.scalar(f"select count(*) from {relation} where {where}", parameters)
        if self.engine == "duckdb":
            settings = ", ".join(f"{name} = {value}" for name, value in assignments.items())
            self.query(f"update {relation} set {settings} where {where}", parameters)
            return matched
        session = spark_session()
        table = self.spark_sql(relation)
        kept = f"{table}__updated"
        types = {field.name: field.dataType.simpleString() for field in session.table(table).schema}
        values = ", ".join(
            f"cast(case when {where} then {assignments[name]} else {name} end as {types[name]}) "
            f"as {name}"
            if name in assignments
            else name
            for name in types
        )
        # where's parameters, once for each column it sets
        repeated = (parameters or []) * len(assignments)
        session.sql(f"create table {kept} using parquet as select {values} from {table}", repeated)
        session.sql(f"insert overwrite table {table} select * from {kept}")
        session.sql(f"drop table {kept}")
        return matched

    def tables(self, *schemas: str) -> list[tuple[str, str]]:
        """(schema, table) of every table and view in these schemas (names as on DuckDB)."""
        if self.engine == "spark":
            return [
                (schema, row.tableName)
                for schema in schemas
                for row in spark_session()
                .sql(f"show tables in {self.spark_schema}_{schema}")
                .collect()
                if not row.isTemporary
            ]
        listed = ", ".join(f"'{schema}'" for schema in schemas)
        return self.query(
            "select table_schema, table_name from information_schema.tables "
            f"where table_schema in ({listed}) order by 1, 2"
        )

    def text_columns(self, schema: str, table: str) -> list[str]:
        """The names of a table's text columns."""
        if self.engine == "spark":
            fields = spark_session().table(f"{self.spark_schema}_{schema}.{table}").schema.fields
            return [field.name for field in fields if field.dataType.simpleString() == "string"]
        return [
            name
            for (name,) in self.query(
                "select column_name from information_schema.columns where table_schema = "
                f"'{schema}' and table_name = '{table}' and data_type = 'VARCHAR'"
            )
        ]

    def quoted(self, identifier: str) -> str:
        """An identifier quoted for this copy's engine."""
        return f"`{identifier}`" if self.engine == "spark" else f'"{identifier}"'

    def scalar(self, sql: str, parameters: list | None = None):
        return self.query(sql, parameters)[0][0]

    def copy_spark_tables_into(self, copy: DbtProject) -> None:
        """Copy this Spark warehouse into another copy's schemas, for a test that builds on a
        warehouse without changing it: every table (partitioning kept), then the views,
        which dbt creates again in the copy (they hold no rows; set copy.raw first)."""
        session = spark_session()
        for schema in ("staging", "intermediate", "marts"):
            session.sql(f"create database if not exists {copy.spark_schema}_{schema}")
            for table in session.catalog.listTables(f"{self.spark_schema}_{schema}"):
                if table.tableType != "MANAGED":
                    continue
                source = f"{self.spark_schema}_{schema}.{table.name}"
                copied = f"{copy.spark_schema}_{schema}.{table.name}"
                session.sql(f"create table {copied} like {source} using parquet")
                session.sql(f"insert into {copied} select * from {source}")
        views = copy.dbt("run", "--select", "config.materialized:view")
        assert views.success, views.text


def build_fixture_project(
    root: Path,
    *,
    profiles: list[dict],
    events: list[dict],
    campaigns: list[dict],
    as_of_date: str,
    command: tuple[str, ...] = ("build",),
    engine: str = "duckdb",
) -> DbtProject:
    """A project copy on hand-made raw rows, built as of a date; fails with dbt's messages.

    command: ("build",) runs the data tests too; ("seed",) then ("run",) is
    quicker where the test's own assertions are the point. On Spark, a build is
    seed then run: its 552 data tests are a Spark job each (~100 s a build on 2
    cores), and they run on Spark where its data is not hand-made rows asserted
    row by row: on the generated sample (tests/test_spark.py), after the
    incremental runs (tests/test_incremental.py), on the dirty rows of
    tests/test_staging_pipeline.py and after a backfill (tests/test_segment_history.py).
    """
    project = DbtProject(root, engine=engine)
    project.write_raw("profiles", profiles)
    project.write_raw("events", events)
    project.write_raw("campaigns", campaigns)
    if engine == "spark" and command == ("build",):
        command = ("run",)
    if command == ("run",):
        seeded = project.dbt("seed")
        assert seeded.success, seeded.text
    run = project.dbt(*command, variables={"as_of_date": as_of_date})
    assert run.success, run.text
    return project


# The files that read the generated sample on both engines: one unit of work, so each
# engine builds it once (session fixtures are per worker). On Spark that build takes
# ~8 min on 2 cores, most of it a cost per model, not per row.
GENERATED_SAMPLE_FILES = frozenset(
    {"tests/test_spark.py", "tests/test_performance.py", "tests/test_scores.py"}
)
# a test of a fixture on both engines (params=ON_BOTH_ENGINES), on Spark: "test[spark]",
# "test[spark-students]"
ON_SPARK = re.compile(r"\[(?:[^\]]*-)?spark(?:-[^\]]*)?\]$")


def work_unit(nodeid: str) -> str:
    """The unit of work --dist loadfile sends a test with to one worker: its file; a file's
    tests on Spark apart from its tests on DuckDB (each engine builds its own fixtures, so
    the two halves may run on two workers); the GENERATED_SAMPLE_FILES together."""
    path = nodeid.split("::")[0]
    if path in GENERATED_SAMPLE_FILES:
        return "tests/[generated sample]"
    return f"{path} [spark]" if ON_SPARK.search(nodeid) else path


# What each slow unit of work costs (seconds on one worker, 2 cores, the other worker
# busy too; a unit not named costs less than 30 s). With --dist loadfile, xdist sends
# the units with the most tests first, and these, with few tests and many builds, came
# last, where one of them could keep a worker busy after the other ran out of work: the
# Makefile turns that order off, and the slowest units go first (measured: make test
# 22:55 -> 22:20, the two cores already ~186% busy). The DuckDB units: make test,
# 2026-12-04; the Spark units and the generated sample (both engines): make test-all,
# 2026-12-06.
UNIT_SECONDS = {
    "tests/test_incremental.py [spark]": 1750,
    "tests/test_segment_history.py [spark]": 1700,
    "tests/[generated sample]": 1150,
    "tests/test_customer_profile.py [spark]": 290,
    "tests/test_staging_pipeline.py [spark]": 200,
    "tests/test_segments.py [spark]": 170,
    "tests/test_incremental.py": 229,
    "tests/test_publication.py": 219,
    "tests/test_crash_safety.py": 199,
    "tests/test_segment_history.py": 188,
    "tests/test_user_mistakes.py": 178,
    "tests/test_segment_extensibility.py": 124,
    "tests/test_adversarial_rows.py": 116,
    "tests/test_semantic_layer_warehouse.py": 91,
    "tests/test_reliability.py": 88,
    "tests/test_determinism_and_vars.py": 76,
    "tests/test_report.py": 75,
    "tests/test_settings.py": 71,
    "tests/test_segments.py": 61,
    "tests/test_customer_profile.py": 47,
    "tests/test_campaign_impact.py": 40,
    "tests/test_staging_pipeline.py": 37,
    "tests/test_source_contract.py": 30,
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The slowest units of work first (a stable sort: each unit's tests stay in order)."""
    items.sort(key=lambda item: -UNIT_SECONDS.get(work_unit(item.nodeid), 0))


def pytest_xdist_make_scheduler(config: pytest.Config, log):
    """--dist loadfile, by work_unit."""
    if config.getoption("dist", None) != "loadfile":
        return None  # xdist's own scheduler
    from xdist.scheduler import LoadFileScheduling

    class ByWorkUnit(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return work_unit(nodeid)

    return ByWorkUnit(config, log)


@pytest.fixture
def make_project(tmp_path_factory: pytest.TempPathFactory):
    """Factory: a fresh project copy per call."""

    def factory(name: str = "project") -> DbtProject:
        return DbtProject(tmp_path_factory.mktemp(name))

    return factory


# the generated sample's build: 35 days of history, as of its last clean event date
GENERATED_SAMPLE_VARIABLES = {"segments__history_days": 35}


def build_generated_sample(root: Path, engine: str) -> DbtProject:
    """2,000 generated users over 180 days, built with 35 days of history.

    The build records 35 days of history, as a warehouse run nightly for a month would hold:
    segment performance reads its cohorts from the membership log (D back to D - 5). On
    Spark, models and seeds only: the Spark build's data tests run in tests/test_spark.py.
    """
    import datetime as dt

    from smart_segments_datagen.config import GeneratorConfig
    from smart_segments_datagen.writer import generate

    project = DbtProject(root, engine=engine)
    generate(
        GeneratorConfig(users=2000, days=180, start_date=dt.date(2026, 1, 1), seed=11), project.raw
    )
    skipped = ["--exclude-resource-type", "test"] if engine == "spark" else []
    run = project.dbt("build", *skipped, variables=GENERATED_SAMPLE_VARIABLES)
    assert run.success, run.text
    return project


@pytest.fixture(scope="session")
def generated_sample(tmp_path_factory: pytest.TempPathFactory) -> DbtProject:
    """The generated sample (build_generated_sample), built once per test session (per xdist
    worker); read only."""
    return build_generated_sample(tmp_path_factory.mktemp("generated-sample"), "duckdb")


@pytest.fixture(scope="session")
def generated_sample_on_spark(tmp_path_factory: pytest.TempPathFactory) -> DbtProject:
    """The same sample built on Spark, once per test session (per xdist worker); read only."""
    return build_generated_sample(tmp_path_factory.mktemp("generated-sample-spark"), "spark")


@pytest.fixture(scope="module", params=ON_BOTH_ENGINES)
def generated_sample_on_each_engine(request: pytest.FixtureRequest) -> DbtProject:
    """The generated sample built on DuckDB, then on Spark (make test-spark)."""
    if request.param == "duckdb":
        return request.getfixturevalue("generated_sample")
    return request.getfixturevalue("generated_sample_on_spark")
