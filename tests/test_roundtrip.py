"""Output hostility and the export round trip, on the fixture package with more zones whose names
are formulas (= + - @) and HTML (HOSTILE_NAMES); the package stays valid, so the app must cope.

- CSV and xlsx: a text cell starting with = + - @ is exported with a leading ' so Excel shows it
  as text; read back, the CSV gives the rows and values of the table shown, Chinese intact.
- HTML in a name stays text: plain text in map tooltips (Streamlit escapes it into our template),
  never passed to an HTML-rendering element of a page."""

from __future__ import annotations

import html
import io
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from apptest import download, open_page, use_package
from openpyxl import load_workbook

from parkdata.data.boundaries import load_boundaries
from parkdata.data.package import load_package
from parkdata.model import levels
from parkdata.present import exports, maps, tables
from parkdata.present.labels import Labels
from parkdata.testing.fixtures import PARKS, write_fixture
from parkdata.testing.synthetic import (
    HOSTILE_NAMES,  # (name_zh, name_en) a spreadsheet would run, a browser would render
)

HOSTILE_IDS = [f"hostile-{i}" for i in range(len(HOSTILE_NAMES))]
FORMULA_START = ("=", "+", "-", "@")


def hostile_parks() -> list[dict]:
    """Copies of the fixture's Linwu zone (so they share its point) under hostile names."""
    linwu = next(p for p in PARKS if p["park_id"] == "linwu")
    return [
        {**linwu, "park_id": pid, "name_zh": zh, "short_name_zh": zh, "name_en": en}
        for pid, (zh, en) in zip(HOSTILE_IDS, HOSTILE_NAMES, strict=True)
    ]


