"""The path to national (issue 19): every change of a zone from provincial to national level,
from the level-change facts (the 2018 batch of high-tech zones, the 2021 and 2024 ETDZ batches
…, and earlier upgrades a source dates), per year and zone type. Codes only;
`parkdata.present` labels them."""

from __future__ import annotations

import pandas as pd

from parkdata.data import changes as ch
from parkdata.data.dataset import Dataset
from parkdata.data.frames import isin
from parkdata.data.schema import LEVEL_NATIONAL

LEVEL_PROVINCIAL = "provincial"  # the level an upgrade leaves (levels vocabulary)


def upgrade_rows(ds: Dataset) -> pd.DataFrame:
    """The level changes of zones in `ds` from provincial to national, oldest first (by the
    start of their date at its precision, then zone)."""
    lc = ds.level_changes
    up = lc[
        (lc["level_before"] == LEVEL_PROVINCIAL)
        & (lc["level_after"] == LEVEL_NATIONAL)
        & isin(lc["park_id"], ds.parks["park_id"])
    ]
    up = ch.ordered(up).sort_values(["effective", "park_id"], kind="stable")
    return lc.loc[up.index]


def upgrades(ds: Dataset) -> pd.DataFrame:
    """One row per upgrade: park_id, date (as written), year, zone_type (the zone's type
    today), province, change_id; oldest first."""
    rows = upgrade_rows(ds)
    parks = ds.parks.set_index("park_id")
    return pd.DataFrame(
        {
            "park_id": rows["park_id"].to_numpy(),
            "date": rows["date"].to_numpy(),
            "year": rows["date"].str[:4].astype("Int64").to_numpy(),
            "zone_type": rows["park_id"].map(parks["zone_type"]).to_numpy(),
            "province": rows["park_id"].map(parks["province"]).to_numpy(),
            "change_id": rows["change_id"].to_numpy(),
        }
    )


def per_year(ups: pd.DataFrame) -> pd.DataFrame:
    """Upgrades per year and zone type: year, zone_type, n, park_ids (oldest first); only
    the years and types with an upgrade (a year without one is not a zero the facts give)."""
    if ups.empty:
        return pd.DataFrame(columns=["year", "zone_type", "n", "park_ids"])
    grouped = ups.groupby(["year", "zone_type"], sort=True)["park_id"]
    out = grouped.agg(list).rename("park_ids").reset_index()
    out["n"] = out["park_ids"].map(len)
    return out[["year", "zone_type", "n", "park_ids"]]
