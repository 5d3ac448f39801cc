"""The park map as a pydeck Deck, complete without a tile server.

Layers, bottom to top: `provinces` (GeoJsonLayer, outlines from data/boundaries), `province-labels`
and `city-labels` (TextLayer), then either `parks` (ScatterplotLayer, one pickable point per park,
for Streamlit selection) or, above MAX_POINTS parks, `parks-density` (counts per grid cell).
Tooltips: one template of our own markup (`TOOLTIP_HTML`: a bold title and one fact per line)
with `{tt_0}` … placeholders; every picked object carries those fields as plain text. Streamlit
HTML-escapes each value it puts into the template, so a park name holding HTML is shown as text,
while a pre-built HTML value would be shown as raw tags. An empty line's <div> takes no space."""

from __future__ import annotations

import math

import pandas as pd
import pydeck as pdk
from shapely.geometry import shape

from parkdata.present import palette
from parkdata.present.i18n import term

MAX_POINTS = 5000  # above this the map shows counts per grid cell, not individual parks
GRID_DEG = 0.2  # density cell size (about 20 km)
DENSITY_COLOUR = [60, 70, 90, 170]
UNKNOWN_RADIUS_PX = 6
MIN_RADIUS_PX, MAX_RADIUS_PX = 4.0, 30.0
CJK_FONT = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", '
    '"Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif'
)
MAP_SIZE_PX = (760, 520)
SMALL_PROVINCES = {
    "香港特别行政区",
    "澳门特别行政区",
    "Hong Kong",
    "Macau",
}  # outline, no label  # assumed viewport for fitting the view


def _t(key: object, lang: str) -> str:
    return term(key, lang)


def _text(value: object) -> str | None:
    return None if value is None or pd.isna(value) or str(value) == "" else str(value)


def radius_px(area_km2: float | None) -> float:
    """Point radius in pixels: grows with sqrt(planned area); a fixed size when area is unknown."""
    if area_km2 is None or pd.isna(area_km2) or area_km2 <= 0:
        return float(UNKNOWN_RADIUS_PX)
    return float(min(MAX_RADIUS_PX, MIN_RADIUS_PX + 1.2 * math.sqrt(area_km2)))


def leading_industries(industries: pd.DataFrame | None, lang: str) -> pd.Series:
    """Per park_id, its `leading` industries' names joined ('、' in Chinese, ', ' in English)."""
    if industries is None or industries.empty:
        return pd.Series(dtype="string")
    lead = industries[(industries["role"] == "leading") & industries["park_id"].notna()]
    column = "industry_en" if lang == "en" else "industry_zh"
    names = lead[column].fillna(lead["industry_zh"]) if column == "industry_en" else lead[column]
    joiner = ", " if lang == "en" else "、"
    return names.groupby(lead["park_id"]).agg(lambda s: joiner.join(dict.fromkeys(s.dropna())))


def _name(row: pd.Series, lang: str) -> str:
    english = _text(row.get("name_en"))
    return english if lang == "en" and english else str(row["name_zh"])


def _area_text(area: float | None, lang: str) -> str:
    if area is None or pd.isna(area):
        return _t("area_unknown", lang)
    return f"{float(area):,.2f} km²" if lang == "en" else f"{float(area):,.2f} 平方公里"


TOOLTIP_LINES = 7  # a title and up to six lines of facts
TOOLTIP_FIELDS = tuple(f"tt_{i}" for i in range(TOOLTIP_LINES))
TOOLTIP_HTML = '<div style="font-weight:600">{tt_0}</div>' + "".join(
    f"<div>{{{name}}}</div>" for name in TOOLTIP_FIELDS[1:]
)


def _tooltip_lines(fields: dict[str, str], lang: str) -> list[str]:
    """The tooltip's text lines, title first: plain text (Streamlit escapes it)."""
    lines = [fields["name"], fields["name_zh"] if fields["name_zh"] != fields["name"] else ""]
    lines += [f"{_t(key, lang)}: {fields[key]}" for key in ("level", "zone_type", "city")]
    lines += [f"{_t(key, lang)}: {fields[key]}" for key in ("industries", "area")]
    return lines


def unmapped_parks(parks: pd.DataFrame) -> pd.DataFrame:
    """The parks that have no coordinates (not drawn on the map)."""
    return parks[parks["lat"].isna() | parks["lon"].isna()]


