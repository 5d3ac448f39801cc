"""Downloads of the fixture package's tables: CSV for Excel (BOM, whole numbers without '.0',
missing empty, formula cells neutralised), xlsx (bold frozen header, autofilter, widths, integers
as integers, a metadata sheet), GeoJSON (null geometry where a park has no point), file names and
the filter summary in the user's language."""

import io
import json
from datetime import UTC, datetime

import pandas as pd
import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from parkdata.model import levels
from parkdata.model.filters import Filters
from parkdata.present import exports, tables
from parkdata.testing.fixtures import FORMULA_NAME, HTML_NAME

NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


@pytest.fixture(scope="module")
def parks(ds, zh) -> pd.DataFrame:
    return tables.parks_table(ds, zh, levels.area_km2(ds, "approved_area"))


@pytest.fixture(scope="module")
def indicators(ds, zh) -> pd.DataFrame:
    return tables.indicators_table(ds, zh)


def read_csv(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)


def row(frame: pd.DataFrame, key: str, value: str) -> pd.Series:
    return frame.loc[frame[key] == value].iloc[0]


# -- CSV ----------------------------------------------------------------------------------------


def test_csv_has_bom_crlf_and_round_trips_chinese(parks):
    data = exports.csv_bytes(parks)
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").split("\r\n")[0] == ",".join(parks.columns)
    back = read_csv(data)
    assert list(back.columns) == list(parks.columns)
    assert list(back["park_id"]) == list(parks["park_id"])
    assert back.loc[0, "name_zh"] == "长沙高新技术产业开发区"
    assert row(back, "park_id", "cs-hitech")["level"] == "国家级"


def test_csv_missing_stays_empty(parks):
    back = read_csv(exports.csv_bytes(parks))
    cz = row(back, "park_id", "cz-etdz")
    assert (cz["lat"], cz["lon"], cz["approved_area_km2"], cz["parent"]) == ("", "", "", "")
    linwu = row(back, "park_id", "linwu")
    assert linwu["approved_area_km2"] == ""  # no approved area: empty, never 0
    text = exports.csv_bytes(parks).decode("utf-8-sig")
    assert "<NA>" not in text and "nan" not in text.lower().split(",")


def test_csv_writes_whole_numbers_without_point_zero(indicators, parks):
    back = read_csv(exports.csv_bytes(indicators))
    assert list(back["value"]) == ["12.5", "502.04", "100", "200", "1000", "1117", "210.5", "3980"]
    assert list(back["year"]) == ["2020", "2020", "2020", "2021", "2021", "2018", "2018", "2018"]
    assert row(back, "value", "200")["target_year"] == "2025"
    assert set(back["value_max"]) == {""}
    areas = read_csv(exports.csv_bytes(parks))
    assert row(areas, "park_id", "cs-hitech")["approved_area_km2"] == "11.17"
    assert row(areas, "park_id", "zj-etdz")["lat"] == "21.2454"


def test_plain_numbers():
    frame = pd.DataFrame(
        {
            "x": pd.array([8.0, -5.0, 0.1 + 0.2, 1e16, 0.00066667, None], dtype="Float64"),
            "n": pd.array([1, 2, 3, 4, 5, None], dtype="Int64"),
        }
    )
    back = read_csv(exports.csv_bytes(frame))
    assert list(back["x"]) == ["8", "-5", "0.3", "1e+16", "0.00066667", ""]
    assert list(back["n"]) == ["1", "2", "3", "4", "5", ""]
    assert frame["x"].dtype == "Float64"  # the frame shown is not changed


def test_formula_cells_are_neutralised_numbers_are_not():
    text = ["=1+1", "+cmd", "-x", "@SUM(A1)", "\tA", "\rB", "ok", "a=b"]
    for dtype in ("object", "string[python]", "string[pyarrow]"):
        frame = pd.DataFrame(
            {"text": pd.array(text, dtype=dtype), "number": [-5.0, 1, 2, 3, 4, 5, 6, 7]}
        )
        back = read_csv(exports.csv_bytes(frame))
        assert list(back["text"]) == [
            "'=1+1",
            "'+cmd",
            "'-x",
            "'@SUM(A1)",
            "'\tA",
            "'\rB",
            "ok",
            "a=b",
        ], dtype
        assert back.loc[0, "number"] == "-5"  # a negative number stays a number


def test_fixture_formula_name_is_neutralised_html_is_kept(parks):
    back = read_csv(exports.csv_bytes(parks))
    formula = row(back, "park_id", "formula-park")
    assert formula["name_zh"] == formula["name"] == "'" + FORMULA_NAME
    assert formula["short_name_zh"] == "公式园区"
    assert row(back, "park_id", "html-park")["name_zh"] == HTML_NAME  # text, as typed


