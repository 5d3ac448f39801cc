"""Build data/catalog/ from China's 2018 development-zone catalogue.

    python -m parkdata.curate.catalog --reference ../shared/reference --out data/catalog

Reads catalog_2018.csv, gbt37028_2018.csv and adcode_2016.csv from the reference folder and
the curated tables in data/ (name suffixes and words, zone types, sector keywords, sources, the
curated level changes); writes parks.csv, level_changes.csv (the approval dates the catalogue
lists), events.csv (none: the catalogue dates approvals only), indicators.csv, industries.csv
and REPORT.md. Levels after the catalogue are not applied here: they are rows of the curated
data/level_changes.csv, and the build checks that every zone GB/T 37028-2018 lists as a national
high-tech zone while the catalogue lists it as provincial has its upgrade there.

The same input gives byte-identical files: rows sorted by id,
fixed number formats, UTF-8 without BOM, "\\n" line ends. Bad input stops the build with a
message naming the file, row and column.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pandas as pd

from parkdata.curate import kind_checks, place_check, seats
from parkdata.curate.catalog_names import Namer, load_place_names, load_suffixes, load_words
from parkdata.curate.catalog_places import (
    MUNICIPALITIES,
    RULES,
    Division,
    Gazetteer,
    PlaceError,
    Placement,
    ProvinceCheck,
    load_divisions,
    load_place_words,
    stem,
)
from parkdata.curate.catalog_report import render_report
from parkdata.curate.name_checks import (
    Checker,
    counties_without_english,
    place_counts,
    renamed_not_found,
    zone_counts,
)
from parkdata.curate.places import (
    COUNTY_COLUMNS,
    PREFECTURE_COLUMNS,
    PROVINCE_COLUMNS,
    county_rows,
    place_rows,
)

PARK_COLUMNS = [
    "park_id", "name_zh", "name_en", "name_en_generated", "short_name_zh", "province", "city",
    "county", "lat", "lon", "location_precision", "location_source_id", "location_note",
    "zone_type", "parent_id", "catalog_code", "notes_en",
]  # fmt: skip
EVENT_COLUMNS = [
    "event_id", "park_id", "region", "date", "event", "description_zh", "description_en",
    "source_id", "evidence", "date_evidence",
]  # fmt: skip
CHANGE_COLUMNS = [
    "change_id", "park_id", "date", "change", "level_before", "level_after", "zone_type_after",
    "name_after", "name_en_after", "document", "description_zh", "description_en", "source_id",
    "evidence", "corroborating_source_id", "corroborating_evidence", "confidence", "notes_en",
]  # fmt: skip
INDICATOR_COLUMNS = [
    "fact_id", "park_id", "region", "indicator", "year", "value", "value_max", "qualifier",
    "unit", "kind", "target_year", "period", "description_en", "source_id", "evidence",
]  # fmt: skip
INDUSTRY_COLUMNS = [
    "industry_id", "park_id", "region", "industry_zh", "industry_en", "sector", "role", "year",
    "companies_zh", "source_id", "evidence",
]  # fmt: skip
CATALOG_COLUMNS = [
    "level_section", "seq", "code", "name_zh", "province", "approved_by", "zone_type_zh",
    "approved", "area_ha", "leading_industries_zh",
]  # fmt: skip

CATALOG_SOURCE = "cat_2018"
ADCODE_SOURCE = "adcode_2016"
GBT_SOURCE = "ref_gbt37028"
CATALOG_AS_OF = "2018-03"
CATALOG_YEAR = 2018
FIRST_YEAR, LAST_YEAR = 1984, 2018
EVIDENCE_MAX = 40

# Codes the catalogue repeats on purpose-free slips: code -> names in catalogue order. The first
# keeps the plain id, the later ones get "-b", "-c" …; any other repeated code stops the build.
REPEATED_CODES = {"S377018": ("山东淄川经济开发区", "山东临淄经济开发区")}
# Typos in the catalogue's names fixed in name_zh (noted in notes_en): code -> (wrong, right).
NAME_FIXES = {"G372026": ("湽博", "淄博")}
UNDER_CONSTRUCTION = "在建"

PRECISION_EN = {
    "county_seat": "county seat",
    "district": "district seat",
    "city": "city centre",
    "province": "province centre",
}


class CatalogError(ValueError):
    """Bad input: the message names the file, the row and the column."""


@dataclass
class Zone:
    row: dict[str, str]
    line: int
    park_id: str
    name_zh: str
    notes: list[str] = field(default_factory=list)
    placement: Placement | None = None
    changes: list[dict[str, str]] = field(default_factory=list)
    zone_type: str = ""


# -- reading ----------------------------------------------------------------------------------


def read_table(path: Path, columns: list[str] | None = None) -> list[tuple[int, dict[str, str]]]:
    """Rows with their line numbers; the header must be `columns` when given."""
    if not path.exists():
        raise CatalogError(f"{path}: file not found")
    text = path.read_text(encoding="utf-8-sig")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if columns is not None and reader.fieldnames != columns:
        raise CatalogError(f"{path}: header must be {','.join(columns)}; found {reader.fieldnames}")
    rows = []
    for row in reader:
        if None in row or any(value is None for value in row.values()):
            raise CatalogError(f"{path} line {reader.line_num}: wrong number of fields")
        rows.append((reader.line_num, row))
    return rows


def parse_approved(text: str, where: str) -> list[str]:
    """'2012.08' -> ['2012-08']; '2000.04/2002.12' -> two dates; anything else stops the build."""
    dates = []
    for part in text.split("/"):
        match = re.fullmatch(r"(\d{4})\.(0[1-9]|1[0-2])", part.strip())
        if not match:
            raise CatalogError(f"{where} column approved: '{text}' is not YYYY.MM (or two joined)")
        year = int(match.group(1))
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise CatalogError(
                f"{where} column approved: {part.strip()} lies outside {FIRST_YEAR}-{LAST_YEAR}"
            )
        dates.append(f"{match.group(1)}-{match.group(2)}")
    return dates


def number_text(text: str, where: str) -> str:
    """A decimal written without exponent or trailing zeros: '600.0' -> '600'."""
    try:
        value = Decimal(text)
    except InvalidOperation as error:
        raise CatalogError(f"{where}: '{text}' is not a number") from error
    if value <= 0:
        raise CatalogError(f"{where}: '{text}' must be positive")
    out = format(value.normalize(), "f")
    return out


def evidence(code: str, cell: str) -> str:
    text = f"{code} {cell}"
    if len(text) > EVIDENCE_MAX:
        raise CatalogError(f"evidence '{text}' is longer than {EVIDENCE_MAX} characters")
    return text


def term_evidence(code: str, cell: str, index: int) -> str:
    """The code and the longest run of whole terms of the cell (cut at 、) that keeps term
    `index` and fits in 40 characters, taken from the start of the cell where it can be."""
    terms = cell.split("、")
    room = EVIDENCE_MAX - len(code) - 1
    for start in range(0, index + 1):
        for end in range(len(terms), index, -1):
            piece = "、".join(terms[start:end])
            if len(piece) <= room:
                return f"{code} {piece}"
    raise CatalogError(f"{code}: industry term '{terms[index]}' does not fit in an evidence")


# -- the build --------------------------------------------------------------------------------


GLOSSARY_COLUMNS = ["term_zh", "term_en", "basis", "dictionary_gloss", "note"]


@dataclass
class Inputs:
    catalogue: list[tuple[int, dict[str, str]]]
    gbt: list[tuple[int, dict[str, str]]]
    sources: dict[str, dict[str, str]]
    zone_types: dict[str, dict[str, str]]  # catalogue type -> its row (no name_suffix)
    type_by_suffix: list[dict[str, str]]  # rows that type a catalogue type's names by ending
    keywords: list[dict[str, str]]
    glossary: dict[str, str]  # industry term -> its reviewed English (vocab/industry_terms.csv)
    sectors: set[str]
    changes: list[tuple[int, dict[str, str]]]  # the curated level changes (data/level_changes.csv)
    gazetteer: Gazetteer
    divisions: list[Division]
    check: ProvinceCheck
    namer: Namer
    paths: dict[str, Path]


def load_inputs(reference: Path, data: Path) -> Inputs:
    paths = {
        "catalogue": reference / "catalog_2018.csv",
        "gbt": reference / "gbt37028_2018.csv",
        "adcode": reference / "adcode_2016.csv",
        "sources": data / "sources.csv",
        "zone_types": data / "catalog_zone_types.csv",
        "keywords": data / "sector_keywords.csv",
        "sectors": data / "vocab" / "sectors.csv",
        "glossary": data / "vocab" / "industry_terms.csv",
        "changes": data / "level_changes.csv",
        "suffixes": data / "vocab" / "name_suffixes.csv",
        "words": data / "catalog_name_words.csv",
        "place_names": data / "catalog_place_names.csv",
        "curated_parks": data / "parks.csv",
        "national_parks": data / "national" / "parks.csv",
        "place_words": data / "catalog_place_words.csv",
        "provinces": data / "boundaries" / "provinces.geojson",
    }
    for path in paths.values():
        if not path.exists():
            raise CatalogError(f"{path}: file not found")
    divisions = load_divisions(paths["adcode"])
    suffixes = load_suffixes(paths["suffixes"])
    try:
        place_words = load_place_words(paths["place_words"], divisions)
    except PlaceError as error:
        raise CatalogError(str(error)) from error
    zone_words = [s.suffix_zh for s in suffixes] + [s.short_zh for s in suffixes]
    gazetteer = Gazetteer(divisions, place_words, zone_words)
    geojson = json.loads(paths["provinces"].read_text(encoding="utf-8"))
    sources = {row["source_id"]: row for _, row in read_table(paths["sources"])}
    for needed in (CATALOG_SOURCE, ADCODE_SOURCE, GBT_SOURCE):
        if needed not in sources:
            raise CatalogError(f"{paths['sources']}: source row '{needed}' is missing")
    keywords = [
        row for _, row in read_table(paths["keywords"], ["keyword", "sector", "industry_en"])
    ]
    sectors = {row["sector"] for _, row in read_table(paths["sectors"])}
    for number, row in enumerate(keywords, start=2):
        if row["sector"] and row["sector"] not in sectors:
            raise CatalogError(
                f"{paths['keywords']} line {number} column sector: '{row['sector']}' is not "
                f"in {paths['sectors']}"
            )
    type_rows = read_table(
        paths["zone_types"],
        ["zone_type_zh", "zone_type", "label_zh", "label_en", "note", "name_suffix"],
    )
    zone_types = {row["zone_type_zh"]: row for _, row in type_rows if not row["name_suffix"]}
    type_by_suffix = [row for _, row in type_rows if row["name_suffix"]]
    return Inputs(
        catalogue=read_table(paths["catalogue"], CATALOG_COLUMNS),
        gbt=read_table(paths["gbt"], ["code", "province", "class", "class_name_zh", "name_zh"]),
        sources=sources,
        zone_types=zone_types,
        type_by_suffix=type_by_suffix,
        keywords=keywords,
        glossary={
            row["term_zh"]: row["term_en"]
            for _, row in read_table(paths["glossary"], GLOSSARY_COLUMNS)
        },
        sectors=sectors,
        changes=read_table(paths["changes"]),
        gazetteer=gazetteer,
        divisions=divisions,
        check=ProvinceCheck(geojson, divisions),
        namer=Namer(
            gazetteer, suffixes, load_words(paths["words"]), load_place_names(paths["place_names"])
        ),
        paths=paths,
    )


def make_zones(inputs: Inputs) -> list[Zone]:
    """One zone per catalogue row, with its id; checks codes, provinces, sections and dates."""
    path = inputs.paths["catalogue"]
    provinces = set(inputs.gazetteer.province_names())
    by_code: dict[str, list[tuple[int, dict[str, str]]]] = {}
    for line, row in inputs.catalogue:
        by_code.setdefault(row["code"], []).append((line, row))
    zones = []
    for line, row in inputs.catalogue:
        where = f"{path} line {line}"
        if row["province"] not in provinces:
            raise CatalogError(
                f"{where} column province: '{row['province']}' is not one of the 31 "
                f"province-level divisions of {inputs.paths['adcode'].name}"
            )
        if row["level_section"] not in ("national", "provincial"):
            raise CatalogError(f"{where} column level_section: '{row['level_section']}'")
        if not re.fullmatch(r"[GS]\d{6}", row["code"]):
            raise CatalogError(f"{where} column code: '{row['code']}' is not G/S and 6 digits")
        if (row["code"][0] == "G") != (row["level_section"] == "national"):
            raise CatalogError(f"{where} column code: '{row['code']}' is not of its section")
        if row["zone_type_zh"] not in inputs.zone_types:
            raise CatalogError(
                f"{where} column zone_type_zh: '{row['zone_type_zh']}' is not in "
                f"{inputs.paths['zone_types']}"
            )
        parse_approved(row["approved"], where)
        number_text(row["area_ha"], f"{where} column area_ha")
        same = by_code[row["code"]]
        park_id = row["code"].lower()
        notes = []
        if len(same) > 1:
            names = tuple(r["name_zh"] for _, r in same)
            if REPEATED_CODES.get(row["code"]) != names:
                listed = "; ".join(f"line {n}: {r['name_zh']}" for n, r in same)
                raise CatalogError(
                    f"{path} column code: '{row['code']}' is repeated ({listed}); only the "
                    f"documented allow-list {sorted(REPEATED_CODES)} may repeat"
                )
            position = [n for n, _ in same].index(line)
            others = [r["name_zh"] for n, r in same if n != line]
            if position:
                park_id += "-" + "abcdefgh"[position]
            notes.append(
                f"The catalogue gives this zone the same code {row['code']} as "
                f"{'、'.join(others)} (likely a slip in the catalogue or its transcription); "
                + (
                    f"its id carries the suffix -{'abcdefgh'[position]}."
                    if position
                    else "this zone, listed first, keeps the plain id."
                )
            )
        name = row["name_zh"]
        if row["code"] in NAME_FIXES and NAME_FIXES[row["code"]][0] in name:
            wrong, right = NAME_FIXES[row["code"]]
            name = name.replace(wrong, right)
            notes.append(
                f"The catalogue transcription writes {row['name_zh']}: {wrong} is a typo of "
                f"{right}, fixed in name_zh (GB/T 37028-2018 writes {name})."
            )
        zones.append(Zone(row=row, line=line, park_id=park_id, name_zh=name, notes=notes))
    return zones


def catalogue_changes(zone: Zone) -> None:
    """The approval dates the catalogue lists for the zone, one level change each: for a national
    zone the date it was approved or upgraded to national level, for a provincial one the
    province's approval. The catalogue does not say which, nor the level before."""
    row = zone.row
    national = row["level_section"] == "national"
    dates = parse_approved(row["approved"], "")
    for number, date in enumerate(dates, start=1):
        if len(dates) == 1:
            zh = (
                "国务院批准设立或升级为国家级（目录所列批准时间）"
                if national
                else ("省政府批准设立（目录所列批准时间）")
            )
            en = (
                "Approved, or upgraded to national level, by the State Council (date as listed "
                "in the 2018 catalogue)"
                if national
                else "Approved by the provincial government (date as listed in the 2018 catalogue)"
            )
        else:
            which_zh = ["第一次", "第二次", "第三次"][number - 1]
            which_en = ["first", "second", "third"][number - 1]
            zh = f"{'国务院' if national else '省政府'}{which_zh}批准（目录列两个批准时间）"
            en = (
                f"The {which_en} of the {len(dates)} approvals the 2018 catalogue lists for this "
                f"zone (by the {'State Council' if national else 'provincial government'})"
            )
        zone.changes.append(
            {
                "date": date,
                "change": "approved",
                "level_after": "national" if national else "provincial",
                "description_zh": zh,
                "description_en": en,
                "source_id": CATALOG_SOURCE,
                "evidence": evidence(row["code"], row["approved"]),
                "confidence": "official",
            }
        )
    if len(dates) > 1:
        zone.notes.append(
            f"The catalogue gives two approval dates ({row['approved']}), one for each approval "
            "of the zone's parts; each is a level change."
        )


