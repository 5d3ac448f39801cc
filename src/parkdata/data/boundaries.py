"""The offline map's boundary and label layers (data/boundaries/, WGS-84; see its README).

`province_shapes` and `contains` let validation check that a park's coordinates lie in its
province. The outlines are Natural Earth at roughly 0.5 km accuracy, so a point within about
1 km of a provincial border may test on the wrong side."""

from __future__ import annotations

import json
from pathlib import Path

import shapely
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry

from parkdata.data.schema import DATA_DIR

BOUNDARIES_DIR = DATA_DIR / "boundaries"
PROVINCES_FILE = BOUNDARIES_DIR / "provinces.geojson"


def load_boundaries(path: Path | str = PROVINCES_FILE) -> dict:
    """The province GeoJSON FeatureCollection (properties name_zh, name_en, code, focus)."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def province_shapes(geojson: dict) -> dict[str, BaseGeometry]:
    """Shapely geometry per province, keyed by its Chinese name (e.g. '湖南省')."""
    shapes = {f["properties"]["name_zh"]: shape(f["geometry"]) for f in geojson["features"]}
    for geometry in shapes.values():
        shapely.prepare(geometry)  # in place: fast repeated point tests
    return shapes


def contains(shapes: dict[str, BaseGeometry], province: str, lat: float, lon: float) -> bool:
    """Whether (lat, lon) lies in (or on the outline of) `province`. Unknown province: KeyError."""
    return bool(shapes[province].intersects(Point(float(lon), float(lat))))
