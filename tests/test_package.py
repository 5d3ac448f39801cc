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

SHARED = DATA_DIR.parent.parent / "shared"


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
    assert len(ds.parks) == 49
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


def test_curated_english_names_are_never_generated(ds):
    assert ds.parks["name_en_generated"].dtype == "boolean"
    assert not ds.parks["name_en_generated"].any()
    assert ds.parks["name_en"].notna().all()


def test_catalogue_codes_link_the_zones_of_the_2018_catalogue(ds):
    """衡阳高新区 -> G432126, 临武工业园区 -> S439056; a zone renamed or upgraded later keeps its
    code."""
    codes = ds.parks.set_index("park_id")["catalog_code"]
    assert codes["hengyang_htz"] == "G432126" and codes["linwu_ip"] == "S439056"
    assert codes["ningxiang_htz"] == "S438076"  # national since 2022, provincial in the catalogue
    assert pd.isna(codes["leizhou_edz"])  # created in 2021


CATALOG = SHARED / "reference" / "catalog_2018.csv"


@pytest.mark.skipif(not CATALOG.is_file(), reason=f"{CATALOG} not found")
def test_catalogue_codes_agree_with_the_catalogue(ds):
    """Each code names a catalogue zone of the park's province whose name is the park's (or the
    former name its notes give); a park whose name is in the catalogue has its code."""
    catalog = pd.read_csv(CATALOG, dtype=str).set_index("code")
    for park in ds.parks.itertuples():
        if pd.isna(park.catalog_code):
            assert park.name_zh not in set(catalog["name_zh"]), park.park_id
            continue
        zone = catalog.loc[park.catalog_code]
        assert zone["province"] == park.province, park.park_id
        assert zone["name_zh"] == park.name_zh or zone["name_zh"] in park.notes_en, park.park_id


def test_industries_say_which_year_they_describe(ds):
    articles = set(ds.sources.loc[ds.sources["kind"] == "article", "source_id"])
    from_articles = ds.industries[ds.industries["source_id"].isin(articles)]
    assert from_articles["year"].notna().all()
    wangcheng = ds.industries[ds.industries["park_id"] == "wangcheng_etdz"]
    assert set(wangcheng["year"]) == {2014, 2021}  # two eras, told apart


def test_areas_keep_their_scope(ds):
    scope = ds.indicator_types.set_index("indicator")["scope"]
    areas = ds.indicators[ds.indicators["indicator"].map(scope).notna()].set_index("fact_id")
    assert areas.loc["zhanjiang_etdz-i01", "indicator"] == "administrative_area"  # 502.04 km²
    assert areas.loc["wuchuan_airport_zone-i01", "indicator"] == "administrative_area"  # township
    assert areas.loc["fenyong_htz-i02", "indicator"] == "developable_area"  # 46 of 138 km²
    assert areas.loc["changsha_airport_zone-i01", "indicator"] == "managed_area"
    assert areas.loc["ningxiang_htz-i04", "indicator"] == "approved_area"
    assert "baosteel_park" not in set(areas["park_id"])  # its 4,800 mu is another park's


def test_size_classes_and_expectations_are_not_exact_results(ds):
    ind = ds.indicators.set_index("fact_id")
    assert set(ind.loc[["liuyang_etdz-i01", "liuyang_etdz-i02"], "qualifier"]) == {"size_class"}
    goal = ind.loc["chenzhou_edz-i10"]  # 2019 千亿园区
    assert (goal["kind"], goal["target_year"], goal["qualifier"]) == ("target", 2019, "size_class")
    assert ind.loc["chenzhou_edz-i11", "kind"] == "estimate"  # 预计: first in foreign trade
    awards = ds.events.loc[ds.events["event"] == "award", "event_id"]
    assert set(awards) == {"linwu_ip-e03"}  # the one commendation; rankings are rank indicators


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
