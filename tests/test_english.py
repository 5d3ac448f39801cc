"""English mode shows no Chinese but a zone's own name (issue 18, item 3): every page of the
real package in English, under its filters and table kinds, and every table's export, counted
character by character. Allowed: a zone's own names (name_zh, short_name_zh, former names), a
name in brackets after its English (Suzhou Industrial Park (苏州工业园区)), verbatim evidence
(a quote is its source's words), company names, and the language switch's own 中文."""

from __future__ import annotations

import io
import re
from collections import Counter

import pandas as pd
import pytest
from apptest import PAGE_PATHS, open_page, use_package
from test_page_sweep import elements, widget_labels

from parkdata.data.package import load_package
from parkdata.data.schema import DATA_DIR
from parkdata.present import tables
from parkdata.present.exports import csv_bytes
from parkdata.present.labels import Labels

HAN = re.compile(r"[\u3400-\u9fff]")
# a zone's own name beside its English one: 'Suihua (绥化)', 'Industrial Park (苏州工业园区)'
NAME_BESIDE = re.compile(r"(?<=[A-Za-z)]) \([\u3400-\u9fff·—\-]+\)")
ALLOWED_COLUMNS = {
    "name_zh",
    "short_name_zh",
    "former_names",
    "evidence",
    "corroborating_evidence",
    "date_evidence",
    "level_evidence",
    "companies_zh",
}
SWITCH = {"中文", "语言 / Language"}  # the language switch names each language in itself
TABLE_KINDS = ("parks", "level_changes", "indicators", "events", "industries")
CASES = {
    "all": {},
    "Hunan": {"province": "湖南省"},
    "Zhanjiang ETDZ": {"park": "zhanjiang_etdz"},
    "a catalogue zone": {"park": "s438077"},
}

pytestmark = pytest.mark.pages


ZONE_NAMES: set[str] = set()  # filled from the package: a text part that is a zone's name


def chinese(text: object) -> int:
    """Chinese characters of `text` outside a name beside its English and outside parts
    (between ' · ') that are a zone's own name (a profile's caption: 名称 · Name · 简称)."""
    if not isinstance(text, str):
        return 0
    parts = [p for p in text.split(" · ") if p.strip() not in ZONE_NAMES]
    return len(HAN.findall(NAME_BESIDE.sub("", " · ".join(parts))))


def page_counts(at) -> Counter:
    """Chinese characters per element kind (and per dataframe column) outside names."""
    found: Counter = Counter()
    for label in widget_labels(at):
        if label not in SWITCH:
            found["widget"] += chinese(label)
    for element in elements(at._tree):
        kind = getattr(element, "type", "")
        if kind in ("dataframe", "table"):
            frame = element.value
            for column in frame.columns:
                if column not in ALLOWED_COLUMNS:
                    found[f"column {column}"] += sum(map(chinese, frame[column].astype(str)))
        elif kind in ("markdown", "caption", "text", "title", "header", "subheader", "metric"):
            found[kind] += chinese(str(element.value))
    return +found


@pytest.fixture(scope="module", autouse=True)
def real():
    ds = load_package(DATA_DIR)
    for column in ("name_zh", "short_name_zh"):
        ZONE_NAMES.update(ds.parks[column].dropna())
    return ds


@pytest.mark.parametrize("page", PAGE_PATHS)
@pytest.mark.parametrize("case", list(CASES))
def test_no_chinese_outside_names_on_any_page(page, case, monkeypatch):
    use_package(monkeypatch, DATA_DIR)
    at = open_page(page, lang="en", **CASES[case])
    assert not at.exception
    assert page_counts(at) == Counter(), f"{page} [{case}]"


