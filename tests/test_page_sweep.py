"""What a person does, page by page: every page x every filter value x both languages.

Each case opens the app in a language, goes to the page through the navigation, then sets one
sidebar filter at a time through its widget (as a click would) and checks what the page shows:
- no exception, and no text that is Streamlit's own documentation or a Python object's repr
  (what a bare expression printed by "magic" looks like);
- the page's main element (map, chart, table …) or a message saying why there is none;
- nothing of the other language among widget labels, options and chosen values.
All failures of one page, language and filter kind are collected and reported together.

The fixture package (every level, zone type and sector of the vocabularies, parks with and without
targets, coordinates, industries) carries every value and reaches every code path. The national
package is swept on a fixed, seeded sample (`real_sample`): the provinces that broke before (the
Timeline crashed for 广东省) and the articles' provinces always, three more provinces, four cities
and three zones (opened on the profile) drawn with seed REAL_SEED, since a crash for one place can
come from real data only. Every province of the national package is swept by `make sweep-all`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from apptest import open_page as open_app
from apptest import use_package
from streamlit.testing.v1 import AppTest

from pages._app import state
from pages._app.registry import PAGES as REGISTRY
from parkdata.data.dataset import Dataset
from parkdata.data.package import load_package
from parkdata.data.schema import DATA_DIR
from parkdata.model import filters as flt
from parkdata.present.i18n import TEXT
from parkdata.testing.sample import ALWAYS, EVERY_PLACE, real_sample

ROOT = Path(__file__).resolve().parents[1]
LANGS = ("zh", "en")
PAGES = tuple(page.path for page in REGISTRY)
# What a page shows when parks match (pages/registry.toml `main`): at least one such element, or
# an info message saying why not.
ELEMENTS = {"deck": "deck_gl_json_chart", "plotly": "plotly_chart", "grid": "dataframe"}
MAIN = {page.path: (ELEMENTS[page.main],) if page.main in ELEMENTS else () for page in REGISTRY}
# Text a page must never show: Streamlit's API documentation or an object's repr.
BAD_TEXT = re.compile(
    r"DeltaGenerator|Creator of Delta|object at 0x[0-9a-f]+|<streamlit\.|<function |"
    r"<bound method|Traceback \(most recent call last\)"
)
# Elements that only a stray expression written out by "magic" (or a debugging call) produces.
FORBIDDEN = {"help_info", "doc_string", "json"}
WIDGET_KINDS = ("multiselect", "selectbox", "text_input", "button_group", "toggle", "button")
# filter kind -> Filters field (the sidebar multiselects)
FILTER_FIELD = {
    "province": "provinces",
    "city": "cities",
    "level": "levels",
    "zone_type": "zone_types",
    "sector": "sectors",
    "origin": "origins",
}


def open_page(data_dir: Path, page: str, lang: str, monkeypatch) -> AppTest:
    use_package(monkeypatch, data_dir)
    return open_app(page, lang=lang)


def widget_key(field: str, lang: str) -> str:
    return state._widget_key(field, lang)


def elements(node) -> Iterator:
    """Every element of the page, depth first (blocks, columns, expanders included)."""
    children = getattr(node, "children", None)
    for child in (children or {}).values() if isinstance(children, dict) else []:
        yield child
        yield from elements(child)


def widget_labels(at: AppTest) -> Iterator[str]:
    for kind in WIDGET_KINDS:
        for widget in getattr(at, kind):
            yield str(widget.label)
            for option in getattr(widget, "options", []) or []:
                yield str(option)


def other_language_words(ds: Dataset, lang: str) -> set[str]:
    """Labels that exist only in the other language: shown in `lang`, they are stale."""
    other = "en" if lang == "zh" else "zh"
    words = {
        text
        for section in TEXT[other]
        for key, text in TEXT[other][section].items()
        if text != TEXT[lang][section].get(key)
    }
    for vocabulary in ds.vocab.values():
        mine, theirs = vocabulary.labels(lang), vocabulary.labels(other)
        words |= {label for code, label in theirs.items() if label != mine.get(code)}
    if lang == "en":  # a park with an English name shown by its Chinese name
        named = ds.parks[ds.parks["name_en"].notna()]
        words |= set(named["name_zh"])
    return {w for w in words if w and len(w) > 1}


def shown_count(at: AppTest) -> int:
    caption = " ".join(str(c.value) for c in at.sidebar.caption)
    numbers = re.findall(r"\d[\d,]*", caption)
    return int(numbers[0].replace(",", "")) if numbers else -1


def problems(at: AppTest, page: str, case: str, stale: set[str]) -> list[str]:
    where = f"{page} [{case}]"
    found = [f"{where}: exception {e.value}" for e in at.exception]
    for element in elements(at._tree):
        kind = getattr(element, "type", "")
        if kind in FORBIDDEN:
            found.append(f"{where}: a {kind} element is on the page")
        text = str(getattr(element, "value", "") if hasattr(element, "value") else "")
        if BAD_TEXT.search(text):
            found.append(f"{where}: {kind} shows {text[:120]!r}")
    if shown_count(at) > 0 and not at.info:
        missing = [k for k in MAIN[page] if not at.get(k)]
        if missing:
            found.append(f"{where}: no {missing} and no message saying why")
    wrong = sorted({w for w in widget_labels(at) if w in stale})
    if wrong:
        found.append(f"{where}: other-language labels {wrong[:5]}")
    return found


def sweep(at: AppTest, page: str, lang: str, kind: str, values, stale) -> list[str]:
    found: list[str] = []
    for value in values:
        if kind in ("q", "as_of"):
            key = widget_key("text" if kind == "q" else "as_of", lang)
            at.text_input(key=key).set_value(value).run()
            found += problems(at, page, f"{lang} {kind}={value}", stale)
            at.text_input(key=key).set_value("").run()
        elif kind == "approved":
            slider = at.slider(key=widget_key("approved", lang))
            whole = (slider.min, slider.max)
            slider.set_value(value).run()
            found += problems(at, page, f"{lang} approved={value}", stale)
            at.slider(key=widget_key("approved", lang)).set_value(whole).run()
        else:
            key = widget_key(FILTER_FIELD[kind], lang)
            at.multiselect(key=key).set_value([value]).run()
            found += problems(at, page, f"{lang} {kind}={value}", stale)
            at.multiselect(key=key).set_value([]).run()
    return found


def filter_values(ds: Dataset, kind: str) -> tuple[str, ...]:
    opts = flt.options(ds)
    if kind == "q":
        return one_park_search(ds), "没有这个园区"
    if kind == "as_of":
        return ("2010", "2000-06")
    if kind == "approved":  # the first approval years: one that holds zones, one that holds none
        first, last = flt.approval_year_range(ds) or (1984, 2018)
        return ((first, first + 3), (last, last))
    return opts[FILTER_FIELD[kind]]


def one_park_search(ds: Dataset) -> str:
    """A short name that finds exactly one park."""
    for name in ds.parks["short_name_zh"]:
        if len(flt.apply_filters(ds, flt.Filters(text=name)).parks) == 1:
            return str(name)
    raise AssertionError("no short name finds exactly one park")


@pytest.mark.sweep
@pytest.mark.parametrize("kind", [*FILTER_FIELD, "approved", "q", "as_of"])
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", PAGES)
def test_every_filter_value_on_every_page(page, lang, kind, fixture_dir, ds, monkeypatch):
    at = open_page(fixture_dir, page, lang, monkeypatch)
    stale = other_language_words(ds, lang)
    found = problems(at, page, f"{lang} no filter", stale)
    found += sweep(at, page, lang, kind, filter_values(ds, kind), stale)
    assert not found, "\n".join(found)


@pytest.fixture(scope="module")
def real() -> Dataset:
    return load_package(DATA_DIR)


@pytest.mark.sweep
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", PAGES)
def test_a_sample_of_the_real_data_on_every_page(page, lang, real, monkeypatch):
    sample = real_sample(real)
    at = open_page(DATA_DIR, page, lang, monkeypatch)
    stale = other_language_words(real, lang)
    found = problems(at, page, f"{lang} no filter", stale)
    found += sweep(at, page, lang, "province", sample.provinces, stale)
    found += sweep(at, page, lang, "city", sample.cities, stale)
    if page == "profile":
        for zone in sample.zones:
            at.selectbox(key=widget_key("park", lang)).set_value(zone).run()
            found += problems(at, page, f"{lang} park={zone}", stale)
    assert not found, "\n".join(found)


def test_the_real_sample_is_fixed_and_holds_the_places_that_broke(real):
    first, again = real_sample(real), real_sample(real)
    assert first == again
    assert set(ALWAYS) <= set(first.provinces)
    assert len(first.provinces) == len(ALWAYS) + 3 or EVERY_PLACE
    assert set(first.zones) <= set(real.parks["park_id"])


def test_streamlit_config_keeps_magic_off_and_the_developer_toolbar_hidden():
    """A bare expression in a page is never written into it, and users see no Deploy button."""
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["runner"]["magicEnabled"] is False
    assert config["client"]["toolbarMode"] == "viewer"
