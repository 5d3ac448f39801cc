"""The committed boundary and label layers, and the point-in-province check."""

import json

import pandas as pd
import pytest
from shapely.geometry import shape

from parkdata.data.boundaries import (
    CITY_LABELS_FILE,
    PROVINCES_FILE,
    contains,
    load_boundaries,
    load_city_labels,
    province_shapes,
)


@pytest.fixture(scope="module")
def shapes():
    return province_shapes(load_boundaries())


def test_provinces_file_is_small_valid_and_has_the_region():
    geojson = load_boundaries()
    assert PROVINCES_FILE.stat().st_size < 300_000
    names = {f["properties"]["name_zh"]: f["properties"] for f in geojson["features"]}
    assert {"湖南省", "广东省", "江西省", "广西壮族自治区", "湖北省"} <= set(names)
    assert {n for n, p in names.items() if p["focus"]} == {"湖南省", "广东省"}
    assert names["湖南省"]["name_en"] == "Hunan"
    for f in geojson["features"]:
        assert shape(f["geometry"]).is_valid, f["properties"]["name_zh"]


def test_coordinates_are_lon_lat_in_south_china_and_rounded():
    text = PROVINCES_FILE.read_text(encoding="utf-8")
    geojson = json.loads(text)
    minx, miny, maxx, maxy = shape(geojson["features"][0]["geometry"]).bounds  # 广东省
    assert 109 < minx < maxx < 118 and 18 < miny < maxy < 26
    first = geojson["features"][1]["geometry"]["coordinates"][0][0]
    assert all(len(repr(c).split(".")[1]) <= 4 for c in first)


@pytest.mark.parametrize(
    ("province", "lat", "lon", "inside"),
    [
        ("湖南省", 28.2113, 112.8801, True),  # 长沙高新区 (Lugu)
        ("湖南省", 25.2821, 112.5595, True),  # 临武 county seat, near the Guangdong border
        ("广东省", 21.0570, 110.5012, True),  # Baosteel Zhanjiang, Donghai Island
        ("广东省", 20.3303, 110.1664, True),  # 徐闻 county seat, southern tip
        ("湖南省", 21.2454, 110.3930, False),  # a Zhanjiang point is not in Hunan
        ("广东省", 28.2113, 112.8801, False),
        ("广东省", 20.0, 110.3, False),  # Haikou, Hainan
    ],
)
def test_contains(shapes, province, lat, lon, inside):
    assert contains(shapes, province, lat, lon) is inside


def test_contains_unknown_province_raises(shapes):
    with pytest.raises(KeyError):
        contains(shapes, "火星省", 28.0, 112.0)


def test_city_labels_have_sources_and_lie_in_their_province(shapes):
    labels = load_city_labels(CITY_LABELS_FILE)
    assert {"长沙", "湘潭", "株洲", "衡阳", "郴州", "湛江"} <= set(labels["name_zh"])
    assert labels["lat"].dtype == "Float64"
    assert labels["source_url"].str.startswith("https://").all()
    hunan = labels[labels["name_zh"] != "湛江"]
    hunan = hunan[hunan["name_zh"] != "广州"]
    assert all(contains(shapes, "湖南省", r.lat, r.lon) for r in hunan.itertuples())
    zhanjiang = labels.set_index("name_zh").loc["湛江"]
    assert contains(shapes, "广东省", zhanjiang["lat"], zhanjiang["lon"])
    assert not labels[["lat", "lon"]].isna().any().any()
    assert isinstance(labels, pd.DataFrame)
