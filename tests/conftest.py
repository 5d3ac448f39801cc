"""Shared test set-up: the fixture package (parkdata.testing.fixtures) written once per session,
loaded as a Dataset, and Labels for both languages. Only the data tests read data/ itself."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Validation stamps (parkdata.data.validated) go to a throw-away folder, never the user's cache;
# one folder per test run, shared by its xdist workers (a stamp names exact bytes, so a package
# validated by one worker is known valid to the others and to the servers they start).
_RUN = os.environ.get("PYTEST_XDIST_TESTRUNUID")
os.environ.setdefault(
    "PARKDATA_CACHE_DIR",
    str(Path(tempfile.gettempdir()) / f"parkdata-test-cache-{_RUN}")
    if _RUN
    else tempfile.mkdtemp(prefix="parkdata-test-cache-"),
)

from parkdata.data.dataset import Dataset  # noqa: E402
from parkdata.data.package import load_package  # noqa: E402
from parkdata.present.labels import Labels  # noqa: E402
from parkdata.testing.fixtures import write_fixture  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def fixture_dir(tmp_path_factory) -> Path:
    """The fixture package on disk (do not modify it: copy it first)."""
    return write_fixture(tmp_path_factory.mktemp("fixture-package"))


@pytest.fixture(scope="session")
def ds(fixture_dir) -> Dataset:
    return load_package(fixture_dir)


@pytest.fixture(scope="session")
def zh(ds) -> Labels:
    return Labels(ds.vocab, "zh")


@pytest.fixture(scope="session")
def en(ds) -> Labels:
    return Labels(ds.vocab, "en")


# -- test classes --------------------------------------------------------------------------------
# `make test-quick` leaves out the marks browser, server and pages (pyproject.toml). A test that
# runs the dashboard through AppTest without the `pages` mark would make the quick run slow and
# blur what it holds: it fails here, naming the mark it needs.
SLOW_MARKS = ("browser", "server", "pages")


def pytest_collection_modifyitems(config, items):
    for item in items:  # the sweep is a class of page tests
        if item.get_closest_marker("sweep") and not item.get_closest_marker("pages"):
            item.add_marker(pytest.mark.pages)


@pytest.fixture(autouse=True)
def _apptest_needs_the_pages_mark(request, monkeypatch):
    if any(request.node.get_closest_marker(m) for m in SLOW_MARKS):
        return
    from streamlit.testing.v1 import AppTest

    def refuse(*args, **kwargs):
        raise AssertionError(
            f"{request.node.nodeid} runs the dashboard through AppTest: mark it "
            "@pytest.mark.pages (make test-quick leaves such tests out)"
        )

    monkeypatch.setattr(AppTest, "from_file", refuse)
