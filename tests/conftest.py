"""Shared test set-up: the fixture package (parkdata.testing.fixtures) written once per session,
loaded as a Dataset, and Labels for both languages. Only the data tests read data/ itself."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Validation stamps (parkdata.data.validated) go to a throw-away folder, never the user's cache.
os.environ.setdefault("PARKDATA_CACHE_DIR", tempfile.mkdtemp(prefix="parkdata-test-cache-"))

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
