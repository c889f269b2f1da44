# smart-segments: two commands on a fresh clone.
#   make build   virtualenv + pinned deps, sample data if absent, dbt build
#   make test    every linter and every test layer
# On Spark (README, On Spark): make build ENGINE=spark, make test-spark.
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

.PHONY: help build test test-all test-spark compare-engines java-check lint lint-fast dbt-test pytest sample-data clean bench backfill report metrics

# The engine make build runs on: duckdb (the default, an embedded file) or
# spark (a local Spark in dbt's process: Java 17 and requirements-spark.txt,
# installed on first use; its warehouse under data/spark).
ENGINE ?= duckdb
SPARK_INSTALLED := $(VENV)/.spark-installed
ifeq ($(ENGINE),duckdb)
DBT := $(BIN)/dbt
ENGINE_SETUP :=
else ifeq ($(ENGINE),spark)
export SEGMENTS_TARGET := spark
# dbt's command line with the Python models run on dbt's Spark session
DBT := $(BIN)/python -m smart_segments_ops.dbt_spark
ENGINE_SETUP := $(SPARK_INSTALLED)
else
$(error ENGINE is duckdb or spark, not '$(ENGINE)')
endif

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## (.*)/  make \1\t\2/' | expand -t 22

# Unit tests check the code on fixed rows, whatever the data: make test runs
# them; the daily build leaves them out (as dbt advises for production) and
# still publishes, having run every model and data test.
build: $(VENV)/.installed $(ENGINE_SETUP) $(RAW_DATA)/manifest.json ## set up (once), sample data (once), dbt build (ENGINE=duckdb|spark)
	$(DBT) build --exclude-resource-type unit_test $(DBT_BUILD_VARS)

# sqlfluff (its dbt templater compiles every model: ~4 CPU-minutes) runs beside
# pytest, whose two workers leave part of a core idle; its report comes after
# pytest's, and either failing fails the target.
SQLFLUFF := $(BIN)/sqlfluff lint models data-tests analyses
SQLFLUFF_REPORT := target/sqlfluff.txt
# make test-all (what .ci/run runs) is make test and make test-spark in one pytest
# session: every test once (the Spark subset of make test is not run twice), and
# the two workers share out the DuckDB and the Spark tests together.
test: ## every linter and every test layer (DuckDB, and a Spark subset)
test-all: ## make test and make test-spark in one pytest session (what .ci/run runs)
test test-all: $(VENV)/.installed $(SPARK_INSTALLED) $(RAW_DATA)/manifest.json lint-fast dbt-test $(OLDEST_DUCKDB_VENV)/.installed
	@mkdir -p $(dir $(SQLFLUFF_REPORT))
	@nice -n 5 $(SQLFLUFF) --processes 1 > $(SQLFLUFF_REPORT) 2>&1 & linting=$$!; \
	status=0; $(PYTEST) $(if $(filter test-all,$@),,-m "not spark_full") || status=$$?; \
	echo "sqlfluff (run beside pytest):"; \
	if wait $$linting; then tail -n 3 $(SQLFLUFF_REPORT); else cat $(SQLFLUFF_REPORT); status=1; fi; \
	exit $$status

# Every test on Spark: the cross-engine comparison of make test, the Spark
# build of the sample with its data and unit tests, and the hand-made
# fixture tests on Spark (tests marked spark).
test-spark: $(VENV)/.installed $(SPARK_INSTALLED) ## the Spark suite: every test marked spark
	$(PYTEST) -m spark

# Every mart of the default sample (data/raw, make build's vars) built on DuckDB
# and on Spark, compared row for row (tests/test_spark.py; make test compares a
# smaller generated sample the same way).
compare-engines: $(VENV)/.installed $(SPARK_INSTALLED) $(RAW_DATA)/manifest.json ## every mart of the default sample, DuckDB against Spark
	SEGMENTS_COMPARE_SAMPLE=default $(BIN)/pytest tests/test_spark.py -k every_mart

# Spark runs on Java 17 or newer: found on PATH or in JAVA_HOME, or make says
# how to get it (pyspark itself comes from requirements-spark.txt).
JAVA := $(if $(JAVA_HOME),$(JAVA_HOME)/bin/java,java)
java-check: ## Spark needs Java 17 or newer
	@version=$$( { $(JAVA) -version 2>&1 || true; } | sed -nE 's/.*version "(1\.)?([0-9]+).*/\2/p' | head -n 1); \
	if [ -z "$$version" ] || [ "$$version" -lt 17 ]; then \
		echo "error: Spark needs Java 17 or newer; found $${version:-no java} ($(JAVA))."; \
		echo "  Debian/Ubuntu: sudo apt-get install openjdk-17-jre-headless"; \
		echo "  macOS: brew install openjdk@17; elsewhere: https://adoptium.net"; \
		echo "  then put java on PATH or set JAVA_HOME"; \
		exit 1; \
	fi

$(SPARK_INSTALLED): requirements-spark.txt | $(VENV)/.installed
	@$(MAKE) --no-print-directory java-check
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-spark.txt
	touch $@

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

# one worker per core, each unit of work on one worker (a test file, its Spark tests
# apart; its fixtures build once there), the slowest units first (tests/conftest.py,
# work_unit and UNIT_SECONDS), not those with most tests
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
# (1m, 10m, 100m or a comma list; ENGINE=spark: the same steps on Spark, beside
# DuckDB's): bench/RESULTS.md and bench/results.csv; BENCH_ARGS passes options
# on (python bench/run.py --help).
SCALE ?= 1m
bench: $(VENV)/.installed $(ENGINE_SETUP) ## scale benchmark: make bench SCALE=sample|1m|10m|100m [ENGINE=spark]
	$(BIN)/python bench/run.py --scale "$(SCALE)" --engine $(ENGINE) $(BENCH_ARGS)

clean: ## remove everything generated (data and the Spark warehouse, target, logs, reports)
	rm -rf target logs data reports .pytest_cache .ruff_cache derby.log metastore_db spark-warehouse