@pytest.fixture(scope="module")
def package(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("hostile")
    return write_fixture(out, tables={"parks": PARKS + hostile_parks()})


@pytest.fixture(scope="module")
def hostile(package):
    return load_package(package)


@pytest.fixture(scope="module", params=["zh", "en"])
def shown(request, hostile) -> pd.DataFrame:
    """The parks table as the Table page shows and exports it (labelled headers)."""
    labels = Labels(hostile.vocab, request.param)
    frame = tables.table(hostile, "parks", labels, levels.area_km2(hostile, "approved_area"))
    return tables.labelled(frame, labels)


def read_csv(data: bytes) -> pd.DataFrame:
    assert data.startswith(b"\xef\xbb\xbf")
    return pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8-sig")


def as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Each cell as a person would write it: missing '', whole numbers without '.0'."""

    def cell(value: object) -> str:
        if value is None or value is pd.NA or (isinstance(value, float) and value != value):
            return ""
        if isinstance(value, float):
            return str(int(value)) if value.is_integer() else format(value, ".15g")
        return str(value)

    return frame.astype(object).apply(lambda col: col.map(cell)).reset_index(drop=True)


def unprotect(frame: pd.DataFrame) -> pd.DataFrame:
    """Remove the apostrophe the export puts before a formula-like text cell."""
    pattern = r"^'(?=[=+\-@\t\r])"
    return frame.apply(lambda col: col.str.replace(pattern, "", regex=True))


def test_the_hostile_package_loads_with_every_name(hostile):
    names = hostile.parks.set_index("park_id")
    for pid, (zh, en) in zip(HOSTILE_IDS, HOSTILE_NAMES, strict=True):
        assert (names.at[pid, "name_zh"], names.at[pid, "name_en"]) == (zh, en)


def test_csv_round_trips_to_the_table_shown(shown):
    back = read_csv(exports.csv_bytes(shown))
    assert list(back.columns) == [str(c) for c in shown.columns]
    assert len(back) == len(shown)
    pd.testing.assert_frame_equal(unprotect(back), as_text(shown))


def test_chinese_names_are_intact(shown, hostile):
    back = unprotect(read_csv(exports.csv_bytes(shown)))
    column = next(c for c in back.columns if back[c].str.contains("高新技术产业开发区").any())
    assert set(hostile.parks["name_zh"]) <= set(back[column])


def test_no_exported_text_cell_starts_a_formula(shown):
    back = read_csv(exports.csv_bytes(shown))
    for column in back.columns:
        starts = back[column].str.slice(0, 1)
        assert not starts.isin(FORMULA_START).any(), back.loc[starts.isin(FORMULA_START), column]
    for zh, _ in HOSTILE_NAMES[:4]:
        assert ("'" + zh) in set(back.iloc[:, 1])  # the Chinese name column, neutralised


def test_numbers_stay_numbers_and_missing_stays_empty():
    frame = pd.DataFrame({"name": ["-5园区", "园区"], "value": [-5.0, None]}).astype(
        {"value": "Float64"}
    )
    back = read_csv(exports.csv_bytes(frame))
    assert back["name"].tolist() == ["'-5园区", "园区"]
    assert back["value"].tolist() == ["-5", ""]  # a negative number is not text; NA is empty


def test_xlsx_cells_are_text_not_formulas(shown):
    workbook = load_workbook(io.BytesIO(exports.xlsx_bytes(shown, {"dataset": "t"})))
    cells = [c for row in workbook["data"].iter_rows(min_row=2) for c in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    values = {c.value for c in cells if isinstance(c.value, str)}
    for zh, _ in HOSTILE_NAMES[:4]:
        assert "'" + zh in values
    assert HOSTILE_NAMES[4][0] in values  # HTML is not a formula: as typed
    numbers = [c.value for c in cells if isinstance(c.value, int | float)]
    assert 28.23 in numbers and 25.28 in numbers  # coordinates stay numbers


def test_geojson_keeps_names_as_typed(hostile, zh):
    doc = json.loads(exports.geojson_bytes(tables.parks_table(hostile, zh)))
    names = {f["id"]: f["properties"]["name_en"] for f in doc["features"]}
    for pid, (_, en) in zip(HOSTILE_IDS, HOSTILE_NAMES, strict=True):
        assert names[pid] == en


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_map_tooltips_carry_names_as_plain_text(hostile, lang):
    labels = Labels(hostile.vocab, lang)
    deck = maps.park_map(hostile.parks, load_boundaries(), labels)
    # the only markup: our own template
    assert deck._tooltip["html"] == maps.tooltip_html(labels, None)
    data = json.loads(deck.to_json())
    points = next(lay for lay in data["layers"] if lay["id"] == "parks")["data"]
    by_id = {p["park_id"]: p for p in points}
    for pid, (zh, en) in zip(HOSTILE_IDS, HOSTILE_NAMES, strict=True):
        assert by_id[pid]["tt_0"] == (en if lang == "en" else zh)
    text = json.dumps(points, ensure_ascii=False)
    for zh, en in HOSTILE_NAMES[4:]:  # never pre-escaped (Streamlit escapes once)
        assert html.escape(zh) not in text and html.escape(en) not in text
        assert "&lt;" not in text
    # the zones share Linwu's point: each tooltip names (the first three of) the others, as typed
    also = " ".join(by_id[pid]["tt_8"] for pid in HOSTILE_IDS)
    assert HOSTILE_NAMES[0][1 if lang == "en" else 0] in also


# -- the dashboard ------------------------------------------------------------------------------


@pytest.fixture
def app(package, monkeypatch):
    use_package(monkeypatch, package)


def _html_elements(at) -> list[str]:
    """Bodies of elements that render raw HTML: st.html and markdown with unsafe HTML."""
    bodies = [str(e.proto.body) for e in at.get("html")]
    bodies += [m.value for m in at.markdown if getattr(m.proto, "allow_html", False)]
    return bodies


def _unescaped_markdown(text: str) -> str:
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!<>&|~=@])", r"\1", text)


@pytest.mark.pages
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_table_page_download_holds_the_rows_shown(app, hostile, lang):
    at = open_page("table", table="parks", lang=lang)
    assert not at.exception, [e.value for e in at.exception]
    shown = at.dataframe[0].value
    assert len(shown) == len(hostile.parks)
    labels = Labels(hostile.vocab, lang)
    back = unprotect(read_csv(download(at, "dl_csv")))
    assert list(back.columns) == list(tables.labelled(shown, labels).columns)
    assert back.to_numpy().tolist() == as_text(shown).to_numpy().tolist()
    for zh, _ in HOSTILE_NAMES:
        assert zh in set(shown["name_zh"])  # shown as the literal text


@pytest.mark.pages
@pytest.mark.parametrize("index", range(len(HOSTILE_NAMES)))
def test_profile_never_renders_a_name_as_html(app, index):
    at = open_page("profile", park=HOSTILE_IDS[index], lang="zh")
    assert not at.exception, [e.value for e in at.exception]
    zh, _ = HOSTILE_NAMES[index]
    for body in _html_elements(at):
        assert "<img" not in body and "<script" not in body, body
    headers = [h.value for h in at.main.header]  # the sidebar has its own
    assert [_unescaped_markdown(h) for h in headers] == [zh]
