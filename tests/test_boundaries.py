"""The committed province outlines (data/boundaries/provinces.geojson), the point-in-province
check, and the prefecture centres the map labels and the synthetic parks use (the prefectures
vocabulary, as the fixture package holds it)."""

import json

import pytest
import shapely
from shapely.geometry import shape

from parkdata.data.boundaries import PROVINCES_FILE, contains, load_boundaries, province_shapes
from parkdata.data.rules import BORDER_TOLERANCE_DEG


@pytest.fixture(scope="module")
def geojson():
    return load_boundaries()


@pytest.fixture(scope="module")
def shapes(geojson):
    return province_shapes(geojson)


def test_provinces_file_is_small_and_names_each_outline(geojson):
    assert PROVINCES_FILE.stat().st_size < 300_000  # drawn offline on every map
    assert geojson["type"] == "FeatureCollection"
    for f in geojson["features"]:
        assert {"name_zh", "name_en", "code"} <= set(f["properties"])
        assert f["geometry"]["type"] in ("Polygon", "MultiPolygon")


def test_every_outline_is_a_valid_geometry(geojson):
    invalid = [
        f["properties"]["name_zh"] for f in geojson["features"] if not shape(f["geometry"]).is_valid
    ]
    assert invalid == []


def test_every_province_of_the_vocabulary_has_one_outline(geojson, ds):
    names = [f["properties"]["name_zh"] for f in geojson["features"]]
    assert len(names) == len(set(names))
    assert set(names) == set(ds.vocab["provinces"].codes())  # 31 + Taiwan, Hong Kong, Macau
    hunan = next(
        f["properties"] for f in geojson["features"] if f["properties"]["name_zh"] == "湖南省"
    )
    assert (hunan["name_en"], hunan["code"]) == ("Hunan", "CN.HN")


def test_the_outlines_and_the_vocabulary_name_a_province_alike(geojson, ds):
    english = ds.vocab["provinces"].column("name_en")
    differ = {
        f["properties"]["name_zh"]: (
            english[f["properties"]["name_zh"]],
            f["properties"]["name_en"],
        )
        for f in geojson["features"]
        if english[f["properties"]["name_zh"]] != f["properties"]["name_en"]
    }
    assert differ == {}


def test_coordinates_are_lon_lat_and_rounded(shapes, geojson):
    minx, miny, maxx, maxy = shapes["广东省"].bounds
    assert 109 < minx < maxx < 118 and 18 < miny < maxy < 26
    minx, miny, maxx, maxy = shapes["黑龙江省"].bounds
    assert 121 < minx < maxx < 136 and 43 < miny < maxy < 54
    for f in geojson["features"][:5]:
        text = json.dumps(f["geometry"]["coordinates"])
        decimals = [
            len(c.split(".")[1])
            for c in text.replace("[", "").replace("]", "").split(",")
            if "." in c
        ]
        assert max(decimals) <= 3, f["properties"]["name_zh"]


@pytest.mark.parametrize(
    ("province", "lat", "lon", "inside"),
    [
        ("湖南省", 28.2113, 112.8801, True),  # 长沙高新区 (Lugu)
        ("湖南省", 25.2821, 112.5595, True),  # 临武 county seat, near the Guangdong border
        ("广东省", 21.0570, 110.5012, True),  # Baosteel Zhanjiang, Donghai Island
        ("广东省", 20.3303, 110.1664, True),  # 徐闻 county seat, southern tip
        ("北京市", 39.9028, 116.4012, True),  # Beijing's centre
        ("新疆维吾尔自治区", 43.8256, 87.6168, True),  # Ürümqi
        ("湖南省", 21.2454, 110.3930, False),  # a Zhanjiang point is not in Hunan
        ("广东省", 28.2113, 112.8801, False),
        ("广东省", 20.0, 110.3, False),  # Haikou, Hainan
        ("广东省", 22.2802, 114.1662, False),  # Hong Kong is its own outline
    ],
)
def test_contains(shapes, province, lat, lon, inside):
    assert contains(shapes, province, lat, lon) is inside


def test_contains_unknown_province_raises(shapes):
    with pytest.raises(KeyError):
        contains(shapes, "火星省", 28.0, 112.0)


def test_prefecture_centres_lie_in_their_province(shapes, ds):
    """Within the rules' tolerance: the outlines smooth coasts and islands (Xiamen, Zhoushan)."""
    places = ds.vocab["prefectures"].frame
    for province, group in places.groupby("province"):
        points = shapely.points(group["lon"].to_numpy(float), group["lat"].to_numpy(float))
        near = shapely.dwithin(shapes[province], points, BORDER_TOLERANCE_DEG)
        assert near.all(), group.loc[~near, "prefecture"].tolist()
    assert len(places) > 330  # every prefecture-level division and the four municipalities
