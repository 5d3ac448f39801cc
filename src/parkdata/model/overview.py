"""Figures for the Overview page: counts by level and province, planned area (known sum and how
many parks lack one), facts and sources, the most recent dated events."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from parkdata.data.dataset import Dataset
from parkdata.model.filters import LEVELS
from parkdata.present import tables
from parkdata.present.i18n import label, place, t

FACT_TABLES = ("events", "indicators", "industries")


@dataclass(frozen=True)
class Figures:
    n_parks: int
    n_national: int
    n_provincial: int
    area_km2: float | None  # sum of the known planned areas; None when no park has one
    n_area_missing: int
    n_facts: int
    n_sources: int


def figures(ds: Dataset, area_km2: pd.Series) -> Figures:
    """Headline numbers of the (filtered) dataset; `area_km2` is park_id -> planned area."""
    known = ds.parks["park_id"].map(area_km2).dropna()
    cited = set().union(*(set(getattr(ds, name)["source_id"].dropna()) for name in FACT_TABLES))
    level = ds.parks["level"]
    return Figures(
        n_parks=len(ds.parks),
        n_national=int((level == "national").sum()),
        n_provincial=int((level == "provincial").sum()),
        area_km2=float(known.sum()) if len(known) else None,
        n_area_missing=len(ds.parks) - len(known),
        n_facts=sum(len(getattr(ds, name)) for name in FACT_TABLES),
        n_sources=len(cited),
    )


def level_province_counts(parks: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Parks per level (rows, in level order) and province (columns), with totals."""
    counts = pd.crosstab(parks["level"], parks["province"])
    counts = counts.reindex([lv for lv in LEVELS if lv in counts.index]).astype(int)
    counts[t("total", lang)] = counts.sum(axis=1)
    counts.loc[t("total", lang)] = counts.sum(axis=0)
    counts.index = [label("level", v, lang) if v in LEVELS else v for v in counts.index]
    counts.index.name = t("level", lang)
    counts.columns = [place(c, lang) for c in counts.columns]
    return counts


def recent_events(ds: Dataset, lang: str, n: int = 8) -> pd.DataFrame:
    """The `n` latest dated events (dates as written, so a month stays a month)."""
    frame = tables.events_table(ds, lang)
    frame = frame[frame["date"].notna()]
    order = frame["date"].str.pad(10, side="right", fillchar="9")  # 2021 sorts after 2021-05
    latest = frame.loc[order.sort_values(ascending=False, kind="stable").index[:n]]
    region = latest["region"].map(lambda r: place(r, lang))
    latest = latest.assign(name=latest["name"].fillna(region))
    return latest[["date", "name", "event", "description", "source_id"]].reset_index(drop=True)
