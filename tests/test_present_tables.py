"""Display frames (parkdata.present.tables) of the fixture package: names first and park_id last,
labels from the vocabularies, sources as citations with their link, the parent's name, English
place columns in English mode, leading industries of the newest year, units written out in full,
targets with or without actuals; missing stays missing."""

import pandas as pd
import pytest

from parkdata.model import levels
from parkdata.model.filters import Filters, apply_filters
from parkdata.present import overview, tables
from parkdata.testing.fixtures import HTML_NAME

ART_A = "《临武全力申报省级高新区》 · achie.org · 2021-09-28"
ART_A_EN = "“Linwu goes all out for provincial high-tech zone status” · achie.org · 2021-09-28"
REF_GB = "《GB/T 37028-2018》 · SAMR · 2018"
CATALOG = "《中国开发区审核公告目录（2018年版）》 · 国家发展改革委等 · 2018-03"


@pytest.fixture(scope="module")
def area(ds) -> pd.Series:
    return levels.area_km2(ds, "approved_area")


def by_id(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.set_index("park_id")


# -- parks --------------------------------------------------------------------------------------


def test_parks_table_columns_names_first_park_id_last(ds, zh, area):
    frame = tables.parks_table(ds, zh, area)
    assert list(frame.columns) == [
        "name",
        "name_zh",
        "name_en",
        "short_name_zh",
        "level",
        "zone_type",
        "province",
        "city",
        "county",
        "first_provincial",  # the dates an analyst asks for, each with its source further on
        "first_national",
        "approved_area_km2",
        "leading_industries",
        "level_as_of",
        "level_confidence",
        "level_source",
        "level_source_url",
        "first_provincial_source",
        "first_national_source",
        "parent",
        "origin",
        "lat",
        "lon",
        "location_precision",
        "park_id",
    ]
    assert list(frame["park_id"]) == list(ds.parks["park_id"])
    assert not [c for c in frame.columns if c.endswith("source_id")]  # citations, not raw ids
    linwu = frame.set_index("park_id").loc["linwu"]  # provincial 2006-08 by its article
    assert linwu["first_provincial"] == "2006-08" and pd.isna(linwu["first_national"])
    assert linwu["first_provincial_source"].startswith("《临武全力申报省级高新区》")


def test_parks_table_labels_come_from_the_vocabularies(ds, zh, en):
    for labels in (zh, en):
        frame = by_id(tables.parks_table(ds, labels))
        parks = ds.parks.set_index("park_id")
        for park in frame.index:
            for column, vocabulary in [("level", "levels"), ("origin", "origins")]:
                expected = ds.vocab[vocabulary].label(parks.at[park, column], labels.lang)
                assert frame.at[park, column] == expected, (park, column)
            expected = labels.zone_type(parks.at[park, "zone_type"], parks.at[park, "level"])
            assert frame.at[park, "zone_type"] == expected, park
    zh_frame = by_id(tables.parks_table(ds, zh))
    assert zh_frame.loc["cs-hitech", ["level", "zone_type", "location_precision"]].tolist() == [
        "国家级",
        "高新区",
        "园区本身",
    ]
    # a national ETDZ under its national name, a provincial one under the provincial name
    assert zh_frame.at["zj-etdz", "zone_type"] == "经济技术开发区"
    en_frame = by_id(tables.parks_table(ds, en))
    assert en_frame.at["zj-etdz", "zone_type"] == "Economic and technological development zone"
    provincial = ds.parks[
        (ds.parks["zone_type"] == "economic_development_zone") & (ds.parks["level"] == "provincial")
    ]["park_id"]
    assert set(zh_frame.loc[list(provincial), "zone_type"]) == {"经济开发区"}
    assert zh_frame.at["g111001", "origin"] == ds.vocab["origins"].label("catalog_2018", "zh")


def test_parks_table_names_and_parent(ds, zh, en):
    zh_frame, en_frame = by_id(tables.parks_table(ds, zh)), by_id(tables.parks_table(ds, en))
    assert zh_frame.at["cs-hitech", "name"] == "长沙高新技术产业开发区"
    assert en_frame.at["cs-hitech", "name"] == "Changsha Hi-tech Zone"
    assert en_frame.at["longping", "name"] == "隆平高科技园"  # no English name: Chinese
    assert en_frame.at["html-park", "name"] == HTML_NAME  # text as typed
    assert zh_frame.at["longping", "parent"] == "长沙高新技术产业开发区"
    assert en_frame.at["longping", "parent"] == "Changsha Hi-tech Zone"
    assert zh_frame["parent"].isna().sum() == len(zh_frame) - 1  # no parent: missing


def test_parks_table_names_a_parent_outside_the_filter(ds, zh):
    """Filtered to zones of unknown level, 隆平高科技园 is still part of 长沙高新区."""
    shown = apply_filters(ds, Filters(levels=("unknown",)))
    frame = by_id(tables.parks_table(shown, zh, all_names=zh.park_names(ds.parks)))
    assert str(frame.at["longping", "parent"]) == "长沙高新技术产业开发区"
    alone = by_id(tables.parks_table(shown, zh))  # without the names: the id, never empty
    assert str(alone.at["longping", "parent"]) == "cs-hitech"


def test_parks_table_citations(ds, zh):
    frame = by_id(tables.parks_table(ds, zh))
    assert frame.at["cs-hitech", "level_source"] == REF_GB
    assert frame.at["cs-hitech", "level_source_url"] == "https://example.org/gb"
    assert frame.at["linwu", "level_source"] == ART_A
    assert pd.isna(frame.at["linwu", "level_source_url"])  # the article has no link
    assert frame.at["g111001", "level_source"] == CATALOG
    assert pd.isna(frame.at["longping", "level_source"])  # no source gives its level


def test_parks_table_area_and_missing_values(ds, zh, area):
    frame = by_id(tables.parks_table(ds, zh, area))
    assert frame["approved_area_km2"].dtype == "Float64"
    assert frame.at["cs-hitech", "approved_area_km2"] == pytest.approx(11.17)  # 1117 ha
    assert frame.at["s449001", "approved_area_km2"] == pytest.approx(2.105)
    for park in ("linwu", "zj-etdz", "cz-etdz"):  # no approved area: missing, never 0
        assert pd.isna(frame.at[park, "approved_area_km2"])
    assert pd.isna(frame.at["cz-etdz", "lat"]) and pd.isna(frame.at["cz-etdz", "county"])
    assert "approved_area_km2" not in tables.parks_table(ds, zh).columns
    planned = levels.area_km2(ds, "planned_area")
    assert "planned_area_km2" in tables.parks_table(ds, zh, planned).columns


def test_english_mode_writes_places_in_english(ds, zh, en):
    """English mode shows no Chinese but a zone's own name: the place columns hold English."""
    chinese = by_id(tables.parks_table(ds, zh)).loc["zj-etdz"]
    assert (chinese["province"], chinese["city"]) == ("广东省", "湛江市")
    frame = tables.parks_table(ds, en)
    assert not {"province_en", "city_en", "county_en"} & set(frame.columns)
    row = by_id(frame).loc["zj-etdz"]
    assert (row["province"], row["city"]) == ("Guangdong", "Zhanjiang")
    assert by_id(frame).at["g111001", "city"] == "Beijing"
    assert by_id(frame).at["linwu", "county"] == "Linwu County"


def test_leading_industries_of_the_newest_year(ds, zh, en):
    assert tables.leading_industries(ds, zh).to_dict() == {
        "cs-hitech": "电子信息",  # 2021; 工程机械 (2014) is older
        "linwu": "<i>装备</i>制造",
        "g111001": "汽车",
        "s449001": "食品",
    }
    english = tables.leading_industries(ds, en)
    assert english["cs-hitech"] == "Electronic information"
    # every term has its English (the row's or the reviewed glossary's; validation sees to it)
    assert english["linwu"] == "<i>Equipment</i> manufacturing"
    frame = by_id(tables.parks_table(ds, en))
    assert frame.at["cs-hitech", "leading_industries"] == "Electronic information"
    assert pd.isna(frame.at["zj-etdz", "leading_industries"])  # none recorded: missing


def test_leading_industries_join_one_year_and_undated_rows(ds, zh, en):
    base = ds.industries[ds.industries["industry_id"] == "cs-n1"]
    rows = pd.concat(
        [
            base,
            base.assign(industry_id="x1", industry_zh="新材料", industry_en="New materials"),
            base.assign(industry_id="x2", industry_zh="文化", role="featured"),
            base.assign(industry_id="x3", industry_zh="旧产业", year=pd.NA),
            base.assign(industry_id="x4", park_id="linwu", industry_zh="无年份", year=pd.NA),
        ],
        ignore_index=True,
    ).astype(ds.industries.dtypes.to_dict())
    lead = tables.leading_industries(ds.replace(industries=rows), zh).to_dict()
    # leading only; the undated row counts only where no dated row exists
    assert lead == {"cs-hitech": "电子信息、新材料", "linwu": "无年份"}
    english = tables.leading_industries(ds.replace(industries=rows), en)
    assert english["cs-hitech"] == "Electronic information, New materials"
    no_sector = rows.assign(industry_en=pd.NA, sector=pd.NA).astype(rows.dtypes.to_dict())
    english = tables.leading_industries(ds.replace(industries=no_sector), en)
    assert english["cs-hitech"] == "电子信息、新材料".replace("、", ", ")  # nothing to add: as is


# -- fact tables --------------------------------------------------------------------------------


def test_fact_tables_lead_with_a_name_and_cite_their_source(ds, zh, en):
    for labels in (zh, en):
        for kind in ("events", "indicators", "industries"):
            frame = tables.table(ds, kind, labels)
            assert frame.columns[0] == "name" and frame.columns[-1] == "park_id", kind
            assert list(frame.columns[-4:-1]) == ["source", "source_url", "evidence"], kind
            assert len(frame) == len(getattr(ds, kind))
            assert "source_id" not in frame.columns


def test_events_table(ds, zh, en):
    frame = tables.events_table(ds, zh).set_index(ds.events["event_id"])
    row = frame.loc["linwu-e1"]
    assert (row["name"], row["date"], row["event"]) == ("湖南临武工业园区", "1996", "设立")
    assert "level_after" not in frame  # a level is a level change, not an event
    assert row["source"] == ART_A and row["description"] == "园区设立"
    assert pd.isna(frame.at["linwu-e3", "date"])  # undated stays undated
    assert frame.at["zj-e1", "name"] == "湛江市"  # a fact about a whole city
    english = tables.events_table(ds, en).set_index(ds.events["event_id"])
    assert english.at["zj-e1", "name"] == "Zhanjiang"
    assert english.at["linwu-e1", "description"] == "Set up"


def test_level_changes_table(ds, zh, en):
    frame = tables.level_changes_table(ds, zh)
    assert list(frame["date"][:3]) == ["1991-03", "1994-08", "2006-04"]  # oldest first
    row = frame.set_index(frame["park_id"] + "@" + frame["date"]).loc["linwu@2006-08"]
    assert (row["name"], row["change"], row["level_after"], row["confidence"]) == (
        "湖南临武工业园区", "批准设立", "省级", "单一来源",
    )  # fmt: skip
    assert row["source"] == ART_A and row["evidence"] == "2006年8月经省政府批准为省级工业园区"
    assert pd.isna(row["level_before"]) and pd.isna(row["corroborating_source"])
    english = tables.level_changes_table(ds, en).set_index("park_id")
    assert english.loc["cs-hitech"]["change"].tolist() == ["Approved", "Listed"]
    assert frame.columns[-1] == "park_id"


def test_the_parks_table_carries_the_dates_of_its_level_changes(ds, zh):
    frame = tables.parks_table(ds, zh).set_index("park_id")
    assert frame.at["cs-hitech", "first_national"] == "1991-03"  # the catalogue's date
    assert frame.at["linwu", "first_provincial"] == "2006-08"
    assert pd.isna(frame.at["linwu", "first_national"])
    assert pd.isna(frame.at["cz-etdz", "first_provincial"])  # listed only: no dated change
    assert frame.at["linwu", "level_confidence"] == "单一来源"


def test_indicators_table(ds, zh, en):
    frame = tables.indicators_table(ds, en).set_index(ds.indicators["fact_id"])
    estimate = frame.loc["linwu-i1"]
    assert (estimate["indicator"], estimate["kind"], estimate["qualifier"]) == (
        ds.vocab["indicator_types"].label("total_revenue", "en"),
        "Estimate",
        "more than",
    )
    assert estimate["value"] == 100 and estimate["unit"] == "100 million yuan"
    assert frame.at["cs-i2", "qualifier"] == "size class (at least)"
    assert frame.at["cs-i1", "qualifier"] == ""  # exact: no word
    assert frame.at["linwu-i2", "target_year"] == 2025
    assert pd.isna(frame.at["cs-i1", "target_year"]) and pd.isna(frame.at["cs-i1", "value_max"])
    assert frame.at["zj-i1", "source_url"] == "https://example.org/gb"
    chinese = tables.indicators_table(ds, zh).set_index(ds.indicators["fact_id"])
    assert chinese.at["g431001-i01", "unit"] == "公顷"
    assert chinese.at["g431001-i01", "name"] == "长沙高新技术产业开发区"  # merged into curated


def test_industries_table(ds, en):
    frame = tables.industries_table(ds, en).set_index(ds.industries["industry_id"])
    assert frame.at["cs-n1", "sector"] == ds.vocab["sectors"].label("electronics", "en")
    assert frame.at["cs-n1", "role"] == ds.vocab["roles"].label("leading", "en")
    assert frame.at["linwu-n1", "companies_zh"] == "久森新能源"
    assert frame.at["zj-n1", "name"] == "Zhanjiang"
    assert frame.at["cs-n0", "year"] == 2014  # every year listed here, not only the newest


def test_citations_and_cited_sources(ds):
    assert tables.citations(ds.sources).to_dict() == {
        "art-a": ART_A,
        "ref-gb": REF_GB,
        "cat_2018": CATALOG,
    }
    assert list(tables.cited_sources(ds, "events")["source_id"]) == ["art-a"]
    assert list(tables.cited_sources(ds, "level_changes")["source_id"]) == [
        "art-a", "ref-gb", "cat_2018",
    ]  # fmt: skip
    assert list(tables.cited_sources(ds, "parks")["source_id"]) == ["art-a", "ref-gb", "cat_2018"]


def test_sources_table(ds, zh, en):
    frame = tables.sources_table(ds, zh)
    assert frame.columns[-1] == "source_id" and frame.columns[0] == "title_zh"
    english = tables.sources_table(ds, en)
    assert english.columns[0] == "title_en"
    assert (
        not english.drop(columns="source_id")
        .astype(str)
        .apply(lambda c: c.str.contains("[\u4e00-\u9fff]"))
        .any()
        .any()
    )
    row = english.set_index("source_id").loc["ref-gb"]
    assert row["kind"] == ds.vocab["source_kinds"].label("reference", "en")
    assert row["confidence"] == ds.vocab["confidences"].label("medium", "en")
    assert pd.isna(frame.set_index("source_id").at["art-a", "confidence"])
    counted = tables.sources_table(ds.replace(sources=ds.sources.assign(n_facts=[5, 2, 9])), en)
    assert list(counted.columns[:3]) == ["title_en", "kind", "n_facts"]


# -- units, targets, choices --------------------------------------------------------------------


def test_units_table_writes_factors_in_full(ds, zh, en):
    chinese = tables.units_table(ds, zh).set_index("label")["conversion"]
    assert chinese["万元"] == "1 万元 = 0.0001 亿元"
    assert chinese["亩"] == "1 亩 = 0.00066667 平方公里"
    assert chinese["公顷"] == "1 公顷 = 0.01 平方公里"
    assert (
        chinese["亿元"] == "基准单位：同类数值都换算为此单位"
    )  # the base, never "1 亿元 = 1 亿元"
    english = tables.units_table(ds, en).set_index("label")
    assert english.at["mu", "conversion"] == "1 mu = 0.00066667 km²"
    assert english.at["mu", "family"] == ds.vocab["unit_families"].label("area", "en")
    assert len(english) == len(ds.units)
    assert not english["conversion"].str.contains("e-", regex=False).any()  # no exponent


def test_targets_table_with_an_actual(ds, en):
    frame = tables.targets_table(ds, en)
    assert len(frame) == 1
    row = frame.iloc[0]
    assert (row["name"], row["target_value"], row["target_unit"], row["target_year"]) == (
        "Linwu Industrial Park",
        200,
        "100 million yuan",
        2025,
    )
    assert (row["actual_value"], row["actual_year"], row["ratio"]) == (100, 2020, 0.5)
    assert row["source"] == ART_A_EN  # English mode cites the English title


def test_targets_table_lists_targets_without_actuals(ds, zh):
    indicators = ds.indicators
    citywide = indicators[indicators["fact_id"] == "linwu-i2"].assign(
        fact_id="zj-t1", park_id=pd.NA, region="湛江市", value=500.0
    )
    rows = pd.concat(
        [indicators[indicators["fact_id"] != "linwu-i1"], citywide], ignore_index=True
    ).astype(indicators.dtypes.to_dict())
    frame = tables.targets_table(ds.replace(indicators=rows), zh)
    assert list(frame["name"]) == ["湖南临武工业园区", "湛江市"]
    assert list(frame["target_value"]) == [200, 500]
    assert frame["actual_value"].isna().all() and frame["ratio"].isna().all()  # not 0
    assert frame["actual_unit"].isna().all()


def test_indicator_choices_are_indicators_with_values(ds, en):
    choices = tables.indicator_choices(ds, en)
    assert {"planned_area", "approved_area", "administrative_area", "total_revenue"} <= set(choices)
    order = ds.vocab["indicator_types"].codes()
    assert list(choices) == sorted(choices, key=order.index)  # the vocabulary's order
    assert choices["total_revenue"] == ds.vocab["indicator_types"].label("total_revenue", "en")
    only_targets = ds.replace(indicators=ds.indicators[ds.indicators["kind"] == "target"])
    assert tables.indicator_choices(only_targets, en) == {}  # a target is not a value


def test_indicator_choices_leave_out_size_classes(ds, en):
    """cluster_output's only value is a size class (千亿级): not a value to plot."""
    assert "cluster_output" not in tables.indicator_choices(ds, en)


def test_headers_and_labelled(ds, en):
    frame = tables.parks_table(ds, en)
    shown = tables.labelled(frame, en)
    assert list(shown.columns[:3]) == ["Zone", "Chinese name", "English name"]
    assert shown.columns[-1] == "Park ID"
    assert tables.headers(frame, en)["level_source_url"] == en.column("level_source_url")


def test_level_province_counts(ds, zh, en):
    counts = overview.level_province_counts(ds.parks, zh)
    levels_shown = [zh.code("levels", lv) for lv in ("national", "provincial", "unknown")]
    assert list(counts.columns) == [*levels_shown, zh.t("total")]  # only levels that occur
    assert list(counts.index) == ["北京市", "湖南省", "广东省", zh.t("total")]  # vocabulary order
    assert counts.loc["湖南省"].tolist() == [1, 2, 1, 4]
    assert counts.loc[zh.t("total")].tolist() == [3, 3, 3, 9]
    english = overview.level_province_counts(ds.parks, en)
    assert english.index[1] == "Hunan" and english.index.name == en.column("province")
