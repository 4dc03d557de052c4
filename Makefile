# `make run` and `make test` are all a new machine needs: they create .venv, install DrugRef,
# build the database when its sources or the code that reads them changed, then run.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
DB := data/drugref.sqlite
DB_INPUTS := $(wildcard data/sources/*) $(wildcard desktop/ingest/*.py) $(wildcard desktop/store/*.py)

.PHONY: run test bench package db system-deps clean
.DEFAULT_GOAL := run

run: system-deps $(INSTALLED) $(DB)
	$(VENV)/bin/drugref

test: system-deps $(INSTALLED) $(DB)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

bench: system-deps $(INSTALLED) $(DB)
	$(PY) bench/bench.py

package: system-deps $(INSTALLED) $(DB)
	@bash packaging/system-deps.sh
	$(PY) -m pip install --quiet 'pyinstaller>=6.10'
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller packaging/drugref.spec
	bash packaging/build-packages.sh
	bash packaging/check-reproducible.sh
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q --package tests/test_packaging.py

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
