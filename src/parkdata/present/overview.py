"""Display frames of the Overview page: parks by level and province, the latest dated events
and the upcoming ones (target deadlines), with labels in one language."""

from __future__ import annotations

import pandas as pd

from parkdata.data.dataset import Dataset
from parkdata.model import overview
from parkdata.present.labels import Labels
from parkdata.present.tables import events_table, level_changes_table

EVENT_COLUMNS = ["date", "name", "event", "description", "source", "source_url"]
CHANGE_COLUMNS = ["date", "name", "change", "level_after", "confidence", "source", "source_url"]


def level_province_counts(parks: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    """Development zones per province (rows) and level (columns, in vocabulary order, only
    levels that occur), with totals; provinces in the vocabulary's order. The kinds counted
    apart (pilot free trade zones …) are left out: see `apart_note`."""
    parks = parks[overview.development_zones(parks, labels.vocab["zone_types"]).to_numpy(bool)]
    counts = pd.crosstab(parks["province"], parks["level"])
    levels = [lv for lv in labels.order("levels") if lv in counts.columns]
    order = [p for p in labels.order("provinces") if p in counts.index]
    order += sorted(set(counts.index) - set(order))
    counts = counts.reindex(index=order, columns=levels).astype(int)
    total = labels.t("total")
    counts[total] = counts.sum(axis=1)
    counts.loc[total] = counts.sum(axis=0)
    counts.columns = [labels.code("levels", c) if c in levels else c for c in counts.columns]
    counts.index = [labels.place(p) if p != total else p for p in counts.index]
    counts.index.name = labels.column("province")
    return counts


def apart_note(n_apart: dict[str, int], labels: Labels) -> str:
    """'Counted apart, not as development zones: 22 pilot free trade zones, …' ('' if none)."""
    if not n_apart:
        return ""
    sep = "、" if labels.lang == "zh" else ", "
    parts = [f"{labels.code('zone_types', code)} {n:,}" for code, n in n_apart.items()]
    return labels.t("counted_apart", kinds=sep.join(parts))


def events(ds: Dataset, labels: Labels, today: pd.Timestamp) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the latest dated events, the upcoming ones) as display frames."""
    past, future = overview.dated_events(ds, today)
    return (
        events_table(ds.replace(events=past), labels)[EVENT_COLUMNS],
        events_table(ds.replace(events=future), labels)[EVENT_COLUMNS],
    )


def latest_changes(ds: Dataset, labels: Labels, today: pd.Timestamp, n: int = 8) -> pd.DataFrame:
    """The `n` newest level changes (not a source's statement of a level) dated up to `today`,
    newest first, each with its confidence and source."""
    newest = overview.latest_changes(ds, today, n)
    return level_changes_table(ds.replace(level_changes=newest), labels)[CHANGE_COLUMNS].iloc[::-1]
