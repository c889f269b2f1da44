# smart-segments: two commands on a fresh clone.
#   make build   virtualenv + pinned deps, sample data if absent, dbt build
#   make test    every linter and every test layer
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
RAW_DATA := data/raw
# the oldest DuckDB client the published file is claimed readable by (see its rule)
OLDEST_DUCKDB_VENV := .venv-duckdb-oldest
SAMPLE_ARGS ?= --users 5000 --days 180 --start-date 2026-01-01 --seed 42
# The build records the membership of the last HISTORY_DAYS days too (dbt var
# segments__history_days), so the sample's history, transitions and campaign
# impact have dates to read; HISTORY_DAYS=0 for a daily run that never skips.
HISTORY_DAYS ?= 75
DBT_BUILD_VARS := --vars '{segments__history_days: $(HISTORY_DAYS)}'

export DBT_PROFILES_DIR := $(CURDIR)
export DBT_PROJECT_DIR := $(CURDIR)
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export SEGMENTS_DUCKDB_PATH ?= $(CURDIR)/data/smart_segments.duckdb

.PHONY: help build test lint lint-fast dbt-test pytest sample-data clean bench backfill report metrics

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## (.*)/  make \1\t\2/' | expand -t 22

# Unit tests check the code on fixed rows, whatever the data: make test runs
# them; the daily build leaves them out (as dbt advises for production) and
# still publishes, having run every model and data test.
build: $(VENV)/.installed $(RAW_DATA)/manifest.json ## set up (once), sample data (once), dbt build on DuckDB
	$(BIN)/dbt build --exclude-resource-type unit_test $(DBT_BUILD_VARS)

# sqlfluff (its dbt templater compiles every model: ~4 CPU-minutes) runs beside
# pytest, whose two workers leave part of a core idle; its report comes after
# pytest's, and either failing fails the target.
SQLFLUFF := $(BIN)/sqlfluff lint models data-tests analyses
SQLFLUFF_REPORT := target/sqlfluff.txt
test: $(VENV)/.installed $(RAW_DATA)/manifest.json lint-fast dbt-test $(OLDEST_DUCKDB_VENV)/.installed ## every linter and every test layer
	@mkdir -p $(dir $(SQLFLUFF_REPORT))
	@nice -n 5 $(SQLFLUFF) --processes 1 > $(SQLFLUFF_REPORT) 2>&1 & linting=$$!; \
	status=0; $(PYTEST) || status=$$?; \
	echo "sqlfluff (run beside pytest):"; \
	if wait $$linting; then tail -n 3 $(SQLFLUFF_REPORT); else cat $(SQLFLUFF_REPORT); status=1; fi; \
	exit $$status