def park_points(
    parks: pd.DataFrame,
    planned_area_km2: pd.Series | None = None,
    industries: pd.DataFrame | None = None,
    lang: str = "zh",
) -> pd.DataFrame:
    """One row per park with coordinates: park_id, name, lon, lat, level, fill_colour (RGBA),
    line_colour, radius (px), area_km2 (float or None), area_known, tt_* display fields and the
    escaped `tooltip` HTML. `planned_area_km2` is indexed by park_id (missing = unknown)."""
    mapped = parks[parks["lat"].notna() & parks["lon"].notna()]
    areas = planned_area_km2 if planned_area_km2 is not None else pd.Series(dtype="Float64")
    lead = leading_industries(industries, lang)
    records = []
    for _, row in mapped.iterrows():
        area = areas.get(row["park_id"])
        area = None if area is None or pd.isna(area) else float(area)
        fields = {
            "name": _name(row, lang),
            "name_zh": str(row["name_zh"]),
            "level": _t(row.get("level") if _text(row.get("level")) else "unknown", lang),
            "zone_type": _t(_text(row.get("zone_type")), lang),
            "city": _text(row.get("city")) or _t("no_data", lang),
            "industries": _text(lead.get(row["park_id"])) or _t("no_data", lang),
            "area": _area_text(area, lang),
        }
        level = _text(row.get("level")) or "unknown"
        records.append(
            {
                "park_id": str(row["park_id"]),
                "name": fields["name"],
                "lon": float(row["lon"]),
                "lat": float(row["lat"]),
                "level": level if level in palette.LEVEL_COLOURS else "unknown",
                "fill_colour": palette.level_rgba(level),
                "line_colour": [255, 255, 255, 255] if area is not None else [60, 60, 60, 255],
                "radius": radius_px(area),
                "area_km2": area,
                "area_known": area is not None,
                **{f"tt_{k}": v for k, v in fields.items()},
                **dict(zip(TOOLTIP_FIELDS, _tooltip_lines(fields, lang), strict=True)),
            }
        )
    columns = ["park_id", "name", "lon", "lat", "level", "fill_colour", "line_colour", "radius"]
    return pd.DataFrame.from_records(records, columns=None if records else columns)


