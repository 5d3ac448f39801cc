"""Checks of where zones are put, independent of the catalogue build's own matching: the
division a zone's name gives, whether the zone lies within that division's reach, and how many
zones share one point (stacks). The build writes these figures into data/catalog/REPORT.md; the
tests hold every origin's parks to them.

The division a name gives (`named_division`): the name is read left to right, longest word
first; the zone's province at its start, any province's name (黑龙江 is not 龙江县), and the
words of data/catalog_place_words.csv that are not places (红旗渠, 兵团, 中哈 …) are passed over;
a key of a division of the zone's province (its full name or a stem of two or more characters)
is a place. The first place that names one prefecture (or one county) starts the chain; a later
place counts only when it is a county of that prefecture (唐山海港: 海港区 lies in 秦皇岛, so 海港
is a harbour, not a place). An enclave's pair (成都—阿坝) gives its host instead (the same
table). The result is the finest division of the chain.

Within reach (`reach_problems`): a zone at a seat (county, district, city or province centre)
is the seat of that division or of a division inside it, as its city and county columns say; a
zone at its own point (park, approximate) lies within REACH_KM of that division's seat."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from parkdata.curate.catalog_places import (
    Division,
    Gazetteer,
    stem,
    to_wgs84,
)

# How far a point at the park itself may lie from the seat of the division its name gives. A
# county-level division of China spans 2,000-5,000 km² (a disc of 25-40 km radius) and its seat
# is often off centre (浏阳's ETDZ lies 27 km from 浏阳's seat); a prefecture spans about ten times
# as much. The figures catch a zone put in another county or city, not one at its county's edge.
REACH_KM = {"county": 40.0, "city": 100.0}
AT_PARK = ("park", "approximate")


@dataclass(frozen=True)
class Named:
    """The division a name gives and the text that gave it."""

    division: Division
    text: str
    host: bool = False  # given by an enclave's host row


@dataclass(frozen=True)
class ReachProblem:
    park_id: str
    name_zh: str
    province: str
    named: str  # the division the name gives
    placed: str  # where the zone is: its county, city or province
    km: float | None  # distance of its point from the named division's seat


def named_division(name: str, province: str, gazetteer: Gazetteer) -> Named | None:
    """The finest division the name gives (module docstring), or None."""
    index = gazetteer.keys.get(province, {})
    tokens: list[tuple[str, list[Division]]] = []
    i = 0
    own = gazetteer.strip_province(province, name)
    i = len(own)
    while i < len(name):
        host = gazetteer.word_at(province, name[i:], "host")
        if host is not None and host.division is not None and not tokens:
            return Named(host.division, host.word_zh, host=True)
        word = gazetteer.word_at(province, name[i:], "not_place")
        key = next(
            (
                name[i : i + n]
                for n in range(min(12, len(name) - i), 1, -1)
                if name[i : i + n] in index
            ),
            "",
        )
        other = next((p for p in gazetteer.province_words if name.startswith(p, i)), "")
        if word is not None and len(word.word_zh) >= len(key):
            i += len(word.word_zh)
        elif other and len(other) > len(key):
            i += len(other)
        elif key:
            tokens.append((key, index[key]))
            i += len(key)
        else:
            i += 1
    return _chain(tokens, gazetteer)


def _chain(tokens: list[tuple[str, list[Division]]], gazetteer: Gazetteer) -> Named | None:
    named: Named | None = None
    for key, found in tokens:
        if named is None:
            cities = [d for d in found if d.level == "city"]
            prefectures = {d.parent for d in found if d.level == "county"}
            if len(cities) == 1:
                named = Named(cities[0], key)
            elif not cities and len(found) == 1:
                named = Named(found[0], key)
            elif not cities and len(prefectures) == 1:
                parent = gazetteer.by_adcode.get(prefectures.pop())
                if parent is not None and parent.level in ("city", "province"):
                    named = Named(parent, key)
            continue
        if named.division.level == "county":
            break
        inside = [
            d
            for d in found
            if d.level == "county"
            and (d.parent == named.division.adcode or d.prefecture == named.division.name)
        ]
        if len(inside) == 1:
            named = Named(inside[0], named.text + key)
    return named


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def _same(division: Division, written: str) -> bool:
    """A division as a table row writes it: its name, or its stem where the name changed after
    2016 (宁乡县 -> 宁乡市)."""
    return bool(written) and (written == division.name or stem(written) == stem(division.name))


def within(named: Division, city: str, county: str) -> bool:
    """Whether the division written as (city, county) is `named` or lies inside it."""
    if named.level == "county":
        return _same(named, county)
    if named.level == "city":
        return _same(named, city)
    return True


def reach_problems(parks: Iterable[Mapping[str, str]], gazetteer: Gazetteer) -> list[ReachProblem]:
    """Zones (rows of a parks.csv, as text) whose point is not within reach of the division
    their name gives. A zone without a point, or whose named division has no seat in the
    division table (辛集市, 定州市), cannot be held to it and is left out."""
    problems = []
    for row in parks:
        if not row.get("lat") or not row.get("lon"):
            continue
        named = named_division(row["name_zh"], row["province"], gazetteer)
        if named is None:
            continue
        seat = _seat(named.division, gazetteer)
        if seat is None:
            continue
        lat, lon = float(row["lat"]), float(row["lon"])
        km = _km(lat, lon, *seat)
        if row.get("location_precision") in AT_PARK:
            ok = km <= REACH_KM.get(named.division.level, math.inf)
        else:
            ok = within(named.division, row.get("city", ""), row.get("county", ""))
        if not ok:
            placed = row.get("county") or row.get("city") or row["province"]
            problems.append(
                ReachProblem(
                    row["park_id"], row["name_zh"], row["province"], named.division.name, placed, km
                )
            )
    return problems


def _seat(division: Division, gazetteer: Gazetteer) -> tuple[float, float] | None:
    if not division.has_point:
        return None
    assert division.lat_gcj is not None and division.lon_gcj is not None
    return to_wgs84(division.lat_gcj, division.lon_gcj)


def says_no_place(note: str) -> bool:
    return "gives no place below the province" in note


def false_no_place(parks: Iterable[Mapping[str, str]], gazetteer: Gazetteer) -> list[str]:
    """park_ids whose location note says the name gives no place below the province although
    it names a division (below the province, or a municipality's district)."""
    out = []
    for row in parks:
        if says_no_place(row.get("location_note", "")):
            named = named_division(row["name_zh"], row["province"], gazetteer)
            if named is not None and named.division.level != "province":
                out.append(row["park_id"])
    return out


# -- stacks ---------------------------------------------------------------------------------

KEY_DECIMALS = 4  # points that agree to 4 decimals (about 11 m) share a point, as the map's spread


def point_key(lat: object, lon: object) -> str:
    """'31.2323,121.4691': the key of one point (lat, lon as numbers or their text)."""
    return f"{float(lat):.{KEY_DECIMALS}f},{float(lon):.{KEY_DECIMALS}f}"  # type: ignore[arg-type]


@dataclass(frozen=True)
class Stacks:
    zones: int  # zones with a point
    sharing: int  # zones that share their point with another
    points: int  # points held by more than one zone
    largest: int
    largest_at: str  # the largest stack's point (its key; the first by key among equals)
    largest_place: str  # what that point is: the division and its precision


def stacks(parks: Iterable[Mapping[str, str]]) -> Stacks:
    """How many zones share a point with another (point_key), and the
    largest such stack."""
    located = [r for r in parks if r.get("lat") and r.get("lon")]
    keys = [point_key(r["lat"], r["lon"]) for r in located]
    counts = Counter(keys)
    shared = {k: n for k, n in counts.items() if n > 1}
    largest = max(shared.values(), default=1)
    at = min((k for k, n in shared.items() if n == largest), default="")
    row = next((r for r, k in zip(located, keys, strict=True) if k == at), {})
    place = row.get("county") or row.get("city") or row.get("province", "")
    where = f"{place} ({row.get('location_precision', '')})" if row else ""
    return Stacks(len(keys), sum(shared.values()), len(shared), largest, at, where)


def package_zones(
    catalogue: list[dict[str, str]],
    national: list[dict[str, str]],
    curated: list[dict[str, str]],
) -> list[dict[str, str]]:
    """Every zone as the map draws it: a curated park that names its catalogue code stands for
    that catalogue zone (one zone, one row)."""
    claimed = {r["catalog_code"] for r in curated if r.get("catalog_code")}
    return [r for r in catalogue if r.get("catalog_code") not in claimed] + national + curated


def county_or_finer(parks: Iterable[Mapping[str, str]]) -> tuple[int, int]:
    """(zones placed at a county or district seat or at the park itself, zones)."""
    rows = list(parks)
    fine = ("county_seat", "district", *AT_PARK)
    return sum(1 for r in rows if r.get("location_precision") in fine), len(rows)


def summary(
    catalogue: list[dict[str, str]],
    national: list[dict[str, str]],
    curated: list[dict[str, str]],
    gazetteer: Gazetteer,
) -> dict[str, object]:
    """The figures of where zones are put, for one state of the three parks tables (the build's
    output, or a past commit's files): zones out of their name's reach by the rule that places
    them now, notes that deny a place the name gives, curated parks with a county and no point,
    stacks, and the share placed at a county or finer."""
    reach = reach_problems(catalogue + national + curated, gazetteer)
    by_rule = Counter(gazetteer.locate(p.name_zh, p.province).rule for p in reach)
    fine, total = county_or_finer(catalogue)
    package = package_zones(catalogue, national, curated)
    return {
        "out_of_reach": len(reach),
        "out_of_reach_by_rule": dict(sorted(by_rule.items())),
        "false_no_place": len(false_no_place(catalogue + national + curated, gazetteer)),
        "county_without_point": sum(
            1 for r in curated if r.get("county") and not (r.get("lat") and r.get("lon"))
        ),
        "stacks": stacks(catalogue).__dict__,
        "stacks_package": stacks(package).__dict__,
        "county_or_finer": [fine, total],
    }
