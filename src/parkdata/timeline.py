"""Frames for the Timeline page: status segments with park names, and the markers (dated
events, and targets at their target year) drawn on each park's row."""

from __future__ import annotations

import pandas as pd

from parkdata import levels, tables
from parkdata.dates import date_starts
from parkdata.i18n import label
from parkdata.package import Dataset

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
    events = pd.DataFrame(
        {
            "park_id": ev["park_id"],
            "date": date_starts(ev["date"]),
            "kind": ev["event"],
            "label": ev["date"]
            + " "
            + ev["event"].map(lambda e: label("event", e, lang))
            + ": "
            + desc,
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
    targets = pd.DataFrame(
        {
            "park_id": tg["park_id"],
            "date": pd.to_datetime(tg["target_year"].astype("Int64").astype("string") + "-01-01"),
            "kind": "target",
            "label": tg["target_year"].astype("string")
            + " "
            + tg["indicator"].map(kinds).fillna(tg["indicator"])
            + " "
            + tg["value"].map("{:g}".format)
            + " "
            + tg["unit"].map(units).fillna(tg["unit"]),
        }
    )
    out = pd.concat([events, targets], ignore_index=True)
    return out.assign(park_name=out["park_id"].map(names).astype("string"))
