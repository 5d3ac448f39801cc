"""The map builders on the fixture package and the real province outlines: which points, where
(a shared position spread on a ring), in which colour (the levels vocabulary) and shape (filled
at the park, a ring at a seat), what the tooltips say (plain text, one fact per line), the
layers, no basemap by default, a view with a margin, the legend."""

import html
import json
import math

import numpy as np
import pandas as pd
import pydeck as pdk
import pytest

from parkdata.data.boundaries import load_boundaries
from parkdata.model import levels
from parkdata.present import maps, tables
from parkdata.testing.fixtures import HTML_NAME

SHARED = ("zj-etdz", "html-park")  # two fixture parks at one point (21.2454, 110.393)
UNMAPPED = ["cz-etdz", "formula-park"]


@pytest.fixture(scope="module")
def geo() -> dict:
    return load_boundaries()


@pytest.fixture(scope="module")
def area(ds) -> pd.Series:
    return levels.area_km2(ds, "approved_area")


@pytest.fixture(scope="module")
def points_zh(ds, zh, area) -> pd.DataFrame:
    _LABELS["zh"] = zh
    lead = tables.leading_industries(ds, zh)
    return maps.park_points(ds.parks, zh, area, lead).set_index("park_id")


@pytest.fixture(scope="module")
def points_en(ds, en, area) -> pd.DataFrame:
    _LABELS["en"] = en
    lead = tables.leading_industries(ds, en)
    points = maps.park_points(ds.parks, en, area, lead).set_index("park_id")
    points.attrs["lang"] = "en"
    return points


def lines(points: pd.DataFrame, park: str, labels=None, scope: str | None = None) -> list[str]:
    """What a person reads in the park's tooltip: the points' template (our labels, the area
    scope) filled with the record's plain-text values, empty lines left out."""
    lang = "en" if points.attrs.get("lang") == "en" else "zh"
    if labels is not None:
        lang = labels.lang
    scope = scope or {"zh": "核准面积", "en": "Approved area"}[lang]
    template = maps.tooltip_html(_LABELS[lang], scope)
    return maps.tooltip_text(template, points.loc[park].to_dict())


_LABELS: dict = {}


def layer(deck: pdk.Deck, layer_id: str) -> pdk.Layer:
    return next(lay for lay in deck.layers if lay.id == layer_id)


# -- points -------------------------------------------------------------------------------------


def test_points_are_the_parks_with_coordinates(ds, points_zh):
    mapped = ds.parks.loc[ds.parks["lat"].notna(), "park_id"].tolist()
    assert list(points_zh.index) == mapped and len(mapped) == 7
    assert list(maps.unmapped_parks(ds.parks)["park_id"]) == UNMAPPED
    # a lone point stays exactly where the data puts it
    assert (points_zh.loc["cs-hitech", "lon"], points_zh.loc["cs-hitech", "lat"]) == (112.88, 28.23)
    assert (points_zh.loc["g111001", "lon"], points_zh.loc["g111001", "lat"]) == (116.4012, 39.9028)


def test_colours_are_the_level_colours_of_the_vocabulary(ds, points_zh):
    levels_vocab = ds.vocab["levels"]
    for park, row in points_zh.iterrows():
        level = ds.parks.set_index("park_id").at[park, "level"]
        assert row["level"] == level
        colour = maps.rgb(levels_vocab.colour(level))
        if row["at_park"]:  # filled in the level colour, white outline
            assert row["fill_colour"] == colour[:3] + [210], park
            assert row["line_colour"] == [255, 255, 255, 255], park
        else:  # a ring in the level colour
            assert row["fill_colour"] == maps.SEAT_FILL, park
            assert row["line_colour"] == colour, park
    assert maps.rgb("#0a7FfF", alpha=9) == [10, 127, 255, 9]


def test_filled_at_the_park_ring_at_a_seat(ds, points_zh):
    at_park = ds.vocab["location_precisions"].column("at_park")
    precision = ds.parks.set_index("park_id")["location_precision"]
    for park, here in points_zh["at_park"].items():
        assert here == (str(at_park[precision[park]]).lower() == "true"), park
    assert points_zh["at_park"].to_dict() == {
        "cs-hitech": True,  # park
        "longping": True,  # approximate: a landmark near the park
        "linwu": False,  # county seat
        "zj-etdz": True,
        "html-park": False,  # city centre
        "s449001": False,
        "g111001": False,
    }