def _name_key(name: str, province: str) -> str:
    for prefix in (province, stem(province)):
        if name.startswith(prefix):
            name = name[len(prefix) :]
            break
    return re.sub(r"(高新技术产业开发区|高新技术产业园区|经济开发区)$", "", name)


@dataclass
class Upgrade:
    zone: Zone
    gbt_code: str
    gbt_name: str
    exact: bool


def gbt_upgrades(inputs: Inputs, zones: list[Zone]) -> list[Upgrade]:
    """National high-tech zones (class 103) of GB/T 37028-2018 that the catalogue lists as
    provincial, matched by name (province prefix and type ending aside); each must be upgraded
    by a row of data/level_changes.csv (the standard is a cross-check, not the source of the
    upgrade: the State Council's replies are)."""
    national = {z.name_zh for z in zones if z.row["level_section"] == "national"}
    upgraded = {
        row["park_id"]
        for _, row in inputs.changes
        if row["change"] == "upgraded" and row["level_after"] == "national"
    }
    upgrades = []
    for line, row in inputs.gbt:
        if row["class"] != "103" or row["name_zh"] in national:
            continue
        key = _name_key(row["name_zh"], row["province"])
        found = [
            z
            for z in zones
            if z.row["level_section"] == "provincial"
            and z.row["province"] == row["province"]
            and _name_key(z.name_zh, z.row["province"]) == key
        ]
        exact = [z for z in found if z.name_zh == row["name_zh"]]
        high_tech = [z for z in found if z.row["zone_type_zh"] == "高新技术产业开发区"]
        found = exact or (high_tech if len(found) > 1 else found)
        if len(found) != 1:
            names = ", ".join(z.name_zh for z in found) or "none"
            raise CatalogError(
                f"{inputs.paths['gbt']} line {line}: national high-tech zone {row['name_zh']} "
                f"is not in the catalogue's national section and matches {names} among its "
                "provincial zones (exactly one expected)"
            )
        zone = found[0]
        if zone.park_id not in upgraded:
            raise CatalogError(
                f"{inputs.paths['gbt']} line {line}: GB/T 37028-2018 lists {row['name_zh']} as a "
                f"national high-tech zone; {inputs.paths['changes']} has no upgrade of "
                f"{zone.park_id} ({zone.name_zh}) to national level: add its row"
            )
        upgrades.append(Upgrade(zone, row["code"], row["name_zh"], zone.name_zh == row["name_zh"]))
        zone.notes.append(
            f"GB/T 37028-2018 (December 2018) lists it as a national high-tech zone, code "
            f"{row['code']}"
            + ("" if zone.name_zh == row["name_zh"] else f", under the name {row['name_zh']}")
            + "."
        )
    return upgrades


