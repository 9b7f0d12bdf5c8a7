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

# Every benchmark runs, whichever misses its target; then the status says if any did.
BENCHES := parse charts contests photos inbox rush updates scale

bench: install
	@failed=""; for name in $(BENCHES); do \
		$(BIN)/python bench/$$name.py || failed="$$failed $$name"; \
	done; \
	if [ -n "$$failed" ]; then echo "missed their targets:$$failed"; exit 1; fi

clean:
	rm -rf $(VENV) demo-out .pytest_cache .ruff_cache .hypothesis
