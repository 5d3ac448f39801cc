"""REPORT.md of the catalogue build: the figures of one run, as Markdown (generated)."""

from __future__ import annotations

from typing import Any

from parkdata.curate.kind_checks import BEFORE as KIND_BEFORE
from parkdata.curate.kind_checks import BEFORE_COMMIT as KIND_BEFORE_COMMIT
from parkdata.curate.kind_checks import CHECKS as KIND_CHECKS
from parkdata.curate.name_checks import (
    BEFORE as NAME_BEFORE,
)
from parkdata.curate.name_checks import (
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


# The figures of parkdata.curate.place_check.summary for the parks tables of commit a730368,
# before zones were placed past the name's first word, curated parks given their county's seat
# and stacks measured (scripts/place_figures.py a730368 prints them; tests/test_catalog_places.py
# checks them against it where git holds the commit).
BEFORE_COMMIT = "a730368"
BEFORE: dict[str, Any] = {
    "out_of_reach": 45,
    "out_of_reach_by_rule": {"after_word": 16, "host": 6, "later": 2, "start": 1, "sub_park": 20},
    "false_no_place": 19,
    "county_without_point": 11,
    "stacks": {"zones": 2543, "sharing": 996, "points": 284, "largest": 41,
               "largest_at": "31.2323,121.4691", "largest_place": "上海市 (city)"},
    "stacks_package": {"zones": 2585, "sharing": 1022, "points": 290, "largest": 42,
                       "largest_at": "31.2323,121.4691", "largest_place": "上海市 (city)"},
    "county_or_finer": [1600, 2543],
}  # fmt: skip
RULE_NAMES = {
    "start": "the place at the name's start, read by a stem that was missing (东乡族自治县: 东乡)",
    "after_word": "a place after words that are not places (another province, 兵团, 中哈 …)",
    "later": "a county named after its prefecture, past words that are not places",
    "sub_park": "a sub-park named after a division (张江高新区徐汇园 …)",
    "host": "an enclave named by its two partners, put at its host (甘孜—眉山 …)",
}


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "—"


def _table(header: list[str], rows: list[tuple[Any, ...]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        lines.append("| " + " | ".join(str(c).replace("|", "/") for c in row) + " |")
    return lines


def _before_after(after: dict[str, Any]) -> list[str]:
    b = BEFORE
    rows: list[tuple[Any, ...]] = [
        (
            "zones whose point is not within reach of the division their name gives",
            b["out_of_reach"],
            after["out_of_reach"],
        )
    ]
    for rule, name in RULE_NAMES.items():
        rows.append(
            (
                f"- of them {name}",
                b["out_of_reach_by_rule"].get(rule, 0),
                after["out_of_reach_by_rule"].get(rule, 0),
            )
        )
    rows += [
        (
            "location notes saying 'no place below the province' of a name that gives one",
            b["false_no_place"],
            after["false_no_place"],
        ),
        (
            "curated parks (data/parks.csv) with a known county and no point",
            b["county_without_point"],
            after["county_without_point"],
        ),
    ]
    for key, scope in (
        ("stacks", "catalogue"),
        ("stacks_package", "all zones, as the map draws them"),
    ):
        rows += [
            (f"zones sharing their exact point with another ({scope})",
             b[key]["sharing"], after[key]["sharing"]),
            (f"points held by more than one zone ({scope})",
             b[key]["points"], after[key]["points"]),
            (f"largest stack: zones on one point ({scope})",
             b[key]["largest"], after[key]["largest"]),
        ]  # fmt: skip
    fine_b, total_b = b["county_or_finer"]
    fine_a, total_a = after["county_or_finer"]
    rows.append(
        (
            "catalogue zones at a county or district seat",
            f"{fine_b} ({_pct(fine_b, total_b)})",
            f"{fine_a} ({_pct(fine_a, total_a)})",
        )
    )
    return _table(["check", f"before ({BEFORE_COMMIT})", "after"], rows)


def _placement(p: dict[str, Any], zones: int) -> list[str]:
    """Where the name puts a zone beyond its first word, and the checks before and after."""
    out = [
        "### Where the name puts a zone",
        "",
        "The finest division the name gives, wherever it stands in the name's leading run: words "
        "that are not places of the province are passed over (another province's name: 北京和田 "
        "is Beijing's aid to 和田; the Corps' 兵团 and its divisions 第七师 …; the cross-border "
        "中哈, 中俄 …; 京南; and data/catalog_place_words.csv of kind not_place), a county may "
        "follow its prefecture past such words (延安市中国洛川 -> 洛川县), a sub-park named "
        "after a division follows its parent zone's type word (张江高新区徐汇园 -> 徐汇区), and "
        "an enclave named by its two partners (甘孜—眉山) is put at its host, the division it "
        "lies in, from the same table (kind host: a note and a source each).",
        "",
    ]
    for rule, rows in p["rules"].items():
        out += [f"{RULE_NAMES[rule][:1].upper()}{RULE_NAMES[rule][1:]} ({len(rows)}):", ""]
        out.append(
            ", ".join(f"{code} {name} -> {division}" for code, name, division in rows) or "—"
        )
        out.append("")
    out += [
        "### Checks of where zones are put: before and after",
        "",
        "parkdata.curate.place_check, on data/catalog/parks.csv, data/national/parks.csv and "
        "data/parks.csv. Within reach: a zone at a seat is the seat of the division its name gives "
        "or of one inside it; a zone at its own point lies within 40 km of a county's seat, "
        "100 km of a prefecture's. A stack: zones whose points agree to four decimals "
        "(about 11 m); the map "
        "sets a stack's members on a ring around its point (wider with more members), so each "
        "can be hovered and clicked once zoomed in, and each one's tooltip names the others "
        "there. 'Before' is commit "
        f"{BEFORE_COMMIT} (scripts/place_figures.py {BEFORE_COMMIT}).",
        "",
    ]
    out += _before_after(p["summary"])
    after = p["summary"]
    out += [
        "",
        f"The largest stack of the catalogue: {after['stacks']['largest']} zones at "
        f"{after['stacks']['largest_place']}, {after['stacks']['largest_at']} (before: "
        f"{BEFORE['stacks']['largest']} at {BEFORE['stacks']['largest_place']}); of all zones: "
        f"{after['stacks_package']['largest']} at {after['stacks_package']['largest_place']} "
        f"(before: {BEFORE['stacks_package']['largest']}). Curated parks given their county's "
        "seat by "
        f"`parkdata seats --write` (location_source_id adcode_2016): {p['seats']['filled']}.",
        "",
    ]
    if p["reach"]:
        out += ["Zones still out of reach:", ""]
        out += _table(
            ["park", "name", "name gives", "placed at"],
            [(r.park_id, r.name_zh, r.named, r.placed) for r in p["reach"]],
        )
        out.append("")
    return out


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
    ]
    out += _placement(f["placement"], zones)
    out += [
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
        f"- English: {f['terms_in_glossary']} of {f['terms']} terms from the reviewed glossary "
        "(data/vocab/industry_terms.csv); a term it lacks has no English and fails validation.",
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
    out += _kinds(f["kinds"])
    return "\n".join(out) + "\n"


def _names(n: dict[str, Any], places: dict[str, Any]) -> list[str]:
    """Names a reader would not use (issue 17), by category: before (commit a730368) and after."""
    before = NAME_BEFORE
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


def _kinds(after: dict[str, Any]) -> list[str]:
    """Kinds and curated facts (issue 17, items 2, 4, 6): before (commit a730368) and after."""
    rows = [
        (check, what, KIND_BEFORE[check], "—" if after[check] is None else after[check])
        for check, what in KIND_CHECKS.items()
    ]
    out = [
        "## Kinds and curated facts (issue 17)",
        "",
        "Counted over the whole package by parkdata.curate.kind_checks "
        "(tests/test_kind_checks.py); "
        f"before = commit {KIND_BEFORE_COMMIT}. The last row is a count to rise, not a defect: "
        "events whose date the article fixes outside the fact's own fragment, now dated with "
        "that fragment (date_evidence).",
        "",
    ]
    return out + _table(["check", "what", "before", "after"], rows) + [""]