@pytest.mark.parametrize("kind", TABLE_KINDS)
def test_no_chinese_outside_names_in_any_table_or_its_export(kind, real, monkeypatch):
    use_package(monkeypatch, DATA_DIR)
    at = open_page("table", lang="en", table=kind)
    assert not at.exception
    assert page_counts(at) == Counter(), kind
    en = Labels(real.vocab, "en")
    frame = tables.table(real, kind, en)
    shown = frame.drop(columns=[c for c in frame.columns if c in ALLOWED_COLUMNS])
    exported = pd.read_csv(
        io.BytesIO(csv_bytes(tables.labelled(shown, en))), dtype=str, encoding="utf-8-sig"
    )
    left = {c: sum(map(chinese, exported[c].dropna())) for c in exported.columns}
    assert {c: n for c, n in left.items() if n} == {}, kind


def test_validation_names_a_term_without_english(tmp_path):
    """A new industry term or period without English fails validation, naming file, row and
    column (English mode would otherwise show it in Chinese)."""
    from parkdata.data.validation import validate_package
    from parkdata.testing.fixtures import INDICATORS, INDUSTRIES, write_fixture

    industries = [dict(r) for r in INDUSTRIES]
    industries[0].pop("industry_en", None)
    indicators = [dict(r) for r in INDICATORS]
    indicators[0]["period"] = "十五五"
    pkg = write_fixture(
        tmp_path / "pkg", tables={"industries": industries, "indicators": indicators}
    )
    found = {(p.file, p.row, p.column) for p in validate_package(pkg) if "English" in p.message}
    assert found == {("industries.csv", 2, "industry_en"), ("indicators.csv", 2, "period")}


HUNAN_NATIONAL_HTZ = {  # first national date of the nine, from the level changes
    "衡阳高新技术产业开发区": "2012-08",
    "长沙高新技术产业开发区": "1991-03",
    "宁乡高新技术产业开发区": "2022-12",
    "株洲高新技术产业开发区": "1992-11",
    "湘潭高新技术产业开发区": "2009-03",
    "常德高新技术产业开发区": "2017-02",
    "益阳高新技术产业开发区": "2011-06",
    "郴州高新技术产业开发区": "2015-02",
    "怀化高新技术产业开发区": "2018-02-28",
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_national_high_tech_zones_of_hunan_with_area_and_approval_date(lang, monkeypatch):
    """An analyst's task (issue 18): the nine national high-tech zones of 湖南省 with their
    approved area and when they became national, in the table and in its CSV."""
    from apptest import download

    use_package(monkeypatch, DATA_DIR)
    at = open_page("table", lang=lang, province="湖南省", level="national", zone="high_tech_zone")
    assert not at.exception
    shown = at.dataframe[0].value.set_index("name_zh")
    assert dict(shown["first_national"]) == HUNAN_NATIONAL_HTZ
    assert shown["approved_area_km2"].notna().all()
    assert shown.at["衡阳高新技术产业开发区", "first_provincial"] == "1992"
    csv = pd.read_csv(io.BytesIO(download(at, "dl_csv")), dtype=str, encoding="utf-8-sig")
    header = "成为国家级" if lang == "zh" else "National since"
    name = "名称" if lang == "zh" else "Chinese name"
    assert dict(zip(csv[name], csv[header], strict=True)) == HUNAN_NATIONAL_HTZ


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_profile_compares_the_zone_itself_first_with_its_peers(lang, monkeypatch):
    """An analyst's task (issue 18): 郴州经开区 beside its provincial peers and the national
    ETDZs of Hunan, the zone as the first, marked row of each table."""
    use_package(monkeypatch, DATA_DIR)
    at = open_page("profile", lang=lang, park="chenzhou_edz")
    assert not at.exception
    compared = [d.value for d in at.dataframe if "this_zone" in d.value.columns]
    assert len(compared) == 2  # at its level (provincial), one level up (national)
    mark = "本园区" if lang == "zh" else "This zone"
    for table in compared:
        assert table["this_zone"].iloc[0] == mark and table["this_zone"].iloc[1:].isna().all()
        assert table["approved_area_km2"].iloc[0] == pytest.approx(4.0681)
        assert table["distance_km"].iloc[1:].is_monotonic_increasing  # nearest first
