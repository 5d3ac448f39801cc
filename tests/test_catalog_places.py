"""Where zones are put (issue 17, items 1-3): every zone whose name gives a division lies within
that division's reach, no note denies a place the name gives, a curated park with a known county
has at least its seat, and the stacks that remain come apart on the map."""

from __future__ import annotations

import csv
import io
import math
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from parkdata.curate import place_check
from parkdata.curate.catalog import load_inputs
from parkdata.curate.catalog_report import BEFORE, BEFORE_COMMIT
from parkdata.data.validation import validate_package
from parkdata.present.maps import spread
from parkdata.testing.fixtures import write_fixture

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
REFERENCE = ROOT.parent / "shared" / "reference"
TABLES = ("catalog/parks.csv", "national/parks.csv", "parks.csv")

needs_reference = pytest.mark.skipif(
    not (REFERENCE / "adcode_2016.csv").exists(),
    reason="../shared/reference (the division table) is not beside the repository",
)


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def gazetteer():
    return load_inputs(REFERENCE, DATA).gazetteer


@pytest.fixture(scope="module")
def tables() -> dict[str, list[dict[str, str]]]:
    return {name: rows(DATA / name) for name in TABLES}


@needs_reference
@pytest.mark.parametrize(
    ("name", "province", "division"),
    [
        (
            "北京和田工业园区",
            "新疆维吾尔自治区",
            "和田地区",
        ),  # another province's aid, then the place
        ("兵团霍尔果斯口岸工业园区", "新疆维吾尔自治区", "霍尔果斯市"),  # the Corps is not a place
        ("张江高新区徐汇园", "上海市", "徐汇区"),  # a sub-park named after a district
        ("甘孜—眉山工业园区", "四川省", "眉山市"),  # an enclave at its host
        ("延安市中国洛川现代苹果产业园区", "陕西省", "洛川县"),  # a county after its prefecture
        ("湘潭经济技术开发区", "湖南省", "湘潭市"),  # the prefecture, not 湘潭县
    ],
)
def test_the_name_gives_the_finest_division(gazetteer, name, province, division):
    named = place_check.named_division(name, province, gazetteer)
    assert named is not None and named.division.name == division


@needs_reference
def test_every_zone_lies_within_reach_of_the_division_its_name_gives(gazetteer, tables):
    every = [r for table in tables.values() for r in table]
    problems = place_check.reach_problems(every, gazetteer)
    assert [(p.name_zh, p.named, p.placed) for p in problems][:5] == []


@needs_reference
def test_the_catalogue_zones_sit_in_the_division_their_name_gives(tables):
    by_name = {r["name_zh"]: r for r in tables["catalog/parks.csv"]}
    assert by_name["北京和田工业园区"]["city"] == "和田地区"
    assert by_name["张江高新区徐汇园"]["county"] == "徐汇区"
    assert by_name["甘孜—眉山工业园区"]["city"] == "眉山市"
    assert by_name["兵团霍尔果斯口岸工业园区"]["county"] == "霍尔果斯市"


@needs_reference
def test_no_note_denies_a_place_the_name_gives(gazetteer, tables):
    every = [r for table in tables.values() for r in table]
    assert place_check.false_no_place(every, gazetteer) == []


def test_every_curated_park_with_a_county_has_a_point_marked_as_a_seat_or_its_own(tables):
    curated = pd.DataFrame(tables["parks.csv"]).replace("", pd.NA)
    with_county = curated[curated["county"].notna()]
    assert with_county["lat"].notna().all() and with_county["lon"].notna().all()
    seats = curated[curated["location_source_id"] == "adcode_2016"]
    assert len(seats) >= 11
    assert set(seats["location_precision"]) <= {"county_seat", "district"}
    liuyang = curated.set_index("park_id").loc["liuyang_htz"]
    assert liuyang["location_precision"] == "county_seat"


def test_the_rule_names_a_park_with_a_county_and_no_point(tmp_path):
    pkg = write_fixture(tmp_path / "pkg")
    path = pkg / "parks.csv"
    parks = pd.read_csv(path, dtype=str, keep_default_na=False)
    parks.loc[parks["park_id"] == "cz-etdz", "county"] = "北湖区"
    parks.to_csv(path, index=False)
    found = [(p.file, p.row, p.column) for p in validate_package(pkg) if "seat" in p.message]
    row = int(parks.index[parks["park_id"] == "cz-etdz"][0]) + 2
    assert found == [("parks.csv", row, "lat")]


def test_the_largest_stack_is_measured_and_smaller_than_before(tables):
    package = place_check.package_zones(*(tables[t] for t in TABLES))
    now = place_check.stacks(package)
    assert now.largest < BEFORE["stacks_package"]["largest"]
    report = (DATA / "catalog" / "REPORT.md").read_text(encoding="utf-8")
    assert f"of all zones: {now.largest} at" in report


def test_every_zone_of_the_largest_stack_can_be_hovered_apart(tables):
    """The map sets a stack on a ring: at zoom 12 each member's centre is at least two minimum
    dots (2 x 2.5 px) from every other, so each can be hovered and clicked."""
    package = place_check.package_zones(*(tables[t] for t in TABLES))
    now = place_check.stacks(package)
    lat, lon = (float(v) for v in now.largest_at.split(","))
    lons, lats, size = spread(pd.Series([lon] * now.largest), pd.Series([lat] * now.largest))
    assert set(size) == {now.largest}
    px_per_deg = 256 * 2**12 / 360
    x = (lons - lon) * px_per_deg * math.cos(math.radians(lat))
    y = (lats - lat) * px_per_deg
    gaps = np.hypot(x[:, None] - x[None, :], y[:, None] - y[None, :])
    np.fill_diagonal(gaps, np.inf)
    assert gaps.min() >= 5


@needs_reference
def test_the_figures_before_are_those_of_the_commit_before(gazetteer):
    """BEFORE in the report is what place_check says of commit a730368's tables (where git
    holds it: a shallow clone skips)."""
    shown = subprocess.run(
        ["git", "cat-file", "-e", f"{BEFORE_COMMIT}^{{commit}}"], cwd=ROOT, capture_output=True
    )
    if shown.returncode != 0:
        pytest.skip(f"git does not hold {BEFORE_COMMIT}")

    def at(path: str) -> list[dict[str, str]]:
        text = subprocess.run(
            ["git", "show", f"{BEFORE_COMMIT}:data/{path}"],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        return list(csv.DictReader(io.StringIO(text, newline="")))

    figures = place_check.summary(*(at(t) for t in TABLES), gazetteer)
    assert figures["out_of_reach"] == BEFORE["out_of_reach"]
    assert figures["false_no_place"] == BEFORE["false_no_place"]
    assert figures["stacks_package"]["largest"] == BEFORE["stacks_package"]["largest"]
