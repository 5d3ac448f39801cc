"""The place vocabularies, generated from adcode_2016 by the catalogue build: every province and
every prefecture-level division (and the four municipalities as their own prefecture) with its
adcode, an English name (the Namer's conventional or pinyin form) and its centre in WGS-84
(converted from the table's GCJ-02). Written to data/vocab/provinces.csv and prefectures.csv;
never hand-edited."""

from __future__ import annotations

from parkdata.curate.catalog_names import Namer
from parkdata.curate.catalog_places import MUNICIPALITIES, Division, to_wgs84

PROVINCE_COLUMNS = ["province", "name_en", "order", "adcode", "lat", "lon"]
PREFECTURE_COLUMNS = ["prefecture", "province", "name_en", "adcode", "lat", "lon"]


def _point(division: Division) -> tuple[str, str]:
    if not division.has_point:
        return "", ""
    lat, lon = to_wgs84(division.lat_gcj, division.lon_gcj)  # type: ignore[arg-type]
    return f"{lat:.6f}", f"{lon:.6f}"


def place_rows(
    divisions: list[Division], namer: Namer
) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """(province rows, prefecture rows), in adcode order."""
    provinces = sorted((d for d in divisions if d.level == "province"), key=lambda d: d.adcode)
    province_rows = []
    for order, d in enumerate(provinces, start=1):
        lat, lon = _point(d)
        province_rows.append(
            {
                "province": d.name,
                "name_en": namer.place_en(d.name),
                "order": str(order),
                "adcode": d.adcode,
                "lat": lat,
                "lon": lon,
            }
        )
    prefectures = [d for d in divisions if d.level == "city"]
    prefectures += [d for d in provinces if d.name in MUNICIPALITIES]
    prefecture_rows = []
    for d in sorted(prefectures, key=lambda d: d.adcode):
        lat, lon = _point(d)
        prefecture_rows.append(
            {
                "prefecture": d.name,
                "province": d.province,
                "name_en": namer.place_en(d.name),
                "adcode": d.adcode,
                "lat": lat,
                "lon": lon,
            }
        )
    return province_rows, prefecture_rows
