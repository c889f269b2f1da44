"""dbt-duckdb plugin: known warehouse mistakes become one-line errors, not tracebacks.

Loaded through `plugins:` in profiles.yml; dbt-duckdb calls
`update_connection_config` just before it opens the warehouse file, once per
dbt invocation. Two mistakes are handled there:

- the warehouse's folder does not exist: it is created (DuckDB would fail
  with a 235-line traceback);
- another build holds the file (DuckDB allows one writer process): the build
  stops with one line naming the file and the process that holds it, instead
  of dbt's 230-line traceback around DuckDB's lock message.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import duckdb
from dbt.adapters.duckdb.plugins import BasePlugin
from dbt_common.exceptions import DbtRuntimeError

LOCK_HOLDER = re.compile(r"Conflicting lock is held in (?P<program>.+?) \(PID (?P<pid>\d+)\)")


def lock_message(path: str, error: Exception) -> str:
    """One line: which file, who holds it, what to do."""
    holder = LOCK_HOLDER.search(str(error))
    who = f" (PID {holder['pid']}, {Path(holder['program']).name})" if holder else ""
    return (
        f"The warehouse {path} is in use by another build{who}: wait for it to finish, "
        "or point SEGMENTS_DUCKDB_PATH at another file."
    )


def check_warehouse(path: str) -> None:
    """Create the warehouse's folder; fail with one line when another process holds the file."""
    if not path or path == ":memory:" or path.startswith("md:"):
        return
    Path(path).expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)
    try:
        duckdb.connect(path).close()
    except duckdb.IOException as error:
        if "Could not set lock" in str(error):
            raise DbtRuntimeError(lock_message(str(Path(path).resolve()), error)) from None
        # anything else is DuckDB's own message to give, when dbt opens the file
    except duckdb.Error:
        # e.g. this process has the file open already, with other settings
        pass


class Plugin(BasePlugin):
    def update_connection_config(self, creds: Any, config: dict[str, Any]) -> None:
        check_warehouse(creds.path)
