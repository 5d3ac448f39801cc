"""Places for the catalogue build: the adcode table as an index of name stems per province, the
match of a zone's name against it, and the WGS-84 point of the place found.

The rules (documented in data/catalog/REPORT.md):
- the province prefix of a name (湖南, 湖南省, 内蒙古 …) is dropped before matching;
- words at the start that are not places of the province are skipped, and matching goes on
  after them: another province's name (北京和田: 北京 gives the aid, 和田 is the place), the
  words of data/catalog_place_words.csv of kind not_place (兵团, 第七师, 中哈, 京南, 红旗渠 …),
  dashes and brackets (中德（沈阳）);
- a name beginning with an enclave's pair of places (成都—阿坝, 江阴—靖江) is placed at its host,
  the division the enclave lies in, from the same table (kind host, with a note and a source);
- a place is matched at the start of what remains, longest key first; a key is a division's
  full name (汉寿县) or its stem (汉寿), a stem of one character never counts alone;
- a stem shared by a prefecture and a county (湘潭市 / 湘潭县) means the prefecture: the county
  is left empty (a name that means the county writes 湘潭县 in full);
- a stem shared by counties of different prefectures (鼓楼区 in 南京 and 徐州), with no
  prefecture before it, gives no place: ambiguous, recorded;
- after a prefecture, one county of that prefecture may follow (湖南衡阳西渡 -> only 衡阳), also
  after words that are not places (延安市中国洛川 -> 洛川县);
- a sub-park named after a division, after its parent zone's name (张江高新区徐汇园 -> 徐汇区,
  海东工业园区乐都工业园 -> 乐都区, 成都高新综合保税区及双流园区 -> 双流区), is placed there when
  the name gives nothing finer: the division follows a zone-type word (data/vocab/
  name_suffixes.csv, full or short) and lies in the place named before it, if any;
- a name that gives nothing after a province prefix that is also a prefecture's stem
  (吉林经济技术开发区) means that prefecture.
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import eviltransform
import shapely
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry

# The 55 ethnic minorities as written in autonomous-area names (族 may follow).
_ETHNIC = (
    "蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|"
    "水|东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|"
    "乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺|各"
)
# The division suffix after a name: 自治州/县/旗 with the ethnic groups before it (族 may end
# the name itself: 鄂温克族自治旗), an ethnic district (管城回族区), 地区, 市, 县 …
SUFFIX = (
    rf"(?:(?:{_ETHNIC})族?)*族?自治(?:州|县|旗|区)|(?:(?:{_ETHNIC})族)+区|"
    r"地区|林区|特区|新区|矿区|市|县|区|旗|盟|省"
)
_STEM = re.compile(rf"^(.{{2,}}?)({SUFFIX})$")
MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
# Name beginnings that look like a place of the province but are not: skipped, and matching
# goes on after them.
NOT_PROVINCES = ("台湾省", "香港特别行政区", "澳门特别行政区")  # in the table, not in the catalogue
SEPARATORS = "—–－-·、（）()及"  # skipped between the places of a name's leading run
WORD_COLUMNS = ["word_zh", "province", "kind", "adcode", "division", "note", "source_url"]
WORD_KINDS = ("not_place", "host")
# How a zone was placed (Placement.rule), in the order the report lists them.
RULES = {
    "start": "the place at the start of the name (after the province)",
    "after_word": "the place after words that are not places of the province",
    "later": "a county after the prefecture, past words that are not places",
    "sub_park": "a sub-park named after a division, after its parent zone's name",
    "host": "an enclave's host (data/catalog_place_words.csv)",
}


class PlaceError(ValueError):
    """An input problem that must stop the build."""


def stem(name: str) -> str:
    """湖南省 -> 湖南, 汉寿县 -> 汉寿, 湘西土家族苗族自治州 -> 湘西, 鄂伦春自治旗 -> 鄂伦春,
    鄂温克族自治旗 -> 鄂温克, 管城回族区 -> 管城, 东乡族自治县 -> 东乡 (a county named after its
    people)."""
    match = _STEM.match(name)
    if not match:
        return name
    if match.group(2) == "林区" and len(match.group(1)) < 3:
        return name[:-1]  # 万柏林区 is 万柏林 + 区; 神农架林区 is a forestry district
    base = match.group(1)
    if base.endswith("族") and re.fullmatch(f"(?:{_ETHNIC})", base[:-1]):
        return base[:-1]
    return base


@dataclass(frozen=True)
class Division:
    adcode: str
    name: str
    level: str  # province, city, county
    province: str
    prefecture: str  # the prefecture-level city ('' for a county directly under the province)
    lon_gcj: float | None
    lat_gcj: float | None
    parent: str

    @property
    def has_point(self) -> bool:
        return self.lon_gcj is not None and self.lat_gcj is not None


@dataclass
class Placement:
    """What a zone's name gives: the divisions matched and the point used."""

    city: str = ""
    county: str = ""
    division: Division | None = None  # the most precise division named
    point_division: Division | None = None  # the division whose centre is used
    precision: str = "province"
    lat: float = 0.0
    lon: float = 0.0
    matched: list[str] = field(default_factory=list)  # the name's text consumed as places
    ambiguous: str = ""  # why a place was not taken
    province_prefix: str = ""
    rule: str = "start"  # which rule gave the place (RULES)
    skipped: list[str] = field(default_factory=list)  # words at the start that are not places
    host: PlaceWord | None = None  # the enclave's row, for rule host
    sub_park: str = ""  # the sub-park's part of the name, for rule sub_park

    @property
    def place_at_start(self) -> bool:
        """Whether the name begins (after its province) with a place: its short form then
        drops the province (湖南汉寿… -> 汉寿…), else keeps its stem (新疆生产建设兵团…)."""
        if not self.matched or self.skipped:
            return False
        return self.rule != "sub_park" or len(self.matched) > 1


