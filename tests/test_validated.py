"""The validation stamp (parkdata.data.validated): unchanged bytes skip validation, any change
to a table, a vocabulary or the catalogue validates again, and failure is never remembered."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from parkdata.data import validated
from parkdata.data.package import load_package
from parkdata.data.problems import PackageError


@pytest.fixture
def pkg(fixture_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("PARKDATA_CACHE_DIR", str(tmp_path / "cache"))
    target = tmp_path / "pkg"
    shutil.copytree(fixture_dir, target)
    return target


def test_success_is_remembered_by_content(pkg, monkeypatch, tmp_path):
    assert not validated.known_valid(pkg)
    load_package(pkg)
    assert validated.known_valid(pkg)
    assert len(list((tmp_path / "cache").glob("*.valid"))) == 1
    calls = []
    monkeypatch.setattr(
        "parkdata.data.validation.validate_package", lambda d: calls.append(d) or []
    )
    monkeypatch.setattr("parkdata.data.package.validate_package", lambda d: calls.append(d) or [])
    assert len(load_package(pkg).parks) == 9
    assert calls == []  # unchanged bytes: not validated again


def test_the_same_bytes_elsewhere_are_known_valid(pkg, tmp_path):
    load_package(pkg)
    twin = tmp_path / "twin"
    shutil.copytree(pkg, twin)
    assert validated.known_valid(twin)


@pytest.mark.parametrize(
    ("path", "old", "new"),
    [
        ("parks.csv", ",high_tech_zone,", ",galactic,"),
        ("level_changes.csv", ",national,", ",galactic,"),
        ("catalog/level_changes.csv", ",national,", ",galactic,"),
        ("vocab/levels.csv", "national,国家级", "nation,国家级"),
    ],
)
def test_any_change_validates_again(pkg, path, old, new):
    load_package(pkg)
    target = pkg / path
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert not validated.known_valid(pkg)
    with pytest.raises(PackageError):
        load_package(pkg)
    with pytest.raises(PackageError):  # failure is never remembered
        load_package(pkg)
    assert not validated.known_valid(pkg)


def test_switched_off_with_an_empty_setting(pkg, monkeypatch):
    monkeypatch.setenv("PARKDATA_CACHE_DIR", "")
    load_package(pkg)
    assert validated.cache_dir() is None
    assert not validated.known_valid(pkg)


def test_an_unwritable_cache_only_costs_the_next_validation(pkg, monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("PARKDATA_CACHE_DIR", str(blocker / "cache"))
    assert len(load_package(pkg).parks) == 9  # loads all the same
    assert not validated.known_valid(pkg)


def _data_modules_read_by(module: str, seen: set[str]) -> set[str]:
    """The parkdata.data modules `module` imports, transitively (by their source)."""
    import ast

    here = Path(validated.__file__).parent
    tree = ast.parse((here / f"{module}.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("parkdata.data"):
            names = [a.name for a in node.names] if node.module == "parkdata.data" else []
            for name in [*names, (node.module or "").rsplit(".", 1)[-1]]:
                if name not in seen and (here / f"{name}.py").is_file():
                    seen.add(name)
                    _data_modules_read_by(name, seen)
    return seen


def test_the_stamp_covers_all_the_code_validation_runs():
    """A change to any module that validation runs (units.py parses the numbers the rules
    look for, textnorm.py simplifies titles) must validate again."""
    read = _data_modules_read_by("package", {"package"}) - {"validated"}
    assert {f"{name}.py" for name in read} <= {path.name for path in validated.code_files()}
