"""The project's own rules, beyond what the Frictionless schema can say. Each returns Problems
with the CSV line (header = 1) and column, so a curator can go straight to the cell."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import shapely

from parkdata.data.dataset import Dataset, read_frames
from parkdata.data.dates import date_starts, parse_partial_date
from parkdata.data.problems import Problem

FACT_TABLES = ("events", "indicators", "industries")
APPROVALS = ("provincial_approval", "national_approval")


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


def approvals_carry_level(ds: Dataset) -> list[Problem]:
    """level_after is given for approvals, and only for them."""
    ev = ds.events
    is_approval = ev["event"].isin(APPROVALS)
    problems = [
        Problem("events.csv", row, "level_after", "an approval event needs level_after")
        for row, _ in _rows(ev, is_approval & ev["level_after"].isna())
    ]
    problems += [
        Problem("events.csv", row, "level_after", "level_after is only for approval events")
        for row, _ in _rows(ev, ~is_approval & ev["level_after"].notna())
    ]
    return problems


def level_matches_latest_approval(ds: Dataset) -> list[Problem]:
    """A park's level equals level_after of its latest dated approval event."""
    ev = ds.events[ds.events["event"].isin(APPROVALS) & ds.events["date"].notna()].copy()
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


def coordinates_in_province(ds: Dataset) -> list[Problem]:
    """Each point lies inside its province's boundary (data/boundaries/provinces.geojson)."""
    from parkdata.data.boundaries import load_boundaries, province_shapes

    shapes = province_shapes(load_boundaries())
    parks = ds.parks
    located = parks["lat"].notna() & parks["lon"].notna()
    outside = pd.Series(False, index=parks.index)
    for province, geometry in shapes.items():
        here = located & (parks["province"] == province)
        if here.any():
            lon = parks.loc[here, "lon"].to_numpy(dtype=float)
            lat = parks.loc[here, "lat"].to_numpy(dtype=float)
            inside = shapely.intersects_xy(geometry, lon, lat)
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
)


def check_dataset(ds: Dataset) -> list[Problem]:
    return [problem for rule in RULES for problem in rule(ds)]


def check_rules(package_dir: Path | str) -> list[Problem]:
    return check_dataset(read_frames(package_dir))