@dataclass(frozen=True)
class PlaceWord:
    """A row of data/catalog_place_words.csv: a word that is not a place of the province
    (not_place), or an enclave's pair of places and its host division (host)."""

    word_zh: str
    province: str  # '' for every province
    kind: str
    division: Division | None  # the host
    note: str
    source_url: str


def _float(text: str) -> float | None:
    return float(text) if text.strip() else None


def load_divisions(path: Path) -> list[Division]:
    """adcode_2016.csv as divisions (placeholder rows such as 市辖区 dropped)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    names = {row["adcode"]: row for row in rows}
    divisions = []
    for row in rows:
        if row["virtual"] == "t":
            continue
        parent = names.get(row["parent_adcode"])
        prefecture = ""
        if row["level"] == "city":
            prefecture = row["name_zh"]
        elif row["level"] == "county" and parent is not None and parent["virtual"] != "t":
            prefecture = parent["name_zh"]
        elif row["level"] == "county" and row["province"] in MUNICIPALITIES:
            prefecture = row["province"]
        divisions.append(
            Division(
                adcode=row["adcode"],
                name=row["name_zh"],
                level=row["level"],
                province=row["province"],
                prefecture=prefecture,
                lon_gcj=_float(row["lon_gcj02"]),
                lat_gcj=_float(row["lat_gcj02"]),
                parent=row["parent_adcode"],
            )
        )
    return divisions


def to_wgs84(lat_gcj: float, lon_gcj: float) -> tuple[float, float]:
    """GCJ-02 -> WGS-84 with eviltransform's exact (iterative) inverse, rounded to 6 decimals."""
    lat, lon = eviltransform.gcj2wgs_exact(lat_gcj, lon_gcj)
    return round(lat, 6), round(lon, 6)


