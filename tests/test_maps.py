"""The map builders: which points, where, in which colour and size; the layers; escaped tooltips."""

import json

import numpy as np
import pandas as pd
import pydeck as pdk
import pytest

from parkdata.data.boundaries import load_boundaries, load_city_labels
from parkdata.present import maps, palette

NASTY = '<script>alert("x")</script>园区'


@pytest.fixture
def parks() -> pd.DataFrame:
    return (
        pd.DataFrame(
            {
                "park_id": ["nat", "prov", "oth", "unk", "nowhere"],
                "name_zh": ["长沙高新区", NASTY, "某集聚区", "无级别园区", "无坐标园区"],
                "name_en": ["Changsha Hi-tech Zone", pd.NA, pd.NA, pd.NA, pd.NA],
                "province": ["湖南省", "湖南省", "广东省", "广东省", "湖南省"],
                "city": ["长沙市", "衡阳市", "湛江市", "湛江市", "郴州市"],
                "lat": [28.2113, 26.8951, 21.2454, 20.9193, pd.NA],
                "lon": [112.8801, 112.5669, 110.3930, 110.0789, pd.NA],
                "level": ["national", "provincial", "other", pd.NA, "national"],
                "zone_type": [
                    "high_tech_zone",
                    "high_tech_zone",
                    "industrial_cluster",
                    pd.NA,
                    "other",
                ],
            }
        )
        .astype({"lat": "Float64", "lon": "Float64"})
        .convert_dtypes()
    )


@pytest.fixture
def areas() -> pd.Series:
    return pd.Series({"nat": 140.0, "prov": 170.57, "oth": pd.NA}, dtype="Float64")


@pytest.fixture
def industries() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "park_id": ["nat", "nat", "nat", "prov", pd.NA],
            "role": ["leading", "leading", "featured", "leading", "leading"],
            "industry_zh": ["电子信息", "新材料", "文化创意", "<b>装备</b>制造", "钢铁"],
            "industry_en": ["Electronics", pd.NA, "Culture", "Equipment", "Steel"],
        }
    ).convert_dtypes()


def layer(deck: pdk.Deck, layer_id: str) -> pdk.Layer:
    return next(lay for lay in deck.layers if lay.id == layer_id)


def test_points_are_the_parks_with_coordinates(parks, areas, industries):
    points = maps.park_points(parks, areas, industries, "zh")
    assert list(points["park_id"]) == ["nat", "prov", "oth", "unk"]
    nat = points.set_index("park_id").loc["nat"]
    assert (nat["lon"], nat["lat"]) == (112.8801, 28.2113)
    assert list(maps.unmapped_parks(parks)["park_id"]) == ["nowhere"]


def test_colours_follow_level_and_missing_level_is_unknown(parks, areas):
    points = maps.park_points(parks, areas, None, "zh").set_index("park_id")
    assert points.loc["nat", "fill_colour"][:3] == palette.LEVEL_COLOURS["national"]
    assert points.loc["prov", "fill_colour"][:3] == palette.LEVEL_COLOURS["provincial"]
    assert points.loc["oth", "fill_colour"][:3] == palette.LEVEL_COLOURS["other"]
    assert points.loc["unk", "fill_colour"][:3] == palette.LEVEL_COLOURS["unknown"]
    assert points.loc["unk", "level"] == "unknown"


def test_radius_grows_with_sqrt_area_and_is_fixed_when_unknown(parks, areas):
    points = maps.park_points(parks, areas, None, "en").set_index("park_id")
    assert points.loc["prov", "radius"] > points.loc["nat", "radius"] > maps.UNKNOWN_RADIUS_PX
    grow = points.loc["prov", "radius"] - maps.MIN_RADIUS_PX
    assert grow / (points.loc["nat", "radius"] - maps.MIN_RADIUS_PX) == pytest.approx(
        (170.57 / 140.0) ** 0.5
    )
    for unknown in ("oth", "unk"):  # NA area and no area row at all
        assert points.loc[unknown, "radius"] == maps.UNKNOWN_RADIUS_PX
        assert not points.loc[unknown, "area_known"]
        assert points.loc[unknown, "tt_area"] == "area unknown"
        assert not any("0 km" in points.loc[unknown, f] for f in maps.TOOLTIP_FIELDS)
    assert points.loc["prov", "tt_area"] == "170.57 km²"


