"""The project's own rules, each on a copy of the real package with one fault put in.

The copy keeps every curated table whole and, of the generated catalogue (2,543 zones), the
zones the curated parks link to and the first hundred, with their facts: the rules run on each
origin's own tables and name that origin's files (parks.csv, catalog/parks.csv …), then on the
link between them. (The whole package's validity is tests/test_package.py's.)"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from parkdata.curate.evidence import check_evidence
from parkdata.data import rules
from parkdata.data.dataset import read_frames, read_parts
from parkdata.data.schema import DATA_DIR
from parkdata.data.validation import validate_package
from parkdata.data.zones import write_zones

ARTICLES = DATA_DIR.parent.parent / "shared" / "articles"

CATALOG_KEPT = 100  # catalogue zones kept besides the linked ones


@pytest.fixture(scope="session")
def trimmed(tmp_path_factory) -> Path:
    """data/ with the catalogue cut to the linked zones and the first CATALOG_KEPT."""
    target = tmp_path_factory.mktemp("real") / "pkg"
    shutil.copytree(DATA_DIR, target)
    read = {"dtype": str, "keep_default_na": False, "encoding": "utf-8"}
    codes = set(pd.read_csv(target / "parks.csv", **read)["catalog_code"]) - {""}
    zones = pd.read_csv(target / "catalog" / "parks.csv", **read)
    kept = zones[zones["catalog_code"].isin(codes) | (zones.index < CATALOG_KEPT)]
    kept.to_csv(target / "catalog" / "parks.csv", index=False, lineterminator="\n")
    for table in ("events", "indicators", "industries", "level_changes"):
        path = target / "catalog" / f"{table}.csv"
        facts = pd.read_csv(path, **read)
        facts = facts[facts["park_id"].isin(set(kept["park_id"]))]
        facts.to_csv(path, index=False, lineterminator="\n")
    zones = set(kept["park_id"]) | set(pd.read_csv(target / "parks.csv", **read)["park_id"])
    zones |= set(pd.read_csv(target / "national" / "parks.csv", **read)["park_id"])
    changes = pd.read_csv(target / "level_changes.csv", **read)
    changes = changes[changes["park_id"].isin(zones)]
    changes.to_csv(target / "level_changes.csv", index=False, lineterminator="\n")
    write_zones(target)  # the merged table of the trimmed layers (validated with them)
    return target


@pytest.fixture
def pkg(trimmed, tmp_path) -> Path:
    target = tmp_path / "pkg"
    shutil.copytree(trimmed, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def edit_cells(path: Path, key: str, value: str, **cells: str) -> None:
    """Set cells of the row whose `key` column is `value` (the rest of the file as it was)."""
    read = {"dtype": str, "keep_default_na": False, "encoding": "utf-8"}
    frame = pd.read_csv(path, **read)
    for column, new in cells.items():
        frame.loc[frame[key] == value, column] = new
    frame.to_csv(path, index=False, lineterminator="\n")


def places(pkg: Path) -> list[tuple[str, int | None, str | None]]:
    return [(p.file, p.row, p.column) for p in validate_package(pkg)]


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def test_the_trimmed_copy_is_valid_and_keeps_every_link(trimmed):
    assert validate_package(trimmed) == []
    parts = read_parts(trimmed)
    assert len(parts["articles"].parks) == 49
    linked = read_frames(trimmed).parks["catalog_id"].notna().sum()
    assert linked == parts["articles"].parks["catalog_code"].notna().sum() == 23


# --------------------------------------------------------------------------- curated tables


def test_a_listed_level_must_agree_with_the_changes_before_it(pkg):
    """A source's statement of a level (a listed row) that contradicts the zone's changes up
    to its date is found on its own row: linwu_ip was approved provincial in 2006."""
    changes = pkg / "level_changes.csv"
    edit(changes, "linwu_ip-l01,linwu_ip,2026-03-19,listed,,provincial,",
         "linwu_ip-l01,linwu_ip,2026-03-19,listed,,national,")  # fmt: skip
    problems = validate_package(pkg)
    assert [(p.file, p.row, p.column) for p in problems] == [
        ("level_changes.csv", line_of(changes, "linwu_ip-l01"), "level_after")
    ]
    assert "'provincial'" in problems[0].message


def test_a_level_fault_is_reported_once(pkg):
    """leizhou_edz's listed level disagrees with its approval of the same year: one problem."""
    changes = pkg / "level_changes.csv"
    edit(changes, "leizhou_edz-l01,leizhou_edz,2021,listed,,provincial,",
         "leizhou_edz-l01,leizhou_edz,2021,listed,,national,")  # fmt: skip
    problems = validate_package(pkg)
    assert [(p.file, p.row, p.column) for p in problems] == [
        ("level_changes.csv", line_of(changes, "leizhou_edz-l01"), "level_after")
    ]


