"""Hostile data: each broken package gives a readable problem naming file, row and column, in
`validate_package`, in the dashboard (instead of a traceback) and in `parkdata validate`.

Each case starts from the fixture package (curated parks, the catalogue, the vocabularies) and
breaks one thing in one of its files."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
from apptest import DASHBOARD, use_package
from typer.testing import CliRunner

from parkdata.curate.cli import app
from parkdata.data.problems import Problem
from parkdata.data.validation import validate_package


def _read(d: Path, path: str) -> pd.DataFrame:
    return pd.read_csv(d / path, dtype=str, keep_default_na=False)


def _write(d: Path, path: str, frame: pd.DataFrame) -> None:
    frame.to_csv(d / path, index=False, lineterminator="\n")


def _set(path: str, index: int, column: str, value: str) -> Callable[[Path], None]:
    def mutate(d: Path) -> None:
        frame = _read(d, path)
        frame.loc[index, column] = value
        _write(d, path, frame)

    return mutate


def _drop_column(d: Path) -> None:
    _write(d, "parks.csv", _read(d, "parks.csv").drop(columns=["zone_type"]))


def _gbk(d: Path) -> None:
    path = d / "parks.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("gb18030"))


def _bom(d: Path) -> None:
    path = d / "parks.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())


def _duplicate_id(d: Path) -> None:
    frame = _read(d, "parks.csv")
    frame.loc[3, "park_id"] = frame.loc[1, "park_id"]
    _write(d, "parks.csv", frame)


def _empty(path: str) -> Callable[[Path], None]:
    def mutate(d: Path) -> None:
        (d / path).write_bytes(b"")

    return mutate


def _drop_sector(code: str) -> Callable[[Path], None]:
    def mutate(d: Path) -> None:
        sectors = _read(d, "vocab/sectors.csv")
        _write(d, "vocab/sectors.csv", sectors[sectors["sector"] != code])

    return mutate


def _no_schema(d: Path) -> None:
    (d / "schemas" / "events.json").unlink()


@dataclass(frozen=True)
class Case:
    """A break and the problem it must produce (row: CSV line, header = 1; None = whole file)."""

    mutate: Callable[[Path], None]
    file: str
    row: int | None
    column: str | None
    words: tuple[str, ...]  # each must appear in the message (case-insensitive)


CASES = {
    "missing_column": Case(_drop_column, "parks.csv", 1, "zone_type", ("missing",)),
    "bad_code": Case(
        _set("parks.csv", 2, "zone_type", "galactic"), "parks.csv", 4, "zone_type", ("galactic",)
    ),
    "bad_level": Case(
        _set("level_changes.csv", 0, "level_after", "galactic"),
        "level_changes.csv",
        2,
        "level_after",
        ("galactic",),
    ),
    "unknown_park": Case(
        _set("events.csv", 3, "park_id", "no-such-park"),
        "events.csv",
        5,
        "park_id",
        ("no-such-park",),
    ),
    "malformed_date": Case(
        _set("events.csv", 2, "date", "2006/08"), "events.csv", 4, "date", ("2006/08",)
    ),
    "impossible_date": Case(
        _set("events.csv", 1, "date", "2006-02-30"), "events.csv", 3, "date", ("day",)
    ),
    "gbk_encoded": Case(_gbk, "parks.csv", 2, None, ("gbk", "utf-8")),
    "bom_prefixed": Case(_bom, "parks.csv", 1, None, ("byte-order mark",)),
    "duplicated_id": Case(_duplicate_id, "parks.csv", 5, "park_id", ("longping",)),
    "empty_table": Case(_empty("industries.csv"), "industries.csv", None, None, ("empty",)),
    "catalogue_bad_code": Case(
        _set("catalog/parks.csv", 1, "zone_type", "moon_base"),
        "catalog/parks.csv",
        3,
        "zone_type",
        ("moon_base",),
    ),
    "catalogue_empty_table": Case(
        _empty("catalog/events.csv"), "catalog/events.csv", None, None, ("empty",)
    ),
    "vocabulary_bad_colour": Case(
        _set("vocab/levels.csv", 0, "colour", "blue"), "vocab/levels.csv", 2, "colour", ("blue",)
    ),
    "vocabulary_removed_code": Case(
        _drop_sector("steel_petrochem"),
        "industries.csv",
        5,
        "sector",
        ("steel_petrochem",),
    ),
    "schema_file_missing": Case(_no_schema, "schemas/events.json", None, None, ("missing",)),
}


@pytest.fixture
def broken(request, fixture_dir, tmp_path) -> tuple[Case, Path]:
    case = CASES[request.param]
    target = tmp_path / request.param
    shutil.copytree(fixture_dir, target)
    case.mutate(target)
    return case, target


def _matches(case: Case, problem: Problem) -> bool:
    message = problem.message.lower()
    return (
        problem.file == case.file
        and problem.row == case.row
        and problem.column == case.column
        and all(word.lower() in message for word in case.words)
    )


def test_the_fixture_package_has_no_problem(fixture_dir):
    assert validate_package(fixture_dir) == []


@pytest.mark.parametrize("broken", sorted(CASES), indirect=True)
def test_validation_names_file_row_and_column(broken):
    case, package = broken
    problems = validate_package(package)
    assert any(_matches(case, p) for p in problems), [str(p) for p in problems]
    assert len({(p.file, p.row, p.column) for p in problems if p.file == case.file}) <= 3


def test_every_broken_row_is_reported_none_dropped(fixture_dir, tmp_path):
    target = tmp_path / "two"
    shutil.copytree(fixture_dir, target)
    frame = _read(target, "parks.csv")
    frame.loc[[0, 5], "zone_type"] = ["galactic", "cosmic"]
    _write(target, "parks.csv", frame)
    zones = _read(target, "catalog/parks.csv")
    zones.loc[2, "zone_type"] = "stellar"
    _write(target, "catalog/parks.csv", zones)
    found = sorted((p.file, p.row) for p in validate_package(target) if p.column == "zone_type")
    assert found == [("catalog/parks.csv", 4), ("parks.csv", 2), ("parks.csv", 7)]


# -- the dashboard shows the problem instead of a traceback ------------------------------------


def _app_text(at) -> str:
    parts = [
        str(e.value)
        for kind in ("error", "warning", "markdown", "caption", "code")
        for e in getattr(at, kind)
    ]
    for frame in at.dataframe:
        parts.append(frame.value.to_string())
    return "\n".join(parts)


@pytest.mark.pages
@pytest.mark.parametrize(
    "broken",
    ["bad_code", "gbk_encoded", "catalogue_bad_code", "vocabulary_bad_colour"],
    indirect=True,
)
def test_dashboard_shows_the_problem_not_a_traceback(broken, monkeypatch):
    from streamlit.testing.v1 import AppTest

    case, package = broken
    use_package(monkeypatch, package)
    at = AppTest.from_file(str(DASHBOARD), default_timeout=120).run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.error) == 1
    text = _app_text(at)
    problems = validate_package(package)
    expected = [str(p) for p in problems if _matches(case, p)]
    assert expected and expected[0] in text  # the same words as `parkdata validate`
    assert "Traceback" not in text


# -- `parkdata validate` says the same ------------------------------------------------------------


@pytest.mark.parametrize("broken", sorted(CASES), indirect=True)
def test_cli_validate_says_the_same(broken):
    case, package = broken
    result = CliRunner().invoke(app, ["validate", str(package)])
    assert result.exit_code != 0
    expected = [str(p) for p in validate_package(package) if _matches(case, p)]
    assert expected and any(line in result.output for line in expected), result.output
