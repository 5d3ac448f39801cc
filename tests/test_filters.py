"""Filters applied to the fixture package (curated parks and catalogue zones merged): which
parks and facts each keeps, the search with zone-type endings shortened, the origins filter,
the as-of view, and the allowed values from the vocabularies. The URL form is test_model_links."""

from __future__ import annotations

import pandas as pd
import pytest

from parkdata.data.dataset import read_frames
from parkdata.model.filters import (
    Filters,
    apply_filters,
    as_of_view,
    options,
    search_key,
    valid_date,
)
from parkdata.testing.fixtures import write_fixture


def ids(frame: pd.DataFrame, col: str = "park_id") -> list:
    return sorted(frame[col].dropna())


def test_no_filter_keeps_everything(ds):
    out = apply_filters(ds, Filters())
    assert len(out.parks) == len(ds.parks) == 9
    for table in ("events", "indicators", "industries"):
        assert len(getattr(out, table)) == len(getattr(ds, table)), table
    assert not Filters().is_active() and Filters(text="x").is_active()


def test_level_filter_keeps_parks_and_their_facts_only(ds):
    out = apply_filters(ds, Filters(levels=("national",)))
    assert ids(out.parks) == ["cs-hitech", "g111001", "zj-etdz"]
    assert out.events.empty  # the national zones' dated facts are level changes
    assert ids(out.level_changes, "change_id") == [
        "cs-hitech-l1", "g111001-c01", "g431001-c01", "zj-etdz-l1",
    ]  # fmt: skip
    assert ids(out.indicators, "fact_id") == [
        "cs-i1",
        "cs-i2",
        "g111001-i01",
        "g431001-i01",
        "zj-i1",
    ]
    assert ids(out.industries, "industry_id") == ["cs-n0", "cs-n1", "g111001-n01"]
    assert out.parks.index.tolist() == list(range(3))  # a fresh index: rows as shown


def test_city_filter_keeps_city_wide_facts_of_that_city(ds):
    out = apply_filters(ds, Filters(cities=("湛江市",)))
    assert ids(out.parks) == ["formula-park", "html-park", "s449001", "zj-etdz"]
    assert ids(out.events, "event_id") == ["zj-e1"]
    assert ids(out.level_changes, "change_id") == ["s449001-c01", "zj-etdz-l1"]
    assert ids(out.industries, "industry_id") == ["s449001-n01", "zj-n1"]


def test_province_filter_keeps_city_wide_facts_of_its_cities(ds):
    assert "zj-e1" in set(apply_filters(ds, Filters(provinces=("广东省",))).events["event_id"])
    assert "zj-e1" not in set(apply_filters(ds, Filters(provinces=("湖南省",))).events["event_id"])


def test_park_specific_filter_drops_city_wide_facts(ds):
    out = apply_filters(ds, Filters(cities=("湛江市",), levels=("national",)))
    assert ids(out.parks) == ["zj-etdz"]
    assert "zj-e1" not in set(out.events["event_id"])
    assert Filters(origins=("articles",)).park_specific()
    assert not Filters(provinces=("湖南省",), as_of="2000").park_specific()


@pytest.mark.parametrize("text", ["临武", "臨武", "LINWU", "  linwu ", "临武工业园区"])
def test_text_search_over_chinese_english_short_and_traditional(ds, text):
    assert ids(apply_filters(ds, Filters(text=text)).parks) == ["linwu"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("湛江经开区", ["zj-etdz"]),  # short form of 湛江经济技术开发区
        ("湛江经济技术开发区", ["zj-etdz"]),
        ("長沙高新區", ["cs-hitech"]),  # traditional short form of 长沙高新技术产业开发区
        ("北京经开区", ["g111001"]),  # a catalogue zone
        ("经济技术开发区", ["cz-etdz", "g111001", "s449001", "zj-etdz"]),  # 经济开发区 too
    ],
)
def test_search_shortens_zone_type_endings_on_both_sides(ds, text, found):
    assert ids(apply_filters(ds, Filters(text=text)).parks) == found


def test_search_finds_a_short_name_the_data_does_not_hold(ds):
    """衡阳高新区 finds 衡阳高新技术产业开发区 although no row spells the short form: the
    ending is shortened by the name_suffixes vocabulary, in the query and in the names."""
    parks = ds.parks.copy()
    row = parks.index[parks["park_id"] == "cz-etdz"][0]
    parks.loc[row, ["name_zh", "short_name_zh"]] = ["衡阳高新技术产业开发区", "衡阳园"]
    hengyang = ds.replace(parks=parks)
    assert ids(apply_filters(hengyang, Filters(text="衡阳高新区")).parks) == ["cz-etdz"]
    assert ids(apply_filters(ds, Filters(text="衡阳高新区")).parks) == []


def test_search_key_uses_the_vocabularys_short_forms():
    suffixes = (("经济技术开发区", "经开区"), ("高新技术产业开发区", "高新区"), ("园区", "园区"))
    assert search_key(" 湛江經濟技術開發區 ", suffixes) == "湛江经开区"
    assert search_key("Changsha", suffixes) == "changsha"
    assert search_key("衡阳高新技术产业开发区", ()) == "衡阳高新技术产业开发区"  # no vocabulary


def test_sector_and_zone_filters(ds):
    assert ids(apply_filters(ds, Filters(sectors=("equipment",))).parks) == ["cs-hitech", "linwu"]
    assert ids(apply_filters(ds, Filters(sectors=("automotive",))).parks) == ["g111001"]
    out = apply_filters(ds, Filters(zone_types=("industrial_park",)))
    assert ids(out.parks) == ["linwu", "longping"]