def test_calendar_date_must_exist(pkg):
    changes, events = pkg / "level_changes.csv", pkg / "events.csv"
    edit(changes, "2012-08-19", "2012-02-30")
    edit(events, "linwu_ip-e01,linwu_ip,,1996,", "linwu_ip-e01,linwu_ip,,1996-02-31,")
    assert set(places(pkg)) == {
        ("level_changes.csv", line_of(changes, "2012-02-30"), "date"),
        ("events.csv", line_of(events, "1996-02-31"), "date"),
    }


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


def test_an_upgrade_must_raise_the_level(pkg):
    changes = pkg / "level_changes.csv"
    edit(
        changes,
        "2012-08-19,upgraded,provincial,national,",
        "2012-08-19,upgraded,national,provincial,",
    )
    assert places(pkg) == [
        ("level_changes.csv", line_of(changes, "hengyang_htz-c02"), "level_after")
    ]


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


def test_two_sources_needs_the_second_source_and_its_words(pkg):
    changes = pkg / "level_changes.csv"
    edit_cells(changes, "change_id", "ningxiang_htz-c05", corroborating_source_id="",
               corroborating_evidence="")  # fmt: skip
    assert places(pkg) == [
        ("level_changes.csv", line_of(changes, "ningxiang_htz-c05"), "corroborating_source_id")
    ]


def test_a_fact_about_an_unknown_park_is_found(pkg):
    events = pkg / "events.csv"
    edit(events, "linwu_ip-e01,linwu_ip", "linwu_ip-e01,nowhere_park")
    problems = validate_package(pkg)
    assert [(p.file, p.row, p.column) for p in problems] == [
        ("events.csv", line_of(events, "nowhere_park"), "park_id")
    ]
    assert "nowhere_park" in problems[0].message


def test_an_unknown_code_is_found_by_frictionless(pkg):
    changes = pkg / "level_changes.csv"
    edit(changes, "2012-08-19,upgraded,", "2012-08-19,promoted,")
    assert places(pkg) == [("level_changes.csv", line_of(changes, ",promoted,"), "change")]


def test_description_copied_from_a_reference_quote_is_found(pkg):
    changes = pkg / "level_changes.csv"
    edit_cells(
        changes,
        "change_id",
        "changsha_etdz-c02",
        description_zh="长沙经开区成立于1992年,2000年升格",
    )
    assert places(pkg) == [
        ("level_changes.csv", line_of(changes, "changsha_etdz-c02"), "description_zh")
    ]


