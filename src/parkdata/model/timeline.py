"""Frames for the Timeline page: each park's status segments, and the markers drawn on its row
(dated events of the kinds the event_kinds vocabulary marks, and targets at their target year).
Codes only; `parkdata.present.charts` labels and draws them."""

from __future__ import annotations

import pandas as pd

from parkdata.data.dataset import Dataset
from parkdata.data.dates import date_starts
from parkdata.data.frames import isin
from parkdata.data.schema import TARGET
from parkdata.model import levels

history = levels.status_history


def markers(ds: Dataset) -> pd.DataFrame:
    """park_id, date (first day), when (as written), kind (event code or 'target'), and for
    events event_id, description_zh/en; for targets indicator, value, unit, target_year."""
    marked = ds.vocab["event_kinds"].where("timeline_marker")
    ev = ds.events[
        ds.events["park_id"].notna() & ds.events["date"].notna() & isin(ds.events["event"], marked)
    ]
    events = pd.DataFrame(
        {
            "park_id": ev["park_id"],
            "date": date_starts(ev["date"]),
            "when": ev["date"],
            "kind": ev["event"],
            "event_id": ev["event_id"],
            "description_zh": ev["description_zh"],
            "description_en": ev["description_en"],
        }
    )
    ind = ds.indicators
    tg = ind[(ind["kind"] == TARGET) & ind["park_id"].notna() & ind["target_year"].notna()]
    years = tg["target_year"].astype("Int64")
    targets = pd.DataFrame(
        {
            "park_id": tg["park_id"],
            "date": pd.to_datetime([f"{int(y)}-01-01" for y in years]),
            "when": years.astype("string"),
            "kind": pd.Series(TARGET, index=tg.index, dtype="string"),
            "indicator": tg["indicator"],
            "value": tg["value"],
            "unit": tg["unit"],
            "qualifier": tg["qualifier"],
        },
        index=tg.index,
    )
    frames = [f for f in (events, targets) if len(f)]
    if not frames:
        return pd.DataFrame(columns=["park_id", "date", "when", "kind"])
    return pd.concat(frames, ignore_index=True)