def load_place_words(path: Path, divisions: list[Division]) -> list[PlaceWord]:
    """data/catalog_place_words.csv, checked: a known kind and province, a host's adcode in the
    division table under the name written beside it, a note for every row and a source for
    every host."""
    by_adcode = {d.adcode: d for d in divisions}
    provinces = {d.name for d in divisions if d.level == "province"}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != WORD_COLUMNS:
            raise PlaceError(f"{path}: header must be {','.join(WORD_COLUMNS)}")
        rows = list(reader)
    words, seen = [], set()
    for line, row in enumerate(rows, start=2):
        where = f"{path} line {line}"
        if row["kind"] not in WORD_KINDS:
            raise PlaceError(f"{where} column kind: '{row['kind']}' is not one of {WORD_KINDS}")
        if row["province"] and row["province"] not in provinces:
            raise PlaceError(f"{where} column province: '{row['province']}' is not a province")
        if (row["word_zh"], row["province"]) in seen:
            raise PlaceError(f"{where} column word_zh: '{row['word_zh']}' is listed twice")
        seen.add((row["word_zh"], row["province"]))
        if not row["note"].strip():
            raise PlaceError(f"{where} column note: every row says why")
        division = None
        if row["kind"] == "host":
            division = by_adcode.get(row["adcode"])
            if division is None or division.name != row["division"]:
                raise PlaceError(
                    f"{where} column adcode: '{row['adcode']}' is not {row['division']} in the "
                    "division table"
                )
            if division.province != row["province"]:
                raise PlaceError(
                    f"{where} column adcode: {division.name} is not in {row['province']}"
                )
            if not row["source_url"].startswith(("http://", "https://")):
                raise PlaceError(f"{where} column source_url: a host needs its source")
        elif row["adcode"] or row["division"]:
            raise PlaceError(f"{where} column adcode: only a host names a division")
        words.append(
            PlaceWord(
                row["word_zh"],
                row["province"],
                row["kind"],
                division,
                row["note"],
                row["source_url"],
            )  # fmt: skip
        )
    return words


