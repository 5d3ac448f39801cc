"""The park map as a pydeck Deck, complete without a tile server.

Layers, bottom to top: `provinces` (GeoJsonLayer, outlines from data/boundaries; provinces with
parks shown in a lighter fill), `province-labels` and `city-labels` (TextLayer), then either
`parks` (ScatterplotLayer, one pickable point per park, for Streamlit selection) or, above
MAX_POINTS parks, `parks-density` (counts per grid cell).

What a point says: colour = level (vocabulary colours); size = area of one scope (the smallest
size where unknown); a filled point stands at the park itself, a ring at a district, county,
city or province seat (the park's own position is not known). Parks that share one point (the
zones of one county seat) are set on a small ring around it, so each can be hovered and
clicked once zoomed in, and each one's tooltip names the others there.

Tooltips: one template of our own markup (`TOOLTIP_HTML`: a bold title and one fact per line)
with `{tt_0}` … placeholders; every picked object carries those fields as plain text. Streamlit
HTML-escapes each value it puts into the template, so a park name holding HTML is shown as text,
while a pre-built HTML value would be shown as raw tags. An empty line's <div> takes no space."""

from __future__ import annotations

import html
import json
import math
import re

import numpy as np
import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize
from shapely.geometry import shape

from parkdata.data.schema import LEVEL_UNKNOWN
from parkdata.present.labels import Labels

MAX_POINTS = 5000  # above this the map shows counts per grid cell, not individual parks
GRID_DEG = 0.2  # density cell size (about 20 km)
DENSITY_COLOUR = [60, 70, 90, 170]
# Point size: a radius in metres that grows with sqrt(area), so that the whole country shows
# small dots (never under MIN_PIXELS) and zooming in spreads them out and gives them their size.
METRES_PER_SQRT_KM2 = 1500.0
UNKNOWN_RADIUS_M = 1500.0
MAX_RADIUS_M = 15000.0
MIN_PIXELS, MAX_PIXELS = 2.5, 30
RING_DEG = 0.03  # spread of parks sharing one point: radius per sqrt(number of parks)
RING_MAX_DEG = 0.2
FIT_PADDING = 0.12  # share of the bounding box added on every side when fitting the view
CJK_FONT = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", '
    '"Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif'
)
MAP_SIZE_PX = (760, 520)  # assumed viewport for fitting the view
SMALL_PROVINCES = {"香港特别行政区", "澳门特别行政区", "Hong Kong", "Macao"}  # no label
FOCUS_FILL = [255, 249, 230, 255]  # pale cream: provinces with parks shown
CONTEXT_FILL = [229, 229, 226, 255]  # light grey: the others, for orientation
OUTLINE = [110, 110, 110, 255]
LABEL = [40, 40, 40, 255]
SEAT_FILL = [255, 255, 255, 215]  # a ring: the point is a seat, not the park

TOOLTIP_LINES = 10  # a title and up to nine lines of facts
TOOLTIP_FIELDS = tuple(f"tt_{i}" for i in range(TOOLTIP_LINES))
TOOLTIP_HTML = '<div style="font-weight:600">{tt_0}</div>' + "".join(
    f"<div>{{{name}}}</div>" for name in TOOLTIP_FIELDS[1:]
)
OTHERS_SHOWN = 3  # names of other parks at the same point listed in a tooltip
# The lines every park's tooltip has, by field: their label is written once, in the template,
# not in each of 2,600 records (a third of the tooltip bytes sent to the browser).
LABELLED_LINES = {"tt_2": "level", "tt_3": "zone_type", "tt_4": "city", "tt_5": "industries"}


def tooltip_html(labels: Labels, scope: str | None) -> str:
    """The points' tooltip template: a bold title, the Chinese name, then one labelled fact per
    line (level, type, city, industries, area of `scope`, what the point marks), and the parks
    that share the point. Only our own words are markup; Streamlit escapes every value."""
    lines = ['<div style="font-weight:600">{tt_0}</div>', "<div>{tt_1}</div>"]
    for field, key in LABELLED_LINES.items():
        lines.append(f"<div>{html.escape(labels.term(key))}{labels.colon}{{{field}}}</div>")
    lines.append(
        f"<div>{html.escape(scope)}{labels.colon}{{tt_6}}</div>" if scope else "<div>{tt_6}</div>"
    )
    lines.append(f"<div>{html.escape(labels.term('point'))}{labels.colon}{{tt_7}}</div>")
    lines.append("<div>{tt_9}</div>")  # when it became provincial, national (where known)
    lines.append("<div>{tt_8}</div>")
    return "".join(lines)


