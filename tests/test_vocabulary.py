"""A new level or zone type is one row in a vocabulary table: added to the fixture package, it
reaches the sidebar options, the map (colour and legend), the table and the exports with its
labels, and filters like any other."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from apptest import open_page, use_package

from pages._app import state
from parkdata.data.package import load_package
from parkdata.model.filters import Filters, apply_filters
from parkdata.present import exports, maps, tables
from parkdata.present.labels import Labels
from parkdata.testing.fixtures import LEVEL_CHANGES, PARKS, write_fixture

NEW_TYPE = {
    "zone_type": "science_city",
    "label_zh": "科学城",
    "label_en": "Science city",
    "order": 9,
    "colour": "#117733",
    "development_zone": "true",
    "name_suffix_zh": "园区",
    "description_en": "A science city (test row).",
}
NEW_LEVEL = {
    "level": "municipal",
    "label_zh": "市级",
    "label_en": "Municipal",
    "order": 5,
    "colour": "#56b4e9",
    "conferred": False,
    "description_zh": "市级：市政府批准。",
    "description_en": "Municipal: approved by a city government.",
}
NEW_PARK = {
    "park_id": "science-city",
    "name_zh": "测试科学城",
    "name_en": "Test Science City",
    "short_name_zh": "测试科学城",
    "province": "湖南省",
    "city": "长沙市",
    "lat": 28.1,
    "lon": 112.9,
    "location_precision": "park",
    "location_source_id": "ref-gb",
    "zone_type": "science_city",
}
NEW_LEVEL_ROW = {  # the park's level: a dated row of the level changes, as every level is
    "change_id": "science-city-l1",
    "park_id": "science-city",
    "date": "2018",
    "change": "listed",
    "level_after": "municipal",
    "description_zh": "来源所列级别",
    "description_en": "Level as the source states it",
    "source_id": "ref-gb",
    "evidence": "市级",
    "confidence": "official",
}


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    return write_fixture(
        tmp_path_factory.mktemp("one-row"),
        tables={"parks": [*PARKS, NEW_PARK], "level_changes": [*LEVEL_CHANGES, NEW_LEVEL_ROW]},
        vocab_rows={"zone_types": [NEW_TYPE], "levels": [NEW_LEVEL]},
    )


@pytest.fixture(scope="module")
def ds(package):
    return load_package(package)


@pytest.mark.pages
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_new_rows_reach_the_sidebar(package, monkeypatch, lang):
    use_package(monkeypatch, package)
    at = open_page(lang=lang)
    suffix = lang
    types = at.multiselect(key=state._widget_key("zone_types", suffix)).options
    levels = at.multiselect(key=state._widget_key("levels", suffix)).options
    assert NEW_TYPE[f"label_{lang}"] in types and NEW_LEVEL[f"label_{lang}"] in levels


def test_new_rows_reach_the_map_with_their_colour(ds):
    labels = Labels(ds.vocab, "en")
    assert ("Municipal", "#56b4e9") in maps.legend(ds.parks, labels)
    points = maps.park_points(ds.parks, labels).set_index("park_id")
    assert points.loc["science-city", "line_colour"] == [255, 255, 255, 255]  # at the park
    assert points.loc["science-city", "fill_colour"][:3] == [0x56, 0xB4, 0xE9]
    template = maps.tooltip_html(labels, None)
    assert "Type: Science city" in maps.tooltip_text(template, points.loc["science-city"].to_dict())


def test_new_rows_reach_the_table_the_exports_and_the_filters(ds):
    labels = Labels(ds.vocab, "zh")
    only = apply_filters(ds, Filters(zone_types=("science_city",), levels=("municipal",)))
    assert list(only.parks["park_id"]) == ["science-city"]
    frame = tables.parks_table(only, labels)
    assert (frame["zone_type"].iloc[0], frame["level"].iloc[0]) == ("科学城", "市级")
    csv = exports.csv_bytes(tables.labelled(frame, labels))
    back = pd.read_csv(io.BytesIO(csv), encoding="utf-8-sig", dtype=str)
    assert back["类型"].iloc[0] == "科学城" and back["级别"].iloc[0] == "市级"
    name = exports.export_filename(Filters(zone_types=("science_city",)), "parks", "csv", labels)
    assert "科学城" in name
