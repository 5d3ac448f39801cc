"""The project's own rules, each on a copy of the real package with one fault put in."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from parkdata.schema import DATA_DIR
from parkdata.validation import validate_package


@pytest.fixture
def pkg(tmp_path) -> Path:
    target = tmp_path / "pkg"
    shutil.copytree(DATA_DIR, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def places(pkg: Path) -> list[tuple[str, int | None, str | None]]:
    return [(p.file, p.row, p.column) for p in validate_package(pkg)]


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def test_level_must_agree_with_latest_approval(pkg):
    parks = pkg / "parks.csv"
    edit(parks, "national,2020-07-21,art_2020_hengyang", "provincial,2020-07-21,art_2020_hengyang")
    assert places(pkg) == [("parks.csv", line_of(parks, "hengyang_htz"), "level")]


def test_calendar_date_must_exist(pkg):
    events = pkg / "events.csv"
    edit(events, "2012-08-19", "2012-02-30")
    assert places(pkg) == [("events.csv", line_of(events, "2012-02-30"), "date")]


def test_unit_must_fit_the_indicator(pkg):
    ind = pkg / "indicators.csv"
    edit(ind, "170.57,,exact,km2", "170.57,,exact,cny_100m")
    assert places(pkg) == [("indicators.csv", line_of(ind, "170.57"), "unit")]


def test_coordinates_must_lie_in_the_province(pkg):
    parks = pkg / "parks.csv"
    edit(parks, "26.8951,112.5669", "21.2454,110.3930")  # a Zhanjiang point for a Hunan park
    assert places(pkg) == [("parks.csv", line_of(parks, "hengyang_htz"), "lat")]


def test_fact_names_a_park_or_a_region(pkg):
    events = pkg / "events.csv"
    edit(events, ",湛江市,2021-12-02", ",,2021-12-02")
    assert places(pkg) == [("events.csv", line_of(events, "2021-12-02"), "park_id")]


def test_approval_needs_level_after(pkg):
    events = pkg / "events.csv"
    edit(events, "2006-08,provincial_approval,provincial", "2006-08,provincial_approval,")
    assert places(pkg) == [("events.csv", line_of(events, "2006-08"), "level_after")]


def test_parent_cycle_is_found(pkg):
    parks = pkg / "parks.csv"
    edit(
        parks,
        "high_tech_zone,,G432033,GB/T 37028-2018 code 43103001.",
        "high_tech_zone,longping_park,G432033,GB/T 37028-2018 code 43103001.",
    )
    found = places(pkg)
    assert ("parks.csv", line_of(parks, "changsha_htz,"), "parent_id") in found
    assert ("parks.csv", line_of(parks, "longping_park,"), "parent_id") in found


def test_known_level_needs_its_source(pkg):
    parks = pkg / "parks.csv"
    edit(parks, "2026-03-19,ref_0735_2026,入选全省省级园区前五", "2026-03-19,,入选全省省级园区前五")
    assert places(pkg) == [("parks.csv", line_of(parks, "chenzhou_edz,"), "level_source_id")]


def test_unknown_foreign_key_is_found_by_frictionless(pkg):
    events = pkg / "events.csv"
    edit(events, "linwu_ip-e01,linwu_ip", "linwu_ip-e01,nowhere_park")
    found = places(pkg)
    assert found and all(f == "events.csv" for f, _, _ in found)
    assert found[0][1] == 2