def test_origin_filter_keeps_the_zones_of_that_origin_and_their_facts(ds):
    catalogue = apply_filters(ds, Filters(origins=("catalog_2018",)))
    # the curated Changsha zone is listed in the catalogue (G431001): it is of both origins
    assert ids(catalogue.parks) == ["cs-hitech", "g111001", "s449001"]
    assert {"g111001-c01", "s449001-c01", "g431001-c01"} <= set(
        catalogue.level_changes["change_id"]
    )
    assert {"g111001-n01", "s449001-n01"} <= set(catalogue.industries["industry_id"])
    curated = apply_filters(ds, Filters(origins=("articles",)))
    assert len(curated.parks) == 7 and set(curated.parks["origin"]) == {"articles"}
    # the curated Changsha zone is the catalogue's G431001: its catalogue facts come with it
    assert "g431001-c01" in set(curated.level_changes["change_id"])
    both = apply_filters(ds, Filters(origins=("articles", "catalog_2018")))
    assert len(both.parks) == 9


def test_approval_year_filter_keeps_parks_first_approved_in_the_range(ds):
    out = apply_filters(ds, Filters(approved=(1990, 1995)))
    assert ids(out.parks) == ["cs-hitech", "g111001"]
    assert ids(apply_filters(ds, Filters(approved=(2006, 2006))).parks) == ["linwu", "s449001"]


def test_as_of_view_holds_the_levels_of_that_day(ds):
    then = as_of_view(ds, "2000")
    level = then.parks.set_index("park_id")["level"].to_dict()
    assert level["cs-hitech"] == "national"  # approved 1991-03 (the catalogue's event)
    assert level["g111001"] == "national"
    assert level["linwu"] == "unknown"  # founded 1996, provincial only from 2006-08
    assert level["cz-etdz"] == "unknown"  # its level is dated 2018
    assert then.parks["level"].dtype == "string"


def test_as_of_view_leaves_out_later_parks_and_facts_and_keeps_undated_ones(ds):
    then = as_of_view(ds, "2000")
    assert "s449001" not in set(then.parks["park_id"])  # approved 2006-04
    assert "longping" in set(then.parks["park_id"])  # no dated founding: kept
    assert ids(then.events, "event_id") == ["linwu-e1", "linwu-e3"]
    assert ids(then.level_changes, "change_id") == ["g111001-c01", "g431001-c01"]  # by 2000
    assert then.indicators.empty and then.industries.empty  # all dated after 2000
    assert as_of_view(ds, "") is ds


def test_as_of_counts_a_partial_date_to_its_last_day(ds):
    august = apply_filters(ds, Filters(levels=("provincial",), as_of="2006-08"))
    assert ids(august.parks) == ["linwu", "s449001"]
    july = apply_filters(ds, Filters(levels=("provincial",), as_of="2006-07"))
    assert ids(july.parks) == ["s449001"]
    assert apply_filters(ds, Filters(levels=("provincial",), as_of="2000")).parks.empty
    year = apply_filters(ds, Filters(as_of="2018"))
    assert set(year.indicators["year"]) == {2018}  # the catalogue's areas; 2020-21 left out
    assert year.parks.set_index("park_id").loc["cz-etdz", "level"] == "provincial"


def test_empty_result_is_empty_everywhere(ds):
    out = apply_filters(ds, Filters(text="不存在的园区"))
    assert out.parks.empty and out.events.empty and out.indicators.empty
    assert out.industries.empty and len(out.sources) == len(ds.sources)


def test_options_come_from_the_vocabularies_in_their_order(ds):
    opts = options(ds)
    for field, vocabulary in (
        ("levels", "levels"),
        ("zone_types", "zone_types"),
        ("sectors", "sectors"),
        ("origins", "origins"),
    ):
        assert opts[field] == ds.vocab[vocabulary].codes(), field
    assert opts["origins"] == ("articles", "catalog_2018", "national_other")
    assert opts["provinces"] == ("北京市", "湖南省", "广东省")  # provinces.csv order, those used
    assert opts["cities"] == ("北京市", "湛江市", "郴州市", "长沙市")
    assert options(ds, ["湖南省"])["cities"] == ("郴州市", "长沙市")


def test_a_new_zone_type_is_an_option_at_once(tmp_path):
    row = {
        "zone_type": "innovation_zone",
        "label_zh": "自主创新示范区",
        "label_en": "Innovation demonstration zone",
        "order": 99,
        "name_suffix_zh": "示范区",
    }
    ds = read_frames(write_fixture(tmp_path / "pkg", vocab_rows={"zone_types": [row]}))
    assert options(ds)["zone_types"][-1] == "innovation_zone"


@pytest.mark.parametrize(
    ("text", "ok"),
    [("2006-08", True), ("1996", True), ("2021-09-28", True), ("2021-13", False)]
    + [("2021-02-30", False), ("1899", False), ("2101", False), ("yesterday", False)],
)
def test_valid_date(text, ok):
    assert valid_date(text) is ok


def test_search_finds_a_zone_by_its_code_and_by_an_english_abbreviation(ds):
    """Issue 18: a catalogue code (either case) and 'ETDZ' for the English ending find it."""
    from parkdata.model.filters import Filters, apply_filters

    for text in ("G111001", "g111001", "zj-etdz"):
        assert list(apply_filters(ds, Filters(text=text)).parks["park_id"]) in (
            ["g111001"],
            ["zj-etdz"],
        ), text
    found = apply_filters(ds, Filters(text="Beijing ETDZ")).parks["park_id"]
    assert list(found) == ["g111001"]  # Beijing Economic and Technological Development Zone
    assert apply_filters(ds, Filters(text="G11100")).parks.empty  # a code matches whole
