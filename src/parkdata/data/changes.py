"""Level changes: a zone's level, name and type at any date, derived from its dated rows.

A level is a dated fact from a named source, stored once: a row of level_changes.csv (curated)
or catalog/level_changes.csv (the 2018 catalogue's approval dates), never a column of a park.
Everything that shows a level (the dataset's current levels, the as-of view, counts, the map,
exports, the profile) reads it through `state_at`, the one function that decides it:

- a zone's level on a day is level_after of its latest row on or before that day;
- a change counts from the first day its date can mean (2012 -> 2012-01-01), as every dated
  fact does; a `listed` row (a source stating the level, not a change) counts from the last day
  (a level stated for 2018-12 is known by 2018-12-31, not since the 1st);
- rows on the same day keep their order in the file (change_id order).

A zone without rows on or before the day has no level then ('unknown'). The name and the type
follow the latest row that sets them (name_after, zone_type_after); the names a zone had before
stay searchable (`former_names`)."""

from __future__ import annotations

import pandas as pd

from parkdata.data.dates import date_ends, date_starts

LISTED = "listed"  # a source states the level at a date: not a change (vocab/change_kinds.csv)
STATE_COLUMNS = [
    "level",
    "level_as_of",
    "level_change_id",
    "level_source_id",
    "level_evidence",
    "level_confidence",
]


def ordered(changes: pd.DataFrame) -> pd.DataFrame:
    """The rows with `effective` (the day each counts from), by park, day and change_id."""
    listed = changes["change"] == LISTED
    effective = date_starts(changes["date"]).where(~listed, date_ends(changes["date"]))
    out = changes.assign(effective=effective)
    out = out[out["effective"].notna() & out["park_id"].notna()]
    return out.sort_values(["park_id", "effective", "change_id"], kind="stable")


def _until(changes: pd.DataFrame, when: str | pd.Timestamp | None) -> pd.DataFrame:
    rows = ordered(changes)
    if when is None:
        return rows
    return rows[rows["effective"] <= pd.Timestamp(when)]


def state_at(changes: pd.DataFrame, when: str | pd.Timestamp | None = None) -> pd.DataFrame:
    """park_id -> level, level_as_of (the deciding row's date as written), level_change_id,
    level_source_id, level_evidence, level_confidence on `when` (None: the newest state). Zones
    without a row by then are absent."""
    last = _until(changes, when).groupby("park_id", sort=False).tail(1)
    out = pd.DataFrame(
        {
            "level": last["level_after"].to_numpy(),
            "level_as_of": last["date"].to_numpy(),
            "level_change_id": last["change_id"].to_numpy(),
            "level_source_id": last["source_id"].to_numpy(),
            "level_evidence": last["evidence"].to_numpy(),
            "level_confidence": last["confidence"].to_numpy(),
        },
        index=pd.Index(last["park_id"].to_numpy(), name="park_id"),
    )
    return out.astype("string")


def latest(changes: pd.DataFrame, column: str, when: str | pd.Timestamp | None = None) -> pd.Series:
    """park_id -> the latest non-empty `column` (name_after, zone_type_after …) by `when`."""
    rows = _until(changes, when)
    rows = rows[rows[column].notna()]
    return rows.groupby("park_id", sort=False)[column].last().astype("string")


def former_names(changes: pd.DataFrame, names: pd.Series, column: str = "name_after") -> pd.Series:
    """park_id -> every name the zone had before its current one, joined by ' / ': its own row's
    name (`names`: park_id -> name_zh, or name_en with column name_en_after, of its park row)
    when a change renamed it, then each of the changes' `column` but the last."""
    rows = ordered(changes)
    rows = rows[rows[column].notna()]
    out: dict[str, str] = {}
    for park_id, group in rows.groupby("park_id", sort=False):
        seen = [str(names.get(park_id, "")), *group[column].astype(str)]
        current = seen[-1]
        earlier = [n for n in dict.fromkeys(seen[:-1]) if n and n != current]
        if earlier:
            out[str(park_id)] = " / ".join(earlier)
    return pd.Series(out, dtype="string", name="former_names")


def newest_date(changes: pd.DataFrame, when: str | pd.Timestamp | None = None) -> str | None:
    """The date (as written) of the newest row by `when`: what 'levels as of' says."""
    rows = _until(changes, when)
    if rows.empty:
        return None
    return str(rows.sort_values("effective", kind="stable")["date"].iloc[-1])