# -- industries ---------------------------------------------------------------------------------


@dataclass
class SectorMatch:
    sector: str
    industry_en: str
    keyword: str
    tie: bool


def match_sector(term: str, keywords: list[dict[str, str]]) -> SectorMatch:
    """Longest keyword contained in the term; a tie between keywords of one length that give
    different sectors leaves the sector empty (never guessed). A keyword with an empty sector
    counts only when it is the whole term: a term deliberately left without a sector."""
    best: list[dict[str, str]] = []
    for row in keywords:
        if not row["sector"] and row["keyword"] != term:
            continue  # a keyword without a sector only names a whole term (加工制造)
        if row["keyword"] in term:
            if not best or len(row["keyword"]) > len(best[0]["keyword"]):
                best = [row]
            elif len(row["keyword"]) == len(best[0]["keyword"]):
                best.append(row)
    if not best:
        return SectorMatch("", "", "", False)
    sectors = {row["sector"] for row in best}
    exact = [row for row in best if row["keyword"] == term]
    english = exact[0]["industry_en"] if exact else ""
    if len(sectors) > 1:
        return SectorMatch("", english, "/".join(sorted(r["keyword"] for r in best)), True)
    return SectorMatch(best[0]["sector"], english, best[0]["keyword"], False)


# -- output -------------------------------------------------------------------------------------