def test_csv_of_labelled_english_table(ds, en):
    frame = tables.labelled(tables.parks_table(ds, en), en)
    back = read_csv(exports.csv_bytes(frame))
    assert list(back.columns[:2]) == ["Zone", "Chinese name"]
    assert back.columns[-1] == "Park ID"
    cs = back.iloc[0]
    assert (cs["Zone"], cs["Province"], cs["Level"]) == (
        "Changsha Hi-tech Zone",
        "Hunan",
        "National",
    )


# -- xlsx ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workbook(ds, zh, indicators):
    meta = exports.export_metadata(
        Filters(levels=("national",)),
        zh,
        "Parkdata",
        "CC-BY-4.0",
        tables.cited_sources(ds, "indicators"),
        len(indicators),
        now=NOW,
    )
    return load_workbook(io.BytesIO(exports.xlsx_bytes(tables.labelled(indicators, zh), meta)))


def test_xlsx_data_sheet_header_is_bold_frozen_and_filtered(workbook, indicators, zh):
    assert workbook.sheetnames == ["data", "metadata"]
    sheet = workbook["data"]
    header = [c.value for c in sheet[1]]
    assert header == [zh.column(c) for c in indicators.columns]
    assert header[:3] == ["园区", "指标", "类别"]
    assert all(c.font.bold for c in sheet[1])
    assert not any(c.font.bold for c in sheet[2])
    assert sheet.freeze_panes == "A2"
    last = get_column_letter(len(indicators.columns))
    assert sheet.auto_filter.ref == f"A1:{last}{len(indicators) + 1}"


def test_xlsx_columns_are_as_wide_as_their_content(workbook):
    widths = {k: v.width for k, v in workbook["data"].column_dimensions.items()}
    assert widths["A"] == 2 * len("长沙高新技术产业开发区") + 2  # a CJK character counts twice
    assert widths["C"] == 8  # the narrowest
    assert max(widths.values()) == exports.MAX_WIDTH  # long citations: capped


def test_xlsx_values_integers_floats_and_missing(workbook, indicators):
    rows = list(workbook["data"].values)
    assert len(rows) == len(indicators) + 1
    value = rows[0].index("数值")
    year = rows[0].index("年份")
    target = rows[4]
    assert target[0] == "湖南临武工业园区" and target[value] == 200
    assert type(target[value]) is int and type(target[year]) is int  # 200, not 200.0
    assert rows[1][value] == 12.5 and type(rows[1][value]) is float
    assert rows[1][rows[0].index("目标年份")] is None  # missing: an empty cell, never 0
    assert rows[1][rows[0].index("来源链接")] is None


def test_xlsx_metadata_sheet(workbook):
    sheet = workbook["metadata"]
    rows = list(sheet.values)
    assert rows[0] == ("key", "value")
    meta = dict(rows[1:7])
    assert meta == {
        "dataset": "Parkdata",
        "licence": "CC-BY-4.0",
        "filters": "级别=国家级",
        "levels_as_of": None,  # an empty cell
        "rows": "8",
        "exported_at": "2026-01-02T03:04:05Z",
    }
    assert [v for k, v in rows if k == "sources"] == [
        "临武全力申报省级高新区 · achie.org · 2021-09-28",
        "GB/T 37028-2018 · SAMR · 2018 · https://example.org/gb",
        "中国开发区审核公告目录（2018年版） · 国家发展改革委等 · 2018-03"
        " · official government announcement",
    ]
    assert all(c.font.bold for c in sheet[1]) and sheet.freeze_panes == "A2"


def test_xlsx_formula_cells_are_text(parks):
    book = load_workbook(io.BytesIO(exports.xlsx_bytes(parks, {"dataset": "=cmd"})))
    cells = [c for r in book["data"].iter_rows() for c in r]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert "'" + FORMULA_NAME in {c.value for c in cells}
    assert dict(list(book["metadata"].values)[1:])["dataset"] == "'=cmd"


# -- GeoJSON ------------------------------------------------------------------------------------