def test_description_copied_from_the_article_beyond_the_evidence_is_found(trimmed):
    """The article's sentence, not only the evidence fragment, is the source a description may
    not copy: here the run lies outside the fragment."""
    ds = read_parts(trimmed)["articles"]
    article = "衡阳高新区于1992年经省人民政府批准成立,2012年8月19日经国务院批准升级为国家高新区"
    texts = {"art_2020_hengyang": article}
    assert rules.article_descriptions_in_own_words(ds, texts) == []
    changes = ds.level_changes.copy()
    row = changes.index[changes["change_id"] == "hengyang_htz-c01"][0]
    changes.loc[row, "description_zh"] = "设立后经国务院批准升级为国家高"  # 12 of the next sentence
    assert rules.article_descriptions_in_own_words(ds.replace(level_changes=changes), texts) == []
    changes.loc[row, "description_zh"] = "设立后经国务院批准升级为国家高新"  # 13: one too many
    found = rules.article_descriptions_in_own_words(ds.replace(level_changes=changes), texts)
    assert [(p.file, p.row, p.column) for p in found] == [
        ("level_changes.csv", row + 2, "description_zh")
    ]
    assert "13 characters" in found[0].message


def test_a_run_of_twelve_characters_is_allowed():
    assert rules.longest_shared_run("科技部授予:输变电装备", "输变电装备高新技术") == "输变电装备"
    assert rules.longest_shared_run("abc", "xyz") == ""


def test_event_evidence_must_write_its_year(pkg):
    events = pkg / "events.csv"
    edit(events, ",2018年创建国家级经开区", ",创建国家级经开区")
    assert places(pkg) == [("events.csv", line_of(events, ",创建国家级经开区"), "evidence")]


def test_event_evidence_may_date_relative_to_the_article(pkg):
    """今年 and 6月3日 date a fact in the year its article was published; cut them and the
    fragment no longer dates the fact."""
    events = pkg / "events.csv"
    edit(
        events,
        "6月3日,全省产业园区高质量发展推进会在浏阳召开",
        "全省产业园区高质量发展推进会在浏阳召开",
    )
    edit(
        events, "今年以来,宁乡高新区抢抓创建国家级高新区契机", "宁乡高新区抢抓创建国家级高新区契机"
    )
    assert places(pkg) == [
        ("events.csv", line_of(events, "liuyang_etdz-e01"), "evidence"),
        ("events.csv", line_of(events, "ningxiang_htz-e01"), "evidence"),
    ]


def test_month_and_day_count_only_in_the_articles_year(pkg):
    sources = pkg / "sources.csv"
    edit(
        sources,
        "(achie.org news pages),2017-12-25,",
        "(achie.org news pages),2018-01-02,",
    )
    found = places(pkg)
    events = pkg / "events.csv"
    assert (
        "events.csv",
        line_of(events, "chenzhou_einm_park-e01"),
        "evidence",
    ) in found  # 12月19日
    assert ("events.csv", line_of(events, "chenzhou_edz-e03"), "evidence") in found  # 今年


def test_a_date_the_fact_fragment_lacks_comes_from_a_second_fragment(pkg):
    """The conference of 2 December 2021 set the cluster tasks (article 003): the fact's
    fragment does not write the date, its date_evidence does. Without it, the date is refused;
    a date fragment on an undated event is refused; one not in the article is found."""
    events = pkg / "events.csv"
    assert places(pkg) == []
    row = line_of(events, "zhanjiang_etdz-e03")
    edit_cells(events, "event_id", "zhanjiang_etdz-e03", date_evidence="")
    assert places(pkg) == [("events.csv", row, "evidence")]
    edit_cells(events, "event_id", "zhanjiang_etdz-e03", date="",
               date_evidence="12月2日,湛江市产业园区发展大会召开")  # fmt: skip
    assert places(pkg) == [("events.csv", row, "date_evidence")]
    edit_cells(events, "event_id", "zhanjiang_etdz-e03", date="2021-12-02",
               date_evidence="12月2日,湛江市园区大会召开")  # fmt: skip
    found = [(p.file, p.row, p.column) for p in check_evidence(pkg, ARTICLES)]
    assert found == [("events.csv", row, "date_evidence")]


