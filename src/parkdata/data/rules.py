"""The project's own rules, beyond what the Frictionless schema can say. Each returns Problems
with the CSV line (header = 1) and column, so a curator can go straight to the cell."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path

import pandas as pd
import shapely

from parkdata.data import changes as ch
from parkdata.data import names
from parkdata.data.boundaries import load_boundaries, province_shapes
from parkdata.data.dataset import (
    ZONE_TABLES,
    Dataset,
    combine,
    present_changes,
    read_parts,
    read_table,
)
from parkdata.data.dates import parse_partial_date
from parkdata.data.problems import Problem
from parkdata.data.schema import FACT_TABLES, ORIGINS, read_descriptor, resource
from parkdata.data.textnorm import to_simplified
from parkdata.data.units import DIGITS, UNITS, YEARS, convert, find_amounts, parse_chinese_number

# A description in our own words shares no run longer than this with its source text,
MAX_SHARED_RUN = 12
# and no more than this share of its Chinese characters lies in runs of SHINGLE characters
# copied from it (a source's words rearranged are still its words).
MAX_COPIED_SHARE = 0.8
SHINGLE = 4
MIN_SENTENCE = 10  # Chinese characters: a shorter description is a phrase (升为省级高新区)
_HAN = re.compile(r"[\u3400-\u9fff]")
# Words that date a fact to the year its source was published ("this year").
THIS_YEAR = re.compile(r"今年|本年|当年|年内")
# An expectation: a figure under it is an estimate, never a result or an award.
EXPECTED = "预计"


def _rows(frame: pd.DataFrame, mask: pd.Series) -> Iterator[tuple[int, dict]]:
    """(CSV line, record) for the rows where mask holds; cheap when few rows are selected."""
    selected = frame[mask.fillna(False).astype(bool)]
    for index, record in zip(selected.index, selected.to_dict("records"), strict=True):
        yield int(index) + 2, record


def park_or_region(ds: Dataset) -> list[Problem]:
    """A fact row names a park or a region, not both and not neither."""
    problems = []
    for table in FACT_TABLES:
        frame = getattr(ds, table)
        has_park, has_region = frame["park_id"].notna(), frame["region"].notna()
        for row, _ in _rows(frame, has_park == has_region):
            problems.append(
                Problem(
                    f"{table}.csv", row, "park_id", "give either park_id or region (exactly one)"
                )
            )
    return problems


def calendar_dates(ds: Dataset) -> list[Problem]:
    """Dates that match the pattern must also exist (no 2021-02-30)."""
    checks = [("events", "date"), ("sources", "published")]
    problems = []
    for table, column in checks:
        frame = getattr(ds, table)
        errors = {}
        for value in frame[column].dropna().unique():  # each distinct date parsed once
            try:
                parse_partial_date(value)
            except ValueError as exc:
                errors[value] = str(exc)
        for row, rec in _rows(frame, frame[column].isin(list(errors))):
            problems.append(Problem(f"{table}.csv", row, column, errors[rec[column]]))
    return problems


def coordinates_complete(ds: Dataset) -> list[Problem]:
    """lat and lon come together, with precision and source."""
    parks, problems = ds.parks, []
    has_lat, has_lon = parks["lat"].notna(), parks["lon"].notna()
    problems += [
        Problem(
            "parks.csv",
            row,
            "lon" if lat else "lat",
            "lat and lon must both be given or both empty",
        )
        for row, lat in ((r, p["lat"] is not pd.NA) for r, p in _rows(parks, has_lat != has_lon))
    ]
    for column in ("location_precision", "location_source_id"):
        problems += [
            Problem("parks.csv", row, column, f"coordinates need {column}")
            for row, _ in _rows(parks, has_lat & has_lon & parks[column].isna())
        ]
    return problems


def seat_when_county_known(ds: Dataset) -> list[Problem]:
    """A zone whose county or district is known has a point: at least that division's seat,
    marked as a seat (`parkdata seats --write` fills it from the division codes)."""
    parks = ds.parks
    if "county" not in parks:
        return []
    unplaced = parks["county"].notna() & (parks["lat"].isna() | parks["lon"].isna())
    return [
        Problem(
            "parks.csv",
            row,
            "lat",
            f"the county {p['county']} is known: give at least its seat's point "
            "(parkdata seats --write)",
        )
        for row, p in _rows(parks, unplaced)
    ]


BORDER_TOLERANCE_DEG = 0.02  # about 2 km: the outlines are simplified (coasts, islands)


def coordinates_in_province(ds: Dataset) -> list[Problem]:
    """Each point lies inside its province's boundary (data/boundaries/provinces.geojson), or
    within BORDER_TOLERANCE_DEG of it: the outlines are simplified to about 0.5 km, and more
    on coasts and islands (Xiamen's seat lies on an island the outline smooths away)."""
    shapes = province_shapes(load_boundaries())
    parks = ds.parks
    located = parks["lat"].notna() & parks["lon"].notna()
    outside = pd.Series(False, index=parks.index)
    for province, geometry in shapes.items():
        here = located & (parks["province"] == province)
        if here.any():
            lon = parks.loc[here, "lon"].to_numpy(dtype=float)
            lat = parks.loc[here, "lat"].to_numpy(dtype=float)
            inside = shapely.dwithin(geometry, shapely.points(lon, lat), BORDER_TOLERANCE_DEG)
            outside[here[here].index[~inside]] = True
    return [
        Problem("parks.csv", row, "lat", f"({p['lat']}, {p['lon']}) is outside {p['province']}")
        for row, p in _rows(parks, outside)
    ]


def parents_are_acyclic(ds: Dataset) -> list[Problem]:
    has_parent = ds.parks["parent_id"].notna()
    parent = dict(
        zip(ds.parks.loc[has_parent, "park_id"], ds.parks.loc[has_parent, "parent_id"], strict=True)
    )
    problems = []
    for row, park in _rows(ds.parks, has_parent):
        seen, node = {park["park_id"]}, park["parent_id"]
        while node in parent and node not in seen:
            seen.add(node)
            node = parent[node]
        if node in seen:
            problems.append(Problem("parks.csv", row, "parent_id", "parent_id makes a cycle"))
    return problems


def unit_fits_indicator(ds: Dataset) -> list[Problem]:
    """The unit's family is the indicator's family (no hectares for a revenue)."""
    ind = ds.indicators
    family = ind["indicator"].map(ds.indicator_types.set_index("indicator")["unit_family"])
    unit_family = ind["unit"].map(ds.units.set_index("unit")["family"])
    bad = family.notna() & unit_family.notna() & (family != unit_family)
    return [
        Problem(
            "indicators.csv",
            row,
            "unit",
            f"unit {r['unit']!r} is not a unit of {r['indicator']!r} ({family[row - 2]})",
        )
        for row, r in _rows(ind, bad)
    ]


def ranges_and_targets(ds: Dataset) -> list[Problem]:
    ind, problems = ds.indicators, []
    problems += [
        Problem("indicators.csv", row, "value_max", "value_max is below value")
        for row, _ in _rows(ind, ind["value_max"].notna() & (ind["value_max"] < ind["value"]))
    ]
    problems += [
        Problem("indicators.csv", row, "target_year", "target_year is only for targets")
        for row, _ in _rows(ind, ind["target_year"].notna() & (ind["kind"] != "target"))
    ]
    return problems


def _sources(ds: Dataset) -> pd.DataFrame:
    return ds.sources.set_index("source_id")


def longest_shared_run(text: str, source: str) -> str:
    """The longest run of characters of `text` that `source` also contains ('' if none)."""
    best = ""
    for start in range(len(text)):
        size = len(best) + 1
        while start + size <= len(text) and text[start : start + size] in source:
            best = text[start : start + size]
            size += 1
    return best


def copied_share(text: str, sources: list[str], n: int = SHINGLE) -> float:
    """The share of `text`'s Chinese characters that lie in a run of `n` characters some source
    also contains (0 for a text without Chinese)."""
    covered = [False] * len(text)
    for start in range(len(text) - n + 1):
        piece = text[start : start + n]
        if any(piece in source for source in sources):
            covered[start : start + n] = [True] * n
    han = [i for i, c in enumerate(text) if _HAN.match(c)]
    return sum(covered[i] for i in han) / len(han) if han else 0.0


def _copied_descriptions(
    ds: Dataset, mask: pd.Series, texts: Mapping[str, str], table: str = "events"
) -> list[Problem]:
    ev, problems = getattr(ds, table), []
    for row, rec in _rows(ev, mask & ev["description_zh"].notna()):
        description = str(rec["description_zh"])
        sources = [str(rec["evidence"])] if pd.notna(rec["evidence"]) else []
        if rec["source_id"] in texts:
            sources.append(texts[rec["source_id"]])
        run = max((longest_shared_run(description, s) for s in sources), key=len, default="")
        share = copied_share(description, sources)
        sentence = len(_HAN.findall(description)) >= MIN_SENTENCE
        if sentence and share > MAX_COPIED_SHARE and len(run) <= MAX_SHARED_RUN:
            problems.append(
                Problem(
                    f"{table}.csv",
                    row,
                    "description_zh",
                    f"{share:.0%} of it is its source's words rearranged (runs of {SHINGLE} "
                    f"characters or more); describe the fact in your own words (at most "
                    f"{MAX_COPIED_SHARE:.0%})",
                )
            )
        if len(run) > MAX_SHARED_RUN:
            problems.append(
                Problem(
                    f"{table}.csv",
                    row,
                    "description_zh",
                    f"copies {len(run)} characters of its source ({run!r}); describe the fact "
                    f"in your own words (at most {MAX_SHARED_RUN} in a row)",
                )
            )
    return problems


def reference_descriptions_in_own_words(ds: Dataset) -> list[Problem]:
    """No description_zh of a fact from a reference shares a run of more than MAX_SHARED_RUN
    characters with its evidence (the reference's quote: all of that source the package holds).
    Article facts are checked against the whole article by `article_descriptions_in_own_words`."""
    return _reference_copies(ds, "events")


def _reference_copies(ds: Dataset, table: str) -> list[Problem]:
    kind = getattr(ds, table)["source_id"].map(_sources(ds)["kind"])
    return _copied_descriptions(ds, kind == "reference", {}, table)


def article_descriptions_in_own_words(ds: Dataset, texts: Mapping[str, str]) -> list[Problem]:
    """No description_zh of an article fact shares a run of more than MAX_SHARED_RUN characters
    with its article's normalised text (`texts`: source_id -> text, see parkdata.evidence)."""
    return [
        problem
        for table in ("events", "level_changes")
        for problem in _copied_descriptions(
            ds, getattr(ds, table)["source_id"].isin(list(texts)), texts, table
        )
    ]


def _year_numerals(year: int) -> tuple[str, ...]:
    """2017 as written: 2017, 二〇一七, 二零一七."""
    names = "〇一二三四五六七八九"
    chinese = "".join(names[int(d)] for d in str(year))
    return str(year), chinese, chinese.replace("〇", "零")


def _date_in_evidence(date: str, evidence: str, published: object) -> bool:
    """The evidence writes the date's year, or dates it relative to its source's publication
    (今年, or the month and day) in the year the source was published."""
    when = parse_partial_date(date)
    if any(y in evidence for y in _year_numerals(when.year)):
        return True
    if pd.isna(published) or not str(published)[:4].isdigit():
        return False
    if int(str(published)[:4]) != when.year:
        return False
    if when.month is None:
        return bool(THIS_YEAR.search(evidence))
    day = rf"{when.day}日" if when.day else ""
    return bool(re.search(rf"(?<!\d){when.month}月{day}", evidence))


def event_evidence_holds_the_date(ds: Dataset) -> list[Problem]:
    """An article event with a date has evidence (or a date_evidence fragment) that writes that
    date's year (or dates it relative to the article: 今年, 12月19日 in the year the article
    was published). Reference
    quotes are fixed by shared/reference and are not checked here."""
    ev = ds.events
    undated = ev["date"].isna() & ev["date_evidence"].notna() if "date_evidence" in ev else None
    stray = [
        Problem("events.csv", row, "date_evidence", "a date fragment for an undated event")
        for row, _ in (_rows(ev, undated) if undated is not None else [])
    ]
    return stray + _dates_in_evidence(ds, "events")


def _dates_in_evidence(ds: Dataset, table: str) -> list[Problem]:
    sources = _sources(ds)
    frame = getattr(ds, table)
    ev = frame.assign(
        _kind=frame["source_id"].map(sources["kind"]),
        _published=frame["source_id"].map(sources["published"]),
    )
    problems = []
    mask = (ev["_kind"] == "article") & ev["date"].notna() & ev["evidence"].notna()
    if "change" in ev:  # a listed level is dated by its source's publication, not by its text
        mask &= ev["change"] != ch.LISTED
    for row, rec in _rows(ev, mask):
        fragments = [str(rec["evidence"])]
        if pd.notna(rec.get("date_evidence", pd.NA)):
            fragments.append(str(rec["date_evidence"]))  # the date's own fragment
        try:
            ok = any(
                _date_in_evidence(str(rec["date"]), to_simplified(f), rec["_published"])
                for f in fragments
            )
        except ValueError:
            continue  # an impossible date is reported by calendar_dates
        if not ok:
            problems.append(
                Problem(
                    f"{table}.csv",
                    row,
                    "evidence",
                    f"the evidence does not write the year of {rec['date']}: quote the fragment "
                    "that dates the fact (in evidence, or in date_evidence), or leave the date "
                    "empty",
                )
            )
    return problems


_NUMERAL = rf"(?:\d+|[{''.join(DIGITS)}十百]+)"
# Positions in a ranking: 第一, 首位, 前三, 100强.
_RANK = re.compile(rf"第({_NUMERAL})|(首)位|前({_NUMERAL})|(\d+)强")


def _numbers_in(evidence: str, unit: str) -> list[float]:
    """Every number the evidence writes, converted to `unit` where it carries a unit of the
    same family (5000万元 -> 0.5 for cny_100m), else as written."""
    numbers: list[float] = []
    for _, _, amount in find_amounts(evidence):
        values = [amount.value] + ([amount.value_max] if amount.value_max is not None else [])
        same = amount.unit in UNITS and unit in UNITS and UNITS[amount.unit][0] == UNITS[unit][0]
        numbers += [convert(v, amount.unit, unit) if same else v for v in values]
    numbers += [float(n) for n in re.findall(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])", evidence)]
    for match in _RANK.finditer(evidence):  # 第一, 首位, 前三, 100强
        written = next(g for g in match.groups() if g)
        numbers.append(1.0 if written == "首" else parse_chinese_number(written))
    if "破零" in evidence:  # "break the zero": the first one
        numbers.append(1.0)
    return numbers


def _same_number(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def indicator_evidence_holds_the_number(ds: Dataset) -> list[Problem]:
    """An indicator's evidence writes its value (and value_max) as the source does: 580亿 holds
    580; 十余个 holds 10; 千亿级 holds 1000 (亿元); 3-5家 holds 3 and 5."""
    ind, problems = ds.indicators, []
    for row, rec in _rows(ind, ind["evidence"].notna() & ind["value"].notna()):
        numbers = _numbers_in(to_simplified(str(rec["evidence"])), str(rec["unit"]))
        wanted = [("value", float(rec["value"]))]
        if pd.notna(rec["value_max"]):
            wanted.append(("value_max", float(rec["value_max"])))
        for column, value in wanted:
            if not any(_same_number(value, n) for n in numbers):
                problems.append(
                    Problem(
                        "indicators.csv",
                        row,
                        "evidence",
                        f"the evidence does not write the {column} {value:g}: quote the "
                        "fragment that holds the number",
                    )
                )
    return problems


def area_indicators_have_a_scope(ds: Dataset) -> list[Problem]:
    """An area indicator says what area it measures (scope); no other indicator has one."""
    types = ds.indicator_types
    is_area = types["unit_family"] == "area"
    problems = [
        Problem(
            "indicator_types.csv", row, "scope", f"area indicator {r['indicator']!r} needs a scope"
        )
        for row, r in _rows(types, is_area & types["scope"].isna())
    ]
    problems += [
        Problem("indicator_types.csv", row, "scope", "scope is only for area indicators")
        for row, _ in _rows(types, ~is_area & types["scope"].notna())
    ]
    return problems


def size_classes_are_not_ranges(ds: Dataset) -> list[Problem]:
    """A size class (千亿级) is one class: value is its lower bound, no value_max."""
    ind = ds.indicators
    mask = (ind["qualifier"] == "size_class") & ind["value_max"].notna()
    return [
        Problem("indicators.csv", row, "value_max", "a size class has no value_max")
        for row, _ in _rows(ind, mask)
    ]


def numeric_goals_have_target_rows(ds: Dataset) -> list[Problem]:
    """A target event whose evidence states an amount (2019年打造千亿园区) has its number as a
    target indicator of the same park or region and source, with the event's year as
    target_year when the event is dated; durations (3至5年) are not amounts."""
    ind = ds.indicators[ds.indicators["kind"] == "target"]
    keys = set(
        zip(
            ind["park_id"].fillna(ind["region"]),
            ind["source_id"],
            ind["target_year"].astype("Float64").fillna(-1).astype(int),
            strict=True,
        )
    )
    undated = {(owner, source) for owner, source, _ in keys}
    ev, problems = ds.events, []
    mask = (ev["event"] == "target_deadline") & ev["evidence"].notna()
    for row, rec in _rows(ev, mask):
        amounts = [a for _, _, a in find_amounts(to_simplified(str(rec["evidence"])))]
        if not [a for a in amounts if a.unit != YEARS]:
            continue
        owner = rec["park_id"] if pd.notna(rec["park_id"]) else rec["region"]
        if pd.notna(rec["date"]):
            found = (owner, rec["source_id"], int(str(rec["date"])[:4])) in keys
        else:
            found = (owner, rec["source_id"]) in undated
        if not found:
            problems.append(
                Problem(
                    "events.csv",
                    row,
                    "evidence",
                    "the goal states a number: add it to indicators.csv as a target (kind "
                    "target, target_year the event's year) of the same park and source",
                )
            )
    return problems


def expectations_are_estimates(ds: Dataset) -> list[Problem]:
    """A figure the source gives as expected (预计) is an estimate indicator, never an actual or
    a target, and never an event (an award or a ranking it has not yet won)."""
    ind, ev = ds.indicators, ds.events
    expected_ind = ind["evidence"].str.contains(EXPECTED, regex=False).fillna(False)
    problems = [
        Problem("indicators.csv", row, "kind", "预计 is an expectation: kind must be estimate")
        for row, _ in _rows(ind, expected_ind & (ind["kind"] != "estimate"))
    ]
    problems += [
        Problem(
            "events.csv",
            row,
            "event",
            "预计 is an expectation, not an event: record it as an estimate indicator",
        )
        for row, _ in _rows(ev, ev["evidence"].str.contains(EXPECTED, regex=False).fillna(False))
    ]
    return problems


def titles_are_simplified(ds: Dataset) -> list[Problem]:
    """Source titles are in simplified characters (OpenCC t2s, as parkdata.textnorm does)."""
    src = ds.sources
    converted = src["title_zh"].map(to_simplified, na_action="ignore")
    return [
        Problem(
            "sources.csv",
            row,
            "title_zh",
            f"title in traditional characters; write it simplified: {converted[row - 2]!r}",
        )
        for row, _ in _rows(src, src["title_zh"].notna() & (converted != src["title_zh"]))
    ]


NAME_PROBLEMS = {
    "doubled": ("name_en", "a word is doubled in the English name"),
    "stray": ("name_en", "Chinese characters or unbalanced brackets in the English name"),
    "landscape": ("name_en", "an island or bay left in pinyin: write Island or Bay after a "
                  "name of two or more syllables (Changxing Island)"),
    "short": ("short_name_zh", "the short name is only a zone-type ending: keep its place"),
}  # fmt: skip


def names_read_well(ds: Dataset) -> list[Problem]:
    """Names a reader would use (parkdata.data.names): no doubled word, stray Chinese or
    bracket, island or bay in pinyin in the English name; a short name with its place; a county
    the counties vocabulary gives an English name."""
    parks = ds.parks
    endings: set[str] = set()
    if "name_suffixes" in ds.vocab:
        frame = ds.vocab["name_suffixes"].frame
        endings = set(frame["suffix_zh"].dropna()) | set(frame["short_zh"].dropna())
    problems = []
    for category, mask in names.name_defects(parks, endings).items():
        column, message = NAME_PROBLEMS[category]
        problems += [
            Problem("parks.csv", row, column, f"{message}: {r[column]!r}")
            for row, r in _rows(parks, mask)
        ]
    if "counties" in ds.vocab:
        known = set(ds.vocab["counties"].column("name_en"))
        keys = names.county_keys(parks)
        problems += [
            Problem("parks.csv", row, "county",
                    f"no English name for {r['county']!r} of {r['city'] or r['province']!r} in "
                    "vocab/counties.csv (make catalog adds a county the zone tables name)")
            for row, r in _rows(parks, keys.notna() & ~keys.isin(list(known)))
        ]  # fmt: skip
    return problems


def facts_name_a_park(ds: Dataset) -> list[Problem]:
    """A fact's park_id is a park of its own table set (the curated facts name curated parks,
    the catalogue's its zones)."""
    known = set(ds.parks["park_id"])
    problems = []
    for table in FACT_TABLES:
        frame = getattr(ds, table)
        unknown = frame["park_id"].notna() & ~frame["park_id"].isin(list(known))
        problems += [
            Problem(f"{table}.csv", row, "park_id", f"no park {r['park_id']!r} in parks.csv")
            for row, r in _rows(frame, unknown)
        ]
    return problems


def link_problems(parts: Mapping[str, Dataset]) -> list[Problem]:
    """The link between curated parks and the catalogue: a curated park's catalog_code names
    one catalogue zone, and no two curated parks claim the same one."""
    curated, catalog = parts.get("articles"), parts.get("catalog_2018")
    if curated is None:
        return []
    parks = curated.parks
    coded = parks["catalog_code"].notna()
    problems = [
        Problem(
            "parks.csv",
            row,
            "catalog_code",
            f"catalogue code {p['catalog_code']} is given to more than one park",
        )
        for row, p in _rows(parks, coded & parks["catalog_code"].duplicated(keep=False))
    ]
    if catalog is None:
        return problems
    counts = catalog.parks["catalog_code"].value_counts()
    found = parks["catalog_code"].map(counts)
    problems += [
        Problem("parks.csv", row, "catalog_code", f"{p['catalog_code']} is not in the catalogue")
        for row, p in _rows(parks, coded & found.isna())
    ]
    problems += [
        Problem(
            "parks.csv",
            row,
            "catalog_code",
            f"{p['catalog_code']} names {int(counts[p['catalog_code']])} catalogue zones",
        )
        for row, p in _rows(parks, coded & (found > 1))
    ]
    problems += _linked_types_agree(parks, catalog.parks, curated.level_changes)
    problems += [
        Problem("parks.csv", row, "park_id", f"{p['park_id']} is also another origin's id")
        for origin, part in parts.items()
        if origin != "articles"
        for row, p in _rows(parks, parks["park_id"].isin(list(part.parks["park_id"])))
    ]
    return problems


def _linked_types_agree(
    parks: pd.DataFrame, catalog: pd.DataFrame, changes: pd.DataFrame
) -> list[Problem]:
    """A curated park linked to a catalogue zone is that zone: its type is the catalogue's,
    unless one of its level changes gives the type it has now (zone_type_after), as a renamed
    or upgraded zone's does (长沙黄花综合保税区 typed other against the catalogue's customs
    special zone counted one national customs zone too few)."""
    unique = catalog.drop_duplicates("catalog_code", keep=False)
    theirs = parks["catalog_code"].map(unique.set_index("catalog_code")["zone_type"])
    differs = parks["catalog_code"].notna() & theirs.notna() & (parks["zone_type"] != theirs)
    given: set[tuple[str, str]] = set()
    if len(changes) and "zone_type_after" in changes:
        typed = changes[changes["zone_type_after"].notna()]
        given = set(zip(typed["park_id"], typed["zone_type_after"], strict=True))
    return [
        Problem(
            "parks.csv",
            row,
            "zone_type",
            f"{p['zone_type']} differs from the catalogue's {theirs[row - 2]} for "
            f"{p['catalog_code']}, and no level change of the park gives it (zone_type_after)",
        )
        for row, p in _rows(parks, differs)
        if (p["park_id"], p["zone_type"]) not in given
    ]


# -- level changes: one table for every origin, checked once on the merged zones -------------

CHANGES = "level_changes.csv"


def changes_name_a_zone(ds: Dataset) -> list[Problem]:
    """A level change names a zone of some origin (a linked catalogue id counts as its curated
    park: the merge re-points it)."""
    lc = ds.level_changes
    known = set(ds.parks["park_id"])
    return [
        Problem(CHANGES, row, "park_id", f"no zone {r['park_id']!r} in any origin's parks.csv")
        for row, r in _rows(lc, ~lc["park_id"].isin(list(known)))
    ]


def change_dates_exist(ds: Dataset) -> list[Problem]:
    lc, errors = ds.level_changes, {}
    for value in lc["date"].dropna().unique():
        try:
            parse_partial_date(value)
        except ValueError as exc:
            errors[value] = str(exc)
    return [
        Problem(CHANGES, row, "date", errors[r["date"]])
        for row, r in _rows(lc, lc["date"].isin(list(errors)))
    ]


def renames_have_english(ds: Dataset) -> list[Problem]:
    """A new name comes with its English (English mode shows no bare Chinese), and only then."""
    lc = ds.level_changes
    zh, en = lc["name_after"].notna(), lc["name_en_after"].notna()
    return [
        Problem(
            CHANGES,
            row,
            "name_en_after" if z else "name_after",
            "name_after and name_en_after come together",
        )  # fmt: skip
        for row, z in ((r, rec["name_after"] is not pd.NA) for r, rec in _rows(lc, zh != en))
    ]


def confidence_has_its_sources(ds: Dataset) -> list[Problem]:
    """two_sources names the second source and quotes it; a second source is another source;
    a change with a second source is not 'one_source'."""
    lc = ds.level_changes
    second = lc["corroborating_source_id"].notna()
    quoted = lc["corroborating_evidence"].notna()
    two = lc["confidence"] == "two_sources"
    problems = [
        Problem(CHANGES, row, "corroborating_source_id",
                "two_sources needs the second source and its quote (corroborating_evidence)")
        for row, _ in _rows(lc, two & ~(second & quoted))
    ]  # fmt: skip
    problems += [
        Problem(CHANGES, row, "corroborating_evidence", "a second source needs its quote")
        for row, _ in _rows(lc, second != quoted)
    ]
    problems += [
        Problem(CHANGES, row, "corroborating_source_id", "the second source is the first one")
        for row, _ in _rows(lc, second & (lc["corroborating_source_id"] == lc["source_id"]))
    ]
    problems += [
        Problem(CHANGES, row, "confidence", "a second source agrees: not one_source")
        for row, _ in _rows(lc, second & (lc["confidence"] == "one_source"))
    ]
    return problems


def changes_move_the_right_way(ds: Dataset) -> list[Problem]:
    """An upgrade raises a zone (level_before below level_after in the levels' order); a
    revocation ends at 'removed'; a listed row changes nothing (no level_before); a rename
    keeps the level."""
    lc = ds.level_changes
    order = {code: i for i, code in enumerate(ds.vocab["levels"].codes())}
    before, after = lc["level_before"].map(order), lc["level_after"].map(order)
    problems = [
        Problem(CHANGES, row, "level_after", "an upgrade raises the level above level_before")
        for row, _ in _rows(lc, (lc["change"] == "upgraded") & ~(after < before).fillna(False))
    ]
    problems += [
        Problem(CHANGES, row, "level_after", "a revocation leaves the zone 'removed'")
        for row, _ in _rows(lc, (lc["change"] == "revoked") & (lc["level_after"] != "removed"))
    ]
    problems += [
        Problem(CHANGES, row, "level_before", "a listed row states a level; it changes none")
        for row, _ in _rows(lc, (lc["change"] == "listed") & lc["level_before"].notna())
    ]
    kept = lc["change"] == "renamed"
    problems += [
        Problem(CHANGES, row, "level_after", "a rename keeps the level (level_before)")
        for row, _ in _rows(lc, kept & lc["level_before"].notna() & (before != after))
    ]
    return problems


def listed_levels_agree(ds: Dataset) -> list[Problem]:
    """A source's statement of a level (a listed row) agrees with the zone's changes before
    it: the level they give on the listed date."""
    lc = ds.level_changes
    listed = ch.ordered(lc[lc["change"] == ch.LISTED])
    if listed.empty:
        return []
    # the zones' own changes, ordered once (state_at per listed row took a quarter second)
    changes = ch.ordered(lc[(lc["change"] != ch.LISTED) & lc["park_id"].isin(listed["park_id"])])
    by_park = {park: rows for park, rows in changes.groupby("park_id", sort=False)}
    problems = []
    for index, rec in listed.iterrows():
        mine = by_park.get(rec["park_id"])
        if mine is None:
            continue
        before = mine[mine["effective"] <= rec["effective"]]
        if before.empty:
            continue
        level, change_id = before["level_after"].iloc[-1], before["change_id"].iloc[-1]
        if level != rec["level_after"]:
            problems.append(
                Problem(
                    CHANGES,
                    int(index) + 2,
                    "level_after",
                    f"the source states {rec['level_after']!r} on {rec['date']}, but the zone's "
                    f"changes give {level!r} then ({change_id})",
                )
            )
    return problems


def listed_at_publication(ds: Dataset) -> list[Problem]:
    """A listed row states the level as of its source: its date is the source's publication
    date (at the precision either gives)."""
    lc = ds.level_changes
    published = lc["source_id"].map(_sources(ds)["published"]).astype("string")
    listed = (lc["change"] == ch.LISTED) & published.notna()
    problems = []
    for row, rec in _rows(lc.assign(_published=published), listed):
        date, when = str(rec["date"]), str(rec["_published"])
        if not (date.startswith(when) or when.startswith(date)):
            problems.append(
                Problem(
                    CHANGES,
                    row,
                    "date",
                    f"a listed level is dated at its source's publication ({when}), not {date}",
                )
            )
    return problems


LEVEL_RULES = (
    listed_at_publication,
    changes_name_a_zone,
    change_dates_exist,
    renames_have_english,
    confidence_has_its_sources,
    changes_move_the_right_way,
    listed_levels_agree,
    lambda ds: _reference_copies(ds, "level_changes"),
    lambda ds: _dates_in_evidence(ds, "level_changes"),
)


def level_change_problems(merged: Dataset, files: list[tuple[str, int]]) -> list[Problem]:
    """The level-change rules on the merged zones; `files`: (path, rows) of each resource of
    the merged table in its order (the curated level_changes.csv first), so that every
    problem names the file and line of its row."""
    problems = []
    for rule in LEVEL_RULES:
        for problem in rule(merged):
            if problem.file != CHANGES or problem.row is None:
                problems.append(problem)
                continue
            row = problem.row - 2
            for path, size in files:
                if row < size:
                    problems.append(replace(problem, file=path, row=row + 2))
                    break
                row -= size
    return problems


def descriptions_en_have_no_chinese(ds: Dataset) -> list[Problem]:
    """English descriptions are shown in English mode, which shows no Chinese beside a zone's
    own name: a Chinese term is translated (or left out), never glossed in brackets."""
    return [
        Problem(f"{table}.csv", row, "description_en", f"has Chinese: {rec['description_en']!r}")
        for table in ("events", "indicators")
        for row, rec in _rows(
            getattr(ds, table),
            getattr(ds, table)["description_en"].str.contains(_HAN.pattern, regex=True),
        )
    ]


def industries_have_english(ds: Dataset) -> list[Problem]:
    """Every industry term reads in English: its row's industry_en, which for the catalogue is
    the reviewed glossary's (vocab/industry_terms.csv, filled by make catalog). English mode
    never shows an industry in Chinese."""
    ind = ds.industries
    return [
        Problem(
            "industries.csv",
            row,
            "industry_en",
            f"no English for {rec['industry_zh']!r}: add it to vocab/industry_terms.csv "
            "(then make catalog) or write it in the row",
        )
        for row, rec in _rows(ind, ind["industry_zh"].notna() & ind["industry_en"].isna())
    ]


def terms_have_english(ds: Dataset) -> list[Problem]:
    """Every period and document the fact tables write has its English in vocab/terms.csv
    (English mode shows that, never the Chinese)."""
    if "terms" not in ds.vocab:
        return []
    known = set(ds.vocab["terms"].codes())
    return [
        Problem(f"{table}.csv", row, column,
                f"{rec[column]!r} has no English in vocab/terms.csv: add it there")
        for table, column in (("indicators", "period"), ("level_changes", "document"))
        for row, rec in _rows(
            getattr(ds, table),
            getattr(ds, table)[column].notna() & ~getattr(ds, table)[column].isin(list(known)),
        )
    ]  # fmt: skip


RULES = (
    park_or_region,
    calendar_dates,
    coordinates_complete,
    seat_when_county_known,
    coordinates_in_province,
    parents_are_acyclic,
    unit_fits_indicator,
    ranges_and_targets,
    reference_descriptions_in_own_words,
    event_evidence_holds_the_date,
    indicator_evidence_holds_the_number,
    area_indicators_have_a_scope,
    size_classes_are_not_ranges,
    numeric_goals_have_target_rows,
    expectations_are_estimates,
    titles_are_simplified,
    facts_name_a_park,
    descriptions_en_have_no_chinese,
    names_read_well,
    industries_have_english,
    terms_have_english,
)


def check_dataset(ds: Dataset) -> list[Problem]:
    return [problem for rule in RULES for problem in rule(ds)]


def check_rules(package_dir: Path | str) -> list[Problem]:
    """Every rule on each origin's tables on their own (problems name that origin's files:
    catalog/parks.csv …), then the rules of the link between origins, then the rules of the
    level changes (one table for every origin) on the merged zones."""
    descriptor = read_descriptor(Path(package_dir))
    parts = read_parts(package_dir)
    if not parts:
        return []
    shared = {
        f"{res['name']}.csv": res["path"]
        for res in descriptor["resources"]
        if res["name"] not in ZONE_TABLES
    }
    problems: list[Problem] = []
    for origin, part in parts.items():
        prefix = ORIGINS[origin]
        paths = {f"{t}.csv": resource(descriptor, prefix + t)["path"] for t in ZONE_TABLES}
        for problem in check_dataset(part):
            file = paths.get(problem.file) or shared.get(problem.file, problem.file)
            problems.append(replace(problem, file=file))
    # sources and vocabularies are shared by the origins: a fault in them is found by each
    problems = list(dict.fromkeys(problems)) + link_problems(parts)
    files = [
        (resource(descriptor, name)["path"], len(read_table(Path(package_dir), descriptor, name)))
        for name in present_changes(descriptor)
    ]
    return problems + level_change_problems(combine(dict(parts)), files)
