# Set-up and the two README commands. Everything installs into .venv from PyPI.
VENV ?= .venv
PYTHON ?= python3
BIN = $(VENV)/bin
EXAMPLES ?= ../shared/examples

.PHONY: install run test lint format clean data browser

$(BIN)/dateline: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
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

# Lint, type-check and the full test suite (what CI runs).
test: install browser
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy
	$(BIN)/pytest

# Rebuild the data files derived from other files of the repository (the gazetteer's SQLite
# index from gazetteer.tsv.gz). The build is deterministic: a rebuild gives identical files.
data: install
	$(BIN)/python scripts/build_gazetteer_index.py

format: install
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
