"""The place vocabularies, generated from adcode_2016 by the catalogue build: every province and
every prefecture-level division (and the four municipalities as their own prefecture) with its
adcode, an English name (the Namer's conventional or pinyin form) and its centre in WGS-84
(converted from the table's GCJ-02); and every county-level division, keyed by its prefecture
and name (湛江市廉江市: a county name repeats across prefectures), with its English name in
full (Lianjiang City) and the basis of that name (pinyin, or the reviewed form's basis), plus
the counties the zone tables name that the 2016 codes lack (宁乡市, a city since 2017: no
adcode). Written to data/vocab/provinces.csv, prefectures.csv and counties.csv; never
hand-edited."""

from __future__ import annotations

from parkdata.curate.catalog_names import Namer
from parkdata.curate.catalog_places import MUNICIPALITIES, Division, to_wgs84

PROVINCE_COLUMNS = ["province", "name_en", "order", "adcode", "lat", "lon"]
PREFECTURE_COLUMNS = ["prefecture", "province", "name_en", "adcode", "lat", "lon"]
COUNTY_COLUMNS = ["place", "county", "prefecture", "province", "name_en", "basis", "adcode"]


def county_key(province: str, prefecture: str, county: str) -> str:
    """The counties vocabulary's key: prefecture (else province) and county, 湛江市廉江市."""
    return f"{prefecture or province}{county}"


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
                "name_en": namer.place_en(d.name, d.province),
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
                "name_en": namer.place_en(d.name, d.province),
                "adcode": d.adcode,
                "lat": lat,
                "lon": lon,
            }
        )
    return province_rows, prefecture_rows


def county_rows(
    divisions: list[Division], namer: Namer, zones: list[dict[str, str]]
) -> list[dict[str, str]]:
    """Every county-level division of the 2016 codes, then the (province, city, county) of
    `zones` (rows of the zone tables) that they lack; by key."""
    rows: dict[str, dict[str, str]] = {}
    for d in divisions:
        if d.level != "county":
            continue
        name_en, basis = namer.county_en(d.name, d.province)
        key = county_key(d.province, d.prefecture, d.name)
        rows[key] = {
            "place": key, "county": d.name, "prefecture": d.prefecture, "province": d.province,
            "name_en": name_en, "basis": basis, "adcode": d.adcode,
        }  # fmt: skip
    for zone in zones:
        county = zone.get("county") or ""
        key = county_key(zone["province"], zone.get("city") or "", county)
        if county and key not in rows:
            name_en, basis = namer.county_en(county, zone["province"])
            rows[key] = {
                "place": key, "county": county, "prefecture": zone.get("city") or "",
                "province": zone["province"], "name_en": name_en, "basis": basis, "adcode": "",
            }  # fmt: skip
    return [rows[key] for key in sorted(rows)]
