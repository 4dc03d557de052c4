# `make run` and `make test` are all a new machine needs: they create .venv, install DrugRef,
# build the database when its sources or the code that reads them changed, then run.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
DB := data/drugref.sqlite
DB_INPUTS := $(wildcard data/sources/*) $(wildcard desktop/ingest/*.py) $(wildcard desktop/store/*.py)

.PHONY: run test bench db system-deps clean
.DEFAULT_GOAL := run

run: system-deps $(INSTALLED) $(DB)
	$(VENV)/bin/drugref

test: system-deps $(INSTALLED) $(DB)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

bench: system-deps $(INSTALLED) $(DB)
	$(PY) bench/bench.py

db: $(DB)

system-deps:
	@bash scripts/system-deps.sh

$(PY):
	$(PYTHON) -m venv $(VENV)

$(INSTALLED): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $@

$(DB): $(DB_INPUTS) | $(INSTALLED)
	$(VENV)/bin/drugref build-db

clean:
	rm -rf $(VENV) $(DB) build dist .pytest_cache
