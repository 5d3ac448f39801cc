"""Derivations about levels over time and about areas.

- `level_at`: each park's level on a given day, from its dated approval events.
- `first_dated`: the day each park was first founded or approved (for the as-of view).
- `status_history`: each park's status segments (established → provincial → national).
- `level_counts_over_time`: how many parks were national or provincial at each change.
- `area_km2`: one area per park in km², of one scope only (planned, approved, …).

Which events are approvals and the level each confers come from the event_kinds vocabulary;
the statuses and their order from the statuses vocabulary. An event dated only to a year or
month counts from the first day it can mean (2012 → 2012-01-01)."""

from __future__ import annotations

import pandas as pd

from parkdata.data.dataset import Dataset
from parkdata.data.dates import date_ends, date_precisions, date_starts
from parkdata.data.frames import isin
from parkdata.data.schema import LEVEL_UNKNOWN

ESTABLISHED = "established"  # the event (and status) of a park's founding


def approval_kinds(ds: Dataset) -> tuple[str, ...]:
    """Event kinds that confer a level (provincial_approval, national_approval, …)."""
    return tuple(ds.vocab["event_kinds"].column("confers_level"))


def approval_levels(ds: Dataset) -> tuple[str, ...]:
    """The levels an approval can confer (national, provincial), in the levels' order."""
    conferred = set(ds.vocab["event_kinds"].column("confers_level").values())
    return tuple(code for code in ds.vocab["levels"].codes() if code in conferred)


def approvals_per_year(ds: Dataset) -> pd.DataFrame:
    """How many parks first reached each level in each year: columns year, level, n (only the
    years and levels that occur). A park counts once per level, at its earliest dated approval
    to it, so the same approval recorded by two sources (an article and the catalogue) is one."""
    ev = _dated_events(ds, approval_kinds(ds))
    ev = ev.sort_values("start", kind="stable").drop_duplicates(["park_id", "level_after"])
    if ev.empty:
        return pd.DataFrame({"year": pd.Series(dtype="int64"), "level": [], "n": []})
    counts = ev.groupby([ev["start"].dt.year.rename("year"), "level_after"]).size()
    out = counts.rename("n").reset_index().rename(columns={"level_after": "level"})
    return out.astype({"year": "int64", "n": "int64", "level": "string"})


def first_approval_year(ds: Dataset) -> pd.Series:
    """park_id -> year of its first dated approval (parks without one are absent)."""
    ev = _dated_events(ds, approval_kinds(ds))
    return ev.groupby("park_id")["start"].min().dt.year


def _dated_events(ds: Dataset, kinds: tuple[str, ...]) -> pd.DataFrame:
    ev = ds.events[isin(ds.events["event"], kinds) & ds.events["date"].notna()]
    ev = ev[ev["park_id"].notna()].copy()
    ev["start"] = date_starts(ev["date"])
    ev["precision"] = date_precisions(ev["date"])
    return ev.sort_values(["park_id", "start"], kind="stable")


def level_at(ds: Dataset, when: str | pd.Timestamp) -> pd.Series:
    """Level of every park on `when`: its latest approval on or before that day; else its
    current level if the level's source is dated on or before `when`; else 'unknown'."""
    when = pd.Timestamp(when)
    approvals = _dated_events(ds, approval_kinds(ds))
    latest = approvals[approvals["start"] <= when].groupby("park_id")["level_after"].last()
    parks = ds.parks.set_index("park_id")
    as_of = date_starts(parks["level_as_of"])
    fallback = parks["level"].where(as_of.notna() & (as_of <= when), LEVEL_UNKNOWN)
    has_approvals = parks.index.isin(approvals["park_id"])
    fallback = fallback.where(~has_approvals, LEVEL_UNKNOWN)  # dated history wins when it exists
    levels = fallback.astype("string")
    levels.loc[latest.index.intersection(levels.index)] = latest.astype("string")
    return levels.rename("level")


def first_dated(ds: Dataset) -> pd.Series:
    """park_id -> first day of its earliest dated founding or approval (parks without one are
    absent: they cannot be placed in time)."""
    ev = _dated_events(ds, (ESTABLISHED, *approval_kinds(ds)))
    return ev.groupby("park_id")["start"].min()


def status_history(ds: Dataset) -> pd.DataFrame:
    """One row per status segment: park_id, status, start, end (NaT = ongoing), start_precision,
    event_id, source_id, evidence. Parks without dated establishment or approval events have no
    rows."""
    columns = [
        "park_id",
        "status",
        "start",
        "end",
        "start_precision",
        "date",
        "event_id",
        "source_id",
        "evidence",
    ]
    ev = _dated_events(ds, (ESTABLISHED, *approval_kinds(ds)))
    if ev.empty:
        return pd.DataFrame(columns=columns)
    statuses = ds.vocab["statuses"].codes()
    ev["status"] = ev["level_after"].fillna(ESTABLISHED).astype("string")
    ev = ev[isin(ev["status"], statuses)]
    ev = _one_row_per_change(ev)
    ev["end"] = ev.groupby("park_id")["start"].shift(-1)
    out = ev.rename(columns={"precision": "start_precision"})
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
    """How many parks held each conferred level after every dated approval: columns date,
    level, n. Only parks with dated approvals can be placed in time (see
    `parks_without_dated_level`)."""
    approvals = _dated_events(ds, approval_kinds(ds))
    if approvals.empty:
        return pd.DataFrame(
            {
                "date": pd.Series(dtype="datetime64[ns]"),
                "level": pd.Series(dtype="string"),
                "n": pd.Series(dtype="int64"),
            }
        )
    conferred = [lvl for lvl in ds.vocab["levels"].codes() if lvl in set(approvals["level_after"])]
    # Each park's level after each of its dated approvals; a change adds one park to its new
    # level and takes it from its old one: the counts are running sums of those steps.
    steps = approvals.drop_duplicates(["park_id", "start"], keep="last")
    before = steps.groupby("park_id")["level_after"].shift(1)
    moves = pd.concat(
        [
            pd.DataFrame({"date": steps["start"], "level": steps["level_after"], "d": 1}),
            pd.DataFrame({"date": steps["start"], "level": before, "d": -1}).dropna(),
        ]
    )
    delta = moves.groupby(["date", "level"])["d"].sum().unstack("level", fill_value=0)
    delta = delta.reindex(columns=conferred, fill_value=0).sort_index()
    counts = delta.cumsum().stack().rename("n").reset_index()
    counts["date"] = pd.to_datetime(counts["date"])
    return counts.astype({"level": "string", "n": "int64"})[["date", "level", "n"]]


def parks_without_dated_level(ds: Dataset) -> pd.Index:
    """Parks with a conferred level but no dated approval event: not placed on level-over-time
    views."""
    dated = set(_dated_events(ds, approval_kinds(ds))["park_id"])
    conferred = set(ds.vocab["event_kinds"].column("confers_level").values())
    known = ds.parks[isin(ds.parks["level"], conferred)]
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
