"""dbt-duckdb plugin: known mistakes become one-line errors, not tracebacks.

Loaded through `plugins:` in profiles.yml; dbt-duckdb calls
`update_connection_config` just before it opens the warehouse file, once per
dbt invocation. The mistakes handled there:

- a var passed with --vars that dbt_project.yml does not declare (a typo
  such as segments__holdout_shar): the build stops naming it, with the
  closest declared name;
- relative paths: the warehouse file, and the files DuckDB reads
  (raw_data_path, through its file_search_path setting), resolve against the
  project directory, not the shell's current directory (the macro
  project_path does the same for activation_output_path);
- the warehouse's folder does not exist: it is created (DuckDB would fail
  with a 235-line traceback);
- another process holds the file (DuckDB allows one writer process: another
  build, or a client that opened it for writing): the build stops with one
  line naming the file and the process that holds it, instead of dbt's
  230-line traceback around DuckDB's lock message.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import duckdb
import yaml
from dbt.adapters.duckdb.plugins import BasePlugin
from dbt.flags import get_flags
from dbt_common.exceptions import DbtRuntimeError

LOCK_HOLDER = re.compile(r"Conflicting lock is held in (?P<program>.+?) \(PID (?P<pid>\d+)\)")


def lock_message(path: str, error: Exception) -> str:
    """One line: which file, who holds it, what to do."""
    holder = LOCK_HOLDER.search(str(error))
    who = f" (PID {holder['pid']}, {Path(holder['program']).name})" if holder else ""
    return (
        f"The warehouse {path} is open in another process{who}, a build or a reader that opened "
        "it for writing: wait for it to finish, or point SEGMENTS_DUCKDB_PATH at another file "
        "(BI tools and CRMs read the publication beside it, never the warehouse)."
    )


def check_warehouse(path: str) -> None:
    """Create the warehouse's folder; fail with one line when another process holds the file."""
    if not path or path == ":memory:" or path.startswith("md:"):
        return
    file = Path(path).expanduser().resolve()
    file.parent.mkdir(parents=True, exist_ok=True)
    if not file.exists():
        # nobody holds a file that is not there yet; opening it here would
        # create it without the profile's settings (its storage version)
        return
    try:
        duckdb.connect(path).close()
    except duckdb.IOException as error:
        if "Could not set lock" in str(error):
            raise DbtRuntimeError(lock_message(str(Path(path).resolve()), error)) from None
        # anything else is DuckDB's own message to give, when dbt opens the file
    except duckdb.Error:
        # e.g. this process has the file open already, with other settings
        pass


def unknown_vars_message(passed: Iterable[str], declared: Iterable[str]) -> str | None:
    """One line naming every passed var that is not declared, with the closest declared name."""
    declared = sorted(declared)
    problems = []
    for name in sorted(set(passed) - set(declared)):
        close = difflib.get_close_matches(name, declared, n=1, cutoff=0.6)
        problems.append(f"{name} (did you mean {close[0]}?)" if close else name)
    if not problems:
        return None
    return (
        f"Unknown dbt var{'s' if len(problems) > 1 else ''} {', '.join(problems)}: every var this "
        "project reads is declared, with its default, in dbt_project.yml"
    )


def project_dir() -> Path:
    flags = get_flags()
    return Path(getattr(flags, "PROJECT_DIR", None) or ".").expanduser().resolve()


# libyaml's loader where PyYAML has it: the pure-Python one took ~1.4 s of every
# dbt invocation reading the models' YAML (libyaml: ~0.2 s)
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    return yaml.load(text, Loader=YAML_LOADER)


def segment_thresholds(folder: Path) -> set[str]:
    """The thresholds segments declare with themselves: meta.segment.thresholds in the YAML
    entries under models/ (a var a segment adds needs no line in dbt_project.yml)."""
    names: set[str] = set()
    for path in sorted((folder / "models").rglob("*.yml")):
        try:
            document = load_yaml(path.read_text()) or {}
        except yaml.YAMLError:
            continue  # dbt reports a broken file itself, naming it
        for entry in document.get("models") or [] if isinstance(document, dict) else []:
            config = entry.get("config") or {} if isinstance(entry, dict) else {}
            segment = (config.get("meta") or {}).get("segment") or {}
            names.update((segment.get("thresholds") or {}) if isinstance(segment, dict) else {})
    return names


def check_vars() -> None:
    """Fail on a --vars key that dbt_project.yml (or a segment's YAML entry) does not declare."""
    passed = getattr(get_flags(), "VARS", None) or {}
    project_file = project_dir() / "dbt_project.yml"
    if not passed or not project_file.exists():
        return
    declared = set((load_yaml(project_file.read_text()) or {}).get("vars") or {})
    if set(passed) <= declared:
        return  # the usual case: no need to read the segments' YAML
    declared |= segment_thresholds(project_dir())
    message = unknown_vars_message(passed, declared)
    if message:
        raise DbtRuntimeError(message)


def resolved(path: str) -> str:
    """A warehouse path as an absolute one, relative paths taken against the project directory."""
    if not path or path == ":memory:" or path.startswith("md:") or Path(path).is_absolute():
        return path
    return str(project_dir() / path)


class Plugin(BasePlugin):
    def update_connection_config(self, creds: Any, config: dict[str, Any]) -> None:
        check_vars()
        creds.path = resolved(creds.path)
        check_warehouse(creds.path)

    def configure_connection(self, conn: Any) -> None:
        # relative paths in read_parquet and glob (raw_data_path) resolve against the project
        folder = str(project_dir()).replace("'", "''")
        conn.execute(f"set global file_search_path = '{folder}'")
