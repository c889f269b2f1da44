"""The tables a Python model reads, the same on DuckDB and on Spark.

A dbt Python model gets its inputs from `dbt.ref()`: a DuckDB relation on
DuckDB, a Spark DataFrame on Spark. The project's Python models read them
through `frame()`, which offers the few relation methods they use, with
DuckDB's results on both engines:

- `filter(sql)`, `project("a, b as c")`, `order("a, b desc")`, `union(other)`:
  new frames, SQL expressions as strings;
- `fetchall()`: a list of tuples (dates as datetime.date, decimals as
  Decimal);
- `fetchnumpy()`: a dict of numpy arrays, as DuckDB's: a column holding
  nulls is a masked array, decimals are float64, dates datetime64[us];
- `columns`, `row_count()`, `write_parquet(path)` (one file).

On DuckDB every call goes to the relation itself, so a model reads exactly
what it read before this module existed. `engine_table(session, table)`
turns the pyarrow table a model builds into what the engine's dbt adapter
writes: the table itself on DuckDB, a Spark DataFrame on Spark.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq


def is_spark(obj: Any) -> bool:
    """A Spark DataFrame or SparkSession (pyspark is imported only on Spark)."""
    return type(obj).__module__.startswith("pyspark")


def frame(relation: Any) -> DuckDBFrame | SparkFrame:
    """The engine-neutral view of a ref()'s relation (or of session.sql()'s result)."""
    return SparkFrame(relation) if is_spark(relation) else DuckDBFrame(relation)


def engine_table(session: Any, table: pa.Table) -> Any:
    """What the model returns: the pyarrow table, or a Spark DataFrame of it on Spark."""
    if is_spark(session):
        return session.createDataFrame(table)
    return table


def split_list(text: str) -> list[str]:
    """A comma-separated SQL list split at its top-level commas (not inside (), '' or "")."""
    items, depth, quote, current = [], 0, None, []
    for char in text:
        if quote:
            quote = None if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "," and depth == 0:
            items.append("".join(current).strip())
            current = []
            continue
        current.append(char)
    if "".join(current).strip():
        items.append("".join(current).strip())
    return items


class DuckDBFrame:
    """A DuckDB relation: every method is the relation's own."""

    def __init__(self, relation: Any) -> None:
        self.relation = relation

    @property
    def columns(self) -> list[str]:
        return list(self.relation.columns)

    def filter(self, condition: str) -> DuckDBFrame:
        return DuckDBFrame(self.relation.filter(condition))

    def project(self, expressions: str) -> DuckDBFrame:
        return DuckDBFrame(self.relation.project(expressions))

    def order(self, ordering: str) -> DuckDBFrame:
        return DuckDBFrame(self.relation.order(ordering))

    def union(self, other: DuckDBFrame) -> DuckDBFrame:
        return DuckDBFrame(self.relation.union(other.relation))

    def fetchall(self) -> list[tuple]:
        return self.relation.fetchall()

    def fetchnumpy(self) -> dict[str, np.ndarray]:
        return self.relation.fetchnumpy()

    def row_count(self) -> int:
        return self.relation.aggregate("count(*)").fetchall()[0][0]

    def write_parquet(self, path: str) -> None:
        self.relation.write_parquet(path)


def numpy_column(column: pa.ChunkedArray) -> np.ndarray:
    """One Arrow column as DuckDB's fetchnumpy() gives it."""
    if pa.types.is_decimal(column.type):
        column = column.cast(pa.float64())
    elif pa.types.is_date(column.type):
        column = column.cast(pa.timestamp("us"))
    if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
        values = np.array(column.to_pylist(), dtype=object)
    elif column.null_count:
        zero = False if pa.types.is_boolean(column.type) else 0
        values = column.fill_null(pa.scalar(zero).cast(column.type)).to_numpy()
    else:
        values = column.to_numpy()
    if column.null_count:
        return np.ma.masked_array(values, mask=column.is_null().to_numpy(zero_copy_only=False))
    return values


class SparkFrame:
    """A Spark DataFrame, answering as a DuckDB relation would."""

    def __init__(self, dataframe: Any) -> None:
        self.dataframe = dataframe

    @property
    def columns(self) -> list[str]:
        return list(self.dataframe.columns)

    def filter(self, condition: str) -> SparkFrame:
        return SparkFrame(self.dataframe.filter(condition))

    def project(self, expressions: str) -> SparkFrame:
        return SparkFrame(self.dataframe.selectExpr(*split_list(expressions)))

    def order(self, ordering: str) -> SparkFrame:
        """Nulls last, ascending or descending, as DuckDB orders."""
        from pyspark.sql import functions

        keys = []
        for item in split_list(ordering):
            expression, _, direction = item.rpartition(" ")
            if direction.lower() in ("asc", "desc"):
                key = functions.expr(expression)
                keys.append(
                    key.desc_nulls_last() if direction.lower() == "desc" else key.asc_nulls_last()
                )
            else:
                keys.append(functions.expr(item).asc_nulls_last())
        return SparkFrame(self.dataframe.orderBy(*keys))

    def union(self, other: SparkFrame) -> SparkFrame:
        return SparkFrame(self.dataframe.union(other.dataframe))

    def arrow(self) -> pa.Table:
        return self.dataframe.toArrow()

    def fetchall(self) -> list[tuple]:
        return [tuple(row) for row in self.dataframe.collect()]

    def fetchnumpy(self) -> dict[str, np.ndarray]:
        table = self.arrow()
        return {name: numpy_column(table.column(name)) for name in table.column_names}

    def row_count(self) -> int:
        return self.dataframe.count()

    def write_parquet(self, path: str) -> None:
        pq.write_table(self.arrow(), path)
