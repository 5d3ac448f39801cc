"""Figures for the Overview page: how many development zones of each level (the other
platforms, such as pilot free trade zones, counted apart), the approved area (the only area
scope every catalogue zone has: median, total and how many zones have one), facts and sources,
how current the data is, and the latest dated events apart from the upcoming targets."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from parkdata.data import changes as ch
from parkdata.data.dataset import Dataset
from parkdata.data.dates import date_starts
from parkdata.data.schema import FACT_TABLES
from parkdata.data.vocab import Vocabulary

PARK_SOURCE_COLUMNS = ("location_source_id",)
CHANGE_SOURCE_COLUMNS = ("source_id", "corroborating_source_id")


@dataclass(frozen=True)
class Figures:
    n_parks: int
    n_by_level: dict[str, int]  # development zones only (zone_types.development_zone)
    n_apart: dict[str, int]  # zone_type -> zones of the kinds counted apart (FTZs …)
    area_indicator: str  # the one area scope summed and summarised
    area_total_km2: float | None  # sum of the known areas; None when no park has one
    area_median_km2: float | None
    n_area_known: int
    n_facts: int
    n_sources: int  # sources cited by the parks shown (facts, levels, locations)
    newest_source: str | None  # publication date of the newest source cited
    levels_as_of: str | None  # the date of the newest level change the levels shown include


def cited_sources(ds: Dataset) -> set[str]:
    """source_ids cited by the dataset's facts and by its parks' levels and locations."""
    cited: set[str] = set()
    for name in FACT_TABLES:
        cited |= set(getattr(ds, name)["source_id"].dropna())
    for column in PARK_SOURCE_COLUMNS:
        cited |= set(ds.parks[column].dropna())
    for column in CHANGE_SOURCE_COLUMNS:
        cited |= set(ds.level_changes[column].dropna())
    return cited


def development_zones(parks: pd.DataFrame, zone_types: Vocabulary) -> pd.Series:
    """True for the zones of a kind the 2018 catalogue lists (zone_types.development_zone):
    the ones counted as development zones; pilot free trade zones, their areas and airport
    economy demonstration zones are counted apart."""
    kinds = set(zone_types.where("development_zone"))
    return parks["zone_type"].isin(kinds).fillna(False).astype(bool)


def figures(ds: Dataset, area: pd.Series, area_indicator: str) -> Figures:
    """Headline numbers of the (filtered) dataset; `area` is park_id -> area in km² of the one
    scope `area_indicator`."""
    known = ds.parks["park_id"].map(area).dropna().astype(float)
    cited = cited_sources(ds)
    published = ds.sources.loc[ds.sources["source_id"].isin(cited), "published"].dropna()
    dz = development_zones(ds.parks, ds.vocab["zone_types"])
    counts = ds.parks.loc[dz, "level"].value_counts()
    apart = ds.parks.loc[~dz, "zone_type"].value_counts()
    order = ds.vocab["zone_types"].codes()
    return Figures(
        n_parks=len(ds.parks),
        n_by_level={str(k): int(v) for k, v in counts.items()},
        n_apart={code: int(apart[code]) for code in order if code in apart.index},
        area_indicator=area_indicator,
        area_total_km2=float(known.sum()) if len(known) else None,
        area_median_km2=float(known.median()) if len(known) else None,
        n_area_known=len(known),
        n_facts=sum(len(getattr(ds, name)) for name in (*FACT_TABLES, "level_changes")),
        n_sources=len(cited),
        newest_source=str(max(published)) if len(published) else None,
        levels_as_of=ch.newest_date(ds.level_changes),
    )


def dated_events(ds: Dataset, today: pd.Timestamp, n: int = 8) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(latest past events, upcoming ones): the `n` most recent events dated up to `today`,
    newest first, and the events dated after it (target deadlines …), soonest first. Dates are
    ordered by the first day they can mean, so '2021' comes after '2021-12-02' among the past.
    The same fact from two sources is listed once."""
    ev = ds.events[ds.events["date"].notna()]
    # one fact recorded by two sources (an article and the catalogue) is listed once
    ev = ev.drop_duplicates(["park_id", "region", "date", "event"])
    start = date_starts(ev["date"])
    order = pd.Series(range(len(ev)), index=ev.index)
    by_date = ev.assign(_start=start, _order=order)
    # (an empty frame would take a Series' whole index on assign: filter after assigning)
    past = by_date[start <= today].sort_values(["_start", "_order"], ascending=[False, True])
    future = by_date[start > today].sort_values(["_start", "_order"])
    columns = ["_start", "_order"]
    return past.head(n).drop(columns=columns), future.drop(columns=columns)


def latest_changes(ds: Dataset, today: pd.Timestamp, n: int = 8) -> pd.DataFrame:
    """The `n` newest level changes (listed rows left out) dated up to `today`, oldest of them
    first (the order levels.ordered_changes keeps)."""
    lc = ch.ordered(ds.level_changes)
    lc = lc[(lc["change"] != ch.LISTED) & (lc["effective"] <= today)]
    newest = lc.sort_values(["effective", "change_id"], kind="stable").tail(n)
    return ds.level_changes.loc[newest.index]
