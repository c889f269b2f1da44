"""The same project on Spark: every mart of a generated sample equals DuckDB's, row for row.

One sample is built on DuckDB and on Spark (dbt-spark, method session, in
this process) with the same vars: the generated sample of the scores and
performance tests (2,000 users over 180 days, 35 days of history; conftest
runs the three files on one worker, so each engine builds it once); then
every table of the marts schema is read from both and compared: the same
columns, the same number of rows, and row for row (sorted by every column)
the same values: text, dates, booleans and integers exactly, numbers to
1e-9 relative. Anything one engine computes differently without an error
(an overflow that Spark's non-ANSI mode turns into null, a regex flag read
as a position) shows up here and nowhere else.

`make compare-engines` runs the same comparison on the default sample
(data/raw: 5,000 users over 180 days, 75 days of history, as `make build`
builds it; SEGMENTS_COMPARE_SAMPLE=default).
"""

from __future__ import annotations

import os
import shutil
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from tests.conftest import (
    GENERATED_SAMPLE_VARIABLES,
    REPO,
    DbtProject,
    same,
    sort_key,
    spark_session,
)

pytestmark = pytest.mark.spark

# the sample compared: the generated sample of the score and performance tests, or
# (SEGMENTS_COMPARE_SAMPLE=default, make compare-engines) the default sample with make
# build's vars
DEFAULT_SAMPLE = os.environ.get("SEGMENTS_COMPARE_SAMPLE") == "default"
VARIABLES = {"segments__history_days": 75} if DEFAULT_SAMPLE else GENERATED_SAMPLE_VARIABLES
RELATIVE = 1e-9
# Columns that name the build or hold the engine's own SQL, not data: where the
# build wrote (paths, the warehouse, dbt's invocation) and a segment's rule as
# the engine's SQL (condition_sql: Spark's date arithmetic is spelled
# differently) with its hash (definition_hash, so a rule change shows in
# each warehouse's history).
NOT_DATA = {
    "file_path",
    "warehouse_path",
    "activation_output_path",
    "invocation_id",
    "condition_sql",
    "definition_hash",
}
# Fitted on logarithms: Java's ln is off glibc's by an ulp for some inputs (ln 3 is
# 1.0986122886681096 on Spark, ...098 on DuckDB), and the propensity fit (lbfgs,
# tol 1e-10) carries that into its coefficients at ~4e-11 absolute, 4e-9 relative
# for the smallest. They, and the scores made of them, agree to 1e-7.
FITTED_ON_LOGARITHMS = {
    "coefficient",
    "propensity_score",
    "conversion_propensity",
    "upgrade_propensity",
    "churn_propensity",
}


@pytest.fixture(scope="module")
def engines(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, DbtProject]:
    """The sample built on each engine (on Spark without its data tests: they run in make
    test-spark)."""
    if not DEFAULT_SAMPLE:
        return {
            "duckdb": request.getfixturevalue("generated_sample"),
            "spark": request.getfixturevalue("generated_sample_on_spark"),
        }
    raw = REPO / "data" / "raw"
    assert (raw / "manifest.json").exists(), "no default sample: run make data/raw/manifest.json"
    projects = {}
    for engine in ("duckdb", "spark"):
        project = DbtProject(tmp_path_factory.mktemp(f"sample-{engine}"), engine=engine)
        shutil.copytree(raw, project.raw)
        for command in ("seed", "run"):
            result = project.dbt(command, variables=VARIABLES)
            assert result.success, f"{engine} {command}: {result.text}"
        projects[engine] = project
    return projects


def mart_tables(project: DbtProject) -> list[str]:
    return [
        name
        for (name,) in project.query(
            "select table_name from information_schema.tables "
            "where table_schema = 'marts' order by table_name"
        )
    ]


