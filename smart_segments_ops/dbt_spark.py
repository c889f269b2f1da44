"""dbt on Spark with the project's Python models run in this process.

dbt-spark runs Python models only on Databricks (it uploads them as
notebooks). With `method: session` dbt already runs in the Spark driver's
process, so a Python model can run right there, on the session dbt's SQL
uses: this module adds that submission method, `session`, to dbt-spark and
runs dbt's command line with it:

    python -m smart_segments_ops.dbt_spark build --target spark

(`make build ENGINE=spark` calls it; the Python models ask for
`submission_method: session` on Spark in dbt_project.yml). The models read
their inputs through smart_segments_models.frames and return a pyarrow
table, which dbt-spark's materialization writes as a table: the same model
code, fits and tests run on DuckDB and on Spark, in one dbt invocation, in
the DAG's order.

Anything else dbt does is unchanged: the arguments go to dbt as they are,
and on DuckDB targets nothing here is used.
"""

from __future__ import annotations

import sys
from typing import Any

SUBMISSION_METHOD = "session"


class SessionPythonJobHelper:
    """Runs a Python model's compiled code on the Spark session of this process."""

    def __init__(self, parsed_model: dict, credentials: Any) -> None:
        self.model_name = parsed_model.get("name", "a Python model")
        self.path = parsed_model.get("original_file_path", self.model_name)
        method = str(getattr(credentials, "method", ""))
        if not method.endswith("session"):
            raise RuntimeError(
                f"{self.model_name}: submission_method 'session' runs a Python model in dbt's "
                f"own process, which needs the Spark profile's method: session (this one is "
                f"{method or 'unknown'}); on Databricks use dbt-databricks and its submission "
                "methods instead (README, On Spark)"
            )

    def submit(self, compiled_code: str) -> None:
        from pyspark.sql import SparkSession

        # dbt-spark's session connection created it; getOrCreate returns the same one
        spark = SparkSession.builder.getOrCreate()
        namespace = {"spark": spark, "__name__": f"dbt_python_model_{self.model_name}"}
        exec(compile(compiled_code, self.path, "exec"), namespace)


def register() -> None:
    """Add submission method `session` to dbt-spark's adapter (once per process)."""
    from dbt.adapters.base import PythonJobHelper
    from dbt.adapters.spark.impl import SparkAdapter

    current = SparkAdapter.python_submission_helpers.fget
    if getattr(current, "adds_session", False):
        return
    helper = type("SessionPythonJobHelper", (SessionPythonJobHelper, PythonJobHelper), {})

    def python_submission_helpers(adapter: Any) -> dict:
        return {**current(adapter), SUBMISSION_METHOD: helper}

    python_submission_helpers.adds_session = True
    SparkAdapter.python_submission_helpers = property(python_submission_helpers)


def main(argv: list[str] | None = None) -> int:
    """dbt's command line, with submission method `session` registered."""
    register()
    from dbt.cli.main import cli

    try:
        cli.main(args=list(sys.argv[1:] if argv is None else argv), prog_name="dbt")
    except SystemExit as exit_:
        return int(exit_.code or 0)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
