"""The validation stamp: unchanged bytes skip validation, any change validates again."""

from __future__ import annotations

import shutil

import pytest

from parkdata.data import validated
from parkdata.data.package import load_package
from parkdata.data.problems import PackageError
from parkdata.data.schema import DATA_DIR


@pytest.fixture
def pkg(tmp_path, monkeypatch):
    monkeypatch.setenv("PARKDATA_CACHE_DIR", str(tmp_path / "cache"))
    target = tmp_path / "pkg"
    shutil.copytree(DATA_DIR, target)
    return target


def test_success_is_remembered_by_content(pkg, monkeypatch):
    assert not validated.known_valid(pkg)
    load_package(pkg)
    assert validated.known_valid(pkg)
    calls = []
    monkeypatch.setattr(
        "parkdata.data.validation.validate_package", lambda d: calls.append(d) or []
    )
    load_package(pkg)
    assert calls == []  # unchanged bytes: not validated again


def test_any_change_validates_again(pkg):
    load_package(pkg)
    parks = pkg / "parks.csv"
    parks.write_text(
        parks.read_text(encoding="utf-8").replace("national,2020-07-21", "galactic,2020-07-21", 1),
        encoding="utf-8",
    )
    assert not validated.known_valid(pkg)
    with pytest.raises(PackageError):
        load_package(pkg)
    with pytest.raises(PackageError):  # failure is never remembered
        load_package(pkg)


def test_switched_off_with_an_empty_setting(pkg, monkeypatch):
    monkeypatch.setenv("PARKDATA_CACHE_DIR", "")
    load_package(pkg)
    assert not validated.known_valid(pkg)