def comparable(value: object, root: Path) -> object:
    """A value as both engines should agree on it: decimals as floats, paths without the root."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, str) and str(root) in value:
        return value.replace(str(root), "<project>")
    return value


def rows(project: DbtProject, table: str) -> tuple[list[str], list[tuple]]:
    if project.engine == "spark":
        frame = spark_session().table(f"{project.spark_schema}_marts.{table}")
        columns, fetched = frame.columns, [tuple(row) for row in frame.collect()]
    else:
        with duckdb.connect(str(project.database)) as connection:
            relation = connection.table(f"marts.{table}")
            columns, fetched = relation.columns, relation.fetchall()
    # by name: Spark puts a table's partition column last (fct_segment_membership's as_of_date)
    kept = sorted(
        (index for index, column in enumerate(columns) if column not in NOT_DATA),
        key=lambda index: columns[index],
    )
    converted = [tuple(comparable(row[index], project.root) for index in kept) for row in fetched]
    return [columns[index] for index in kept], sorted(converted, key=sort_key)


def test_every_mart_is_equal_on_duckdb_and_spark(engines: dict[str, DbtProject]) -> None:
    tables = mart_tables(engines["duckdb"])
    assert len(tables) > 40
    differences = []
    for table in tables:
        duck_columns, duck_rows = rows(engines["duckdb"], table)
        spark_columns, spark_rows = rows(engines["spark"], table)
        if duck_columns != spark_columns:
            differences.append(f"{table}: columns {duck_columns} != {spark_columns}")
            continue
        if len(duck_rows) != len(spark_rows):
            differences.append(
                f"{table}: {len(duck_rows)} rows on DuckDB, {len(spark_rows)} on Spark"
            )
            continue
        for duck_row, spark_row in zip(duck_rows, spark_rows, strict=True):
            unequal = [
                f"{column}: {left!r} != {right!r}"
                for column, left, right in zip(duck_columns, duck_row, spark_row, strict=True)
                if not same(left, right, 1e-7 if column in FITTED_ON_LOGARITHMS else RELATIVE)
            ]
            if unequal:
                differences.append(f"{table}: first differing row: {'; '.join(unequal)}")
                break
    assert differences == [], "\n".join(differences)


@pytest.mark.spark_full
def test_the_spark_build_passes_every_data_test_and_unit_test(
    engines: dict[str, DbtProject],
) -> None:
    """The data tests and dbt unit tests of the project, on the Spark warehouse of the sample."""
    tested = engines["spark"].dbt("test", variables=VARIABLES, unit_tests=True)
    assert tested.success, tested.text


def test_a_contracts_not_null_column_holding_a_null_fails_on_spark(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Plain Parquet tables take no NOT NULL: spark__persist_constraints checks the table
    written and fails the model naming the column and the count of nulls."""
    project = DbtProject(tmp_path_factory.mktemp("contract-on-spark"), engine="spark")
    (project.raw / "events").mkdir(parents=True)
    (project.project_dir / "models" / "probe_not_null.sql").write_text(
        "select 'a' as probe_key, cast(null as string) as probe_value\n"
        "union all select 'b', cast(null as string)\n"
        "union all select 'c', 'held'\n"
    )
    (project.project_dir / "models" / "probe_not_null.yml").write_text(
        "models:\n"
        "  - name: probe_not_null\n"
        "    description: A contracted model with nulls in a not_null column.\n"
        "    config:\n"
        "      materialized: table\n"
        "      contract: {enforced: true}\n"
        "    columns:\n"
        "      - name: probe_key\n"
        "        description: Key.\n"
        "        data_type: string\n"
        "        constraints: [{type: not_null}]\n"
        "      - name: probe_value\n"
        "        description: Two of three rows are null.\n"
        "        data_type: string\n"
        "        constraints: [{type: not_null}]\n"
    )
    run = project.dbt("run", "--select", "probe_not_null")
    assert not run.success
    assert (
        "Contract of probe_not_null: not_null column probe_value (2 nulls) hold nulls in "
        f"{project.spark_schema}.probe_not_null"
    ) in run.text
