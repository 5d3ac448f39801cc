"""Derivations about levels over time and planned area.

- `level_at`: each park's level on a given day, from its dated approval events.
- `status_history`: each park's status segments (established → provincial → national).
- `level_counts_over_time`: how many parks were national or provincial at each change.
- `planned_area_km2`: one planned area (indicator planned_area only) per park in km², with the
  fact it comes from.

An event dated only to a year or month counts from the first day it can mean (2012 → 2012-01-01).
"""

from __future__ import annotations

import pandas as pd

from parkdata.dates import date_precisions, date_starts
from parkdata.frames import isin
from parkdata.package import Dataset

APPROVALS = ("provincial_approval", "national_approval")
STATUS_ORDER = ("established", "provincial", "national")
# The one area the app calls "planned area". Other scopes (approved, administrative, developable,
# managed: indicator_types.scope) are other indicators and never stand in for it.
AREA_INDICATORS = ("planned_area",)


def _dated_events(ds: Dataset, kinds: tuple[str, ...]) -> pd.DataFrame:
    ev = ds.events[ds.events["event"].isin(kinds) & ds.events["date"].notna()]
    ev = ev[ev["park_id"].notna()].copy()
    ev["start"] = date_starts(ev["date"])
    ev["precision"] = date_precisions(ev["date"])
    return ev.sort_values(["park_id", "start"], kind="stable")


def level_at(ds: Dataset, when: str | pd.Timestamp) -> pd.Series:
    """Level of every park on `when`: its latest approval on or before that day; else its
    current level if the level's source is dated on or before `when`; else 'unknown'."""
    when = pd.Timestamp(when)
    approvals = _dated_events(ds, APPROVALS)
    latest = approvals[approvals["start"] <= when].groupby("park_id")["level_after"].last()
    parks = ds.parks.set_index("park_id")
    as_of = date_starts(parks["level_as_of"])
    fallback = parks["level"].where(as_of.notna() & (as_of <= when), "unknown")
    has_approvals = parks.index.isin(approvals["park_id"])
    fallback = fallback.where(~has_approvals, "unknown")  # dated history wins when it exists
    levels = fallback.astype("string")
    levels.loc[latest.index] = latest.astype("string")
    return levels.rename("level")


def status_history(ds: Dataset) -> pd.DataFrame:
    """One row per status segment: park_id, status, start, end (NaT = ongoing), start_precision,
    source_id. Parks without dated establishment or approval events have no rows."""
    ev = _dated_events(ds, ("established", *APPROVALS))
    if ev.empty:
        return pd.DataFrame(
            columns=["park_id", "status", "start", "end", "start_precision", "source_id"]
        )
    ev["status"] = ev["level_after"].fillna("established").astype("string")
    ev = ev[ev["status"].isin(STATUS_ORDER)]
    ev = ev.drop_duplicates(["park_id", "status", "start"])
    ev["end"] = ev.groupby("park_id")["start"].shift(-1)
    out = ev[["park_id", "status", "start", "end", "precision", "source_id"]]
    return out.rename(columns={"precision": "start_precision"}).reset_index(drop=True)


def level_counts_over_time(ds: Dataset) -> pd.DataFrame:
    """How many parks held each level after every dated approval: columns date, level, n.
    Only parks with dated approvals can be placed in time (see `parks_without_dated_level`)."""
    approvals = _dated_events(ds, APPROVALS)
    if approvals.empty:
        return pd.DataFrame(
            {
                "date": pd.Series(dtype="datetime64[ns]"),
                "level": pd.Series(dtype="string"),
                "n": pd.Series(dtype="int64"),
            }
        )
    rows = []
    for date in sorted(approvals["start"].unique()):
        current = approvals[approvals["start"] <= date].groupby("park_id")["level_after"].last()
        for level in ("national", "provincial"):
            rows.append(
                {"date": pd.Timestamp(date), "level": level, "n": int((current == level).sum())}
            )
    return pd.DataFrame(rows).astype({"level": "string"})


def parks_without_dated_level(ds: Dataset) -> pd.Index:
    """Parks with a known level but no dated approval event: not placed on level-over-time views."""
    dated = set(_dated_events(ds, APPROVALS)["park_id"])
    known = ds.parks[ds.parks["level"].isin(["national", "provincial"])]
    return pd.Index(known.loc[~isin(known["park_id"], dated), "park_id"])


def planned_area_facts(ds: Dataset) -> pd.DataFrame:
    """The planned-area fact chosen for each park, converted to km². Only `planned_area` counts
    (an approved or administrative area is another scope, never a stand-in). Preference: article
    over reference, actual over target, then the latest year."""
    ind = ds.indicators[
        ds.indicators["indicator"].isin(AREA_INDICATORS) & ds.indicators["park_id"].notna()
    ]
    if ind.empty:
        return pd.DataFrame(
            columns=["park_id", "area_km2", "fact_id", "indicator", "source_id", "year"]
        )
    to_base = ds.units.set_index("unit")["to_base"]
    kind = ds.sources.set_index("source_id")["kind"]
    ranked = ind.assign(
        area_km2=(ind["value"] * ind["unit"].map(to_base)).astype("Float64"),
        _article=(ind["source_id"].map(kind) == "article").astype(int),
        _actual=(ind["kind"] != "target").astype(int),
        _year=ind["year"].fillna(0),
    ).sort_values(["park_id", "_article", "_actual", "_year"], kind="stable")
    best = ranked.groupby("park_id").tail(1)
    return best[["park_id", "area_km2", "fact_id", "indicator", "source_id", "year"]].reset_index(
        drop=True
    )


def planned_area_km2(ds: Dataset) -> pd.Series:
    """Planned area in km² per park_id; parks without any area fact are absent (not 0)."""
    facts = planned_area_facts(ds)
    return facts.set_index("park_id")["area_km2"].rename("planned_area_km2")
