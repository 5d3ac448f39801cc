# One task runner: CI, pre-commit and people call the same targets.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
PORT ?= 8501
WORKERS ?= 2

.PHONY: install run serve test test-quick sweep-all bench lint validate catalog zones clean

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

# Tests run in parallel, TEST_WORKERS processes (pytest-xdist; auto = one per core: on two
# cores, two workers finished the suite in 198 s, four in 221 s, the browser tests being
# CPU-bound in a GPU-less Chromium). Tests of one xdist_group share a worker (the national and
# the hostile package's servers start once; servers that pick runs of ports never race). `make test` is everything
# (CI runs it); `make test-quick` the units and the model/present tests: no server, no browser,
# no page run. See the README's "Tests" section for when to use which.
TEST_WORKERS ?= auto
QUICK = not browser and not server and not pages

test: install
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup

test-quick: install
	$(PY) -m pytest -n auto -m "$(QUICK)"

# The page sweep over every province and the articles' cities of the national package (the
# sample of `make test` is fixed and seeded): minutes; run it when places or pages change.
sweep-all: install
	PARKDATA_SWEEP_ALL=1 $(PY) -m pytest -n auto -m sweep

bench: install
	$(PY) bench/run.py

lint: install
	$(VENV)/bin/ruff check src pages tests dashboard.py scripts bench
	$(VENV)/bin/ruff format --check src pages tests dashboard.py scripts bench
	$(VENV)/bin/mypy

validate: install
	$(VENV)/bin/parkdata validate data --articles ../shared/articles

# Generated files data/catalog/*, data/vocab/{provinces,prefectures,counties}.csv and
# data/zones.csv from the shared reference tables (committed; see data/catalog/REPORT.md).
catalog: install
	$(PY) -m parkdata.curate.catalog --reference ../shared/reference --out data/catalog
	$(VENV)/bin/parkdata zones data

# data/zones.csv, the merged table (one row per zone) from the source layers: after any edit of
# data/parks.csv, national/parks.csv or level_changes.csv (make validate says when it is due).
zones: install
	$(VENV)/bin/parkdata zones data

clean:
	rm -rf $(VENV) .pytest_cache
