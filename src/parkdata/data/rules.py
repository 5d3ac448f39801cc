"""The project's own rules, beyond what the Frictionless schema can say. Each returns Problems
with the CSV line (header = 1) and column, so a curator can go straight to the cell."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path

import pandas as pd
import shapely

from parkdata.data.boundaries import load_boundaries, province_shapes
from parkdata.data.dataset import ZONE_TABLES, Dataset, combine, read_parts
from parkdata.data.dates import date_starts, parse_partial_date
from parkdata.data.problems import Problem
from parkdata.data.schema import FACT_TABLES, ORIGINS, read_descriptor, resource
from parkdata.data.textnorm import to_simplified
from parkdata.data.units import DIGITS, UNITS, YEARS, convert, find_amounts, parse_chinese_number

# A description in our own words shares no run longer than this with its source text.
MAX_SHARED_RUN = 12
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
    checks = [("events", "date"), ("parks", "level_as_of"), ("sources", "published")]
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


def _approvals(ds: Dataset) -> dict[str, str]:
    """Approval event kinds -> the level each confers (the event_kinds vocabulary)."""
    return {str(k): str(v) for k, v in ds.vocab["event_kinds"].column("confers_level").items()}


def approvals_carry_level(ds: Dataset) -> list[Problem]:
    """level_after is given for approvals (the level the kind confers), and only for them."""
    ev = ds.events
    confers = _approvals(ds)
    is_approval = ev["event"].isin(list(confers))
    problems = [
        Problem("events.csv", row, "level_after", "an approval event needs level_after")
        for row, _ in _rows(ev, is_approval & ev["level_after"].isna())
    ]
    wrong = is_approval & ev["level_after"].notna()
    wrong &= ev["level_after"] != ev["event"].map(confers)
    problems += [
        Problem(
            "events.csv",
            row,
            "level_after",
            f"a {r['event']} confers level {confers[r['event']]!r}, not {r['level_after']!r}",
        )
        for row, r in _rows(ev, wrong)
    ]
    problems += [
        Problem("events.csv", row, "level_after", "level_after is only for approval events")
        for row, _ in _rows(ev, ~is_approval & ev["level_after"].notna())
    ]
    return problems


def level_matches_latest_approval(ds: Dataset) -> list[Problem]:
    """A park's level equals level_after of its latest dated approval event."""
    ev = ds.events[ds.events["event"].isin(list(_approvals(ds))) & ds.events["date"].notna()]
    ev = ev.copy()
    ev = ev[ev["level_after"].notna() & ev["park_id"].notna()]
    if ev.empty:
        return []
    ev["start"] = date_starts(ev["date"])
    undatable = set(ev.loc[ev["start"].isna(), "park_id"])  # reported by calendar_dates already
    ev = ev[~ev["park_id"].isin(undatable)]
    latest = ev.sort_values("start").groupby("park_id").tail(1)
    latest = latest.set_index("park_id")["level_after"]
    problems = []
    for row, park in _rows(ds.parks, ds.parks["park_id"].isin(latest.index)):
        expected = latest[park["park_id"]]
        if park["level"] != expected:
            problems.append(
                Problem(
                    "parks.csv",
                    row,
                    "level",
                    f"level is {park['level']!r} but the latest approval event says {expected!r}",
                )
            )
    return problems


def level_has_source(ds: Dataset) -> list[Problem]:
    """A known level names its source and evidence; an unknown one names none."""
    parks, problems = ds.parks, []
    known = parks["level"] != "unknown"
    for column in ("level_source_id", "level_evidence", "level_as_of"):
        problems += [
            Problem("parks.csv", row, column, f"level {p['level']!r} needs {column}")
            for row, p in _rows(parks, known & parks[column].isna())
        ]
    problems += [
        Problem(
            "parks.csv", row, "level_source_id", "level is unknown, so no level source is expected"
        )
        for row, _ in _rows(parks, ~known & parks["level_source_id"].notna())
    ]
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


