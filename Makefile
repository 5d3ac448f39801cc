# One task runner: CI, pre-commit and people call the same targets.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
PORT ?= 8501
WORKERS ?= 2

.PHONY: install run serve test bench lint validate catalog clean

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

run: install
	$(PY) scripts/serve.py --server.address localhost --server.port $(PORT) --server.headless true --browser.gatherUsageStats false

# N workers behind nginx (sticky sessions, gzip) on PORT: for a team at once; see the README
serve: install
	$(PY) scripts/serve_many.py --workers $(WORKERS) --port $(PORT)

test: install
	$(PY) -m pytest

bench: install
	$(PY) bench/run.py

lint: install
	$(VENV)/bin/ruff check src pages tests dashboard.py scripts bench
	$(VENV)/bin/ruff format --check src pages tests dashboard.py scripts bench
	$(VENV)/bin/mypy

validate: install
	$(VENV)/bin/parkdata validate data --articles ../shared/articles

# Generated files data/catalog/* and data/vocab/{provinces,prefectures}.csv from the shared
# reference tables (committed; see data/catalog/REPORT.md).
catalog: install
	$(PY) -m parkdata.curate.catalog --reference ../shared/reference --out data/catalog

clean:
	rm -rf $(VENV) .pytest_cache