def test_a_level_the_vocabulary_lacks_is_drawn_as_unknown(ds, zh):
    parks = ds.parks.assign(level=ds.parks["level"].where(ds.parks["park_id"] != "linwu", "bogus"))
    points = maps.park_points(parks, zh).set_index("park_id")
    assert points.loc["linwu", "level"] == "unknown"
    assert points.loc["linwu", "line_colour"] == maps.rgb(ds.vocab["levels"].colour("unknown"))
    assert points.loc["linwu", "tt_2"] == zh.code("levels", "unknown")


def test_radius_grows_with_sqrt_area_and_is_fixed_when_unknown(points_zh, zh):
    small, big = points_zh.loc["cs-hitech", "radius"], points_zh.loc["g111001", "radius"]
    assert big > small > maps.UNKNOWN_RADIUS_M
    assert big / small == pytest.approx((39.8 / 11.17) ** 0.5, rel=1e-3)  # whole metres
    assert maps.radius_m(0.0001) == maps.UNKNOWN_RADIUS_M  # never smaller than unknown
    assert maps.radius_m(1e9) == maps.MAX_RADIUS_M
    scope = zh.code("indicator_types", "approved_area")
    assert f"{scope}：11.17 km²" == "核准面积：11.17 km²"
    assert "核准面积：11.17 km²" in lines(points_zh, "cs-hitech")
    for unknown in ("linwu", "zj-etdz", "longping"):  # no approved area: unknown, never 0
        assert points_zh.loc[unknown, "radius"] == maps.UNKNOWN_RADIUS_M
        assert pd.isna(points_zh.loc[unknown, "area_km2"])
        assert "核准面积：未知" in lines(points_zh, unknown)
        assert not any("0 km" in line for line in lines(points_zh, unknown))


def test_without_an_area_the_template_names_no_scope(ds, zh):
    points = maps.park_points(ds.parks, zh).set_index("park_id")
    assert (points["radius"] == maps.UNKNOWN_RADIUS_M).all()
    template = maps.tooltip_html(zh, None)
    assert "核准面积" not in template
    assert "未知" in maps.tooltip_text(template, points.loc["cs-hitech"].to_dict())


# -- tooltips -----------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["cells", "points"])
def test_tooltip_template_is_our_own_markup(zh, which):
    template = maps.TOOLTIP_HTML if which == "cells" else maps.tooltip_html(zh, "核准面积")
    assert template.count("<div") == maps.TOOLTIP_LINES == len(maps.TOOLTIP_FIELDS)
    assert all(template.count("{" + f + "}") == 1 for f in maps.TOOLTIP_FIELDS)
    assert template.count("{") == maps.TOOLTIP_LINES  # no other placeholder
    assert template.startswith('<div style="font-weight:600">{tt_0}</div>')


def test_points_template_labels_its_lines_once(zh, en):
    """The labels of the lines every park has are written into the template, once."""
    template = maps.tooltip_html(zh, "核准面积")
    for label in ("级别：{tt_2}", "类型：{tt_3}", "城市：{tt_4}", "主导产业：{tt_5}"):
        assert label in template
    assert "核准面积：{tt_6}" in template and "位置：{tt_7}" in template
    assert "Level: {tt_2}" in maps.tooltip_html(en, "Approved area")


def test_tooltip_values_are_plain_text(points_zh, points_en):
    """Streamlit escapes each value into our template: HTML in a name must reach it as typed
    (a pre-escaped or pre-built HTML value would show raw entities or tags)."""
    assert points_zh.loc["html-park", "tt_0"] == HTML_NAME
    assert points_en.loc["html-park", "tt_0"] == HTML_NAME  # no English name: the Chinese one
    assert points_zh.loc["linwu", "tt_5"] == "<i>装备</i>制造"
    for points in (points_zh, points_en):
        for field in maps.TOOLTIP_FIELDS:
            values = points[field].tolist()
            assert all(isinstance(v, str) for v in values)
            assert not any("<br" in v or "&lt;" in v or "&amp;" in v for v in values), field
    assert html.escape(HTML_NAME) not in points_zh.to_string()