class Gazetteer:
    """The divisions of each province, indexed by full name and stem; the words that are not
    places and the enclaves' hosts (data/catalog_place_words.csv); the zone-type words after
    which a sub-park's place may follow (data/vocab/name_suffixes.csv)."""

    def __init__(
        self,
        divisions: list[Division],
        words: Sequence[PlaceWord] = (),
        zone_words: Sequence[str] = (),
    ):
        self.provinces = {d.name: d for d in divisions if d.level == "province"}
        self.by_adcode = {d.adcode: d for d in divisions}
        self.keys: dict[str, dict[str, list[Division]]] = {}
        for division in divisions:
            if division.level == "province":
                continue
            index = self.keys.setdefault(division.province, {})
            for key in {division.name, stem(division.name)}:
                if len(key) >= 2:
                    index.setdefault(key, []).append(division)
        self.lengths = {
            province: sorted({len(k) for k in index}, reverse=True)
            for province, index in self.keys.items()
        }
        self.words = sorted(words, key=lambda w: -len(w.word_zh))
        self.zone_words = tuple(sorted(set(zone_words), key=len, reverse=True))
        self.province_words = sorted(
            {w for name in self.provinces for w in (name, stem(name)) if len(w) >= 2},
            key=len,
            reverse=True,
        )

    def province_names(self) -> list[str]:
        return sorted(n for n in self.provinces if n not in NOT_PROVINCES)

    def prefix_candidates(
        self, province: str, text: str, within: str = ""
    ) -> tuple[str, list[Division]]:
        """Longest key at the start of `text` (counties of prefecture `within` only, if given)."""
        index = self.keys.get(province, {})
        for length in self.lengths.get(province, []):
            key = text[:length]
            if len(key) < length or key not in index:
                continue
            found = index[key]
            if within:
                found = [d for d in found if d.level == "county" and d.prefecture == within]
            if found:
                return key, found
        return "", []

    def strip_province(self, province: str, name: str) -> str:
        # A municipality's 市 may begin the rest of the name (上海市北工业园区: 市北 = city north).
        prefixes = (stem(province),) if province in MUNICIPALITIES else (province, stem(province))
        for prefix in prefixes:
            if name.startswith(prefix):
                return prefix
        return ""

    def word_at(self, province: str, text: str, kind: str) -> PlaceWord | None:
        """The longest word of the table of that kind (of the province, or of every province)
        at the start of `text`."""
        for word in self.words:
            if (
                word.kind == kind
                and word.province in ("", province)
                and text.startswith(word.word_zh)
            ):
                return word
        return None

    def skip_words(self, province: str, text: str, start: bool) -> tuple[str, list[str]]:
        """`text` after the words at its start that are not places of the province: words of
        kind not_place, separators, and (at the start of a name only) another province's name
        that is not also a key of this province (北京和田; but 海南 is a prefecture of 青海)."""
        skipped: list[str] = []
        while text:
            word = self.word_at(province, text, "not_place")
            other = ""
            if start and word is None:
                other = next((p for p in self.province_words if text.startswith(p)), "")
                key, _ = self.prefix_candidates(province, text)
                if other and (len(key) >= len(other) or province.startswith(other)):
                    other = ""
            if word is not None:
                skipped.append(word.word_zh)
                text = text[len(word.word_zh) :]
            elif other:
                skipped.append(other)
                text = text[len(other) :]
            elif text[0] in SEPARATORS:
                text = text[1:]
            else:
                break
        return text, skipped

    def locate(self, name: str, province: str) -> Placement:
        """The places a zone's name gives, by the rules in the module docstring."""
        placement = self._locate(name, province)
        if placement.rule == "start" and placement.skipped and placement.division is not None:
            placement.rule = "after_word"
        return placement

    def _locate(self, name: str, province: str) -> Placement:
        placement = Placement()
        prefix = self.strip_province(province, re.sub(r"（[^）]*）|\([^)]*\)", "", name))
        placement.province_prefix = prefix
        rest, skipped = self.skip_words(province, name[len(prefix) :], start=True)
        placement.skipped = skipped
        # A bracket right after the skipped words holds the place (中德（沈阳）…); any other is
        # left out, as it always was.
        rest = re.sub(r"（[^）]*）|\([^)]*\)", "", rest)
        host = self.word_at(province, rest, "host")
        if host is not None and host.division is not None:
            placement.matched.append(host.word_zh)
            placement.rule, placement.host = "host", host
            county = host.division if host.division.level == "county" else None
            city = self._prefecture_of(county) if county is not None else host.division
            self._set(placement, province, city, county=county)
            return placement
        key, found = self.prefix_candidates(province, rest)
        if not found and prefix and not skipped:
            # 吉林经济技术开发区: the province's stem is also a prefecture's stem.
            same = [
                d for d in self.keys.get(province, {}).get(stem(province), []) if d.level == "city"
            ]
            if len(same) == 1:
                placement.matched.append(prefix)
                self._set(placement, province, same[0], county=None)
                return placement
        if not found:
            return self._sub_park(placement, province, rest, within=None)
        cities = [d for d in found if d.level == "city"]
        if cities:
            if len(cities) > 1:
                placement.ambiguous = f"{key} names " + "/".join(d.name for d in found)
                return self._finish(placement, province)
            if len(found) > 1:
                others = "/".join(d.name for d in found if d.level != "city")
                placement.ambiguous = (
                    f"{key} names both {cities[0].name} and {others}: read as the prefecture"
                )
            city = cities[0]
            placement.matched.append(key)
            rest = rest[len(key) :]
            key2, counties = self.prefix_candidates(province, rest, within=city.name)
            if len(counties) != 1:
                later, _ = self.skip_words(province, rest, start=False)
                key2, counties = self.prefix_candidates(province, later, within=city.name)
                if len(counties) == 1 and later != rest:
                    placement.rule = "later"
                    rest = later
            if len(counties) == 1:
                placement.matched.append(key2)
                self._set(placement, province, city, county=counties[0])
                return placement
            self._set(placement, province, city, county=None)
            return self._sub_park(placement, province, rest, within=city)
        if len(found) == 1:
            placement.matched.append(key)
            self._set(placement, province, self._prefecture_of(found[0]), county=found[0])
            return placement
        prefectures = {d.prefecture for d in found}
        names = "/".join(f"{d.prefecture}{d.name}" for d in found)
        if len(prefectures) == 1 and "" not in prefectures:
            placement.ambiguous = f"{key} names {names}: only the prefecture is certain"
            placement.matched.append(key)
            self._set(placement, province, self._prefecture_of(found[0]), county=None)
            return placement
        placement.ambiguous = f"{key} names {names}: no single place"
        return self._finish(placement, province)

    def _sub_park(
        self, placement: Placement, province: str, rest: str, within: Division | None
    ) -> Placement:
        """A sub-park named after a division: after the first zone-type word of `rest`, each
        part (split at 及 and 、) may begin with a division, a county of `within` if a
        prefecture was named (or of the municipality), else one division of the province."""
        if within is None and province in MUNICIPALITIES:
            within = self.provinces[province]
        found_at = [(rest.find(w), w) for w in self.zone_words if w in rest]
        if not found_at:
            return self._finish(placement, province)
        index, word = min(found_at, key=lambda item: (item[0], -len(item[1])))
        for part in re.split("[及、]", rest[index + len(word) :]):
            part, _ = self.skip_words(province, part, start=False)
            key, found = self.prefix_candidates(province, part)
            if within is not None:
                found = [d for d in found if d.level == "county" and d.prefecture in (within.name,)]
            if len(found) != 1:
                continue
            division = found[0]
            placement.matched.append(key)
            placement.rule, placement.sub_park = "sub_park", part
            if division.level == "city":
                self._set(placement, province, division, county=None)
            else:
                self._set(placement, province, self._prefecture_of(division), county=division)
            return placement
        return self._finish(placement, province)

    def _prefecture_of(self, county: Division) -> Division | None:
        parent = self.by_adcode.get(county.parent)
        if parent is not None and parent.level == "city":
            return parent
        return None

    def _set(
        self,
        placement: Placement,
        province: str,
        city: Division | None,
        county: Division | None,
    ) -> None:
        if province in MUNICIPALITIES:
            placement.city = province
        elif city is not None:
            placement.city = city.name
        if county is not None:
            placement.county = county.name
        placement.division = county or city
        self._finish(placement, province)

    def _finish(self, placement: Placement, province: str) -> Placement:
        """Choose the point: the most precise division named that has a centre."""
        chain: list[Division] = []
        division = placement.division
        while division is not None and division.level != "province":
            chain.append(division)
            division = self.by_adcode.get(division.parent)
        chain.append(self.provinces[province])
        for candidate in chain:
            if candidate.has_point:
                placement.point_division = candidate
                break
        point = placement.point_division
        assert point is not None and point.lat_gcj is not None and point.lon_gcj is not None
        placement.lat, placement.lon = to_wgs84(point.lat_gcj, point.lon_gcj)
        placement.precision = precision_of(point, province)
        return placement


