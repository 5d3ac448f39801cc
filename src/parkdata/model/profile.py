"""Everything known about one park, for the Park profile page: its row, parent and sub-parks,
level history, indicators and targets, industries and companies, events, each fact with its
source title and evidence fragment."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from parkdata.data.dataset import Dataset
from parkdata.model import levels
from parkdata.present import tables
from parkdata.present.i18n import label, t


@dataclass(frozen=True)
class Profile:
    park: dict
    parent: str | None
    children: list[str]
    history: pd.DataFrame
    indicators: pd.DataFrame
    industries: pd.DataFrame
    events: pd.DataFrame
    sources: pd.DataFrame


def only_park(ds: Dataset, park_id: str) -> Dataset:
    """The Dataset cut to one park and the facts about it."""
    return ds.replace(
        **{
            name: getattr(ds, name)[getattr(ds, name)["park_id"] == park_id].reset_index(drop=True)
            for name in ("parks", "events", "indicators", "industries")
        }
    )


def _with_source(frame: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    titles = dict(zip(sources["source_id"], sources["title_zh"], strict=False))
    out = frame.drop(columns=["park_id", "name", "region"], errors="ignore")
    out["source"] = out["source_id"].map(titles).astype("string")
    return out


def history(ds: Dataset, lang: str) -> pd.DataFrame:
    """Status segments with start/end as written (precision kept) and translated status."""
    hist = levels.status_history(ds)
    dates = ds.events[ds.events["date"].notna()].copy()
    if hist.empty:
        return pd.DataFrame(columns=["status", "start", "end", "source_id"])
    out = pd.DataFrame(
        {
            "status": hist["status"].map(
                lambda s: label("level", "founded" if s == "established" else s, lang)
            ),
            "start": hist["start"].map(lambda d: _as_written(d, dates)),
            "end": hist["end"].map(lambda d: _as_written(d, dates)).fillna(t("ongoing", lang)),
            "source_id": hist["source_id"],
        }
    )
    return out.astype("string")


def _as_written(day: object, events: pd.DataFrame) -> object:
    """The event date string whose start is `day` (e.g. '2006-08'), else ISO date; NA stays."""
    if day is None or pd.isna(day):
        return pd.NA
    from parkdata.data.dates import date_starts

    match = events.loc[date_starts(events["date"]) == day, "date"]
    return match.iloc[0] if len(match) else pd.Timestamp(day).date().isoformat()


def park_profile(ds: Dataset, park_id: str, lang: str) -> Profile | None:
    """The profile of `park_id` in `ds` (the full dataset), or None when there is no such park."""
    rows = ds.parks[ds.parks["park_id"] == park_id]
    if rows.empty:
        return None
    one = only_park(ds, park_id)
    park = rows.iloc[0].to_dict()
    names = tables.park_names(ds.parks, lang)
    parent = park.get("parent_id")
    kids = ds.parks.loc[ds.parks["parent_id"] == park_id, "park_id"]
    cited = (
        set(one.events["source_id"])
        | set(one.indicators["source_id"])
        | set(one.industries["source_id"])
        | {park.get("level_source_id"), park.get("location_source_id")}
    )
    return Profile(
        park=park,
        parent=names.get(parent) if isinstance(parent, str) else None,
        children=[str(names[k]) for k in kids],
        history=history(one, lang),
        indicators=_with_source(tables.indicators_table(one, lang), ds.sources),
        industries=_with_source(tables.industries_table(one, lang), ds.sources),
        events=_with_source(tables.events_table(one, lang), ds.sources),
        sources=ds.sources[ds.sources["source_id"].isin(cited)].reset_index(drop=True),
    )


def source_counts(ds: Dataset, lang: str) -> pd.DataFrame:
    """Every source with how many facts (events, indicators, industries, park levels and
    locations) cite it."""
    cited = pd.concat(
        [
            ds.events["source_id"],
            ds.indicators["source_id"],
            ds.industries["source_id"],
            ds.parks["level_source_id"],
            ds.parks["location_source_id"],
        ]
    ).dropna()
    out = ds.sources[
        ["source_id", "kind", "title_zh", "publisher", "published", "url", "confidence", "licence"]
    ].copy()
    out["n_facts"] = out["source_id"].map(cited.value_counts()).fillna(0).astype(int)
    out["kind"] = out["kind"].map(lambda v: label("source_kind", v, lang)).astype("string")
    out["confidence"] = (
        out["confidence"]
        .map(lambda v: label("confidence", v, lang), na_action="ignore")
        .astype("string")
    )
    return out


def units_table(ds: Dataset, lang: str) -> pd.DataFrame:
    col = "label_en" if lang == "en" else "label_zh"
    return ds.units[["unit", col, "family", "base_unit", "to_base"]].rename(columns={col: "label"})
