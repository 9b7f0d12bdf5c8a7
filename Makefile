# The two commands of the README: `make demo` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: install test lint demo bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --editable ".[dev]"
	touch $@

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/pytest

demo: install
	$(BIN)/python -m bot demo --out demo-out

bench: install
	$(BIN)/python bench/parse.py
	$(BIN)/python bench/charts.py
	$(BIN)/python bench/contests.py
	$(BIN)/python bench/photos.py
	$(BIN)/python bench/inbox.py
	$(BIN)/python bench/rush.py

clean:
	rm -rf $(VENV) demo-out .pytest_cache .ruff_cache .hypothesis