def test_english_descriptions_carry_no_chinese(pkg):
    """English mode shows no Chinese but a zone's own name: 'Taxes paid (实缴税金)' glossed a
    term in brackets (15 events and 17 indicators before)."""
    ind = pkg / "indicators.csv"
    edit_cells(ind, "fact_id", "chenzhou_edz-i02",
               description_en="Taxes paid (实缴税金), expected for the year")  # fmt: skip
    assert places(pkg) == [("indicators.csv", line_of(ind, "chenzhou_edz-i02"), "description_en")]


def test_indicator_evidence_must_write_its_number(pkg):
    ind = pkg / "indicators.csv"
    edit(ind, ",规划面积170.57平方公里", ",规划面积")
    assert places(pkg) == [("indicators.csv", line_of(ind, "hengyang_htz-i01"), "evidence")]


@pytest.mark.parametrize(
    ("evidence", "unit", "value"),
    [
        ("预计实现技工贸总收入580亿元", "cny_100m", 580),
        ("陆续引进了十余个全球知名跨国集团", "count", 10),
        ("奋力形成千亿级电子信息产业集群", "cny_100m", 1000),
        ("五百亿级生物医药", "cny_100m", 500),
        ("培育上市企业3-5家", "count", 5),
        ("投资5000万元", "cny_100m", 0.5),
        ("总量蝉联湖南省级园区第一位", "rank", 1),
        ("亩均效益更是位居全市首位", "rank", 1),
        ("挺进国家级高新区100强", "rank", 100),
        ("面積由成立之初的9.2平方公里擴至502.04平方公里", "km2", 502.04),
        ("管理面积为 140 平方公里", "km2", 140),
        ("G431001 1117", "hectare", 1117),  # the catalogue's code and approved area
    ],
)
def test_numbers_as_the_sources_write_them(evidence, unit, value):
    from parkdata.data.textnorm import to_simplified

    numbers = rules._numbers_in(to_simplified(evidence), unit)
    assert any(rules._same_number(value, n) for n in numbers), numbers


def test_a_range_needs_both_ends_in_the_evidence(pkg):
    ind = pkg / "indicators.csv"
    edit(ind, "3,5,exact,count,target", "3,6,exact,count,target")
    assert places(pkg) == [("indicators.csv", line_of(ind, "3,6,exact"), "evidence")]


def test_area_indicator_needs_a_scope_and_only_areas_have_one(pkg):
    types = pkg / "vocab" / "indicator_types.csv"
    edit(
        types,
        "planned_area,规划面积,Planned area,area,planned,",
        "planned_area,规划面积,Planned area,area,,",
    )
    edit(
        types,
        "tax_revenue,税收,Tax revenue,money_cny,,",
        "tax_revenue,税收,Tax revenue,money_cny,planned,",
    )
    found = places(pkg)
    assert {(f.rsplit("/", 1)[-1], r, c) for f, r, c in found} == {
        ("indicator_types.csv", line_of(types, "planned_area,"), "scope"),
        ("indicator_types.csv", line_of(types, "tax_revenue,"), "scope"),
    }


def test_a_vocabulary_fault_names_its_file_once(pkg):
    types = pkg / "vocab" / "indicator_types.csv"
    edit(
        types,
        "planned_area,规划面积,Planned area,area,planned,",
        "planned_area,规划面积,Planned area,area,,",
    )
    assert places(pkg) == [("vocab/indicator_types.csv", line_of(types, "planned_area,"), "scope")]


def test_a_size_class_is_not_a_range(pkg):
    ind = pkg / "indicators.csv"
    edit(ind, "1000,,size_class,cny_100m,target,2025", "1000,2000,size_class,cny_100m,target,2025")
    assert ("indicators.csv", line_of(ind, "1000,2000,size_class"), "value_max") in places(pkg)