def tooltip_lines(points: pd.DataFrame, park: str) -> list[str]:
    return [points.loc[park, f] for f in maps.TOOLTIP_FIELDS]


def test_tooltip_lines_are_plain_text_one_fact_each(parks, areas, industries):
    """The values are plain text: Streamlit escapes them into our template, so HTML in a name
    is shown as typed (a pre-escaped or pre-built HTML value would show raw entities/tags)."""
    zh = maps.park_points(parks, areas, industries, "zh").set_index("park_id")
    lines = tooltip_lines(zh, "prov")
    assert lines[0] == NASTY  # the title: the name exactly as typed
    assert "主导产业: <b>装备</b>制造" in lines
    assert "级别: 省级" in lines and "规划面积: 170.57 平方公里" in lines
    assert not any("&lt;" in line or "<br" in line for line in lines)
    assert maps.TOOLTIP_HTML.count("<div") == maps.TOOLTIP_LINES  # one line per fact
    assert all("{" + f + "}" in maps.TOOLTIP_HTML for f in maps.TOOLTIP_FIELDS)
    assert zh.loc["nat", "tt_industries"] == "电子信息、新材料"  # leading only, featured left out
    assert zh.loc["nat", "tt_level"] == "国家级"
    assert zh.loc["oth", "tt_industries"] == "无数据"
    en = maps.park_points(parks, areas, industries, "en").set_index("park_id")
    assert en.loc["nat", "tt_name"] == "Changsha Hi-tech Zone"
    assert en.loc["nat", "tt_industries"] == "Electronics, 新材料"  # English missing: Chinese
    assert tooltip_lines(en, "nat")[1] == "长沙高新区"  # the Chinese name stays available
    assert en.loc["prov", "tt_name"] == NASTY  # no English name: Chinese


def test_park_map_layers_and_no_basemap(parks, areas, industries):
    deck = maps.park_map(
        parks,
        load_boundaries(),
        load_city_labels(),
        planned_area_km2=areas,
        industries=industries,
        lang="zh",
        selected_park="prov",
    )
    assert [lay.id for lay in deck.layers] == [
        "provinces",
        "province-labels",
        "parks",
        "selected-park",
        "city-labels",
    ]
    assert [lay.type for lay in deck.layers] == [
        "GeoJsonLayer",
        "TextLayer",
        "ScatterplotLayer",
        "ScatterplotLayer",
        "TextLayer",
    ]
    points = layer(deck, "parks")
    assert points.pickable is True
    assert [r["park_id"] for r in points.data] == ["prov", "nat", "oth", "unk"]  # big first
    assert all(set(r) >= {"park_id", *maps.TOOLTIP_FIELDS} for r in points.data)
    assert layer(deck, "selected-park").data[0]["lon"] == 112.5669
    assert deck.map_provider is None and deck.map_style == "__MAP_STYLE__"
    assert deck._tooltip["html"] == maps.TOOLTIP_HTML
    assert "cartocdn" not in deck.to_json() and '"mapStyle": null' not in deck.to_json()
    spec = json.loads(deck.to_json())
    text = next(lay for lay in spec["layers"] if lay["id"] == "city-labels")
    assert text["characterSet"] == "auto" and "Noto Sans CJK SC" in text["fontFamily"]
    assert {d["text"] for d in text["data"]} >= {"长沙", "湛江"}
    # Names travel as plain text in the layer data (Streamlit parses the spec as JSON and escapes
    # every value it puts into the tooltip template; the browser sweep checks what is shown).


