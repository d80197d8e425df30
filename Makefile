# The two commands: `make run` and `make test`. Both create .venv and install what they need.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.run-installed
TEST_STAMP := $(VENV)/.test-installed
# `make run` serves on 8501 and `make serve` on 8080 unless PORT says otherwise.
PORT ?=
REPLICAS ?= $(shell nproc 2>/dev/null || echo 2)
UPSTREAM ?= ../shared/data/upstream/massive-missile-attacks
RELEASE ?= $(UPSTREAM)/releases/missile_attacks_daily_2026-05-17.csv
UPDATE_STAMP := $(VENV)/.update-installed
LISTS ?= ../shared/data/upstream/sanctions-lists
BOUNDARIES ?= ../shared/data/boundaries

.PHONY: run serve test test-fast validate import-strikes update-strikes import-lists boundaries bench load clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(RUN_STAMP)

run: $(RUN_STAMP)
	$(BIN)/python -m streamlit run dashboard/app.py --server.port=$(or $(PORT),8501) --browser.gatherUsageStats=false

# REPLICAS Streamlit servers (default: one per core) behind Debian's nginx on PORT (default 8080): sticky
# sessions, gzip, security headers, health checks; Ctrl-C stops everything. Needs `apt-get install nginx-light`.
serve: $(RUN_STAMP)
	$(BIN)/python -m dashboard serve --port $(or $(PORT),8080) --replicas $(REPLICAS) --data-dir data

# Both cores: browser tests on one worker (sharing its servers and chromium), everything else on the other.
test: $(TEST_STAMP)
	$(BIN)/python -m pytest -n 2 --dist loadgroup

# The edit loop: everything but real-browser and slow tests (`-m` in pyproject.toml says which).
test-fast: $(TEST_STAMP)
	$(BIN)/python -m pytest -n 2 -m "not browser and not slow"

validate: $(RUN_STAMP)
	$(BIN)/python -m dashboard validate --data-dir data

import-strikes: $(RUN_STAMP)
	$(BIN)/python -m dashboard import-strikes $(RELEASE) --models $(UPSTREAM)/missiles_and_uavs.csv --data-dir data

import-lists: $(RUN_STAMP)
	$(BIN)/python -m dashboard import-lists $(LISTS) --data-dir data

# Rebuilds dashboard/geo/*.geojson (see dashboard/geo/SOURCE.md).
boundaries: $(RUN_STAMP)
	$(BIN)/python -m dashboard.importers.boundaries $(BOUNDARIES)

$(UPDATE_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[update]'
	touch $@ $(RUN_STAMP)

update-strikes: $(UPDATE_STAMP)
	$(BIN)/python -m dashboard update-strikes --data-dir data

bench: $(TEST_STAMP)
	$(BIN)/python benchmarks/bench.py

# 50 sessions against URL (a running `make serve` or `make run`; default: a server of its own), back to
# back and then with 5–10 s of think time between clicks.
load: $(TEST_STAMP)
	$(BIN)/python benchmarks/load.py --sessions 50 --cycles 1 $(if $(URL),--url $(URL))
	$(BIN)/python benchmarks/load.py --sessions 50 --cycles 1 --think 5-10 --deadline 150 $(if $(URL),--url $(URL))

clean:
	rm -rf $(VENV) .pytest_cache
