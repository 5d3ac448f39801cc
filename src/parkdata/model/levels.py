"""Derivations about levels over time and about areas.

- `level_at`: each park's level on a given day (parkdata.data.changes.state_at, the one place a
  level is decided).
- `first_dated`: the day each park was first founded or approved (for the as-of view).
- `status_history`: each park's status segments (established → provincial → national …).
- `level_counts_over_time`: how many parks held each level after every dated change.
- `approvals_per_year`, `upgrades`: who reached a level when.
- `area_km2`: one area per park in km², of one scope only (planned, approved, …).

Levels come from the level changes (level_changes.csv, catalog/level_changes.csv): a `listed`
row states a level without changing it, so it never opens a segment or moves a count; the levels
a change can confer are the levels vocabulary's `conferred` ones, the statuses and their order
the statuses vocabulary's. A change dated only to a year or month counts from the first day it
can mean (2012 → 2012-01-01)."""

from __future__ import annotations

import pandas as pd

from parkdata.data import changes as ch
from parkdata.data.dataset import Dataset
from parkdata.data.dates import date_ends, date_precisions, date_starts
from parkdata.data.frames import isin
from parkdata.data.schema import LEVEL_UNKNOWN

ESTABLISHED = "established"  # the event (and status) of a park's founding
UPGRADED = "upgraded"  # the change from provincial to national (vocab/change_kinds.csv)


def approval_levels(ds: Dataset) -> tuple[str, ...]:
    """The levels a change can confer (national, provincial), in the levels' order."""
    return tuple(ds.vocab["levels"].where("conferred"))


def changes_of(ds: Dataset) -> pd.DataFrame:
    """The dated changes (not the `listed` rows) of parks in `ds`, with start and precision,
    by park and start."""
    lc = ds.level_changes
    lc = lc[
        (lc["change"] != ch.LISTED) & lc["date"].notna() & isin(lc["park_id"], ds.parks["park_id"])
    ]
    lc = lc.assign(start=date_starts(lc["date"]), precision=date_precisions(lc["date"]))
    return lc.sort_values(["park_id", "start", "change_id"], kind="stable")


def approvals_per_year(ds: Dataset) -> pd.DataFrame:
    """How many parks first reached each conferred level in each year: columns year, level, n
    (only the years and levels that occur). A park counts once per level, at its earliest dated
    change to it, so the same approval told by two sources (an article and the catalogue) is
    one."""
    lc = changes_of(ds)
    lc = lc[isin(lc["level_after"], approval_levels(ds))]
    lc = lc.sort_values("start", kind="stable").drop_duplicates(["park_id", "level_after"])
    if lc.empty:
        return pd.DataFrame({"year": pd.Series(dtype="int64"), "level": [], "n": []})
    counts = lc.groupby([lc["start"].dt.year.rename("year"), "level_after"]).size()
    out = counts.rename("n").reset_index().rename(columns={"level_after": "level"})
    return out.astype({"year": "int64", "n": "int64", "level": "string"})


def upgrades(ds: Dataset) -> pd.DataFrame:
    """Every upgrade (provincial → national) of a park in `ds`: park_id, date (as written),
    start, change_id, source_id, confidence; oldest first."""
    lc = changes_of(ds)
    lc = lc[lc["change"] == UPGRADED]
    columns = ["park_id", "date", "start", "change_id", "source_id", "confidence"]
    return lc.sort_values(["start", "park_id"], kind="stable")[columns].reset_index(drop=True)


def first_reached(ds: Dataset) -> dict[str, pd.DataFrame]:
    """conferred level -> the park's first change to that level (when it became provincial,
    when national): a frame indexed by park_id with its date as written and its source_id.
    Parks that never did are absent."""
    lc = changes_of(ds)
    out = {}
    for level in approval_levels(ds):
        mine = lc[lc["level_after"] == level].drop_duplicates("park_id")
        out[level] = pd.DataFrame(
            {"date": mine["date"].to_numpy(), "source_id": mine["source_id"].to_numpy()},
            index=pd.Index(mine["park_id"].to_numpy(), name="park_id"),
        )
    return out


def ordered_changes(ds: Dataset) -> pd.DataFrame:
    """The level changes of the parks in `ds` (listed rows too), oldest first."""
    lc = ds.level_changes
    lc = ch.ordered(lc[isin(lc["park_id"], ds.parks["park_id"])])
    lc = lc.sort_values(["effective", "park_id", "change_id"], kind="stable")
    return lc.drop(columns="effective")