def tooltip_text(template: str, record: dict) -> list[str]:
    """The lines a person reads in a tooltip: the template filled with the record's values
    (as text), one per <div>, the empty ones left out."""

    def value(match: re.Match) -> str:  # escaped, as Streamlit puts it into the template
        return html.escape(str(record.get(match.group(1), "")))

    filled = re.sub(r"\{(tt_\d+)\}", value, template)
    lines = [re.sub(r"<[^>]+>", "", line) for line in re.findall(r"<div[^>]*>(.*?)</div>", filled)]
    return [html.unescape(line) for line in lines if line]


def rgb(hex_colour: str, alpha: int = 255) -> list[int]:
    value = hex_colour.lstrip("#")
    return [int(value[i : i + 2], 16) for i in (0, 2, 4)] + [alpha]


def radius_m(area_km2: float | None) -> float:
    """Point radius in metres: grows with sqrt(area); the smallest size when area is unknown."""
    if area_km2 is None or pd.isna(area_km2) or area_km2 <= 0:
        return UNKNOWN_RADIUS_M
    return float(
        min(MAX_RADIUS_M, max(UNKNOWN_RADIUS_M, METRES_PER_SQRT_KM2 * math.sqrt(area_km2)))
    )


def unmapped_parks(parks: pd.DataFrame) -> pd.DataFrame:
    """The parks that have no coordinates (not drawn on the map)."""
    return parks[parks["lat"].isna() | parks["lon"].isna()]