def write_csv(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: row.get(c, "") for c in columns})
    path.write_bytes(buffer.getvalue().encode("utf-8"))


def _rule_note(placement: Placement, province: str) -> str:
    """Why the place is not the name's first word, where it is not."""
    named = placement.division
    if named is None:
        return ""
    if placement.rule == "host" and placement.host is not None:
        host = placement.host
        return (
            f". {host.word_zh} is an enclave: placed at its host {named.name}, not its partner "
            f"({host.note}; {host.source_url})"
        )
    text = ""
    if placement.skipped:
        words = "、".join(placement.skipped)
        text += f". The name's leading {words} is not a place of {province}: placed by what follows"
    if placement.rule == "later":
        text += f". The name gives {named.name} after its prefecture"
    elif placement.rule == "sub_park":
        text += f". A sub-park named after {named.name} ({placement.sub_park}): placed at its seat"
    return text


def location_note(zone: Zone, namer: Namer) -> str:
    placement = zone.placement
    assert placement is not None and placement.point_division is not None
    point = placement.point_division
    named = placement.division
    where = namer.place_en(point.name, point.province)
    if placement.precision in ("county_seat", "district"):
        text = f"{namer.county_en(point.name, point.province)[0]} seat"  # Leizhou City seat
    elif placement.precision == "city" and point.level == "province":
        text = f"{where} municipal centre"
    elif placement.precision == "city":
        text = f"{where} prefecture seat"
    else:
        text = f"{where} province centre point (at the provincial capital)"
    text += " (adcode centre, GCJ-02 converted to WGS-84); the zone's own position is not known"
    if named is not None and named is not point:
        text += f". The name gives {named.name}, which has no centre point in the adcode table"
    elif named is None and placement.precision == "province":
        text += ". The name gives no place below the province"
    text += _rule_note(placement, zone.row["province"])
    if placement.ambiguous:
        text += f". Place in the name: {placement.ambiguous}"
    return text + "."