def test_tooltip_one_fact_per_line_in_chinese(points_zh):
    assert lines(points_zh, "cs-hitech") == [
        "长沙高新技术产业开发区",  # the Chinese name is the title already: no second line
        "级别：国家级",
        "类型：高新区",
        "城市：长沙市",
        "主导产业：电子信息",  # newest year only: 工程机械 (2014) is left out
        "核准面积：11.17 km²",
        "位置：园区本身",  # alone at its point: no 'also here' line
    ]
    assert lines(points_zh, "longping")[4] == "主导产业：—"  # none recorded


def test_tooltip_one_fact_per_line_in_english(points_en, en):
    assert lines(points_en, "zj-etdz")[:7] == [
        "Zhanjiang ETDZ",
        "湛江经济技术开发区",  # the Chinese name stays available
        "Level: National",
        "Type: Economic and technological development zone",  # national: its national name
        "City: Zhanjiang",
        "Leading industries: —",
        "Approved area: unknown",
    ]
    assert "Leading industries: Electronic information" in lines(points_en, "cs-hitech")
    assert "Leading industries: <i>Equipment</i> manufacturing" in lines(
        points_en, "linwu"
    )  # no English name: the term with its sector
    assert en.line("point", "County seat") in lines(points_en, "linwu")


def test_tooltip_names_the_other_parks_at_the_same_point(points_zh, points_en):
    zj, bold = SHARED
    also_zh = "同一位置还有：" + HTML_NAME
    assert any(also_zh in line for line in lines(points_zh, zj))
    assert any("同一位置还有：湛江经济技术开发区" in line for line in lines(points_zh, bold))
    assert any("Also here: Zhanjiang ETDZ" in line for line in lines(points_en, bold))
    for lone in ("cs-hitech", "linwu", "s449001"):
        assert not any("同一位置还有" in line for line in lines(points_zh, lone))


def test_tooltip_also_here_is_a_line_of_its_own(points_zh):
    """One fact per line: the point's precision and the parks sharing it are two facts."""
    zj, bold = SHARED
    assert "位置：市中心" in lines(points_zh, bold)
    assert "同一位置还有：湛江经济技术开发区" in lines(points_zh, bold)


def test_tooltip_lists_three_others_and_counts_the_rest(ds, zh, en, points_zh, points_en):
    row = ds.parks[ds.parks["park_id"] == "cs-hitech"]
    many = pd.concat([row] * 8, ignore_index=True)
    many["park_id"] = [f"p{i}" for i in range(8)]
    many["name_zh"] = [f"园区{i}" for i in range(8)]
    many["name_en"] = [f"Park {i}" for i in range(8)]
    first = lines(maps.park_points(many, zh).set_index("park_id"), "p0")
    expected = "同一位置还有：园区1、园区2、园区3" + zh.t("and_more", n=4)
    assert any(line.endswith(expected) for line in first), first
    en_points = maps.park_points(many, en).set_index("park_id")
    en_points.attrs["lang"] = "en"
    first_en = lines(en_points, "p0")
    assert any(line.endswith("Also here: Park 1, Park 2, Park 3 and 4 more") for line in first_en)


# -- spread -------------------------------------------------------------------------------------


def test_spread_puts_shared_points_on_a_ring_and_leaves_lone_points():
    lon = pd.Series([110.0, 110.0, 110.0, 112.5, 110.0])
    lat = pd.Series([21.0, 21.0, 21.0, 28.0, 21.0])
    x, y, size = maps.spread(lon, lat)
    assert list(size) == [4, 4, 4, 1, 4]
    assert (x[3], y[3]) == (112.5, 28.0)  # alone: untouched
    ring = [0, 1, 2, 4]
    radius = min(maps.RING_DEG * math.sqrt(4), maps.RING_MAX_DEG)
    for i in ring:  # on a circle (in ground distance) around the shared point
        dx = (x[i] - 110.0) * math.cos(math.radians(21.0))
        assert math.hypot(dx, y[i] - 21.0) == pytest.approx(radius)
    assert len({(round(x[i], 9), round(y[i], 9)) for i in ring}) == 4  # all apart
    assert np.mean(x[ring]) == pytest.approx(110.0) and np.mean(y[ring]) == pytest.approx(21.0)
    again = maps.spread(lon, lat)
    assert (again[0] == x).all() and (again[1] == y).all()  # deterministic


