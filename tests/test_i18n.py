"""Every word the dashboard shows exists in Chinese and English: the UI text of locale/zh.toml and
en.toml (same keys, same {placeholders}), every key the code asks for, every page title of the
registry, and both labels of every code of every vocabulary."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pandas as pd
import pytest

from pages._app.registry import PAGES
from parkdata.model import links
from parkdata.model.filters import CHOICES, GROUP_BY
from parkdata.present import i18n, tables
from parkdata.present.charts import compare_bar

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted([*ROOT.glob("src/**/*.py"), *ROOT.glob("pages/**/*.py"), ROOT / "dashboard.py"])
# how the code asks for a text -> the locale section it reads
SECTION = {"t": "ui", "term": "terms", "line": "terms", "column": "columns"}
PLACEHOLDER = re.compile(r"{(\w*)}")


def locale(lang: str) -> dict[str, dict[str, str]]:
    with (i18n.LOCALE_DIR / f"{lang}.toml").open("rb") as handle:
        return tomllib.load(handle)


ZH, EN = locale("zh"), locale("en")


def keys_used() -> set[tuple[str, str, str]]:
    """(section, key, where) for every literal key passed to t(…), .t(…), .term(…), .line(…),
    .column(…) or Notice(…) in src/, pages/ and dashboard.py. `.column` on a vocabulary
    (`ds.vocab["…"].column("colour")`, `self.column` in vocab.py) reads a data column, not a
    header, and is left out."""
    used = set()
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            first, func = node.args[0], node.func
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            if isinstance(func, ast.Name) and func.id in ("t", "Notice"):
                used.add(("ui", first.value, where))
            elif isinstance(func, ast.Attribute) and func.attr in SECTION:
                vocabulary = isinstance(func.value, ast.Subscript) or (
                    path.name == "vocab.py" and ast.unparse(func.value) == "self"
                )
                if func.attr == "column" and vocabulary:
                    continue
                used.add((SECTION[func.attr], first.value, where))
    return used


# -- the locale files ---------------------------------------------------------------------------


def test_both_languages_have_the_same_sections_and_keys():
    assert set(ZH) == set(EN) == set(i18n.SECTIONS)
    for section in i18n.SECTIONS:
        only_zh = sorted(set(ZH[section]) - set(EN[section]))
        only_en = sorted(set(EN[section]) - set(ZH[section]))
        assert (only_zh, only_en) == ([], []), section


@pytest.mark.parametrize("section", i18n.SECTIONS)
def test_every_text_is_written_with_the_same_placeholders(section):
    for key, zh in ZH[section].items():
        en = EN[section][key]
        assert zh.strip() and en.strip(), (section, key)
        assert sorted(PLACEHOLDER.findall(zh)) == sorted(PLACEHOLDER.findall(en)), (section, key)
        assert "" not in PLACEHOLDER.findall(zh), (section, key)  # '{}' would be positional


def test_the_module_reads_the_files():
    assert i18n.TEXT == {"zh": ZH, "en": EN}


# -- keys the code uses -------------------------------------------------------------------------


def test_the_scan_finds_the_calls():
    """Guards the scan itself: it sees calls of each kind, and only header columns."""
    used = keys_used()
    assert {("ui", "page_map"), ("terms", "no_data"), ("terms", "also_here")} <= {
        (s, k) for s, k, _ in used
    }
    assert ("ui", "notice_truncated") in {(s, k) for s, k, _ in used}
    assert not {k for s, k, _ in used if s == "columns"} & {"colour", "at_park", "confers_level"}


def test_every_key_the_code_uses_exists_in_both_languages():
    missing = sorted(
        (where, section, key)
        for section, key, where in keys_used()
        if key not in ZH[section] or key not in EN[section]
    )
    assert missing == []


def test_every_page_of_the_registry_has_a_title():
    assert PAGES
    for page in PAGES:
        assert page.title_key == f"page_{page.path}"
        assert page.title_key in ZH["ui"] and page.title_key in EN["ui"], page.path
        assert i18n.t(page.title_key, "en") != page.title_key


def built_keys() -> list[str]:
    """UI keys not written as literals: filter labels (CHOICES, the sidebar), the
    Compare grouping (format_func=t), the URL parameters' names in notices, the downloads."""
    built = {key for _, key, _ in CHOICES}
    built |= set(GROUP_BY)
    built |= {f"param_{key}" for key in [*links.FILTER_KEYS, *links.VIEW_KEYS]}
    built |= {"download_csv", "download_xlsx", "download_geojson", "search", "as_of", "all"}
    return sorted(built)


@pytest.mark.parametrize("key", built_keys())
def test_keys_the_code_builds_exist(key):
    assert key in ZH["ui"] and key in EN["ui"]


def test_chart_marker_names_exist():
    assert {"event", "target"} <= set(ZH["terms"]) & set(EN["terms"])


def test_every_column_of_every_table_has_a_header(ds, en, zh):
    area = pd.Series({"cs-hitech": 1.0}, dtype="Float64", name="approved_area")
    for labels in (zh, en):
        frames = [tables.table(ds, kind, labels, area) for kind in ds.vocab["table_kinds"].codes()]
        frames += [
            tables.targets_table(ds, labels),
            tables.sources_table(ds, labels),
            tables.units_table(ds, labels),
        ]
        for frame in frames:
            for column in frame.columns:
                assert column in ZH["columns"] and column in EN["columns"], column
                assert tables.headers(frame, labels)[column] == labels.column(column)