def zone_type_of(inputs: Inputs, zone_type_zh: str, name_zh: str) -> str:
    """The zone_type of a catalogue zone: its catalogue type's, unless a row of
    catalog_zone_types.csv for that type gives a name ending the name has (产业集聚区)."""
    main = re.sub(r"（[^）]*）|\([^)]*\)", "", name_zh)
    for row in inputs.type_by_suffix:
        if row["zone_type_zh"] == zone_type_zh and main.endswith(row["name_suffix"]):
            return row["zone_type"]
    return inputs.zone_types[zone_type_zh]["zone_type"]


def build(
    reference: Path, out: Path, data: Path, vocab_out: Path | None = None
) -> dict[str, object]:
    """Run the build; returns the figures written into REPORT.md. The place vocabularies go to
    `vocab_out` (default: data/vocab)."""
    inputs = load_inputs(reference, data)
    zones = make_zones(inputs)
    for zone in zones:
        row = zone.row
        zone.zone_type = zone_type_of(inputs, row["zone_type_zh"], zone.name_zh)
        if row["zone_type_zh"] == "其他类型开发区":
            zone.notes.append("Catalogue type 其他类型开发区 (other type of development zone).")
        catalogue_changes(zone)
    upgrades = gbt_upgrades(inputs, zones)
    ids = {z.park_id for z in zones}
    later = [row for _, row in inputs.changes if row["park_id"] in ids]
    parks: list[dict[str, str]] = []
    events: list[dict[str, str]] = []
    changes: list[dict[str, str]] = []
    indicators: list[dict[str, str]] = []
    industries: list[dict[str, str]] = []
    sector_stats: Counter[str] = Counter()
    term_rows: list[tuple[str, str, SectorMatch]] = []
    outside = []
    for zone in zones:
        row = zone.row
        placement = inputs.gazetteer.locate(zone.name_zh, row["province"])
        zone.placement = placement
        if not inputs.check.inside(row["province"], placement.lat, placement.lon):
            outside.append(f"{row['code']} {zone.name_zh} ({placement.lat}, {placement.lon})")
        cell = row["leading_industries_zh"]
        terms = [t.strip() for t in cell.split("、")]
        kept = 0
        for index, term in enumerate(terms):
            if not term:
                raise CatalogError(
                    f"{inputs.paths['catalogue']} line {zone.line} column "
                    f"leading_industries_zh: empty term in '{cell}'"
                )
            if term == UNDER_CONSTRUCTION:
                zone.notes.append(
                    "The catalogue's leading industries read 在建 (under construction): "
                    "no industry is recorded."
                )
                continue
            clean = term.rstrip(".")
            if clean != term:
                zone.notes.append(
                    f"The catalogue's industry cell reads '{cell}': the stray '.' after "
                    f"{clean} is dropped from industry_zh."
                )
            found = match_sector(clean, inputs.keywords)
            term_rows.append((row["code"], clean, found))
            kept += 1
            industries.append(
                {
                    "industry_id": f"{zone.park_id}-n{kept:02d}",
                    "park_id": zone.park_id,
                    "industry_zh": clean,
                    # the reviewed glossary's English; a term it lacks is named by validation
                    "industry_en": inputs.glossary.get(clean, found.industry_en),
                    "sector": found.sector,
                    "role": "leading",
                    "year": str(CATALOG_YEAR),
                    "source_id": CATALOG_SOURCE,
                    "evidence": term_evidence(row["code"], cell, index),
                }
            )
            sector_stats[found.sector] += 1
        indicators.append(
            {
                "fact_id": f"{zone.park_id}-i01",
                "park_id": zone.park_id,
                "indicator": "approved_area",
                "year": str(CATALOG_YEAR),
                "value": number_text(row["area_ha"], ""),
                "qualifier": "exact",
                "unit": "hectare",
                "kind": "actual",
                "description_en": "Approved area as listed in the 2018 catalogue",
                "source_id": CATALOG_SOURCE,
                "evidence": evidence(row["code"], row["area_ha"]),
            }
        )
        for number, change in enumerate(zone.changes, start=1):
            changes.append({"change_id": f"{zone.park_id}-c{number:02d}",
                            "park_id": zone.park_id, **change})  # fmt: skip
        parks.append(
            {
                "park_id": zone.park_id,
                "name_zh": zone.name_zh,
                "name_en": inputs.namer.english(zone.name_zh, row["province"]),
                "name_en_generated": "true",
                "short_name_zh": inputs.namer.short(
                    zone.name_zh, placement.province_prefix, placement.place_at_start
                ),
                "province": row["province"],
                "city": placement.city
                or (row["province"] if row["province"] in MUNICIPALITIES else ""),
                "county": placement.county,
                "lat": f"{placement.lat:.6f}",
                "lon": f"{placement.lon:.6f}",
                "location_precision": placement.precision,
                "location_source_id": ADCODE_SOURCE,
                "location_note": location_note(zone, inputs.namer),
                "zone_type": zone.zone_type,
                "catalog_code": row["code"],
                "notes_en": " ".join(dict.fromkeys(zone.notes)),
            }
        )
    if outside:
        raise CatalogError(
            "points outside their province (check the place match): " + "; ".join(outside)
        )
    park_ids = [p["park_id"] for p in parks]
    if len(set(park_ids)) != len(park_ids):
        raise CatalogError("park ids are not unique")
    out.mkdir(parents=True, exist_ok=True)
    write_csv(out / "parks.csv", PARK_COLUMNS, sorted(parks, key=lambda r: r["park_id"]))
    write_csv(out / "events.csv", EVENT_COLUMNS, sorted(events, key=lambda r: r["event_id"]))
    write_csv(
        out / "level_changes.csv", CHANGE_COLUMNS, sorted(changes, key=lambda r: r["change_id"])
    )
    write_csv(
        out / "indicators.csv", INDICATOR_COLUMNS, sorted(indicators, key=lambda r: r["fact_id"])
    )
    write_csv(
        out / "industries.csv",
        INDUSTRY_COLUMNS,
        sorted(industries, key=lambda r: r["industry_id"]),
    )
    provinces, prefectures = place_rows(inputs.divisions, inputs.namer)
    vocab_out = vocab_out or data / "vocab"
    vocab_out.mkdir(parents=True, exist_ok=True)
    write_csv(vocab_out / "provinces.csv", PROVINCE_COLUMNS, provinces)
    write_csv(vocab_out / "prefectures.csv", PREFECTURE_COLUMNS, prefectures)
    named = [row for key in ("curated_parks", "national_parks")
             for _, row in read_table(inputs.paths[key])]  # fmt: skip
    counties = county_rows(inputs.divisions, inputs.namer, [*parks, *named])
    write_csv(vocab_out / "counties.csv", COUNTY_COLUMNS, counties)
    figures = report_figures(inputs, zones, parks, changes, upgrades, later, term_rows)
    figures["names"] = name_figures(inputs, parks, [provinces, prefectures, counties])
    figures["places"] = {
        "provinces": len(provinces),
        "prefectures": len(prefectures),
        "counties": len(counties),
        "counties_later": sum(1 for row in counties if not row["adcode"]),
        "county_basis": dict(Counter(row["basis"] for row in counties)),
    }
    figures["placement"] = placement_figures(inputs, zones, parks, data)
    articles = reference.parent / "articles"
    figures["kinds"] = kind_checks.kind_figures(data, articles if articles.is_dir() else None)
    (out / "REPORT.md").write_bytes(render_report(figures).encode("utf-8"))
    return figures