def density_cells(parks: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """Parks with coordinates counted per GRID_DEG cell: lon, lat (cell centre), n, n_<level>,
    radius (metres), fill_colour and an escaped `tooltip` with the count per level."""
    mapped = parks[parks["lat"].notna() & parks["lon"].notna()]
    cell_x = (mapped["lon"].astype(float) // GRID_DEG).astype(int)
    cell_y = (mapped["lat"].astype(float) // GRID_DEG).astype(int)
    levels = mapped["level"].astype("object").where(mapped["level"].isin(palette.LEVEL_ORDER))
    counts = pd.crosstab([cell_x.rename("x"), cell_y.rename("y")], levels.fillna("unknown"))
    counts = counts.reindex(columns=list(palette.LEVEL_ORDER), fill_value=0)
    cells = counts.add_prefix("n_").reset_index()
    cells["n"] = counts.sum(axis=1).to_numpy()
    cells["lon"] = (cells["x"] + 0.5) * GRID_DEG
    cells["lat"] = (cells["y"] + 0.5) * GRID_DEG
    cells["fill_colour"] = [DENSITY_COLOUR] * len(cells)
    # Radius in metres, area proportional to the count; the fullest cell fills its square, so
    # circles never overlap at any zoom.
    half_cell_m = GRID_DEG / 2 * 111_000
    largest = max(int(cells["n"].max()), 1) if len(cells) else 1
    cells["radius"] = [half_cell_m * math.sqrt(n / largest) for n in cells["n"]]
    lines = [_cell_lines(row, lang) for row in cells.itertuples()]
    for i, name in enumerate(TOOLTIP_FIELDS):
        cells[name] = [row[i] for row in lines]
    return cells.drop(columns=["x", "y"])


def _cell_lines(row, lang: str) -> list[str]:
    lines = [f"{_t('parks_here', lang)}: {int(row.n):,}"]
    for level in palette.LEVEL_ORDER:
        n = int(getattr(row, f"n_{level}"))
        if n:
            lines.append(f"{_t(level, lang)}: {n:,}")
    return (lines + [""] * TOOLTIP_LINES)[:TOOLTIP_LINES]


def map_note(parks: pd.DataFrame, lang: str = "zh") -> str | None:
    """Text for the page when the map cannot show every park as a point (or some lack a place)."""
    notes = []
    n_mapped = len(parks) - len(unmapped_parks(parks))
    if n_mapped > MAX_POINTS:
        notes.append(
            f"{n_mapped:,} parks are more than the map draws one by one ({MAX_POINTS:,}): "
            "circles count parks per 0.2° cell. Narrow the filters to see single parks."
            if lang == "en"
            else f"共 {n_mapped:,} 个园区，超过地图逐个显示的上限（{MAX_POINTS:,}）："
            "圆圈表示每 0.2° 网格内的园区数。缩小筛选范围即可查看单个园区。"
        )
    n_unmapped = len(unmapped_parks(parks))
    if n_unmapped:
        notes.append(
            f"{n_unmapped} park(s) without coordinates are not on the map."
            if lang == "en"
            else f"{n_unmapped} 个园区没有坐标，未在地图上显示。"
        )
    return " ".join(notes) or None


def _province_layers(geojson: dict, lang: str) -> list[pdk.Layer]:
    features, labels = [], []
    for feature in geojson["features"]:
        props = dict(feature["properties"])
        props["fill"] = palette.FOCUS_FILL if props.get("focus") else palette.CONTEXT_FILL
        features.append({**feature, "properties": props})
        point = shape(feature["geometry"]).representative_point()
        name = props["name_en"] if lang == "en" else props["name_zh"]
        labels.append({"text": name, "lon": point.x, "lat": point.y, "focus": props["focus"]})
    provinces = pdk.Layer(
        "GeoJsonLayer",
        id="provinces",
        data={"type": "FeatureCollection", "features": features},
        stroked=True,
        filled=True,
        get_fill_color="properties.fill",
        get_line_color=palette.OUTLINE,
        line_width_min_pixels=1,
        pickable=False,
    )
    names = pdk.Layer(
        "TextLayer",
        id="province-labels",
        data=[lab for lab in labels if lab["text"] not in SMALL_PROVINCES],
        get_position=["lon", "lat"],
        get_text="text",
        get_size=15,
        get_color=[120, 120, 120, 200],
        character_set=pdk.types.String("auto"),
        font_family=pdk.types.String(CJK_FONT),
        pickable=False,
    )
    return [provinces, names]


def _label_anchor(lon: float, lat: float, others: list[tuple[float, float]]) -> tuple[str, list]:
    """Text anchor and pixel offset: side-by-side cities (湘潭/株洲) put their names apart."""
    near = [o_lon - lon for o_lon, o_lat in others if abs(o_lat - lat) < 0.15 and o_lon != lon]
    if any(0 < d < 0.4 for d in near):
        return "end", [-7, 0]
    if any(-0.4 < d < 0 for d in near):
        return "start", [7, 0]
    return "middle", [0, -8]


def _city_layer(city_labels: pd.DataFrame, lang: str) -> pdk.Layer:
    column = "name_en" if lang == "en" else "name_zh"
    places = [(float(r["lon"]), float(r["lat"])) for _, r in city_labels.iterrows()]
    data = []
    for (lon, lat), (_, r) in zip(places, city_labels.iterrows(), strict=True):
        anchor, offset = _label_anchor(lon, lat, places)
        baseline = "bottom" if anchor == "middle" else "center"
        data.append(
            {
                "text": str(r[column]),
                "lon": lon,
                "lat": lat,
                "anchor": anchor,
                "baseline": baseline,
                "offset": offset,
            }
        )
    return pdk.Layer(
        "TextLayer",
        id="city-labels",
        data=data,
        get_position=["lon", "lat"],
        get_text="text",
        get_size=14,
        get_color=palette.LABEL,
        get_text_anchor="anchor",
        get_alignment_baseline="baseline",
        get_pixel_offset="offset",
        character_set=pdk.types.String("auto"),
        font_family=pdk.types.String(CJK_FONT),
        font_weight=600,
        background=True,
        get_background_color=[255, 255, 255, 170],
        background_padding=[2, 1],
        pickable=False,
    )


def fit_view(lons: list[float], lats: list[float], size_px=MAP_SIZE_PX) -> pdk.ViewState:
    """A view state showing the bounding box of the given points (web-mercator zoom)."""
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)

    def merc(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    dx = max(east - west, 0.05) / 360
    dy = max(merc(north) - merc(south), 0.001) / (2 * math.pi)
    zoom = min(math.log2(size_px[0] / 512 / dx), math.log2(size_px[1] / 512 / dy)) - 0.3
    return pdk.ViewState(
        longitude=(west + east) / 2,
        latitude=(south + north) / 2,
        zoom=round(max(3.0, min(zoom, 10.0)), 2),
        pitch=0,
        bearing=0,
    )


def _focus_bounds(geojson: dict) -> tuple[list[float], list[float]]:
    lons, lats = [], []
    for feature in geojson["features"]:
        if feature["properties"].get("focus"):
            minx, miny, maxx, maxy = shape(feature["geometry"]).bounds
            lons += [minx, maxx]
            lats += [miny, maxy]
    return lons, lats


def park_map(
    parks: pd.DataFrame,
    boundaries_geojson: dict,
    city_labels: pd.DataFrame,
    *,
    planned_area_km2: pd.Series | None = None,
    industries: pd.DataFrame | None = None,
    lang: str = "zh",
    basemap: bool = False,
    selected_park: str | None = None,
) -> pdk.Deck:
    """The map: provinces, labels and parks (or park counts per cell above MAX_POINTS)."""
    layers = _province_layers(boundaries_geojson, lang)
    mapped = parks[parks["lat"].notna() & parks["lon"].notna()]
    if len(mapped) > MAX_POINTS:
        points = density_cells(mapped, lang)
        layers.append(_points_layer("parks-density", points, radius_units="meters"))
    else:
        points = park_points(mapped, planned_area_km2, industries, lang)
        if len(points):
            layers.append(_points_layer("parks", points))
            chosen = points[points["park_id"] == selected_park]
            if len(chosen):
                layers.append(_selection_layer(chosen))
    layers.append(_city_layer(city_labels, lang))  # above the points, so names stay readable
    if len(points):
        view = fit_view(points["lon"].tolist(), points["lat"].tolist())
    else:
        view = fit_view(*_focus_bounds(boundaries_geojson))
    return pdk.Deck(
        layers=layers,
        initial_view_state=view,
        # Basemap off: no map_style at all. pydeck then sends its "__MAP_STYLE__" placeholder,
        # which Streamlit reads as "no basemap"; map_style=None would make Streamlit fill in
        # CARTO's style.json, a request to an outside host on every draw.
        **({"map_provider": "carto", "map_style": "light"} if basemap else {"map_provider": None}),
        tooltip={
            "html": TOOLTIP_HTML,
            "style": {
                "backgroundColor": "white",
                "color": "#222",
                "fontSize": "12px",
                "fontFamily": CJK_FONT,
                "maxWidth": "320px",
                "whiteSpace": "normal",
                "lineHeight": "1.45",
            },
        },
    )


def _points_layer(layer_id: str, points: pd.DataFrame, radius_units: str = "pixels") -> pdk.Layer:
    columns = ["lon", "lat", "fill_colour", "radius", *TOOLTIP_FIELDS]
    columns += [c for c in ("park_id", "level", "line_colour", "n") if c in points]
    return pdk.Layer(
        "ScatterplotLayer",
        id=layer_id,
        # Largest first, so small parks are drawn on top of the large ones around them.
        data=points[columns].sort_values("radius", ascending=False, kind="stable"),
        get_position=["lon", "lat"],
        get_fill_color="fill_colour",
        get_line_color="line_colour" if "line_colour" in points else [255, 255, 255, 255],
        get_radius="radius",
        radius_units=pdk.types.String(radius_units),
        stroked=True,
        line_width_units=pdk.types.String("pixels"),
        get_line_width=1.5,
        pickable=True,
        auto_highlight=True,
    )


def _selection_layer(chosen: pd.DataFrame) -> pdk.Layer:
    ring = chosen[["lon", "lat", "radius"]].assign(radius=chosen["radius"] + 5)
    return pdk.Layer(
        "ScatterplotLayer",
        id="selected-park",
        data=ring,
        get_position=["lon", "lat"],
        get_radius="radius",
        radius_units=pdk.types.String("pixels"),
        filled=False,
        stroked=True,
        get_line_color=[200, 0, 60, 255],
        line_width_units=pdk.types.String("pixels"),
        get_line_width=3,
        pickable=False,
    )


def legend(lang: str = "zh") -> list[tuple[str, str]]:
    """(label, hex colour) per level, in LEVEL_ORDER, for a legend beside the map."""
    return [(_t(level, lang), palette.LEVEL_HEX[level]) for level in palette.LEVEL_ORDER]