# The virtualenv, and a .pth file in it that makes PyYAML read an impossible
# unquoted date (as_of_date: 2026-13-01) as text, so the project's own check
# names the var instead of a traceback (smart_segments_ops/yaml_dates.py).
$(VENV)/.installed: requirements.txt
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found (set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	printf '%s\nimport smart_segments_ops.yaml_dates\n' "$(CURDIR)" \
		> "$$($(BIN)/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/smart_segments.pth"
	touch $@

# The default sample: generated once, deterministic (seed 42).
$(RAW_DATA)/manifest.json: | $(VENV)/.installed
	$(BIN)/python -m smart_segments_datagen --out $(RAW_DATA) --overwrite $(SAMPLE_ARGS)

sample-data: $(VENV)/.installed ## regenerate the sample raw data
	$(BIN)/python -m smart_segments_datagen --out $(RAW_DATA) --overwrite $(SAMPLE_ARGS)

lint: lint-fast ## ruff, dbt parse, dbt-score, sqlfluff
	$(SQLFLUFF) --processes 2

lint-fast: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/dbt parse --quiet
	$(BIN)/dbt-score lint --manifest target/manifest.json

# dbt build on the default sample: models, seeds, data tests and unit tests;
# any warning (deprecations included) fails it. It builds a warehouse of its
# own, from scratch, so your warehouse (and its segment history) is neither
# used nor touched.
TEST_WAREHOUSE := $(CURDIR)/data/test/smart_segments.duckdb
dbt-test: $(VENV)/.installed $(RAW_DATA)/manifest.json ## dbt build --warn-error on a warehouse of its own, MetricFlow
	rm -rf $(dir $(TEST_WAREHOUSE)) && mkdir -p $(dir $(TEST_WAREHOUSE))
	SEGMENTS_DUCKDB_PATH=$(TEST_WAREHOUSE) $(BIN)/dbt --warn-error build $(DBT_BUILD_VARS)
	SEGMENTS_DUCKDB_PATH=$(TEST_WAREHOUSE) $(BIN)/python -m smart_segments_ops.metrics validate-configs
	SEGMENTS_DUCKDB_PATH=$(TEST_WAREHOUSE) $(BIN)/python -m smart_segments_ops.metrics query \
		--metrics members,family_members,conversion_rate \
		--group-by segment__family --order segment__family | grep behavioral >/dev/null
	SEGMENTS_DUCKDB_PATH=$(TEST_WAREHOUSE) $(BIN)/python -m smart_segments_ops.metrics query \
		--metrics incremental_revenue_usd,roas,attributed_roas,nps \
		--group-by campaign__is_broadcast | grep -i true >/dev/null

# The oldest DuckDB client the published file is claimed readable by (README,
# "For BI tools and CRMs"), in a virtualenv of its own: tests/test_publication.py
# reads every published table with it.
$(OLDEST_DUCKDB_VENV)/.installed: requirements-duckdb-oldest.txt
	$(PYTHON) -m venv $(OLDEST_DUCKDB_VENV)
	$(OLDEST_DUCKDB_VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-duckdb-oldest.txt
	touch $@

# one worker per core, each test file on one worker (its fixtures build once there),
# the slowest files first (tests/conftest.py, FILE_SECONDS), not those with most tests
PYTEST := $(BIN)/pytest -n auto --dist loadfile --no-loadscope-reorder --durations 15
pytest: $(VENV)/.installed $(OLDEST_DUCKDB_VENV)/.installed ## the Python test suites, one worker per core
	$(PYTEST)

# Record segment membership for every date of a range (the history), e.g.
#   make backfill FROM=2026-06-01 TO=2026-06-30
backfill: $(VENV)/.installed $(RAW_DATA)/manifest.json ## record history: make backfill FROM=YYYY-MM-DD TO=YYYY-MM-DD
	@[[ -n "$${FROM:-}" && -n "$${TO:-}" ]] || { echo "usage: make backfill FROM=YYYY-MM-DD TO=YYYY-MM-DD"; exit 2; }
	$(BIN)/python -m smart_segments_ops --from "$(FROM)" --to "$(TO)"

# MetricFlow on the warehouse SEGMENTS_DUCKDB_PATH names (default: the sample's),
# re-parsing first when another warehouse was parsed last, e.g.
#   make metrics ARGS='query --metrics members,conversion_rate --group-by segment__family'
metrics: $(VENV)/.installed ## MetricFlow on your warehouse: make metrics ARGS='query --metrics members ...'
	$(BIN)/python -m smart_segments_ops.metrics $(ARGS)

# The segment report: one self-contained HTML file from the warehouse.
report: $(VENV)/.installed ## the HTML segment report, reports/segments.html
	$(BIN)/python -m smart_segments_ops.report --warehouse "$(SEGMENTS_DUCKDB_PATH)" --out reports/segments.html

# Scale benchmark against the single-query floor, e.g. make bench SCALE=10m
# (1m, 10m, 100m or a comma list): bench/RESULTS.md and bench/results.csv;
# BENCH_ARGS passes options on (python bench/run.py --help).
SCALE ?= 1m
bench: $(VENV)/.installed ## scale benchmark: make bench SCALE=sample|1m|10m|100m
	$(BIN)/python bench/run.py --scale "$(SCALE)" $(BENCH_ARGS)

clean: ## remove everything generated (data, target, logs, reports)
	rm -rf target logs data reports .pytest_cache .ruff_cache