def test_catalogue_code_and_generated_flag_are_typed_by_the_schema(pkg):
    parks = pkg / "parks.csv"
    edit(parks, "industrial_park,,S439056,", "industrial_park,,S43905,")
    edit(parks, "Hengyang National High-tech Zone,false,", "Hengyang National High-tech Zone,,")
    found = places(pkg)
    assert ("parks.csv", line_of(parks, "linwu_ip,"), "catalog_code") in found
    assert ("parks.csv", line_of(parks, "hengyang_htz,"), "name_en_generated") in found


def test_industry_year_is_an_integer(pkg):
    ind = pkg / "industries.csv"
    edit(ind, "leading,2021,舜华鸭业", "leading,2021年,舜华鸭业")
    assert places(pkg) == [("industries.csv", line_of(ind, "2021年,舜华鸭业"), "year")]


def test_a_numeric_goal_needs_its_target_row(pkg):
    """Chenzhou's 2019 千亿园区 goal is an event and a target indicator: drop the indicator and
    the event is reported."""
    ind, events = pkg / "indicators.csv", pkg / "events.csv"
    lines = ind.read_text(encoding="utf-8").splitlines(keepends=True)
    ind.write_text("".join(ln for ln in lines if "chenzhou_edz-i10" not in ln), encoding="utf-8")
    assert places(pkg) == [("events.csv", line_of(events, "chenzhou_edz-e02"), "evidence")]


def test_an_expectation_is_an_estimate_never_a_result_or_an_event(pkg):
    ind, events = pkg / "indicators.csv", pkg / "events.csv"
    edit(ind, "580,,exact,cny_100m,estimate", "580,,exact,cny_100m,actual")
    edit(events, ",湖南郴州经开区作为湖南最早成立的省级开发区之一", ",预计实现技工贸总收入580亿元")
    assert sorted(places(pkg)) == [
        ("events.csv", line_of(events, "chenzhou_edz-e06"), "event"),
        ("indicators.csv", line_of(ind, "chenzhou_edz-i01"), "kind"),
    ]


def test_source_titles_are_simplified(pkg):
    sources = pkg / "sources.csv"
    edit(
        sources,
        "打造中部最“牛”经开区 浏阳经开区晋级两千亿",
        "打造中部最“牛”經開區 瀏陽經開區晉級兩千億",
    )
    assert set(places(pkg)) == {("sources.csv", line_of(sources, "ref_cdsnjd_liuyang"), "title_zh")}


def test_a_source_fault_is_reported_once(pkg):
    sources = pkg / "sources.csv"
    edit(
        sources,
        "打造中部最“牛”经开区 浏阳经开区晋级两千亿",
        "打造中部最“牛”經開區 瀏陽經開區晉級兩千億",
    )
    assert places(pkg) == [("sources.csv", line_of(sources, "ref_cdsnjd_liuyang"), "title_zh")]


# --------------------------------------------------------------------------- the catalogue


def test_a_catalogue_fault_names_the_catalogue_file_and_line(pkg):
    zones = pkg / "catalog" / "parks.csv"
    edit(zones, "39.902807,116.401151,city", "21.2454,110.3930,city")  # Beijing -> Zhanjiang
    changes = pkg / "catalog" / "level_changes.csv"
    edit(changes, "g111001-c01,g111001,1994-08,", "g111001-c01,g111001,1994-02-30,")
    assert places(pkg) == [
        ("catalog/parks.csv", line_of(zones, "21.2454,110.3930"), "lat"),
        ("catalog/level_changes.csv", line_of(changes, "1994-02-30"), "date"),
    ]


def test_a_level_is_a_column_of_no_zone_table(pkg):
    """A level lives in level_changes only: a `level` column in a zone table is a fault."""
    parks = pkg / "parks.csv"
    text = parks.read_text(encoding="utf-8").splitlines(keepends=True)
    parks.write_text(
        "".join(line.rstrip("\n") + ",x\n" for line in text).replace(",x\n", ",level\n", 1),
        encoding="utf-8",
    )
    assert ("parks.csv", 1, "level") in places(pkg)


