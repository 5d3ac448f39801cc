"""A data package changed while the app runs (a curator saving a CSV, a half-written file, a
rebuild): open sessions keep serving the last good package with a notice that the newer one is
invalid, never half a package and never a traceback; once the files are whole again, the new
package is served."""

from __future__ import annotations

import shutil

import pytest
from apptest import open_page, texts, use_package

from parkdata.present.i18n import t

pytestmark = pytest.mark.pages


@pytest.fixture
def package(fixture_dir, tmp_path, monkeypatch):
    copy = tmp_path / "package"
    shutil.copytree(fixture_dir, copy)
    use_package(monkeypatch, copy)
    return copy


def shown(at) -> str:
    return " ".join(texts(at.sidebar, "caption"))


def test_an_invalid_save_keeps_the_last_good_package_with_a_notice(package):
    at = open_page("table", lang="en")
    assert t("n_parks_shown", "en", n="9", total="9") in shown(at)
    parks = package / "level_changes.csv"
    good = parks.read_bytes()
    # a curator saves a row whose level is not a level
    parks.write_bytes(good.replace(b",provincial,", b",provinical,", 1))
    at.run()
    assert not at.exception
    assert t("n_parks_shown", "en", n="9", total="9") in shown(at)  # the last good package
    assert any("problem" in w for w in texts(at, "warning"))
    assert len(at.dataframe[0].value) == 9


def test_a_half_written_file_is_never_half_read(package):
    at = open_page("table", lang="en")
    events = package / "events.csv"
    whole = events.read_bytes()
    events.write_bytes(whole[: len(whole) // 2])  # cut in the middle of a row
    at.run()
    assert not at.exception
    assert t("n_parks_shown", "en", n="9", total="9") in shown(at)
    events.write_bytes(whole)  # the save completes
    at.run()
    assert not at.exception and not texts(at, "warning")


def test_a_valid_change_is_served_at_the_next_run(package):
    at = open_page("table", lang="en")
    parks = package / "parks.csv"
    lines = parks.read_text(encoding="utf-8").splitlines(keepends=True)
    parks.write_text("".join(line for line in lines if not line.startswith("formula-park,")))
    at.run()
    assert not at.exception
    assert t("n_parks_shown", "en", n="8", total="8") in shown(at)
    assert "formula-park" not in set(at.dataframe[0].value["park_id"])


def test_a_package_that_never_loaded_names_its_problems(package):
    (package / "parks.csv").write_text("park_id\n", encoding="utf-8")
    at = open_page(lang="en")
    assert not at.exception
    errors = texts(at, "error")
    assert errors and "parks.csv:1:" in errors[0]
