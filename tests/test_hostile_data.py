"""Hostile data: each broken package gives one readable problem naming file, row and column,
in `validate_package`, in the dashboard (instead of a traceback) and in `parkdata validate`.

Each case starts from a small valid synthetic package and breaks one thing in it."""

from __future__ import annotations

import importlib.util
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from parkdata.data.problems import Problem
from parkdata.data.validation import check_files, check_schema
from parkdata.testing.synthetic import generate_package

ROOT = Path(__file__).resolve().parents[1]
DASHBOARD = ROOT / "dashboard.py"
HAS_RULES = importlib.util.find_spec("parkdata.data.rules") is not None
HAS_CLI = importlib.util.find_spec("parkdata.curate.cli") is not None


def validate(package: Path) -> list[Problem]:
    """validate_package once the project rules exist; files + schema until then."""
    if HAS_RULES:
        from parkdata.data.validation import validate_package

        return validate_package(package)
    return check_files(package) or check_schema(package)


def _read(d: Path, table: str) -> pd.DataFrame:
    return pd.read_csv(d / f"{table}.csv", dtype=str, keep_default_na=False)


def _write(d: Path, table: str, frame: pd.DataFrame) -> None:
    frame.to_csv(d / f"{table}.csv", index=False, lineterminator="\n")


def _set(table: str, index: int, column: str, value: str) -> Callable[[Path], None]:
    def mutate(d: Path) -> None:
        frame = _read(d, table)
        frame.loc[index, column] = value
        _write(d, table, frame)

    return mutate


def _drop_column(d: Path) -> None:
    _write(d, "parks", _read(d, "parks").drop(columns=["level"]))


def _gbk(d: Path) -> None:
    path = d / "parks.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("gb18030"))


def _bom(d: Path) -> None:
    path = d / "parks.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())


def _duplicate_id(d: Path) -> None:
    frame = _read(d, "parks")
    frame.loc[3, "park_id"] = frame.loc[1, "park_id"]
    _write(d, "parks", frame)


def _empty(d: Path) -> None:
    (d / "industries.csv").write_bytes(b"")


@dataclass(frozen=True)
class Case:
    """A break and the problem it must produce (row: CSV line, header = 1; None = whole file)."""

    mutate: Callable[[Path], None]
    file: str
    row: int | None
    column: str | None
    words: tuple[str, ...]  # each must appear in the message (case-insensitive)


CASES = {
    "missing_column": Case(_drop_column, "parks.csv", 1, "level", ("missing",)),
    "bad_enum": Case(_set("parks", 2, "level", "galactic"), "parks.csv", 4, "level", ("galactic",)),
    "unknown_foreign_key": Case(
        _set("events", 4, "park_id", "no-such-park"), "events.csv", 6, "park_id", ("no-such-park",)
    ),
    "malformed_date": Case(
        _set("events", 4, "date", "2006/08"), "events.csv", 6, "date", ("2006/08",)
    ),
    "gbk_encoded": Case(_gbk, "parks.csv", 2, None, ("gbk", "utf-8")),
    "bom_prefixed": Case(_bom, "parks.csv", 1, None, ("byte-order mark",)),
    "duplicated_id": Case(_duplicate_id, "parks.csv", 5, "park_id", ("syn-000001",)),
    "empty_table": Case(_empty, "industries.csv", None, None, ("empty",)),
}
# Gaps in the validation core to be reported here as xfail, name -> reason (none known).
KNOWN_GAPS: dict[str, str] = {}


def _params(mark_gaps: bool = True) -> list:
    params = []
    for name in CASES:
        gap = KNOWN_GAPS.get(name) if mark_gaps else None
        marks = [pytest.mark.xfail(reason=gap, strict=False)] if gap else []
        params.append(pytest.param(name, id=name, marks=marks))
    return params


@pytest.fixture(scope="module")
def valid_package(tmp_path_factory) -> Path:
    return generate_package(12, tmp_path_factory.mktemp("valid"), seed=1)


@pytest.fixture
def broken(request, valid_package, tmp_path) -> tuple[Case, Path]:
    case = CASES[request.param]
    target = tmp_path / request.param
    shutil.copytree(valid_package, target)
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


def test_the_valid_package_has_no_problem(valid_package):
    assert validate(valid_package) == []


@pytest.mark.parametrize("broken", _params(), indirect=True)
def test_validation_names_file_row_and_column(broken):
    case, package = broken
    problems = validate(package)
    assert any(_matches(case, p) for p in problems), [str(p) for p in problems]
    assert len({(p.file, p.row, p.column) for p in problems if p.file == case.file}) <= 3


def test_every_broken_row_is_reported_none_dropped(valid_package, tmp_path):
    target = tmp_path / "two"
    shutil.copytree(valid_package, target)
    frame = _read(target, "parks")
    frame.loc[[0, 5], "level"] = ["galactic", "cosmic"]
    _write(target, "parks", frame)
    rows = sorted(p.row for p in validate(target) if p.column == "level")
    assert rows == [2, 7]


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


@pytest.mark.skipif(not DASHBOARD.exists(), reason="dashboard.py does not exist yet")
@pytest.mark.parametrize("broken", _params(mark_gaps=False), indirect=True)
def test_dashboard_shows_the_problem_not_a_traceback(broken, monkeypatch):
    from streamlit.testing.v1 import AppTest

    case, package = broken
    monkeypatch.setenv("PARKDATA_DATA_DIR", str(package))
    at = AppTest.from_file(str(DASHBOARD), default_timeout=120).run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.error) == 1
    text = _app_text(at)
    problems = validate(package)
    assert problems and str(problems[0]) in text  # the same words as `parkdata validate`
    assert case.file in text
    assert "Traceback" not in text


# -- `parkdata validate` says the same ------------------------------------------------------------


@pytest.mark.skipif(not HAS_CLI, reason="parkdata.curate.cli does not exist yet")
@pytest.mark.parametrize("broken", _params(), indirect=True)
def test_cli_validate_says_the_same(broken):
    from typer.testing import CliRunner

    from parkdata.curate.cli import app

    case, package = broken
    result = CliRunner().invoke(app, ["validate", str(package)])
    assert result.exit_code != 0
    output = result.output
    expected = [str(p) for p in validate(package) if _matches(case, p)]
    assert expected and any(line in output for line in expected), output
