"""Output hostility and the export round trip, on a valid package whose park names are formulas
(= + - @) and HTML (parkdata.testing.synthetic.HOSTILE_NAMES).

- CSV and xlsx: a text cell starting with = + - @ is exported with a leading ' so Excel shows it
  as text; read back, the CSV gives the rows and values of the table shown, Chinese intact.
- HTML in a name stays text: escaped in map tooltips, never passed to an HTML-rendering element."""

from __future__ import annotations

import html
import io
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from parkdata.data.boundaries import load_boundaries, load_city_labels
from parkdata.data.package import load_package
from parkdata.model import levels
from parkdata.present import exports, maps, tables
from parkdata.testing.synthetic import HOSTILE_NAMES, hostile_package

ROOT = Path(__file__).resolve().parents[1]
DASHBOARD = ROOT / "dashboard.py"
FORMULA_START = ("=", "+", "-", "@")


@pytest.fixture(scope="module")
def package(tmp_path_factory) -> Path:
    return hostile_package(40, tmp_path_factory.mktemp("hostile"), seed=4)


@pytest.fixture(scope="module")
def ds(package):
    return load_package(package)


@pytest.fixture(scope="module", params=["zh", "en"])
def shown(request, ds) -> pd.DataFrame:
    """The parks table as the table page shows and exports it (labelled headers)."""
    lang = request.param
    frame = tables.table(ds, "parks", lang, levels.planned_area_km2(ds))
    return tables.labelled(frame, lang)


def read_csv(data: bytes) -> pd.DataFrame:
    assert data.startswith(b"\xef\xbb\xbf")
    return pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8-sig")


def as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Each cell as the CSV writes it: missing -> '', numbers in repr form."""
    return pd.read_csv(io.StringIO(frame.to_csv(index=False)), dtype=str, keep_default_na=False)


def unprotect(frame: pd.DataFrame) -> pd.DataFrame:
    """Remove the apostrophe the export puts before a formula-like text cell."""
    pattern = r"^'(?=[=+\-@\t\r])"
    return frame.apply(lambda col: col.str.replace(pattern, "", regex=True))


def test_csv_round_trips_to_the_table_shown(shown):
    back = read_csv(exports.csv_bytes(shown))
    assert list(back.columns) == [str(c) for c in shown.columns]
    assert len(back) == len(shown)
    pd.testing.assert_frame_equal(unprotect(back), as_text(shown))


def test_chinese_names_are_intact(shown, ds):
    back = read_csv(exports.csv_bytes(shown))
    column = next(c for c in back.columns if back[c].str.contains("高新技术产业开发区").any())
    names = unprotect(back)[column]
    assert set(ds.parks["name_zh"]) <= set(names)


def test_no_exported_text_cell_starts_a_formula(shown):
    back = read_csv(exports.csv_bytes(shown))
    text_columns = [
        c
        for c, col in zip(back.columns, shown.columns, strict=True)
        if not pd.api.types.is_numeric_dtype(shown[col])
    ]
    for column in text_columns:
        starts = back[column].str.slice(0, 1)
        assert not starts.isin(FORMULA_START).any(), back.loc[starts.isin(FORMULA_START), column]
    protected = back[back.apply(lambda c: c.str.startswith("'=")).any(axis=1)]
    assert len(protected) >= 1  # the =HYPERLINK park is there, neutralised


def test_numbers_stay_numbers_and_missing_stays_empty(ds):
    frame = pd.DataFrame({"name": ["-5园区", "园区"], "value": [-5.0, None]}).astype(
        {"value": "Float64"}
    )
    back = read_csv(exports.csv_bytes(frame))
    assert back["name"].tolist() == ["'-5园区", "园区"]
    assert back["value"].tolist() == ["-5.0", ""]  # a negative number is not text; NA is empty


def test_xlsx_cells_are_text_not_formulas(shown):
    workbook = load_workbook(io.BytesIO(exports.xlsx_bytes(shown, {"dataset": "t"})))
    sheet = workbook["data"]
    formulas = [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []
    values = {
        c.value for row in sheet.iter_rows(min_row=2) for c in row if isinstance(c.value, str)
    }
    assert any(v.startswith("'=HYPERLINK") for v in values)


def test_map_tooltips_escape_html(ds):
    deck = maps.park_map(
        ds.parks,
        load_boundaries(),
        load_city_labels(),
        lang="zh",
        planned_area_km2=levels.planned_area_km2(ds),
        industries=ds.industries,
    )
    assert deck._tooltip["html"] == maps.TOOLTIP_HTML  # the only markup: our own template
    titles = [d["tt_0"] for layer in deck.layers if layer.id == "parks" for d in layer.data]
    # names travel as plain text; Streamlit escapes each value into the template
    assert HOSTILE_NAMES[4][0] in titles
    assert not any(html.escape(HOSTILE_NAMES[4][0]) in t for t in titles)


# -- the dashboard --------------------------------------------------------------------------------


def _app(package: Path, monkeypatch, page: str | None = None, **params: str):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("PARKDATA_DATA_DIR", str(package))
    at = AppTest.from_file(str(DASHBOARD), default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _html_elements(at) -> list[str]:
    """Bodies of elements that render raw HTML: st.html and markdown with unsafe HTML."""
    bodies = [str(e.proto.body) for e in at.get("html")]
    bodies += [m.value for m in at.markdown if getattr(m.proto, "allow_html", False)]
    return bodies


@pytest.mark.skipif(not DASHBOARD.exists(), reason="dashboard.py does not exist yet")
def test_table_page_shows_the_rows_the_csv_holds(package, ds, monkeypatch):
    at = _app(package, monkeypatch, "pages/table_page.py", table="parks", lang="zh")
    shown = at.dataframe[0].value
    assert len(shown) == len(ds.parks)
    back = unprotect(read_csv(exports.csv_bytes(tables.labelled(shown, "zh"))))
    assert back.to_numpy().tolist() == as_text(shown).to_numpy().tolist()
    for zh, _ in HOSTILE_NAMES:
        assert zh in set(shown["name_zh"])  # shown as the literal text


@pytest.mark.skipif(not DASHBOARD.exists(), reason="dashboard.py does not exist yet")
@pytest.mark.parametrize("index", range(len(HOSTILE_NAMES)))
def test_profile_never_renders_a_name_as_html(package, ds, monkeypatch, index):
    park_id = ds.parks["park_id"].iloc[index]
    at = _app(package, monkeypatch, "pages/profile_page.py", park=park_id, lang="zh")
    zh, en = HOSTILE_NAMES[index]
    for body in _html_elements(at):
        assert "<img" not in body and "<script" not in body, body
    texts = [h.value for h in at.header] + [c.value for c in at.caption]
    assert any(zh in t or html.escape(zh) in t or _unescaped_markdown(t) == zh for t in texts), (
        texts
    )


def _unescaped_markdown(text: str) -> str:
    import re

    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!<>&|~=@])", r"\1", text)