# -- vocabularies -------------------------------------------------------------------------------


def test_every_code_of_every_vocabulary_has_both_labels(ds):
    checked = []
    for name, vocabulary in ds.vocab.items():
        frame = vocabulary.frame
        columns = [c for c in ("label_zh", "label_en") if c in frame]
        if not columns:
            continue
        checked.append(name)
        assert columns == ["label_zh", "label_en"], name
        for code, zh, en in zip(
            vocabulary.codes(), frame["label_zh"], frame["label_en"], strict=True
        ):
            if (name, code) == ("qualifiers", "exact"):
                assert pd.isna(zh) and pd.isna(en)  # an exact value is shown without a word
                continue
            assert isinstance(zh, str) and zh.strip(), (name, code)
            assert isinstance(en, str) and en.strip(), (name, code)
    assert {"levels", "statuses", "zone_types", "units", "sectors", "table_kinds"} <= set(checked)


@pytest.mark.parametrize("name", ["provinces", "prefectures"])
def test_every_place_has_an_english_name(ds, name):
    vocabulary = ds.vocab[name]
    english = vocabulary.column("name_en")
    assert set(vocabulary.codes()) == set(english)
    assert all(isinstance(v, str) and v.strip() for v in english.values())


@pytest.mark.parametrize(
    "name",
    [
        "levels",
        "statuses",
        "zone_types",
        "roles",
        "event_kinds",
        "indicator_kinds",
        "qualifiers",
        "location_precisions",
        "source_kinds",
        "confidences",
        "origins",
        "table_kinds",
    ],
)
def test_coded_words_read_differently_in_each_language(ds, name):
    for code in ds.vocab[name].codes():
        zh, en = ds.vocab[name].label(code, "zh"), ds.vocab[name].label(code, "en")
        if (name, code) == ("qualifiers", "exact"):
            assert zh == en == ""
            continue
        assert zh != en, (name, code)
        assert en != code or name == "qualifiers", (name, code)  # 'nearly' reads as itself


# -- lookups ------------------------------------------------------------------------------------


def test_texts_are_formatted_and_unknown_keys_show_themselves():
    assert i18n.t("n_parks_shown", "en", n=3, total=9) == "Showing 3 of 9 zones"
    assert i18n.t("n_parks_shown", "zh", n=3, total=9) == "显示 3 / 9 个园区"
    assert i18n.t("page_map", "fr") == i18n.t("page_map", "zh")  # unknown language: Chinese
    assert i18n.t("no_such_key", "en") == "no_such_key"
    assert i18n.column("no_such_column", "zh") == "no_such_column"
    assert i18n.column("park_id", "en") == "Park ID"
    assert i18n.term("no_data", "zh") == "无数据"
    assert i18n.colon("zh") == "：" and i18n.colon("en") == ": "


def test_labels_and_names(zh, en):
    assert zh.code("levels", "national") == "国家级"
    assert en.code("levels", None) == "" and en.code("levels", pd.NA) == ""
    assert en.code("levels", "municipal") == "municipal"  # unknown code: visible as itself
    assert en.park_name({"name_zh": "临武", "name_en": None}) == "临武"
    assert en.park_name({"name_zh": "临武", "name_en": "Linwu"}) == "Linwu"
    assert zh.park_name({"name_zh": "临武", "name_en": "Linwu"}) == "临武"
    assert zh.line("level", "国家级") == "级别：国家级"
    assert en.line("level", "National") == "Level: National"


def test_escape_markdown_keeps_text_plain():
    assert i18n.escape_markdown("<b>[x](y)</b>") == "\\<b\\>\\[x\\](y)\\</b\\>"
    assert i18n.escape_markdown("a &amp; b") == "a \\&amp; b"  # the entity shows as typed
    assert i18n.escape_markdown("2021-13 湖南省") == "2021-13 湖南省"


def test_notice_text_names_the_parameter_as_the_sidebar_does():
    notice = links.Notice("notice_bad_value", "date", "2021-13")
    assert i18n.notice_text(notice, "zh") == "已忽略链接参数“截至日期”的无效值“2021-13”。"
    assert i18n.notice_text(notice, "en") == (
        "Ignored invalid value '2021-13' for link parameter 'As of date'."
    )
    unknown = links.Notice("notice_unknown_key", "<b>x</b>")
    assert i18n.notice_text(unknown, "en") == "Ignored unknown link parameter '\\<b\\>x\\</b\\>'."


def test_places_read_in_english_only(zh, en):
    """English mode shows no Chinese but a zone's own name: a place is its English name."""
    assert en.place("湖南省") == "Hunan"
    assert en.place("长沙市") == "Changsha"
    assert zh.place("湖南省") == "湖南省"
    assert en.place("某某市") == "某某市"
    assert en.place(None) == "" and en.place_en(None) is None
    assert en.place_en("湛江市") == "Zhanjiang"


def test_chart_categories_use_place_names_in_english(en):
    frame = pd.DataFrame(
        {"province": ["广东省"], "level": ["national"], "total": [3.0], "n_parks": [1]}
    )
    fig = compare_bar(frame, "province", "total", en)
    assert list(fig.data[0].x) == ["Guangdong"]