def restated_by(changes: pd.DataFrame) -> pd.Series:
    """For each change (same index), the change_ids of the other rows that state the same
    change of the same zone from another source: the same level after, dates that agree at the
    coarser precision (1991-03 and 1991-03-12; 2000 and 2000-02), neither a listing. The
    catalogue and an article dating one approval are one fact from two sources, never two."""
    out = pd.Series([()] * len(changes), index=changes.index, dtype=object)
    rows = changes[(changes["change"] != ch.LISTED) & changes["date"].notna()]
    for _, group in rows.groupby(["park_id", "level_after"], sort=False):
        if len(group) < 2:
            continue
        items = list(zip(group.index, group["date"].astype(str), group["source_id"], strict=True))
        for index, date, source in items:
            same = tuple(
                str(group.at[other, "change_id"])
                for other, when, from_ in items
                if other != index
                and from_ != source
                and (when.startswith(date) or date.startswith(when))
            )
            out.at[index] = same
    return out


def first_approval_year(ds: Dataset) -> pd.Series:
    """park_id -> year of its first dated change to a conferred level (parks without one are
    absent)."""
    lc = changes_of(ds)
    lc = lc[isin(lc["level_after"], approval_levels(ds))]
    return lc.groupby("park_id")["start"].min().dt.year


def _founded(ds: Dataset) -> pd.DataFrame:
    ev = ds.events[(ds.events["event"] == ESTABLISHED) & ds.events["date"].notna()]
    ev = ev[ev["park_id"].notna()]
    return ev.assign(start=date_starts(ev["date"]), precision=date_precisions(ev["date"]))


def level_at(ds: Dataset, when: str | pd.Timestamp) -> pd.Series:
    """Level of every park on `when` (parkdata.data.changes.state_at); 'unknown' for a park no
    change names by then."""
    held = ch.state_at(ds.level_changes, pd.Timestamp(when))["level"]
    levels = ds.parks["park_id"].map(held).astype("string").fillna(LEVEL_UNKNOWN)
    return pd.Series(levels.to_numpy(), index=pd.Index(ds.parks["park_id"]), name="level")


def state_at(ds: Dataset, when: str | pd.Timestamp) -> pd.DataFrame:
    """The parks' level columns (parkdata.data.changes.STATE_COLUMNS) on `when`, by park_id,
    every park present ('unknown' and empty where no change names it by then)."""
    state = ch.state_at(ds.level_changes, pd.Timestamp(when)).reindex(ds.parks["park_id"])
    state = state.astype("string")
    state["level"] = state["level"].fillna(LEVEL_UNKNOWN)
    return state


def first_dated(ds: Dataset) -> pd.Series:
    """park_id -> first day of its earliest dated founding or change (parks without one are
    absent: they cannot be placed in time)."""
    starts = pd.concat([_founded(ds)[["park_id", "start"]], changes_of(ds)[["park_id", "start"]]])
    return starts.groupby("park_id")["start"].min()


def status_history(ds: Dataset) -> pd.DataFrame:
    """One row per status segment: park_id, status, start, end (NaT = ongoing), start_precision,
    date, change_id (the founding event's id for 'established'), source_id, evidence,
    confidence. Parks without dated founding or changes have no rows."""
    columns = [
        "park_id",
        "status",
        "start",
        "end",
        "start_precision",
        "date",
        "change_id",
        "source_id",
        "evidence",
        "confidence",
    ]
    founded = _founded(ds).rename(columns={"event_id": "change_id"})
    founded = founded.assign(status=ESTABLISHED, confidence=pd.NA)
    lc = changes_of(ds).assign(status=lambda f: f["level_after"])
    rows = pd.concat([founded, lc], ignore_index=True)
    if rows.empty:
        return pd.DataFrame(columns=columns)
    rows = rows[isin(rows["status"], ds.vocab["statuses"].codes())]
    rows = rows.sort_values(["park_id", "start"], kind="stable")
    rows = _one_row_per_change(rows.reset_index(drop=True))
    rows["end"] = rows.groupby("park_id")["start"].shift(-1)
    out = rows.rename(columns={"precision": "start_precision"})
    return out[columns].reset_index(drop=True)


_FINER = {"year": 0, "month": 1, "day": 2}