def test_spread_ring_is_capped():
    n = 100
    x, y, size = maps.spread(pd.Series([110.0] * n), pd.Series([0.0] * n))
    assert set(size) == {n}
    assert np.hypot(x - 110.0, y) == pytest.approx(np.full(n, maps.RING_MAX_DEG))


def test_fixture_parks_sharing_a_point_are_apart(points_zh):
    zj, bold = (points_zh.loc[p] for p in SHARED)
    assert (zj["lon"], zj["lat"]) != (bold["lon"], bold["lat"])
    centre = ((zj["lon"] + bold["lon"]) / 2, (zj["lat"] + bold["lat"]) / 2)
    assert centre == pytest.approx((110.393, 21.2454))


# -- the deck -----------------------------------------------------------------------------------


def test_park_map_layers_and_no_basemap(ds, zh, area, geo):
    deck = maps.park_map(
        ds.parks,
        geo,
        zh,
        area_km2=area,
        industries=tables.leading_industries(ds, zh),
        selected_park="linwu",
    )
    assert [(lay.id, lay.type) for lay in deck.layers] == [
        ("provinces", "GeoJsonLayer"),
        ("province-labels", "TextLayer"),
        ("parks", "ScatterplotLayer"),
        ("selected-park", "ScatterplotLayer"),
        ("city-labels", "TextLayer"),
    ]
    points = layer(deck, "parks")
    assert points.pickable is True
    radii = [r["radius"] for r in points.data]
    assert radii == sorted(radii, reverse=True)  # largest first: small parks drawn on top
    assert [r["park_id"] for r in points.data][:2] == ["g111001", "cs-hitech"]
    assert all(set(r) >= {"park_id", *maps.TOOLTIP_FIELDS} for r in points.data)
    assert not any("level" in r for r in points.data)  # drawn by colour: not sent again
    ring = layer(deck, "selected-park").data[0]
    assert (ring["lon"], ring["lat"]) == (112.56, 25.28) and ring["radius"] > maps.UNKNOWN_RADIUS_M
    assert deck.map_provider is None and deck.map_style == "__MAP_STYLE__"
    assert deck._tooltip["html"] == maps.tooltip_html(zh, "核准面积")
    spec = deck.to_json()
    assert '"mapStyle": "__MAP_STYLE__"' in spec
    assert "cartocdn" not in spec and '"mapStyle": null' not in spec
    text = next(lay for lay in json.loads(spec)["layers"] if lay["id"] == "city-labels")
    assert text["characterSet"] == "auto" and "Noto Sans CJK SC" in text["fontFamily"]
    assert {d["text"] for d in text["data"]} >= {"长沙", "湛江", "郴州"}


def test_names_travel_as_plain_text_in_the_layer_data(ds, en, geo):
    deck = maps.park_map(ds.parks, geo, en)
    spec = json.loads(deck.to_json())
    data = next(lay for lay in spec["layers"] if lay["id"] == "parks")["data"]
    titles = {d["park_id"]: d["tt_0"] for d in data}
    assert titles["html-park"] == HTML_NAME
    assert titles["zj-etdz"] == "Zhanjiang ETDZ"
    text = next(lay for lay in spec["layers"] if lay["id"] == "city-labels")
    assert {d["text"] for d in text["data"]} >= {"Changsha", "Zhanjiang"}


def test_city_labels_name_the_cities_of_the_parks_shown(ds, zh, en):
    cities = maps.city_labels(ds.parks, zh)
    assert sorted(cities["name_zh"]) == sorted(["长沙", "郴州", "湛江", "北京"])
    prefectures = ds.vocab["prefectures"].frame.set_index("prefecture")
    changsha = cities.set_index("name_zh").loc["长沙"]
    assert (changsha["lon"], changsha["lat"]) == (
        float(prefectures.at["长沙市", "lon"]),
        float(prefectures.at["长沙市", "lat"]),
    )
    guangdong = ds.parks[ds.parks["province"] == "广东省"]
    assert list(maps.city_labels(guangdong, en)["name_en"]) == ["Zhanjiang"]
    assert maps.city_labels(ds.parks.iloc[:0], zh).empty