def _copied_descriptions(ds: Dataset, mask: pd.Series, texts: Mapping[str, str]) -> list[Problem]:
    ev, problems = ds.events, []
    for row, rec in _rows(ev, mask & ev["description_zh"].notna()):
        description = str(rec["description_zh"])
        sources = [str(rec["evidence"])] if pd.notna(rec["evidence"]) else []
        if rec["source_id"] in texts:
            sources.append(texts[rec["source_id"]])
        run = max((longest_shared_run(description, s) for s in sources), key=len, default="")
        if len(run) > MAX_SHARED_RUN:
            problems.append(
                Problem(
                    "events.csv",
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
    kind = ds.events["source_id"].map(_sources(ds)["kind"])
    return _copied_descriptions(ds, kind == "reference", {})


def article_descriptions_in_own_words(ds: Dataset, texts: Mapping[str, str]) -> list[Problem]:
    """No description_zh of an article fact shares a run of more than MAX_SHARED_RUN characters
    with its article's normalised text (`texts`: source_id -> text, see parkdata.evidence)."""
    return _copied_descriptions(ds, ds.events["source_id"].isin(list(texts)), texts)


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
    """An article event with a date has evidence that writes that date's year (or dates it
    relative to the article: 今年, 12月19日 in the year the article was published). Reference
    quotes are fixed by shared/reference and are not checked here."""
    sources = _sources(ds)
    ev = ds.events.assign(
        _kind=ds.events["source_id"].map(sources["kind"]),
        _published=ds.events["source_id"].map(sources["published"]),
    )
    problems = []
    mask = (ev["_kind"] == "article") & ev["date"].notna() & ev["evidence"].notna()
    for row, rec in _rows(ev, mask):
        try:
            ok = _date_in_evidence(
                str(rec["date"]), to_simplified(str(rec["evidence"])), rec["_published"]
            )
        except ValueError:
            continue  # an impossible date is reported by calendar_dates
        if not ok:
            problems.append(
                Problem(
                    "events.csv",
                    row,
                    "evidence",
                    f"the evidence does not write the year of {rec['date']}: quote the fragment "
                    "that dates the fact, or leave the date empty",
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
    one catalogue zone, no two curated parks claim the same one, and once merged the park's
    level still equals its latest dated approval (its own or the catalogue's)."""
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
    ids = set(catalog.parks["park_id"])
    problems += [
        Problem("parks.csv", row, "park_id", f"{p['park_id']} is also a catalogue zone's id")
        for row, p in _rows(parks, parks["park_id"].isin(list(ids)))
    ]
    # A linked park's level against its approvals and the catalogue zone's: only the faults
    # the merge brings (its own approvals alone are checked with the curated rules).
    merged = combine(dict(parts))  # curated parks first: their lines stay those of parks.csv
    own = set(level_matches_latest_approval(curated))
    linked = set(merged.parks.loc[merged.parks["catalog_id"].notna(), "park_id"])
    for problem in level_matches_latest_approval(merged):
        row = problem.row
        if row is None or row - 2 >= len(parks) or problem in own:
            continue
        if parks["park_id"].iloc[row - 2] in linked:
            message = problem.message + " (with the linked catalogue zone's events)"
            problems.append(replace(problem, message=message))
    return problems


RULES = (
    park_or_region,
    calendar_dates,
    approvals_carry_level,
    level_matches_latest_approval,
    level_has_source,
    coordinates_complete,
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
)


def check_dataset(ds: Dataset) -> list[Problem]:
    return [problem for rule in RULES for problem in rule(ds)]


def check_rules(package_dir: Path | str) -> list[Problem]:
    """Every rule on each origin's tables on their own (problems name that origin's files:
    catalog/parks.csv …), then the rules of the link between origins."""
    descriptor = read_descriptor(Path(package_dir))
    parts = read_parts(package_dir)
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
    return list(dict.fromkeys(problems)) + link_problems(parts)
