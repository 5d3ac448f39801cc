"""Names a reader would use (issue 17, item 5): one test per category of name the package
once wrote wrongly, on the checks themselves and on the committed package."""

from __future__ import annotations

import pandas as pd
import pytest

from parkdata.data import names
from parkdata.data.package import load_package
from parkdata.data.schema import DATA_DIR
from parkdata.data.validation import validate_package
from parkdata.model.filters import Filters, apply_filters, name_suffixes
from parkdata.testing.fixtures import write_fixture


@pytest.fixture(scope="module")
def real():
    return load_package(DATA_DIR)


def test_a_doubled_word_is_found():
    assert names.doubled("Jiaozuo Industrial Industrial Cluster Zone")
    assert names.doubled("Tianjin Bonded Zone Zone A")
    assert not names.doubled("Zhanjiang Economic and Technological Development Zone")
    assert not names.doubled(pd.NA)


def test_chinese_or_unbalanced_brackets_are_stray():
    assert names.stray("Changsha 黄花 Zone")
    assert names.stray("Zone (Area A")
    assert names.stray("Zone ()")
    assert names.stray("Zone）")
    assert not names.stray("China (Hunan) Pilot Free Trade Zone")


def test_an_island_or_bay_left_in_pinyin_is_found_unless_the_place_is_so_named():
    assert names.landscape_left_in_pinyin("长兴岛经济区", "Changxingdao Economic Zone", ["辽宁省"])
    assert not names.landscape_left_in_pinyin(
        "长兴岛经济区", "Changxing Island Economic Zone", ["辽宁省"]
    )
    # a place of the zone's own division keeps its name: 青岛 is the city, not an island
    assert not names.landscape_left_in_pinyin(
        "青岛高新技术产业开发区", "Qingdao High-tech Zone", ["山东省", "青岛市", None]
    )


def test_a_short_name_that_is_only_an_ending_is_found():
    endings = {"经济技术开发区", "经开区"}
    assert names.short_is_only_an_ending("经开区", endings)
    assert names.short_is_only_an_ending(" ", endings)
    assert not names.short_is_only_an_ending("吉林经开区", endings)
    assert not names.short_is_only_an_ending(pd.NA, endings)


def test_no_zone_of_the_package_has_a_name_of_any_category(real):
    endings = {e for pair in name_suffixes(real) for e in pair}
    defects = names.name_defects(real.parks, endings)
    found = {c: list(real.parks.loc[mask, "name_zh"][:3]) for c, mask in defects.items()}
    assert all(not v for v in found.values()), found


@pytest.mark.parametrize(
    ("name_zh", "name_en"),
    [
        # reviewed, not Tumushuke
        ("第三师图木舒克工业园区", "3rd Division Tumxuk Industrial Park"),
        ("吉林经济技术开发区", "Jilin Economic and Technological Development Zone"),
    ],
)
def test_minority_places_take_their_reviewed_english(real, name_zh, name_en):
    row = real.parks.loc[real.parks["name_zh"] == name_zh].iloc[0]
    assert row["name_en"] == name_en


def test_jilin_keeps_its_place_in_the_short_name(real):
    row = real.parks.loc[real.parks["name_zh"] == "吉林经济技术开发区"].iloc[0]
    assert row["short_name_zh"] == "吉林经开区"


def test_every_county_of_a_zone_has_its_english_name(real):
    keys = names.county_keys(real.parks).dropna()
    counties = real.vocab["counties"].frame.set_index("place")["name_en"]
    assert keys.isin(counties.index).all(), sorted(set(keys) - set(counties.index))[:5]
    assert counties["湛江市廉江市"] == "Lianjiang City"


def test_a_renamed_zone_has_its_new_short_name_and_is_found_by_every_old_one(real):
    zone = real.parks.loc[real.parks["name_zh"] == "楚雄高新技术产业开发区"].iloc[0]
    assert zone["short_name_zh"] == "楚雄高新区"
    for old in ("云南楚雄经济开发区", "楚雄经开区", zone["former_names_en"]):
        found = apply_filters(real, Filters(text=old)).parks["park_id"]
        assert zone["park_id"] in set(found), old


def test_the_rule_names_a_short_name_without_its_place(tmp_path):
    pkg = write_fixture(tmp_path / "pkg")
    path = pkg / "parks.csv"
    parks = pd.read_csv(path, dtype=str, keep_default_na=False)
    parks.loc[parks["park_id"] == "zj-etdz", "short_name_zh"] = "经开区"
    parks.to_csv(path, index=False)
    found = [
        (p.file, p.row, p.column) for p in validate_package(pkg) if "zone-type ending" in p.message
    ]
    row = int(parks.index[parks["park_id"] == "zj-etdz"][0]) + 2
    assert found == [("parks.csv", row, "short_name_zh")]
