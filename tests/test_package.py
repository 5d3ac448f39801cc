"""The real data package: it validates (Frictionless and our rules), loads typed, and keeps
missing values missing and dates at their precision."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from parkdata.data.package import load_package, read_frames
from parkdata.data.problems import PackageError
from parkdata.data.schema import DATA_DIR
from parkdata.data.validation import validate_package


@pytest.fixture(scope="module")
def ds():
    return load_package(DATA_DIR)


def test_real_package_has_no_problem():
    assert validate_package(DATA_DIR) == []


def test_frictionless_command_line_says_valid():
    exe = Path(sys.executable).with_name("frictionless")
    result = subprocess.run(
        [str(exe), "validate", str(DATA_DIR / "datapackage.json")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout[-2000:]
    assert "INVALID" not in result.stdout
    assert result.stdout.count("VALID") == 8  # one line per table


def test_counts_of_the_curated_dataset(ds):
    assert len(ds.parks) == 34
    assert set(ds.parks["province"]) == {"湖南省", "广东省"}
    assert len(ds.sources[ds.sources["kind"] == "article"]) == 5
    facts = len(ds.events) + len(ds.indicators) + len(ds.industries)
    assert facts >= 150


def test_every_source_supports_a_fact(ds):
    used = set(ds.events["source_id"]) | set(ds.indicators["source_id"])
    used |= set(ds.industries["source_id"]) | set(ds.parks["level_source_id"].dropna())
    used |= set(ds.parks["location_source_id"].dropna())
    # cat_2018 and adcode_2016 support the generated data/catalog/ (not yet in the loader)
    for table in sorted((Path(__file__).resolve().parents[1] / "data" / "catalog").glob("*.csv")):
        frame = pd.read_csv(table, dtype=str, keep_default_na=False)
        for column in ("source_id", "level_source_id", "location_source_id"):
            if column in frame:
                used |= set(frame[column]) - {""}
    assert set(ds.sources["source_id"]) - used == set()


def test_every_article_gives_facts(ds):
    articles = ds.sources.loc[ds.sources["kind"] == "article", "source_id"]
    for source_id in articles:
        n = sum(
            (getattr(ds, t)["source_id"] == source_id).sum()
            for t in ("events", "indicators", "industries")
        )
        assert n >= 5, source_id


def test_dates_keep_their_precision(ds):
    linwu = ds.events[ds.events["park_id"] == "linwu_ip"].set_index("event")
    assert linwu.loc["provincial_approval", "date"] == "2006-08"
    assert linwu.loc["established", "date"] == "1996"


def test_missing_stays_missing(ds):
    chenzhou = ds.parks.set_index("park_id").loc["chenzhou_einm_park"]
    assert chenzhou["level"] == "unknown"
    assert pd.isna(chenzhou["level_source_id"])
    # no indicator row is ever a stand-in zero
    assert (ds.indicators["value"] != 0).all()
    assert ds.indicators["year"].dtype == "Int64"


def test_article_figures_carry_their_units(ds):
    ind = ds.indicators.set_index("fact_id")
    hengyang = ind[(ind["park_id"] == "hengyang_htz") & (ind["indicator"] == "planned_area")].iloc[
        0
    ]
    assert (hengyang["value"], hengyang["unit"], hengyang["source_id"]) == (
        170.57,
        "km2",
        "art_2020_hengyang",
    )
    listed = ind[
        (ind["park_id"] == "chenzhou_einm_park") & (ind["indicator"] == "listed_companies")
    ].iloc[0]
    assert (listed["value"], listed["value_max"], listed["kind"]) == (3, 5, "target")
    trade = ind[ind["indicator"] == "foreign_trade"].iloc[0]
    assert (trade["value"], trade["unit"], trade["kind"]) == (12, "usd_100m", "estimate")


def test_reference_facts_are_background_with_urls(ds):
    refs = ds.sources[ds.sources["kind"] == "reference"]
    assert refs["url"].notna().all()
    assert refs["confidence"].notna().all()


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "pkg"
    shutil.copytree(DATA_DIR, target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_broken_package_raises_one_error_naming_every_place(tmp_path):
    pkg = _copy(tmp_path)
    _edit(pkg / "parks.csv", "national,2020-07-21", "galactic,2020-07-21")
    with pytest.raises(PackageError) as info:
        load_package(pkg)
    problems = info.value.problems
    assert [(p.file, p.row, p.column) for p in problems] == [("parks.csv", 3, "level")]
    assert "parks.csv:3:level:" in str(info.value)


def test_read_frames_never_drops_a_row(tmp_path):
    pkg = _copy(tmp_path)
    _edit(pkg / "events.csv", ",2006-08,", ",2006-13,")
    frames = read_frames(pkg)
    assert len(frames.events) == len(read_frames(DATA_DIR).events)
    problems = validate_package(pkg)
    assert [(p.file, p.column) for p in problems] == [("events.csv", "date")]