def test_city_labels_left_out_when_too_many(ds, zh):
    codes = ds.vocab["prefectures"].codes()[: maps.MAX_CITY_LABELS + 1]
    many = pd.concat([ds.parks.iloc[:1]] * len(codes), ignore_index=True).assign(city=codes)
    assert maps.city_labels(many, zh).empty


def test_basemap_is_opt_in(ds, zh, geo):
    deck = maps.park_map(ds.parks, geo, zh, basemap=True)
    assert deck.map_provider == "carto"
    assert "cartocdn" in deck.to_json() and "__MAP_STYLE__" not in deck.to_json()


def test_provinces_with_parks_are_filled_lighter(ds, zh, geo):
    deck = maps.park_map(ds.parks, geo, zh)
    features = layer(deck, "provinces").data["features"]
    fills = {f["properties"]["name_zh"]: f["properties"]["fill"] for f in features}
    assert fills["湖南省"] == fills["广东省"] == fills["北京市"] == maps.FOCUS_FILL
    assert fills["江西省"] == maps.CONTEXT_FILL
    assert sum(maps.FOCUS_FILL[:3]) > sum(maps.CONTEXT_FILL[:3])
    labels = {d["text"] for d in layer(deck, "province-labels").data}
    assert {"湖南省", "广东省"} <= labels and not labels & maps.SMALL_PROVINCES


def visible(view: pdk.ViewState, size_px=maps.MAP_SIZE_PX) -> tuple[float, float, float, float]:
    """(west, east, south, north) a web-mercator map of `size_px` shows at `view`."""
    scale = 512 * 2**view.zoom
    half_lon = size_px[0] / scale * 180
    merc = math.log(math.tan(math.pi / 4 + math.radians(view.latitude) / 2))
    half_merc = size_px[1] / scale * math.pi

    def lat(m: float) -> float:
        return math.degrees(2 * math.atan(math.exp(m)) - math.pi / 2)

    return (
        view.longitude - half_lon,
        view.longitude + half_lon,
        lat(merc - half_merc),
        lat(merc + half_merc),
    )


def test_fit_view_leaves_a_margin_around_the_points(ds, zh, geo):
    hunan = ds.parks[ds.parks["province"] == "湖南省"]
    deck = maps.park_map(hunan, geo, zh)
    points = layer(deck, "parks").data
    lons, lats = [p["lon"] for p in points], [p["lat"] for p in points]
    west, east, south, north = visible(deck.initial_view_state)
    margin_x = 0.1 * (max(lons) - min(lons))
    margin_y = 0.1 * (max(lats) - min(lats))
    assert west + margin_x < min(lons) and max(lons) < east - margin_x
    assert south + margin_y < min(lats) and max(lats) < north - margin_y
    assert 4 < deck.initial_view_state.zoom < 10


def test_fit_view_of_one_point_and_of_no_point(ds, zh, geo):
    one = maps.park_map(ds.parks[ds.parks["park_id"] == "cs-hitech"], geo, zh)
    view = one.initial_view_state
    assert view.zoom == 10  # capped for a single point
    assert (view.longitude, view.latitude) == pytest.approx((112.88, 28.23))
    unmapped = maps.park_map(maps.unmapped_parks(ds.parks), geo, zh)
    assert [lay.id for lay in unmapped.layers] == ["provinces", "province-labels", "city-labels"]
    view = unmapped.initial_view_state  # the provinces of the parks: Hunan and Guangdong
    assert 20 < view.latitude < 30 and 108 < view.longitude < 115


# -- many parks ---------------------------------------------------------------------------------


def test_many_parks_are_counted_per_cell_and_noted(zh, en, geo):
    rng = np.random.default_rng(1)
    n = maps.MAX_POINTS + 1000
    many = pd.DataFrame(
        {
            "park_id": [f"p{i}" for i in range(n)],
            "name_zh": ["园区"] * n,
            "province": ["湖南省"] * n,
            "city": ["长沙市"] * n,
            "lat": rng.uniform(25, 29, n),
            "lon": rng.uniform(110, 114, n),
            "level": rng.choice(["national", "provincial", "other", "unknown"], n),
        }
    )
    deck = maps.park_map(many, geo, en)
    density = layer(deck, "parks-density")
    assert "parks" not in [lay.id for lay in deck.layers]
    assert sum(r["n"] for r in density.data) == n
    assert len(density.data) <= 21 * 21  # 0.2° cells over 4° × 4°
    assert max(r["radius"] for r in density.data) == pytest.approx(0.1 * 111_000)
    assert maps.map_note(many, en) == en.t(
        "map_density_note", n=f"{n:,}", max=f"{maps.MAX_POINTS:,}"
    )
    assert f"{n:,}" in maps.map_note(many, zh)
    assert maps.map_note(many.iloc[:10], en) is None


