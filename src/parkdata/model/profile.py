"""Everything known about one park, for the Park profile page: its row, parent and sub-parks,
level history with the evidence of each change, indicators and targets, industries and
companies, events, and the sources cited. Codes only; `parkdata.present.profile` labels it."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from parkdata.data.dataset import Dataset
from parkdata.data.dates import date_starts
from parkdata.data.schema import FACT_TABLES
from parkdata.model import levels


@dataclass(frozen=True)
class Profile:
    park: dict
    parent_id: str | None
    children: list[str]
    history: pd.DataFrame  # levels.status_history of the park
    changes: pd.DataFrame  # its level changes, listed rows too
    indicators: pd.DataFrame
    industries: pd.DataFrame
    events: pd.DataFrame
    sources: pd.DataFrame


def only_park(ds: Dataset, park_id: str) -> Dataset:
    """The Dataset cut to one park and the facts about it."""
    return ds.replace(
        **{
            name: getattr(ds, name)[getattr(ds, name)["park_id"] == park_id].reset_index(drop=True)
            for name in ("parks", *FACT_TABLES, "level_changes")
        }
    )


def park_profile(ds: Dataset, park_id: str) -> Profile | None:
    """The profile of `park_id` in `ds` (the full dataset), or None when there is no such park."""
    rows = ds.parks[ds.parks["park_id"] == park_id]
    if rows.empty:
        return None
    one = only_park(ds, park_id)
    park = rows.iloc[0].to_dict()
    parent = park.get("parent_id")
    kids = ds.parks.loc[ds.parks["parent_id"] == park_id, "park_id"]
    cited: set[object] = {park.get("location_source_id")}
    for name in FACT_TABLES:
        cited |= set(getattr(one, name)["source_id"])
    cited |= set(one.level_changes["source_id"]) | set(one.level_changes["corroborating_source_id"])
    return Profile(
        park=park,
        parent_id=parent if isinstance(parent, str) else None,
        children=[str(k) for k in kids],
        history=levels.status_history(one),
        changes=one.level_changes,
        indicators=one.indicators,
        industries=one.industries,
        events=_by_date(one.events),
        sources=ds.sources[ds.sources["source_id"].isin(cited)].reset_index(drop=True),
    )


def _by_date(events: pd.DataFrame) -> pd.DataFrame:
    """Events oldest first, by the start of their date at its precision (2017 before 2017-12);
    undated ones last, in their file order."""
    start = date_starts(events["date"])
    order = start.sort_values(kind="stable", na_position="last").index
    return events.loc[order].reset_index(drop=True)


def source_counts(ds: Dataset) -> pd.DataFrame:
    """Every source with how many facts (events, indicators, industries, level changes, as
    first or second source, and park locations) cite it: the sources table plus n_facts."""
    lc = ds.level_changes
    cited = pd.concat(
        [getattr(ds, name)["source_id"] for name in FACT_TABLES]
        + [lc["source_id"], lc["corroborating_source_id"], ds.parks["location_source_id"]]
    ).dropna()
    out = ds.sources.copy()
    out["n_facts"] = out["source_id"].map(cited.value_counts()).fillna(0).astype(int)
    return out


def picker_options(parks: pd.DataFrame, shown: pd.DataFrame, chosen: object) -> list[str]:
    """The profile picker's park_ids: the parks the filters show, and the chosen one first
    when the filters hide it (so a link to a park always opens it)."""
    ids = list(shown["park_id"])
    if isinstance(chosen, str) and chosen in set(parks["park_id"]) and chosen not in ids:
        ids.insert(0, chosen)
    return ids