def test_geojson_keeps_parks_without_coordinates(parks):
    doc = json.loads(exports.geojson_bytes(parks, {"licence": "CC-BY-4.0"}))
    assert doc["type"] == "FeatureCollection"
    assert [f["id"] for f in doc["features"]] == list(parks["park_id"])
    by_id = {f["id"]: f for f in doc["features"]}
    assert by_id["cs-hitech"]["geometry"] == {"type": "Point", "coordinates": [112.88, 28.23]}
    assert by_id["cz-etdz"]["geometry"] is None
    assert by_id["formula-park"]["geometry"] is None
    props = by_id["cs-hitech"]["properties"]
    assert "lat" not in props and "lon" not in props
    assert props["approved_area_km2"] == 11.17 and props["level"] == "国家级"
    assert props["parent"] is None  # missing stays null
    assert by_id["html-park"]["properties"]["name_zh"] == HTML_NAME
    assert by_id["formula-park"]["properties"]["name_zh"] == FORMULA_NAME  # not a spreadsheet
    assert doc["metadata"] == {"licence": "CC-BY-4.0"}
    assert "metadata" not in json.loads(exports.geojson_bytes(parks))


def test_geojson_whole_numbers_are_integers():
    frame = pd.DataFrame(
        {
            "park_id": ["a"],
            "lat": [28.0],
            "lon": [112.0],
            "n": pd.array([3.0], dtype="Float64"),
        }
    )
    feature = json.loads(exports.geojson_bytes(frame))["features"][0]
    assert feature["geometry"]["coordinates"] == [112.0, 28.0]
    assert feature["properties"] == {"park_id": "a", "n": 3}
    assert '"n": 3\n' in exports.geojson_bytes(frame).decode()


# -- file names and the filter summary ----------------------------------------------------------


@pytest.mark.parametrize(
    ("filters", "table", "ext", "lang", "expected"),
    [
        (Filters(), "parks", "csv", "zh", "parkdata_园区_全部.csv"),
        (Filters(), "parks", "csv", "en", "parkdata_Parks_All.csv"),
        (Filters(), "indicators", "xlsx", "en", "parkdata_Indicators_All.xlsx"),
        (
            Filters(levels=("national",), provinces=("湖南省",)),
            "parks",
            "csv",
            "zh",
            "parkdata_园区_省份-湖南省_级别-国家级.csv",
        ),
        (
            Filters(levels=("national",), provinces=("湖南省",)),
            "events",
            "geojson",
            "en",
            "parkdata_Events_Province-湖南省_Level-National.geojson",
        ),
        (Filters(text='a/b:c*"<>|?'), "parks", "csv", "en", "parkdata_Parks_name-a-b-c.csv"),
        (
            Filters(cities=("长沙市", "郴州市", "湛江市", "北京市")),
            "parks",
            "csv",
            "zh",
            "parkdata_园区_城市-长沙市+郴州市+湛江市+….csv",
        ),
        (
            Filters(origins=("catalog_2018",), as_of="2010"),
            "parks",
            "csv",
            "zh",
            "parkdata_园区_数据来源-国家开发区目录_2010.csv",
        ),
    ],
)
def test_export_filename_says_what_was_filtered(filters, table, ext, lang, expected, zh, en):
    labels = {"zh": zh, "en": en}[lang]
    assert exports.export_filename(filters, table, ext, labels) == expected


def test_export_filename_uses_the_table_kinds_vocabulary(ds, zh, en):
    for code in ds.vocab["table_kinds"].codes():
        for labels in (zh, en):
            name = exports.export_filename(Filters(), code, "csv", labels)
            assert name.split("_")[1] == labels.code("table_kinds", code).replace(" ", "-")


def test_filter_summary_with_labels(zh, en):
    assert exports.filter_summary(Filters(), zh) == "全部"
    assert exports.filter_summary(Filters(), en) == "All"
    both = Filters(levels=("national", "provincial"), provinces=("湖南省",))
    assert exports.filter_summary(both, zh) == "省份=湖南省; 级别=国家级,省级"
    assert exports.filter_summary(both, en) == "Province=Hunan; Level=National,Provincial"
    rest = Filters(
        zone_types=("high_tech_zone",),
        sectors=("electronics",),
        origins=("catalog_2018",),
        text="长沙",
        as_of="2015-06",
    )
    assert exports.filter_summary(rest, en) == (
        "Zone type=High-tech zone; Sector=Electronics and information; "
        "Source of zone=National catalogue; Search park names=长沙; As of date=2015-06"
    )


def test_export_metadata(ds, en):
    meta = exports.export_metadata(
        Filters(cities=("长沙市",)),
        en,
        "Parkdata",
        "CC-BY-4.0",
        ds.sources.iloc[:1],
        3,
        now=NOW,
        levels_as_of="2018",
    )
    assert meta == {
        "dataset": "Parkdata",
        "licence": "CC-BY-4.0",
        "filters": "City=Changsha",
        "levels_as_of": "2018",
        "rows": 3,
        "exported_at": "2026-01-02T03:04:05Z",
        "sources": [
            "Linwu goes all out for provincial high-tech zone status · achie.org · 2021-09-28"
        ],
    }