def spread(lon: pd.Series, lat: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Points that share a position set on a ring around it (deterministic, in input order):
    (lon, lat, size of the group each point belongs to)."""
    key = lon.round(4).astype(str) + "," + lat.round(4).astype(str)
    size = key.map(key.value_counts()).to_numpy(int)
    rank = key.groupby(key).cumcount().to_numpy(int)
    angle = 2 * np.pi * rank / np.maximum(size, 1)
    radius = np.where(size > 1, np.minimum(RING_DEG * np.sqrt(size), RING_MAX_DEG), 0.0)
    lat_f = lat.to_numpy(float)
    dx = radius * np.cos(angle) / np.cos(np.radians(lat_f))
    return lon.to_numpy(float) + dx, lat_f + radius * np.sin(angle), size


def park_points(
    parks: pd.DataFrame,
    labels: Labels,
    area_km2: pd.Series | None = None,
    industries: pd.Series | None = None,
    approvals: pd.Series | None = None,
) -> pd.DataFrame:
    # `area_km2.name` is the area's indicator code (approved_area, …): the tooltip names it.
    """One row per park with coordinates: park_id, name, lon, lat (spread where shared), level,
    fill_colour, line_colour (RGBA), radius (px), at_park, area_km2 and the tooltip lines
    tt_0… as plain text. `area_km2` and `industries` (joined leading industries) are indexed
    by park_id; a missing one is unknown, never 0."""
    mapped = parks[parks["lat"].notna() & parks["lon"].notna()].reset_index(drop=True)
    if mapped.empty:
        return pd.DataFrame(columns=["park_id", "lon", "lat", "radius", *TOOLTIP_FIELDS])
    lon, lat, group = spread(mapped["lon"].astype(float), mapped["lat"].astype(float))
    area = mapped["park_id"].map(area_km2 if area_km2 is not None else {}).astype("Float64")
    lead = mapped["park_id"].map(industries if industries is not None else {})
    at_park = mapped["location_precision"].map(
        labels.vocab["location_precisions"].column("at_park")
    )
    at_park = at_park.astype("boolean").fillna(False).astype(bool)
    levels = labels.vocab["levels"]
    level = mapped["level"].astype("string").fillna(LEVEL_UNKNOWN)
    level = level.where(level.isin(levels.codes()), LEVEL_UNKNOWN)
    colour = {code: rgb(levels.colour(code)) for code in levels.codes()}
    names = labels.park_names(mapped)
    points = pd.DataFrame(
        {
            "park_id": mapped["park_id"].astype(str),
            "name": names.to_numpy(),
            "lon": np.round(lon, 5),
            "lat": np.round(lat, 5),
            "level": level.to_numpy(),
            "at_park": at_park.to_numpy(),
            "area_km2": area.to_numpy(),
            "radius": [round(radius_m(a)) for a in area.tolist()],
        }
    )
    points["fill_colour"] = [
        colour[lv][:3] + [210] if here else SEAT_FILL
        for lv, here in zip(points["level"], points["at_park"], strict=True)
    ]
    points["line_colour"] = [
        [255, 255, 255, 255] if here else colour[lv]
        for lv, here in zip(points["level"], points["at_park"], strict=True)
    ]
    lines = _tooltip_lines(mapped, points, labels, lead, group)
    dates = mapped["park_id"].map(approvals if approvals is not None else {}).tolist()
    for row, when in zip(lines, dates, strict=True):
        row[9] = when if isinstance(when, str) else ""
    for i, name in enumerate(TOOLTIP_FIELDS):
        points[name] = [row[i] for row in lines]
    return points


def _area_value(area: object, labels: Labels) -> str:
    if area is None or pd.isna(area):  # type: ignore[arg-type]
        return labels.term("unknown")
    return f"{float(area):,.2f} km²"  # type: ignore[arg-type]


def _tooltip_lines(
    mapped: pd.DataFrame,
    points: pd.DataFrame,
    labels: Labels,
    lead: pd.Series,
    group: np.ndarray,
) -> list[list[str]]:
    """The tooltip's text lines per point, title first: plain text (Streamlit escapes it).
    Built over plain lists (a pandas lookup per cell made 2,600 points take seconds)."""
    names = points["name"].astype(str).tolist()
    key = (mapped["lon"].round(4).astype(str) + "," + mapped["lat"].round(4).astype(str)).tolist()
    members: dict[str, list[str]] = {}
    for k, name in zip(key, names, strict=True):
        members.setdefault(k, []).append(name)
    level = labels.options("levels")
    kinds = labels.zone_types(
        mapped["zone_type"].astype("string"), pd.Series(points["level"].to_numpy())
    ).tolist()  # a national ETDZ is 经济技术开发区, a provincial one 经济开发区
    precision = labels.options("location_precisions")
    marked = {  # a level resting on one source or an inference says so
        code: f" ({labels.code('change_confidences', code)})"
        for code in labels.vocab["change_confidences"].where("marked")
    }
    confidence = (
        mapped["level_confidence"].tolist()
        if "level_confidence" in mapped
        else [None] * len(mapped)
    )
    places = {p: labels.place(p) for p in set(mapped["city"].dropna()) | set(mapped["province"])}
    sep = "、" if labels.lang == "zh" else ", "
    out = []
    rows = zip(
        names,
        mapped["name_zh"].astype(str).tolist(),
        points["level"].tolist(),
        confidence,
        kinds,
        mapped["city"].tolist(),
        mapped["province"].tolist(),
        lead.tolist(),
        points["area_km2"].tolist(),
        mapped["location_precision"].tolist(),
        key,
        group.tolist(),
        strict=True,
    )
    for name, name_zh, lvl, sure, kind, city, province, industries, area, where, k, n in rows:
        lines = [name, name_zh if name_zh != name else ""]
        sure = marked.get(sure, "") if lvl != LEVEL_UNKNOWN else ""
        lines.append(level.get(lvl, lvl) + sure)
        lines.append(kind if isinstance(kind, str) else "—")
        lines.append(places.get(city) or places.get(province, ""))
        lines.append(industries if isinstance(industries, str) else "—")
        lines.append(_area_value(area, labels))
        lines.append(precision.get(where, "—"))
        if n > 1:
            others = [o for o in members[k] if o != name]
            more = len(others) - OTHERS_SHOWN
            tail = labels.t("and_more", n=more) if more > 0 else ""
            lines.append(labels.line("also_here", sep.join(others[:OTHERS_SHOWN]) + tail))
        out.append((lines + [""] * TOOLTIP_LINES)[:TOOLTIP_LINES])
    return out


def density_cells(parks: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    """Parks with coordinates counted per GRID_DEG cell: lon, lat (cell centre), n, n_<level>,
    radius (metres), fill_colour and the tooltip lines with the count per level."""
    mapped = parks[parks["lat"].notna() & parks["lon"].notna()]
    order = labels.order("levels")
    cell_x = (mapped["lon"].astype(float) // GRID_DEG).astype(int)
    cell_y = (mapped["lat"].astype(float) // GRID_DEG).astype(int)
    levels = mapped["level"].astype("object").where(mapped["level"].isin(order))
    counts = pd.crosstab([cell_x.rename("x"), cell_y.rename("y")], levels.fillna(LEVEL_UNKNOWN))
    counts = counts.reindex(columns=list(order), fill_value=0)
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
    lines = []
    for row in cells.itertuples():
        text = [labels.line("parks_here", f"{int(row.n):,}")]
        text += [
            f"{labels.code('levels', lv)}{labels.colon}{int(getattr(row, f'n_{lv}')):,}"
            for lv in order
            if getattr(row, f"n_{lv}")
        ]
        lines.append((text + [""] * TOOLTIP_LINES)[:TOOLTIP_LINES])
    for i, name in enumerate(TOOLTIP_FIELDS):
        cells[name] = [row[i] for row in lines]
    return cells.drop(columns=["x", "y"])


def map_note(parks: pd.DataFrame, labels: Labels) -> str | None:
    """Text for the page when the map cannot show every park as a point (or some lack one)."""
    notes = []
    n_unmapped = len(unmapped_parks(parks))
    n_mapped = len(parks) - n_unmapped
    if n_mapped > MAX_POINTS:
        notes.append(labels.t("map_density_note", n=f"{n_mapped:,}", max=f"{MAX_POINTS:,}"))
    if n_unmapped:
        notes.append(labels.t("map_unmapped_note", n=n_unmapped))
    return " ".join(notes) or None


_SHAPES: dict[int, tuple[dict, list[tuple[float, float]], list[tuple]]] = {}
VIEW_MARGIN = 0.5  # provinces drawn: those within the view's box grown by half on every side


def _shapes(geojson: dict) -> tuple[list[tuple[float, float]], list[tuple]]:
    """Where each province's name goes (a point inside it) and its bounding box, computed once
    per outlines object (finding them in 34 detailed outlines takes tens of milliseconds)."""
    kept = _SHAPES.get(id(geojson))
    if kept is None or kept[0] is not geojson:
        geometries = [shape(f["geometry"]) for f in geojson["features"]]
        points = [g.representative_point() for g in geometries]
        labels = [(round(p.x, 4), round(p.y, 4)) for p in points]
        kept = (geojson, labels, [g.bounds for g in geometries])
        _SHAPES[id(geojson)] = kept
    return kept[1], kept[2]


def _in_view(bounds: tuple, view: pdk.ViewState) -> bool:
    """Whether a province's box meets the view's (estimated from its zoom), grown by
    VIEW_MARGIN: a map of one province sends its neighbours' outlines, not all of China's."""
    # deck.gl's world is 512 px wide at zoom 0; a degree of latitude is never shorter on the
    # screen than one of longitude, so the height in degrees is at most this.
    half_width = 180.0 * MAP_SIZE_PX[0] / (512 * 2**view.zoom) * (1 + VIEW_MARGIN)
    half_height = half_width * MAP_SIZE_PX[1] / MAP_SIZE_PX[0]
    west, south, east, north = bounds
    return not (
        east < view.longitude - half_width
        or west > view.longitude + half_width
        or north < view.latitude - half_height
        or south > view.latitude + half_height
    )


def _province_layers(
    geojson: dict, labels: Labels, focus: set[str], view: pdk.ViewState
) -> list[pdk.Layer]:
    features, names = [], []
    points, boxes = _shapes(geojson)
    for feature, (x, y), box in zip(geojson["features"], points, boxes, strict=True):
        if not _in_view(box, view):
            continue
        props = dict(feature["properties"])
        props["fill"] = FOCUS_FILL if props["name_zh"] in focus else CONTEXT_FILL
        features.append({**feature, "properties": props})
        name = props["name_en"] if labels.lang == "en" else props["name_zh"]
        if name not in SMALL_PROVINCES:
            names.append({"text": name, "lon": x, "lat": y})
    provinces = pdk.Layer(
        "GeoJsonLayer",
        id="provinces",
        data={"type": "FeatureCollection", "features": features},
        stroked=True,
        filled=True,
        get_fill_color="properties.fill",
        get_line_color=OUTLINE,
        line_width_min_pixels=1,
        pickable=False,
    )
    return [provinces, _text_layer("province-labels", names, 15, [120, 120, 120, 200])]


def _text_layer(layer_id: str, data: list[dict], size: int, colour: list[int], **extra):
    """Names drawn from the CJK font the browser has (no web font is fetched)."""
    return pdk.Layer(
        "TextLayer",
        id=layer_id,
        data=data,
        get_position=["lon", "lat"],
        get_text="text",
        get_size=size,
        get_color=colour,
        character_set=pdk.types.String("auto"),
        font_family=pdk.types.String(CJK_FONT),
        pickable=False,
        **extra,
    )


def _label_anchor(lon: float, lat: float, others: list[tuple[float, float]]) -> tuple[str, list]:
    """Text anchor and pixel offset: side-by-side cities (湘潭/株洲) put their names apart."""
    near = [o_lon - lon for o_lon, o_lat in others if abs(o_lat - lat) < 0.15 and o_lon != lon]
    if any(0 < d < 0.4 for d in near):
        return "end", [-7, 0]
    if any(-0.4 < d < 0 for d in near):
        return "start", [7, 0]
    return "middle", [0, -8]


MAX_CITY_LABELS = 20  # more cities than this: the province names are label enough


def city_labels(parks: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    """Names of the prefectures the shown parks lie in, at their centres (the prefectures
    vocabulary), when there are few enough to read: name_zh ('长沙'), name_en, lon, lat."""
    cities = set(parks["city"].dropna())
    if not cities or len(cities) > MAX_CITY_LABELS:
        return pd.DataFrame(columns=["name_zh", "name_en", "lon", "lat"])
    table = labels.vocab["prefectures"].frame
    rows = table[table["prefecture"].isin(list(cities)) & table["lat"].notna()]
    short = rows["prefecture"].str.replace(r"(市|地区|盟)$", "", regex=True)
    return pd.DataFrame(
        {
            "name_zh": short.to_numpy(),
            "name_en": rows["name_en"].to_numpy(),
            "lon": rows["lon"].astype(float).to_numpy(),
            "lat": rows["lat"].astype(float).to_numpy(),
        }
    )


def _city_layer(cities: pd.DataFrame, labels: Labels) -> pdk.Layer:
    column = "name_en" if labels.lang == "en" else "name_zh"
    places = [(float(r["lon"]), float(r["lat"])) for _, r in cities.iterrows()]
    data = []
    for (lon, lat), (_, r) in zip(places, cities.iterrows(), strict=True):
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
    return _text_layer(
        "city-labels",
        data,
        14,
        LABEL,
        get_text_anchor="anchor",
        get_alignment_baseline="baseline",
        get_pixel_offset="offset",
        font_weight=600,
        background=True,
        get_background_color=[255, 255, 255, 170],
        background_padding=[2, 1],
    )


def fit_view(lons: list[float], lats: list[float], size_px=MAP_SIZE_PX) -> pdk.ViewState:
    """A view state showing the bounding box of the given points with a margin of FIT_PADDING
    on every side (web-mercator zoom), so no point sits on the edge."""
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    pad_x = max(east - west, 0.3) * FIT_PADDING
    pad_y = max(north - south, 0.3) * FIT_PADDING
    west, east, south, north = west - pad_x, east + pad_x, south - pad_y, north + pad_y

    def merc(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    dx = max(east - west, 0.05) / 360
    dy = max(merc(north) - merc(south), 0.001) / (2 * math.pi)
    zoom = min(math.log2(size_px[0] / 512 / dx), math.log2(size_px[1] / 512 / dy))
    return pdk.ViewState(
        longitude=(west + east) / 2,
        latitude=(south + north) / 2,
        zoom=round(max(2.5, min(zoom, 10.0)), 2),
        pitch=0,
        bearing=0,
    )


def _bounds(geojson: dict, provinces: set[str]) -> tuple[list[float], list[float]]:
    lons, lats = [], []
    for feature in geojson["features"]:
        if not provinces or feature["properties"]["name_zh"] in provinces:
            minx, miny, maxx, maxy = shape(feature["geometry"]).bounds
            lons += [minx, maxx]
            lats += [miny, maxy]
    return lons, lats


def park_map(
    parks: pd.DataFrame,
    boundaries_geojson: dict,
    labels: Labels,
    *,
    area_km2: pd.Series | None = None,
    industries: pd.Series | None = None,
    approvals: pd.Series | None = None,
    basemap: bool = False,
    selected_park: str | None = None,
) -> pdk.Deck:
    """The map: provinces, labels and parks (or park counts per cell above MAX_POINTS)."""
    focus = set(parks["province"].dropna())
    layers: list[pdk.Layer] = []
    mapped = parks[parks["lat"].notna() & parks["lon"].notna()]
    template = TOOLTIP_HTML
    if len(mapped) > MAX_POINTS:
        points = density_cells(mapped, labels)
        layers.append(_points_layer("parks-density", points))
    else:
        scope = labels.code("indicator_types", area_km2.name) if area_km2 is not None else None
        template = tooltip_html(labels, scope)
        points = park_points(mapped, labels, area_km2, industries, approvals)
        if len(points):
            layers.append(_points_layer("parks", points))
            chosen = points[points["park_id"] == selected_park]
            if len(chosen):
                layers.append(_selection_layer(chosen))
    layers.append(_city_layer(city_labels(parks, labels), labels))  # above the points
    if len(points):
        view = fit_view(points["lon"].tolist(), points["lat"].tolist())
    else:
        view = fit_view(*_bounds(boundaries_geojson, focus))
    layers = _province_layers(boundaries_geojson, labels, focus, view) + layers
    return pdk.Deck(
        layers=layers,
        initial_view_state=view,
        # Basemap off: no map_style at all. pydeck then sends its "__MAP_STYLE__" placeholder,
        # which Streamlit reads as "no basemap"; map_style=None would make Streamlit fill in
        # CARTO's style.json, a request to an outside host on every draw.
        **({"map_provider": "carto", "map_style": "light"} if basemap else {"map_provider": None}),
        tooltip={
            "html": template,
            "style": {
                "backgroundColor": "white",
                "color": "#222",
                "fontSize": "12px",
                "fontFamily": CJK_FONT,
                "maxWidth": "340px",
                "whiteSpace": "normal",
                "lineHeight": "1.45",
                "boxShadow": "0 1px 4px rgba(0,0,0,0.25)",
            },
        },
    )


def _points_layer(layer_id: str, points: pd.DataFrame) -> pdk.Layer:
    columns = ["lon", "lat", "fill_colour", "radius", *TOOLTIP_FIELDS]
    columns += [c for c in ("park_id", "line_colour", "n") if c in points]
    return pdk.Layer(
        "ScatterplotLayer",
        id=layer_id,
        # Largest first, so small parks are drawn on top of the large ones around them.
        data=points[columns].sort_values("radius", ascending=False, kind="stable"),
        get_position=["lon", "lat"],
        get_fill_color="fill_colour",
        get_line_color="line_colour" if "line_colour" in points else [255, 255, 255, 255],
        get_radius="radius",
        radius_units=pdk.types.String("meters"),
        radius_min_pixels=MIN_PIXELS,
        radius_max_pixels=MAX_PIXELS,
        stroked=True,
        line_width_units=pdk.types.String("pixels"),
        get_line_width=1.5,
        line_width_max_pixels=2,
        pickable=True,
        auto_highlight=True,
    )


def _selection_layer(chosen: pd.DataFrame) -> pdk.Layer:
    ring = chosen[["lon", "lat", "radius"]].assign(radius=chosen["radius"] * 1.6)
    return pdk.Layer(
        "ScatterplotLayer",
        id="selected-park",
        data=ring,
        get_position=["lon", "lat"],
        get_radius="radius",
        radius_units=pdk.types.String("meters"),
        radius_min_pixels=MIN_PIXELS + 5,
        filled=False,
        stroked=True,
        get_line_color=[200, 0, 60, 255],
        line_width_units=pdk.types.String("pixels"),
        get_line_width=3,
        pickable=False,
    )


def legend(parks: pd.DataFrame, labels: Labels) -> list[tuple[str, str]]:
    """(label, hex colour) per level some shown park holds, in the vocabulary's order."""
    present = set(parks["level"].dropna())
    return [
        (labels.code("levels", level), labels.colour("levels", level))
        for level in labels.order("levels")
        if level in present
    ]


class PreparedDeck:
    """A Deck serialised once, for `st.pydeck_chart`: it asks only for `to_json()`, the tooltip
    and the layers. Serialising a deck of 2,600 points with pydeck takes 40–100 ms and its JSON is
    indented; a cached deck would still be serialised on every run. This keeps the compact JSON
    (about half the bytes) and hands it over as is."""

    def __init__(self, deck: pdk.Deck):
        # pydeck's own serialiser (camelCase keys, frames as records), compact and in one pass
        self._json = json.dumps(
            deck,
            sort_keys=True,
            default=default_serialize,
            ensure_ascii=False,
            separators=(",", ":"),
        )
        self._tooltip = deck._tooltip
        self.layers: list = []  # Streamlit converts DataFrames in layers; there are none left
        self.mapbox_key = None

    def to_json(self) -> str:
        return self._json

    @property
    def nbytes(self) -> int:
        return len(self._json.encode("utf-8"))