def test_provinces_layer_fills_focus_provinces_lighter(parks):
    deck = maps.park_map(parks, load_boundaries(), load_city_labels())
    features = layer(deck, "provinces").data["features"]
    fills = {f["properties"]["name_zh"]: f["properties"]["fill"] for f in features}
    assert fills["湖南省"] == fills["广东省"] == palette.FOCUS_FILL
    assert fills["江西省"] == palette.CONTEXT_FILL
    assert sum(palette.FOCUS_FILL[:3]) > sum(palette.CONTEXT_FILL[:3])


def test_basemap_is_opt_in(parks):
    deck = maps.park_map(parks, load_boundaries(), load_city_labels(), basemap=True)
    assert deck.map_provider == "carto" and deck.map_style is not None


def test_view_fits_points_or_focus_provinces(parks):
    deck = maps.park_map(parks, load_boundaries(), load_city_labels())
    view = deck.initial_view_state
    assert 20.9 < view.latitude < 28.3 and 110.0 < view.longitude < 112.9
    assert 4 < view.zoom < 7
    changsha = maps.park_map(parks.iloc[:1], load_boundaries(), load_city_labels())
    assert changsha.initial_view_state.zoom == 10  # capped for a single point
    empty = maps.park_map(parks.iloc[:0], load_boundaries(), load_city_labels())
    assert [lay.id for lay in empty.layers] == ["provinces", "province-labels", "city-labels"]
    assert 20 < empty.initial_view_state.latitude < 28  # Hunan and Guangdong


def test_many_parks_are_aggregated_and_noted():
    rng = np.random.default_rng(1)
    n = 50_000
    many = pd.DataFrame(
        {
            "park_id": [f"p{i}" for i in range(n)],
            "name_zh": ["园区"] * n,
            "lat": rng.uniform(21, 29, n),
            "lon": rng.uniform(110, 114, n),
            "level": rng.choice(["national", "provincial", "other", "unknown"], n),
        }
    )
    deck = maps.park_map(many, load_boundaries(), load_city_labels())
    density = layer(deck, "parks-density")
    assert "parks" not in [lay.id for lay in deck.layers]
    assert sum(r["n"] for r in density.data) == n
    assert len(density.data) <= 40 * 20 + 40 + 20 + 1  # 0.2° cells over 8° × 4°
    assert max(r["radius"] for r in density.data) == pytest.approx(0.1 * 111_000)
    assert "50,000" in maps.map_note(many, "en") and "50,000" in maps.map_note(many, "zh")
    assert maps.map_note(many.iloc[:10], "en") is None


def test_density_cells_count_levels():
    parks = pd.DataFrame(
        {
            "lat": [28.21, 28.22, 28.23, 21.2],
            "lon": [112.91, 112.92, 112.93, 110.3],
            "level": ["national", "national", "provincial", pd.NA],
        }
    )
    cells = maps.density_cells(parks, "en").sort_values("n", ascending=False)
    first = cells.iloc[0]
    assert (first["n"], first["n_national"], first["n_provincial"]) == (3, 2, 1)
    assert cells.iloc[1]["n_unknown"] == 1
    assert cells.iloc[1]["radius"] == pytest.approx(first["radius"] / 3**0.5)  # area ∝ count
    assert (first["tt_0"], first["tt_1"], first["tt_2"]) == (
        "Parks: 3",
        "National: 2",
        "Provincial: 1",
    )


def test_map_note_counts_unmapped(parks):
    assert maps.map_note(parks, "en") == "1 park(s) without coordinates are not on the map."
    assert "1 个园区没有坐标" in maps.map_note(parks, "zh")


def test_legend_in_level_order():
    assert maps.legend("en") == [
        ("National", "#0072b2"),
        ("Provincial", "#e69f00"),
        ("Other", "#009e73"),
        ("Level unknown", "#999999"),
    ]
