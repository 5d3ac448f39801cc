"""Peers of a zone: the zones an upgrade application is argued against.

For a zone, its peers are the other zones of the same province and of a chosen zone type (by
default its own; a county industrial park applying to become a high-tech zone picks
high_tech_zone) that hold its level or the next level up (provincial -> national; a zone of
unknown or other level -> the lowest conferred level). For each: its level, latest approval date
as written, approved area, leading industries (newest year) and the distance between the points.
Codes only; the Profile labels them."""

from __future__ import annotations

import numpy as np
import pandas as pd

from parkdata.data.dataset import Dataset
from parkdata.data.frames import isin
from parkdata.model import levels as lv

EARTH_RADIUS_KM = 6371.0
PEER_AREA = "approved_area"  # the area scope every catalogue zone has


def next_level_up(ds: Dataset, level: object) -> str | None:
    """The conferred level above `level` in the levels vocabulary's order (order 1 = highest);
    for a level that is not conferred (other, unknown) the lowest conferred one."""
    order = list(ds.vocab["levels"].codes())
    conferred = [code for code in order if code in set(lv.approval_levels(ds))]
    if level in conferred:
        i = conferred.index(str(level))
        return conferred[i - 1] if i > 0 else None
    return conferred[-1] if conferred else None


def _floats(values) -> np.ndarray:
    """Numbers as floats; a missing one (None, <NA>) is NaN."""
    return pd.to_numeric(pd.Series(np.atleast_1d(np.asarray(values, dtype=object))),
                         errors="coerce").to_numpy(dtype=float)  # fmt: skip


def distance_km(lat1, lon1, lat2, lon2) -> np.ndarray:
    """Great-circle distance (haversine); NaN where a point is missing."""
    p1, p2 = np.radians(_floats(lat1)), np.radians(_floats(lat2))
    dlat = p2 - p1
    dlon = np.radians(_floats(lon2) - _floats(lon1))
    a = np.sin(dlat / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(a))


def latest_approval(ds: Dataset) -> pd.DataFrame:
    """park_id -> date (as written) and start of its latest dated change to a conferred
    level."""
    lc = lv.changes_of(ds)
    lc = lc[isin(lc["level_after"], lv.approval_levels(ds))]
    latest = lc.groupby("park_id").tail(1)
    return latest.set_index("park_id")[["date", "start"]]


def peers(
    ds: Dataset, park_id: str, zone_type: str | None = None, include_self: bool = False
) -> pd.DataFrame:
    """The peers of `park_id` (see module doc): park_id, level, zone_type, city, approved
    (latest approval date as written), approved_area_km2, distance_km; the park's own level
    first, then the next level up, nearest first within each. Empty when the park is unknown.
    With `include_self`, the park itself comes first (distance missing: it is the origin) and
    a column `is_self` marks it, so its figures read beside its peers'."""
    parks = ds.parks
    rows = parks[parks["park_id"] == park_id]
    columns = ["park_id", "level", "zone_type", "city", "approved", "approved_area_km2"]
    if rows.empty:
        return pd.DataFrame(columns=[*columns, "distance_km"])
    park = rows.iloc[0]
    own = park["level"] if park["level"] in lv.approval_levels(ds) else None  # not 'unknown'
    wanted = [lvl for lvl in (own, next_level_up(ds, park["level"])) if lvl]
    kind = zone_type or park["zone_type"]
    same = parks[
        (parks["province"] == park["province"])
        & (parks["zone_type"] == kind)
        & isin(parks["level"], wanted)
        & (parks["park_id"] != park_id)
    ]
    approvals = latest_approval(ds)
    area = lv.area_km2(ds, PEER_AREA)
    out = same[["park_id", "level", "zone_type", "city"]].copy()
    out["approved"] = same["park_id"].map(approvals["date"]).astype("string")
    out["approved_area_km2"] = same["park_id"].map(area).astype("Float64")
    out["distance_km"] = pd.Series(
        distance_km(park["lat"], park["lon"], same["lat"], same["lon"]).round(1),
        index=same.index,
    ).astype("Float64")
    rank = {lvl: i for i, lvl in enumerate(wanted)}
    out = out.assign(_rank=out["level"].map(rank), _far=out["distance_km"].fillna(1e9))
    out = out.sort_values(["_rank", "_far", "park_id"], kind="stable")
    out = out.drop(columns=["_rank", "_far"]).reset_index(drop=True)
    if not include_self:
        return out
    me = rows[["park_id", "level", "zone_type", "city"]].copy()
    me["approved"] = me["park_id"].map(approvals["date"]).astype("string")
    me["approved_area_km2"] = me["park_id"].map(area).astype("Float64")
    me["distance_km"] = pd.Series([pd.NA], index=me.index, dtype="Float64")
    both = pd.concat([me.assign(is_self=True), out.assign(is_self=False)], ignore_index=True)
    return both.astype({"is_self": bool})