def _frame(rows: list[dict[str, str]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows).astype("string")
    return frame.mask(frame == "")


def name_figures(
    inputs: Inputs, parks: list[dict[str, str]], places: list[list[dict[str, str]]]
) -> dict[str, object]:
    """The names a reader would not use (parkdata.curate.name_checks), after this build: in
    the zone tables (the catalogue's and the curated ones), the place labels, the renamed
    zones and the zones' counties."""
    checker = Checker(inputs.namer)
    curated = [_frame([r for _, r in read_table(inputs.paths[k])])
               for k in ("curated_parks", "national_parks")]  # fmt: skip
    zones = [_frame(parks), *curated]
    provinces, prefectures, counties = (_frame(rows) for rows in places)
    labels = [
        (provinces["province"], provinces["name_en"], provinces["province"]),
        (prefectures["prefecture"], prefectures["name_en"], prefectures["province"]),
        (counties["county"], counties["name_en"], counties["province"]),
    ]
    endings = {s.suffix_zh for s in inputs.namer.suffixes}
    endings |= {s.short_zh for s in inputs.namer.suffixes}
    suffixes = tuple((s.suffix_zh, s.short_zh) for s in inputs.namer.suffixes)
    changes = _frame([r for _, r in inputs.changes])
    everyone = pd.concat(zones, ignore_index=True)
    return {
        "zones": zone_counts(zones, checker, endings),
        "places": place_counts(labels, checker),
        "renamed": len(renamed_not_found(everyone, changes, suffixes)),
        "renamed_zones": int(changes.loc[changes["name_after"].notna(), "park_id"].nunique()),
        "county": counties_without_english(zones, counties),
        "county_keys": int(sum(z["county"].notna().sum() for z in zones)),
    }


def report_figures(
    inputs: Inputs,
    zones: list[Zone],
    parks: list[dict[str, str]],
    changes: list[dict[str, str]],
    upgrades: list[Upgrade],
    later: list[dict[str, str]],
    term_rows: list[tuple[str, str, SectorMatch]],
) -> dict[str, object]:
    precision = Counter(p["location_precision"] for p in parks)
    sections = Counter(z.row["level_section"] for z in zones)
    mapped = [t for t in term_rows if t[2].sector]
    distinct = {t[1] for t in term_rows}
    distinct_mapped = {t[1] for t in mapped}
    unmapped = Counter(t[1] for t in term_rows if not t[2].sector)
    ties = Counter((t[1], t[2].keyword) for t in term_rows if t[2].tie)
    sector_counts = Counter(t[2].sector for t in mapped)
    ambiguous = [
        (z.row["code"], z.name_zh, z.placement.ambiguous, z.placement.city or "—")
        for z in zones
        if z.placement is not None and z.placement.ambiguous
    ]
    no_point = [
        (z.row["code"], z.name_zh, z.placement.division.name)
        for z in zones
        if z.placement is not None
        and z.placement.division is not None
        and z.placement.point_division is not z.placement.division
    ]
    province_only = [
        (z.row["code"], z.name_zh) for z in zones
        if z.placement is not None and z.placement.precision == "province"
        and z.placement.division is None
    ]  # fmt: skip
    methods = Counter(inputs.check.method(z.row["province"]) for z in zones)
    return {
        "zones": len(zones),
        "sections": dict(sections),
        "precision": dict(precision),
        "changes": len(changes),
        "upgrades": [
            (u.zone.row["code"], u.zone.name_zh, u.gbt_code, u.gbt_name, u.exact) for u in upgrades
        ],  # fmt: skip
        "later": Counter((r["change"], r["level_after"]) for r in later),
        "later_rows": len(later),
        "terms": len(term_rows),
        "terms_mapped": len(mapped),
        "distinct_terms": len(distinct),
        "distinct_mapped": len(distinct_mapped),
        "terms_in_glossary": sum(1 for _, term, _ in term_rows if term in inputs.glossary),
        "sector_counts": dict(sector_counts),
        "unmapped_top": unmapped.most_common(40),
        "ties": ties.most_common(),
        "under_construction": sum(
            1 for z in zones if UNDER_CONSTRUCTION in z.row["leading_industries_zh"].split("、")
        ),
        "ambiguous": ambiguous,
        "no_point": no_point,
        "province_only": province_only,
        "check_methods": dict(methods),
        "overrides": sorted(inputs.namer.used_overrides),
        "zone_types": [*inputs.zone_types.values(), *inputs.type_by_suffix],
        "type_counts": dict(Counter(p["zone_type"] for p in parks)),
        "municipal": sum(1 for z in zones if z.row["province"] in MUNICIPALITIES),
        "new_sectors": sorted(inputs.sectors),
    }


def placement_figures(
    inputs: Inputs, zones: list[Zone], parks: list[dict[str, str]], data: Path
) -> dict[str, object]:
    """Where zones are put: the zones each rule beyond the name's first word placed, the checks
    of parkdata.curate.place_check on the catalogue (and on the other origins' parks, which the
    map draws with it), the stacks of zones on one point, and the curated parks' seats."""
    national = [row for _, row in read_table(data / "national" / "parks.csv")]
    curated = [row for _, row in read_table(data / "parks.csv")]
    by_rule: dict[str, list[tuple[str, str, str]]] = {rule: [] for rule in RULES if rule != "start"}
    for zone in zones:
        placement = zone.placement
        if placement is None or placement.division is None or placement.rule == "start":
            continue
        by_rule[placement.rule].append((zone.row["code"], zone.name_zh, placement.division.name))
    gazetteer = inputs.gazetteer
    return {
        "rules": by_rule,
        "summary": place_check.summary(parks, national, curated, gazetteer),
        "reach": place_check.reach_problems(parks + national + curated, gazetteer),
        "seats": seats.seat_figures(curated),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reference", type=Path, default=Path("../shared/reference"))
    parser.add_argument("--out", type=Path, default=Path("data/catalog"))
    parser.add_argument("--data", type=Path, default=Path("data"), help="curated tables")
    args = parser.parse_args(argv)
    try:
        figures = build(args.reference, args.out, args.data)
    except CatalogError as error:
        sys.stderr.write(f"catalog build failed: {error}\n")
        return 1
    sys.stdout.write(f"wrote {args.out}: {figures['zones']} zones, {figures['precision']}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