def precision_of(division: Division, province: str) -> str:
    """county_seat (县, 县级市, 旗, 林区, 特区), district (区), city, province."""
    if division.level == "province":
        return "city" if province in MUNICIPALITIES else "province"
    if division.level == "city":
        return "city"
    if division.name.endswith("区") and not division.name.endswith(("林区", "特区")):
        return "district"
    return "county_seat"


class ProvinceCheck:
    """Is a point inside its province? Outline (with a tolerance) where data/boundaries has the
    province, else the box around the province's own adcode centres (with a margin)."""

    OUTLINE_TOLERANCE_DEG = 0.02  # about 2 km: the outlines are simplified (see their README)
    BOX_MARGIN_DEG = 0.25

    def __init__(self, geojson: dict, divisions: list[Division]):
        self.shapes: dict[str, BaseGeometry] = {}
        for feature in geojson["features"]:
            geometry = shape(feature["geometry"]).buffer(self.OUTLINE_TOLERANCE_DEG)
            shapely.prepare(geometry)
            self.shapes[feature["properties"]["name_zh"]] = geometry
        self.boxes: dict[str, tuple[float, float, float, float]] = {}
        for division in divisions:
            if not division.has_point:
                continue
            assert division.lat_gcj is not None and division.lon_gcj is not None
            lat, lon = to_wgs84(division.lat_gcj, division.lon_gcj)
            box = self.boxes.get(division.province, (lat, lat, lon, lon))
            self.boxes[division.province] = (
                min(box[0], lat),
                max(box[1], lat),
                min(box[2], lon),
                max(box[3], lon),
            )

    def method(self, province: str) -> str:
        return "outline" if province in self.shapes else "box"

    def inside(self, province: str, lat: float, lon: float) -> bool:
        if math.isnan(lat) or math.isnan(lon):
            return False
        if province in self.shapes:
            return bool(self.shapes[province].intersects(Point(lon, lat)))
        south, north, west, east = self.boxes[province]
        margin = self.BOX_MARGIN_DEG
        return south - margin <= lat <= north + margin and west - margin <= lon <= east + margin