def _one_row_per_change(ev: pd.DataFrame) -> pd.DataFrame:
    """Rows (sorted by park and start) that repeat the park's previous status are the same
    change told again (an article and the catalogue, often at two precisions): dropped, except
    that a finer date inside the earlier one's period (2012-08-19 within 2012-08) replaces it."""
    keep: list[int] = []
    last: dict[str, tuple[int, str, pd.Timestamp, pd.Timestamp, int]] = {}
    ends = date_ends(ev["date"])
    for i, park, status, start, end, precision in zip(
        range(len(ev)), ev["park_id"], ev["status"], ev["start"], ends, ev["precision"],
        strict=True,
    ):  # fmt: skip
        before = last.get(park)
        if before is None or before[1] != status:
            keep.append(i)
            last[park] = (len(keep) - 1, status, start, end, _FINER.get(precision, 0))
            continue
        slot, _, first, until, fineness = before
        if first <= start <= until and _FINER.get(precision, 0) > fineness:
            keep[slot] = i
            last[park] = (slot, status, start, end, _FINER.get(precision, 0))
    return ev.iloc[keep]


def level_counts_over_time(ds: Dataset) -> pd.DataFrame:
    """How many parks held each conferred level after every dated change: columns date, level,
    n. Only parks with dated changes can be placed in time (see `parks_without_dated_level`);
    a zone that is revoked or moves on leaves its level's count."""
    lc = changes_of(ds)
    if lc.empty:
        return pd.DataFrame(
            {
                "date": pd.Series(dtype="datetime64[ns]"),
                "level": pd.Series(dtype="string"),
                "n": pd.Series(dtype="int64"),
            }
        )
    conferred = [lvl for lvl in approval_levels(ds) if lvl in set(lc["level_after"])]
    # Each park's level after each of its dated changes; a change adds one park to its new
    # level and takes it from its old one: the counts are running sums of those steps.
    steps = lc.drop_duplicates(["park_id", "start"], keep="last")
    before = steps.groupby("park_id")["level_after"].shift(1)
    moves = pd.concat(
        [
            pd.DataFrame({"date": steps["start"], "level": steps["level_after"], "d": 1}),
            pd.DataFrame({"date": steps["start"], "level": before, "d": -1}).dropna(),
        ]
    )
    moves = moves[isin(moves["level"], conferred)]
    delta = moves.groupby(["date", "level"])["d"].sum().unstack("level", fill_value=0)
    delta = delta.reindex(columns=conferred, fill_value=0).sort_index()
    counts = delta.cumsum().stack().rename("n").reset_index()
    counts["date"] = pd.to_datetime(counts["date"])
    return counts.astype({"level": "string", "n": "int64"})[["date", "level", "n"]]


def parks_without_dated_level(ds: Dataset) -> pd.Index:
    """Parks with a conferred level but no dated change: not placed on level-over-time views."""
    dated = set(changes_of(ds)["park_id"])
    known = ds.parks[isin(ds.parks["level"], approval_levels(ds))]
    return pd.Index(known.loc[~isin(known["park_id"], dated), "park_id"])


def area_facts(ds: Dataset, indicator: str) -> pd.DataFrame:
    """The `indicator` fact (one area scope) chosen for each park, converted to km². Preference:
    article over reference, actual over estimate and target, then the latest year. Never mixes
    scopes: another area indicator is another call."""
    columns = ["park_id", "area_km2", "fact_id", "indicator", "source_id", "year"]
    ind = ds.indicators[
        (ds.indicators["indicator"] == indicator) & ds.indicators["park_id"].notna()
    ]
    ind = ind[ind["value"].notna()]
    if ind.empty:
        return pd.DataFrame(columns=columns)
    to_base = ds.units.set_index("unit")["to_base"]
    kind = ds.sources.set_index("source_id")["kind"]
    actual = set(ds.vocab["indicator_kinds"].where("counts_as_actual"))
    ranked = ind.assign(
        area_km2=(ind["value"] * ind["unit"].map(to_base)).astype("Float64"),
        _article=(ind["source_id"].map(kind) == "article").astype(int),
        _actual=isin(ind["kind"], actual).astype(int),
        _exact=(ind["kind"] == "actual").astype(int),
        _year=ind["year"].fillna(0),
    ).sort_values(["park_id", "_article", "_actual", "_exact", "_year"], kind="stable")
    best = ranked.groupby("park_id").tail(1)
    return best[columns].reset_index(drop=True)


def area_km2(ds: Dataset, indicator: str) -> pd.Series:
    """Area of one scope in km² per park_id; parks without such a fact are absent (not 0)."""
    facts = area_facts(ds, indicator)
    return facts.set_index("park_id")["area_km2"].astype("Float64").rename(indicator)
