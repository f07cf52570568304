# Set-up and the two README commands. Everything installs into .venv from PyPI.
VENV ?= .venv
PYTHON ?= python3
BIN = $(VENV)/bin
EXAMPLES ?= ../shared/examples

.PHONY: install run test lint format clean

$(BIN)/dateline: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

install: $(BIN)/dateline

# The main job on the example data.
run: install
	$(BIN)/dateline analyze $(EXAMPLES)

# Lint, type-check and the full test suite (what CI runs).
test: install
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy
	$(BIN)/pytest

format: install
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