def test_density_cells_count_levels(en):
    parks = pd.DataFrame(
        {
            "lat": [28.21, 28.22, 28.23, 21.2],
            "lon": [112.91, 112.92, 112.93, 110.3],
            "level": ["national", "national", "provincial", pd.NA],
        }
    )
    cells = maps.density_cells(parks, en).sort_values("n", ascending=False)
    first = cells.iloc[0]
    assert (first["n"], first["n_national"], first["n_provincial"]) == (3, 2, 1)
    assert cells.iloc[1]["n_unknown"] == 1
    assert cells.iloc[1]["radius"] == pytest.approx(first["radius"] / 3**0.5)  # area ∝ count
    assert [first[f] for f in maps.TOOLTIP_FIELDS[:4]] == [
        "Zones here: 3",
        "National: 2",
        "Provincial: 1",
        "",
    ]


def test_map_note_counts_unmapped(ds, zh, en):
    assert maps.map_note(ds.parks, en) == "2 zone(s) without coordinates are not on the map."
    assert maps.map_note(ds.parks, zh) == "2 个园区没有坐标，未在地图上显示。"
    assert maps.map_note(ds.parks[ds.parks["lat"].notna()], en) is None


# -- legend -------------------------------------------------------------------------------------


def test_legend_lists_the_levels_present_in_vocabulary_order(ds, en, zh):
    vocab = ds.vocab["levels"]
    assert maps.legend(ds.parks, en) == [
        (vocab.label(code, "en"), vocab.colour(code))
        for code in ("national", "provincial", "unknown")
    ]
    names = [name for name, _ in maps.legend(ds.parks, en)]
    assert names == ["National", "Provincial", "Level unknown"]  # no park is 'other'
    provincial = ds.parks[ds.parks["level"] == "provincial"]
    assert maps.legend(provincial, zh) == [("省级", vocab.colour("provincial"))]
    assert maps.legend(ds.parks.iloc[:0], zh) == []


def test_outlines_sent_are_those_near_the_view(ds, zh, geo):
    beijing = maps.park_map(ds.parks[ds.parks["province"] == "北京市"], geo, zh)
    names = {f["properties"]["name_zh"] for f in layer(beijing, "provinces").data["features"]}
    assert {"北京市", "天津市", "河北省"} <= names
    assert not names & {"广东省", "新疆维吾尔自治区", "海南省", "西藏自治区"}
    # every outline that meets the visible box is there
    west, east, south, north = visible(beijing.initial_view_state)
    for feature in geo["features"]:
        x0, y0, x1, y1 = maps.shape(feature["geometry"]).bounds
        if x1 >= west and x0 <= east and y1 >= south and y0 <= north:
            assert feature["properties"]["name_zh"] in names
    china = maps.park_map(ds.parks, geo, zh)
    assert len(layer(china, "provinces").data["features"]) == len(geo["features"])


def test_tooltip_type_is_named_at_the_zone_level(points_en):
    """经济技术开发区 is the national name of the ETDZ type; below national it is 经济开发区."""
    assert lines(points_en, "zj-etdz")[3] == "Type: Economic and technological development zone"
    assert lines(points_en, "s449001")[2:4] == [
        "Level: Provincial",
        "Type: Economic development zone",
    ]


def test_tooltip_says_when_a_zone_became_provincial_and_national(ds, en, area):
    """Issue 18: the map's tooltip carries the approval dates (first change to each level)."""
    _LABELS["en"] = en
    points = maps.park_points(
        ds.parks, en, area, tables.leading_industries(ds, en), tables.approval_dates(ds, en)
    ).set_index("park_id")
    points.attrs["lang"] = "en"
    assert "Provincial since 2006-08" in lines(points, "linwu")
    changsha = [line for line in lines(points, "cs-hitech") if "since" in line]
    assert changsha and changsha[0].startswith("National since")
