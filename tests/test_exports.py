"""Downloads: CSV for Excel (BOM, formula-safe), xlsx with a metadata sheet, GeoJSON of parks."""

import io
import json
from datetime import UTC, datetime

import pandas as pd
import pytest
from app_fixture import write_package
from openpyxl import load_workbook

from parkdata.data.dataset import read_frames
from parkdata.model.filters import Filters
from parkdata.present import exports, tables


@pytest.fixture(scope="module")
def ds(tmp_path_factory):
    return read_frames(write_package(tmp_path_factory.mktemp("pkg")))


@pytest.fixture(scope="module")
def parks(ds):
    return tables.parks_table(ds, "zh")


def read_csv(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)


def test_csv_has_bom_and_round_trips_chinese(parks):
    data = exports.csv_bytes(parks)
    assert data.startswith(b"\xef\xbb\xbf")
    back = read_csv(data)
    assert list(back["park_id"]) == list(parks["park_id"])
    assert back.loc[0, "name_zh"] == "长沙高新技术产业开发区"
    assert back.loc[back["park_id"] == "cz-etdz", "lat"].item() == ""  # missing stays empty


def test_formula_cells_are_neutralised_numbers_are_not():
    frame = pd.DataFrame(
        {
            "text": ["=1+1", "+cmd", "-x", "@SUM(A1)", "\tA", "\rB", "ok", "a=b"],
            "number": [-5.0, 1, 2, 3, 4, 5, 6, 7],
        }
    )
    back = read_csv(exports.csv_bytes(frame))
    assert list(back["text"]) == ["'=1+1", "'+cmd", "'-x", "'@SUM(A1)", "'\tA", "'\rB", "ok", "a=b"]
    assert back.loc[0, "number"] == "-5.0"


def test_fixture_formula_name_is_neutralised(parks):
    back = read_csv(exports.csv_bytes(parks))
    assert back.loc[back["park_id"] == "html-park", "short_name_zh"].item() == "'=HYPERLINK(1)"


def test_xlsx_has_data_and_metadata_sheets(ds, parks):
    meta = exports.export_metadata(
        Filters(levels=("national",)),
        "zh",
        "Parkdata",
        "CC-BY-4.0",
        ds.sources,
        len(parks),
        now=datetime(2026, 1, 2, tzinfo=UTC),
    )
    book = load_workbook(io.BytesIO(exports.xlsx_bytes(parks, meta)))
    assert book.sheetnames == ["data", "metadata"]
    rows = list(book["data"].values)
    assert list(rows[0]) == list(parks.columns) and len(rows) == len(parks) + 1
    assert rows[1][0] == "cs-hitech" and rows[1][1] == "长沙高新技术产业开发区"
    lat = list(parks.columns).index("lat")
    assert rows[4][0] == "cz-etdz" and rows[4][lat] is None  # missing: empty cell, not 0
    assert rows[1][lat] == pytest.approx(28.23)
    meta_rows = dict(list(book["metadata"].values)[1:5])
    assert meta_rows["licence"] == "CC-BY-4.0" and meta_rows["filters"] == "级别=国家级"
    sources = [v for k, v in list(book["metadata"].values) if k == "sources"]
    assert len(sources) == 2 and sources[0].startswith("art-a")


def test_geojson_keeps_parks_without_coordinates(parks):
    doc = json.loads(exports.geojson_bytes(parks, {"licence": "CC-BY-4.0"}))
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) == len(parks)
    by_id = {f["id"]: f for f in doc["features"]}
    assert by_id["cs-hitech"]["geometry"] == {"type": "Point", "coordinates": [112.88, 28.23]}
    assert by_id["cz-etdz"]["geometry"] is None
    assert by_id["html-park"]["properties"]["name_zh"] == "<b>测试</b>园区"
    assert doc["metadata"]["licence"] == "CC-BY-4.0"


@pytest.mark.parametrize(
    ("filters", "lang", "expected"),
    [
        (Filters(), "zh", "parkdata_园区_全部.csv"),
        (Filters(), "en", "parkdata_Parks_All.csv"),
        (
            Filters(levels=("national",), provinces=("湖南省",)),
            "zh",
            "parkdata_园区_级别-国家级_省份-湖南省.csv",
        ),
        (Filters(text='a/b:c*"<>|?'), "en", "parkdata_Parks_name-a-b-c.csv"),
    ],
)
def test_export_filename_says_what_was_filtered(filters, lang, expected):
    assert exports.export_filename(filters, "parks", "csv", lang) == expected
