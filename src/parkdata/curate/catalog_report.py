"""REPORT.md of the catalogue build: the figures of one run, as Markdown (generated)."""

from __future__ import annotations

from typing import Any

from parkdata.curate.name_checks import (
    BEFORE,
    BEFORE_COMMIT,
    CATEGORIES,
    PLACE_CATEGORIES,
    ZONE_CATEGORIES,
)

NEW_PRECISION = {"province": ("省中心", "Province centre (the provincial capital's point)")}
NEW_ZONE_TYPES = ("customs_special_zone", "border_cooperation_zone")
CURATED_SECTORS = {
    "agri_food", "electronics", "new_materials", "equipment", "automotive", "biomedicine",
    "steel_petrochem", "energy", "appliances_light", "forestry_paper", "logistics_trade",
    "digital_services", "consumer_goods", "construction", "aerospace",
}  # fmt: skip


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "—"


def _table(header: list[str], rows: list[tuple[Any, ...]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        lines.append("| " + " | ".join(str(c).replace("|", "/") for c in row) + " |")
    return lines


def render_report(f: dict[str, Any]) -> str:
    zones = f["zones"]
    precision = f["precision"]
    county_or_city = sum(precision.get(k, 0) for k in ("county_seat", "district", "city"))
    out = [
        "# Catalogue build report (generated)",
        "",
        "Written by `python -m parkdata.curate.catalog` (`make catalog`) from "
        "`../shared/reference/` and the curated tables in `data/`. Do not edit: rebuild.",
        "",
        "## Zones",
        "",
        f"- {zones} zones: {f['sections'].get('national', 0)} in the national section, "
        f"{f['sections'].get('provincial', 0)} in the provincial section.",
        f"- {f['changes']} level changes written to level_changes.csv: the approval dates the "
        "catalogue lists (two for a zone listed with two dates). No events: the catalogue dates "
        "approvals only.",
        "",
        "## Locations",
        "",
        f"Points at county or prefecture level: {county_or_city} of {zones} "
        f"({_pct(county_or_city, zones)}; target 90%).",
        "",
    ]
    out += _table(
        ["location_precision", "zones", "share"],
        [
            (k, precision.get(k, 0), _pct(precision.get(k, 0), zones))
            for k in ("county_seat", "district", "city", "province")
        ],  # fmt: skip
    )
    out += [
        "",
        "Province check: every point lies in its province "
        + ", ".join(f"{k} {v}" for k, v in sorted(f["check_methods"].items()))
        + " (outline: data/boundaries/provinces.geojson with a 2 km tolerance; box: the box "
        "around the province's own adcode centres with a 0.25° margin).",
        "",
        "Municipalities (北京, 天津, 上海, 重庆): city is the municipality; a name with no "
        "district is placed at the municipal centre with precision city.",
        "",
        f"Place vocabularies written to data/vocab/: {f['places']['provinces']} provinces and "
        f"{f['places']['prefectures']} prefectures (with the four municipalities), each with its "
        f"English name and WGS-84 centre, and {f['places']['counties']} counties with their "
        "English names (counties.csv).",
        "",
        "### Ambiguous place names and the rule taken",
        "",
        "Rule: a stem shared by a prefecture and a county (湘潭市 / 湘潭县) means the prefecture, "
        "county left empty (a name meaning the county writes 湘潭县 in full). A stem shared by "
        "counties of two prefectures, with no prefecture named before it, gives no place; "
        "counties of one prefecture give that prefecture only.",
        "",
    ]
    out += _table(["code", "name", "candidates", "city taken"], f["ambiguous"])
    out += ["", "### Divisions named but without a centre point (placed one level up)", ""]
    out += _table(["code", "name", "division"], f["no_point"])
    out += ["", f"### Names that give no place below the province ({len(f['province_only'])})", ""]
    out.append(", ".join(f"{code} {name}" for code, name in f["province_only"]))
    out += [
        "",
        "## Level changes after the catalogue",
        "",
        "Not applied here: every change after the catalogue is a row of the curated "
        f"data/level_changes.csv ({f['later_rows']} rows name catalogue zones: "
        + ", ".join(f"{k[0]} → {k[1]} {v}" for k, v in sorted(f["later"].items()))
        + "), and a zone's level at any date is derived from its rows (parkdata.data.changes).",
        "",
        f"Cross-check with GB/T 37028-2018 ({len(f['upgrades'])}): zones the catalogue lists as "
        "provincial and the standard as national high-tech zones (class 103); the build stops "
        "unless each has its upgrade in data/level_changes.csv.",
        "",
    ]
    out += _table(
        ["code", "catalogue name", "GB/T code", "GB/T name", "match"],
        [(c, n, g, gn, "exact" if e else "spelling variant") for c, n, g, gn, e in f["upgrades"]],
    )
    out += [
        "",
        "## Industries",
        "",
        f"- {f['terms']} leading-industry terms ({f['distinct_terms']} distinct); "
        f"{f['terms_mapped']} ({_pct(f['terms_mapped'], f['terms'])}) map to a sector, "
        f"{f['distinct_mapped']} distinct ({_pct(f['distinct_mapped'], f['distinct_terms'])}).",
        f"- 在建 (under construction, not an industry): {f['under_construction']} zones; no "
        "industry row, noted in notes_en.",
        "- Rule: the longest keyword of data/sector_keywords.csv contained in the term gives "
        "the sector; keywords of the same length giving different sectors (a tie) leave it "
        "empty; a keyword with an empty sector marks a term deliberately left without one.",
        "",
    ]
    out += _table(
        ["sector", "terms"], sorted(f["sector_counts"].items(), key=lambda kv: (-kv[1], kv[0]))
    )
    out += ["", "Ties (sector left empty):", ""]
    out += _table(["term", "keywords", "times"], [(t, k, n) for (t, k), n in f["ties"]])
    out += ["", "Most frequent terms without a sector:", ""]
    out.append(", ".join(f"{t} ({n})" for t, n in f["unmapped_top"]))
    out += [
        "",
        "## New codes",
        "",
        "Zone types (data/catalog_zone_types.csv):",
        "",
    ]
    out += _table(
        ["catalogue type", "name ends", "zone_type", "label_zh", "label_en", "zones"],
        [
            (
                r["zone_type_zh"],
                r["name_suffix"] or "(any)",
                r["zone_type"],
                r["label_zh"],
                r["label_en"],
                f["type_counts"].get(r["zone_type"]),
            )
            for r in f["zone_types"]
        ],  # fmt: skip
    )
    out += [
        "",
        "New sectors (appended to data/vocab/sectors.csv): "
        + ", ".join(s for s in f["new_sectors"] if s not in CURATED_SECTORS)
        + ".",
        "",
    ]
    out += ["New location_precision: province (province centre).", ""]
    out += [
        "## English names",
        "",
        "Generated (name_en_generated = true): place words in pinyin (pypinyin 0.55.0, one "
        "capitalised word per place), zone types and fixed words from "
        "data/vocab/name_suffixes.csv and data/catalog_name_words.csv. Pinyin overrides "
        f"used ({len(f['overrides'])}): " + ", ".join(f["overrides"]) + ".",
        "",
    ]
    out += _names(f["names"], f["places"])
    return "\n".join(out) + "\n"


def _names(n: dict[str, Any], places: dict[str, Any]) -> list[str]:
    """Names a reader would not use (issue 17), by category: before (commit a730368) and after."""
    before = BEFORE
    rows: list[tuple[Any, ...]] = []
    for category in ZONE_CATEGORIES:
        rows.append((category, f"zone names: {CATEGORIES[category]}",
                     before["zones"][category], n["zones"][category]))  # fmt: skip
    for category in PLACE_CATEGORIES:
        rows.append((category, f"place labels (provinces, prefectures, counties): "
                     f"{CATEGORIES[category]}", before["places"][category],
                     n["places"][category]))  # fmt: skip
    rows.append(("renamed", f"{CATEGORIES['renamed']} (of {n['renamed_zones']} renamed zones)",
                 before["renamed"], n["renamed"]))  # fmt: skip
    rows.append(("county", f"{CATEGORIES['county']} (distinct counties of the zones)",
                 before["county"], n["county"]))  # fmt: skip
    out = [
        "## Names a reader would not use (issue 17)",
        "",
        f"Counted over the three zone tables (catalog/parks.csv, national/parks.csv, parks.csv) "
        "and the place vocabularies by parkdata.data.names and parkdata.curate.name_checks "
        f"(tests/test_names.py); before = commit {BEFORE_COMMIT}. Place labels now include "
        f"{places['counties']} counties ({places['counties_later']} not in the 2016 codes); "
        "basis of their English: "
        + ", ".join(f"{k} {v}" for k, v in sorted(places["county_basis"].items()))
        + " (reviewed forms: data/catalog_place_names.csv, with sources).",
        "",
    ]
    out += _table(["category", "what", "before", "after"], rows)
    return out + [""]