def test_a_code_the_catalogue_does_not_have_is_found(pkg):
    parks = pkg / "parks.csv"
    edit(parks, "industrial_park,,S439056,", "industrial_park,,S439999,")
    problems = validate_package(pkg)
    assert [(p.file, p.row, p.column) for p in problems] == [
        ("parks.csv", line_of(parks, "linwu_ip,"), "catalog_code")
    ]
    assert "S439999 is not in the catalogue" in problems[0].message


def test_a_catalogue_code_belongs_to_one_park(pkg):
    parks = pkg / "parks.csv"
    edit(parks, "industrial_park,,S439056,", "industrial_park,,G432126,")
    assert places(pkg) == [
        ("parks.csv", line_of(parks, "linwu_ip,"), "catalog_code"),
        ("parks.csv", line_of(parks, "hengyang_htz,"), "catalog_code"),
        # and an industrial park cannot be the catalogue's high-tech zone
        ("parks.csv", line_of(parks, "linwu_ip,"), "zone_type"),
    ]


def test_a_linked_park_has_the_catalogue_zones_type(pkg):
    """A curated park linked to a catalogue zone has its type (长沙黄花综合保税区 typed other
    against the catalogue's customs special zone made 134 national customs zones of 135)..."""
    parks = pkg / "parks.csv"
    edit_cells(parks, "park_id", "changsha_huanghua_cbz", zone_type="other")
    problems = validate_package(pkg)
    assert [(p.file, p.row, p.column) for p in problems] == [
        ("parks.csv", line_of(parks, "changsha_huanghua_cbz,"), "zone_type")
    ]
    assert "customs_special_zone" in problems[0].message
    # ... unless one of its level changes gives the type it has now (a zone renamed and
    # retyped after the catalogue: 岳麓工业集中区 -> 岳麓高新区)
    changes = pkg / "level_changes.csv"
    edit_cells(changes, "change_id", "yuelu_htz-c02", zone_type_after="")
    assert ("parks.csv", line_of(parks, "yuelu_htz,"), "zone_type") in places(pkg)


def test_a_code_that_names_two_catalogue_zones_is_found(pkg):
    zones = pkg / "catalog" / "parks.csv"
    line = zones.read_text(encoding="utf-8").splitlines()[1]  # g111001, not linked
    edit(zones, line, line.replace(",G111001,", ",G432126,"))
    parks = pkg / "parks.csv"
    problems = validate_package(pkg)
    assert [(p.file, p.row, p.column) for p in problems] == [
        ("parks.csv", line_of(parks, "hengyang_htz,"), "catalog_code")
    ]
    assert "names 2 catalogue zones" in problems[0].message


def test_a_listed_level_is_checked_against_the_linked_catalogue_zone(pkg):
    """Were the catalogue to date linwu_ip's zone S439056 national from 2010, the curated
    statement that it is provincial in 2026 would contradict the merged zone's changes: found
    on the curated row (the catalogue's row re-pointed to the curated park)."""
    catalogue = pkg / "catalog" / "level_changes.csv"
    edit(catalogue, "s439056-c01,s439056,2006-08,approved,,provincial,",
         "s439056-c01,s439056,2010-01,approved,,national,")  # fmt: skip
    changes = pkg / "level_changes.csv"
    problems = validate_package(pkg)
    assert [(p.file, p.row, p.column) for p in problems] == [
        ("level_changes.csv", line_of(changes, "linwu_ip-l01"), "level_after")
    ]
    assert "s439056-c01" in problems[0].message


def test_a_park_id_of_both_origins_is_found(pkg):
    """A curated park_id that is also a catalogue zone's id would make two rows of one id."""
    parks = pkg / "parks.csv"
    edit(parks, "\nleizhou_edz,", "\ng111001,")
    found = places(pkg)
    assert ("parks.csv", line_of(parks, "g111001,"), "park_id") in found
