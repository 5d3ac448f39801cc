"""Frames for the Timeline page: status segments with park names, and the markers (dated
events, and targets at their target year) drawn on each park's row."""

from __future__ import annotations

import pandas as pd

from parkdata.data.dataset import Dataset
from parkdata.data.dates import date_starts
from parkdata.model import levels
from parkdata.present import tables
from parkdata.present.i18n import label

MARKER_EVENTS = (
    "upgrade_application",
    "renamed",
    "target_deadline",
    "project_start",
    "project_completion",
    "award",
    "designation",
)


def history(ds: Dataset, lang: str) -> pd.DataFrame:
    """levels.status_history with a park_name column in `lang`."""
    hist = levels.status_history(ds)
    names = tables.park_names(ds.parks, lang)
    return hist.assign(park_name=hist["park_id"].map(names).astype("string"))


def markers(ds: Dataset, lang: str) -> pd.DataFrame:
    """park_id, park_name, date, kind (event slug or 'target'), label: dated events of a park
    (besides the approvals the bars already show) and targets placed at their target year."""
    names = tables.park_names(ds.parks, lang)
    ev = ds.events[
        ds.events["park_id"].notna()
        & ds.events["date"].notna()
        & ds.events["event"].isin(MARKER_EVENTS)
    ]
    desc = ev["description_en" if lang == "en" else "description_zh"]
    event_labels = [
        f"{when} {label('event', kind, lang)}: {text if isinstance(text, str) else ''}"
        for when, kind, text in zip(ev["date"], ev["event"], desc, strict=True)
    ]
    events = pd.DataFrame(
        {
            "park_id": ev["park_id"],
            "date": date_starts(ev["date"]),
            "kind": ev["event"],
            "label": pd.Series(event_labels, index=ev.index, dtype="string"),
        }
    )
    ind = ds.indicators
    tg = ind[(ind["kind"] == "target") & ind["park_id"].notna() & ind["target_year"].notna()]
    units = dict(
        zip(ds.units["unit"], ds.units["label_en" if lang == "en" else "label_zh"], strict=False)
    )
    kinds = dict(
        zip(
            ds.indicator_types["indicator"],
            ds.indicator_types["label_en" if lang == "en" else "label_zh"],
            strict=False,
        )
    )
    # Labels built cell by cell: an empty selection has non-text dtypes (Float64 values), and
    # string + Float64 concatenation raises (the Timeline crashed for parks without targets).
    labels = [
        f"{int(year)} {kinds.get(ind, ind)} {_number(value)} {units.get(unit, unit)}"
        for year, ind, value, unit in zip(
            tg["target_year"], tg["indicator"], tg["value"], tg["unit"], strict=True
        )
    ]
    targets = pd.DataFrame(
        {
            "park_id": tg["park_id"],
            "date": pd.to_datetime([f"{int(y)}-01-01" for y in tg["target_year"]]),
            "kind": "target",
            "label": pd.Series(labels, index=tg.index, dtype="string"),
        }
    )
    out = pd.concat([events, targets], ignore_index=True)
    return out.assign(park_name=out["park_id"].map(names).astype("string"))


def _number(value: object) -> str:
    """A value as written: 580, 5.5 (no trailing .0); '?' when missing."""
    return "?" if value is None or pd.isna(value) else f"{float(value):g}"
