"""Cached loading: the data package, the filtered views of it and the figures each page draws.

Every cached function takes only hashable arguments (the data handle, the filters, the language
…) and reads nothing global, so one cache entry serves every session that asks the same.

A data package changed while the app runs (a curator saving a CSV, a rebuild of the catalogue)
gets a new `Handle` (its files' sizes and modification times) and is loaded and validated anew.
Until a new package loads, and whenever it does not validate, every session keeps serving the
last good package, with a notice; never half a package, never a traceback."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from parkdata.data import changes
from parkdata.data.boundaries import load_boundaries
from parkdata.data.dataset import Dataset
from parkdata.data.package import load_package
from parkdata.data.problems import PackageError
from parkdata.data.schema import DATA_DIR, read_descriptor
from parkdata.model import (
    compare,
    levels,
    official,
    overview,
    peers,
    profile,
    standing,
    timeline,
    upgrades,
)
from parkdata.model.filters import Filters, apply_filters, approval_year_range, options
from parkdata.present import charts, exports, maps, tables
from parkdata.present import overview as present_overview
from parkdata.present import timeline as timeline_labels
from parkdata.present.labels import Labels

# The one area scope drawn on the map and summed on the Overview: the approved area, which the
# national catalogue gives for every zone (a planned area is another scope, never mixed in).
AREA = "approved_area"


@dataclass(frozen=True)
class Handle:
    """A data package directory and a fingerprint of its files (a new one reloads)."""

    directory: str
    stamp: str


def data_dir() -> str:
    return os.environ.get("PARKDATA_DATA_DIR") or str(DATA_DIR)


def fingerprint(directory: str) -> str:
    """Sizes and modification times (ns) of every file of the package: any save changes it."""
    digest = hashlib.sha1()
    for path in sorted(Path(directory).rglob("*")):
        if path.is_file():
            info = path.stat()
            digest.update(
                f"{path.relative_to(directory)}:{info.st_size}:{info.st_mtime_ns};".encode()
            )
    return digest.hexdigest()


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(handle: Handle) -> Dataset | list[str]:
    try:
        return load_package(handle.directory)
    except PackageError as exc:
        return [str(p) for p in exc.problems]
    except (OSError, ValueError) as exc:  # a file half written or removed while being read
        return [f"{handle.directory}: {exc}"]


@st.cache_resource(show_spinner=False)
def _last_good() -> dict[str, Handle]:
    """directory -> the handle of the newest package that loaded (shared by all sessions)."""
    return {}


@dataclass(frozen=True)
class Loaded:
    handle: Handle | None  # None: nothing valid to show
    problems: tuple[str, ...]  # the newest package's problems, if it did not load


def current_data() -> Loaded:
    """The newest package that loads; with the problems of a newer one that does not."""
    directory = data_dir()
    handle = Handle(directory, fingerprint(directory))
    result = _load(handle)
    good = _last_good()
    if isinstance(result, Dataset):
        good[directory] = handle
        return Loaded(handle, ())
    return Loaded(good.get(directory), tuple(result))


def dataset(handle: Handle) -> Dataset:
    result = _load(handle)
    assert isinstance(result, Dataset), "only handles that loaded are passed on"
    return result


@st.cache_resource(show_spinner=False, max_entries=4)
def package_meta(handle: Handle) -> dict:
    desc = read_descriptor(Path(handle.directory))
    licences = ", ".join(lic.get("name", "") for lic in desc.get("licenses", []))
    return {"title": desc.get("title", "Parkdata"), "licence": licences}


@st.cache_resource(show_spinner=False, max_entries=4)
def approval_years(handle: Handle) -> tuple[int, int] | None:
    """The approval-year slider's range: first and last year of a first dated approval."""
    return approval_year_range(dataset(handle))


@st.cache_resource(show_spinner=False, max_entries=4)
def filter_options(handle: Handle, provinces: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    return options(dataset(handle), provinces)


@st.cache_resource(show_spinner=False, max_entries=8)
def labels(handle: Handle, lang: str) -> Labels:
    return Labels(dataset(handle).vocab, lang)


@st.cache_resource(show_spinner=False, max_entries=64)
def filtered(handle: Handle, f: Filters) -> Dataset:
    return apply_filters(dataset(handle), f)


@st.cache_resource(show_spinner=False, max_entries=64)
def area(handle: Handle, f: Filters, indicator: str = AREA) -> pd.Series:
    return levels.area_km2(filtered(handle, f), indicator)


@st.cache_resource(show_spinner=False, max_entries=2)
def boundaries() -> dict:
    return load_boundaries()


@st.cache_resource(show_spinner=False, max_entries=64)
def table_frame(handle: Handle, f: Filters, kind: str, lang: str) -> pd.DataFrame:
    ds = filtered(handle, f)
    shown_area = area(handle, f) if kind == "parks" else None
    lab = labels(handle, lang)
    return tables.table(ds, kind, lab, shown_area, lab.park_names(dataset(handle).parks))


@st.cache_resource(show_spinner=False, max_entries=32)
def map_deck(handle: Handle, f: Filters, lang: str, basemap: bool, selected: str | None):
    ds = filtered(handle, f)
    lab = labels(handle, lang)
    deck = maps.park_map(
        ds.parks,
        boundaries(),
        lab,
        area_km2=area(handle, f),
        industries=tables.leading_industries(ds, lab),
        approvals=tables.approval_dates(ds, lab),
        basemap=basemap,
        selected_park=selected,
    )
    return maps.PreparedDeck(deck)


@st.cache_resource(show_spinner=False, max_entries=32)
def overview_figures(handle: Handle, f: Filters) -> overview.Figures:
    return overview.figures(filtered(handle, f), area(handle, f), AREA)


@st.cache_resource(show_spinner=False, max_entries=32)
def overview_tables(
    handle: Handle, f: Filters, lang: str, today: str
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(zones per province and level, the latest level changes, the latest dated events, the
    upcoming ones) of the Overview, cached per view and day (building the citations is most of
    its run)."""
    ds = filtered(handle, f)
    lab = labels(handle, lang)
    past, upcoming = present_overview.events(ds, lab, pd.Timestamp(today))
    changes = present_overview.latest_changes(ds, lab, pd.Timestamp(today))
    return present_overview.level_province_counts(ds.parks, lab), changes, past, upcoming


@st.cache_resource(show_spinner=False, max_entries=2)
def package_zip(handle: Handle) -> bytes:
    """The data package as one zip (made once per package, on the first click)."""
    return exports.package_zip(handle.directory)


@st.cache_resource(show_spinner=False, max_entries=8)
def official_counts(handle: Handle, lang: str) -> pd.DataFrame:
    """The official counts of national zones beside the package's at the same dates."""
    ds = dataset(handle)
    return tables.official_counts_table(official.reconcile(ds), ds, labels(handle, lang))


@st.cache_resource(show_spinner=False, max_entries=8)
def catalogue_difference(handle: Handle, lang: str) -> str | None:
    """What the Sources page says of the package's count at the catalogue's date against the
    catalogue's own (None when they agree)."""
    ds = dataset(handle)
    listed, held, moved = official.catalogue_difference(ds)
    if listed == held:
        return None
    lab = labels(handle, lang)
    names = lab.park_names(ds.parks)
    zones = ", ".join(
        f"{names.get(p, p)} ({d})" for p, d in zip(moved["park_id"], moved["date"], strict=True)
    )
    return lab.t("catalogue_difference", listed=listed, held=held, n=len(moved), zones=zones)


@st.cache_resource(show_spinner=False, max_entries=64)
def levels_as_of(handle: Handle, f: Filters) -> tuple[str | None, int]:
    """(the date of the newest level change the view applies, how many of its zones' levels
    rest on a change marked as one-source or inferred)."""
    ds = filtered(handle, f)
    marked = set(ds.vocab["change_confidences"].where("marked"))
    n_marked = int(ds.parks["level_confidence"].isin(marked).sum())
    return changes.newest_date(ds.level_changes), n_marked


def group_labels(by: str, lab: Labels) -> dict[str, str] | None:
    """How the groups of `by` are named on an axis (None: places, by Labels.place)."""
    return dict(lab.options("zone_types")) if by == "zone_type" else None


@st.cache_resource(show_spinner=False, max_entries=32)
def compare_figures(handle: Handle, f: Filters, lang: str, by: str):
    """Counts, area and sector-mix figures of the Compare page (cached per view); groups in
    the order of their number of zones, the same on every chart."""
    ds = filtered(handle, f)
    lab = labels(handle, lang)
    order = lab.order("levels")
    counts = compare.levels_present(compare.counts_by(ds.parks, [by], order))
    groups = compare.groups_by_size(counts, by)
    names = group_labels(by, lab)
    areas = compare.values_by_level(area(handle, f), ds.parks, order, [by], base_unit="km2")
    mix = compare.sector_mix(ds.industries, ds.parks, ds.sectors, order, [by])
    return (
        charts.compare_bar(
            counts,
            by,
            "n",
            lab,
            n_col="n",
            y_title=lab.t("counts"),
            x_labels=names,
            categories=groups,
        ),  # fmt: skip
        charts.compare_bar(
            areas,
            by,
            "median",
            lab,
            y_title="km²",
            x_labels=names,
            categories=groups,
            unit="km²",
        ),  # fmt: skip
        charts.sector_heatmap(mix, by, lab, x_labels=names, groups=groups),
        charts.without_values_note(areas, by, "median", lab, names),
    )


@st.cache_resource(show_spinner=False, max_entries=32)
def compare_tables(handle: Handle, f: Filters, lang: str):
    """The Compare page's indicator choices and targets table (cached per view)."""
    ds = filtered(handle, f)
    lab = labels(handle, lang)
    return tables.indicator_choices(ds, lab), tables.targets_table(ds, lab)


@st.cache_resource(show_spinner=False, max_entries=32)
def indicator_chart(handle: Handle, f: Filters, indicator: str, by: str, lang: str):
    """(figure, unit label, note on the groups without a value) of the median of `indicator`
    per park by level and `by`; None when no park has a value or its rows mix unit families
    (they are never compared)."""
    ds = filtered(handle, f)
    lab = labels(handle, lang)
    try:
        values = compare.indicator_by_level(
            ds.indicators,
            ds.parks,
            ds.units,
            indicator,
            lab.order("levels"),
            [by],
            kinds=compare.actual_kinds(ds.vocab),
            inexact=compare.inexact_qualifiers(ds.vocab),
        )
    except ValueError:
        return None
    if values["n_parks"].sum() == 0:
        return None
    unit = lab.code("units", values["base_unit"].dropna().iloc[0])
    names = group_labels(by, lab)
    fig = charts.compare_bar(values, by, "median", lab, y_title=unit, x_labels=names, unit=unit)
    return fig, unit, charts.without_values_note(values, by, "median", lab, names)


MAX_TIMELINE_PARKS = 40  # rows of the status chart; more zones: the most recently changed


@dataclass(frozen=True)
class TimelineFigures:
    status: object | None  # plotly figures; None where there is nothing to draw
    trend: object | None
    per_year: object | None
    n_undated: int  # parks with a level but no dated approval
    n_history: int  # parks with a status history
    n_shown: int  # of them drawn on the status chart
    upgrades: object | None = None  # provincial -> national per year and type


@st.cache_resource(show_spinner=False, max_entries=32)
def timeline_figures(handle: Handle, f: Filters, lang: str) -> TimelineFigures:
    ds = filtered(handle, f)
    lab = labels(handle, lang)
    history = timeline.history(ds)
    n_history = history["park_id"].nunique()
    latest = history.groupby("park_id")["start"].max().sort_values(ascending=False)
    keep = set(latest.index[:MAX_TIMELINE_PARKS])
    history = history[history["park_id"].isin(list(keep))]
    status = None
    if not history.empty:
        marks = timeline.markers(ds)
        marks = timeline_labels.marker_labels(marks[marks["park_id"].isin(list(keep))], lab)
        status = charts.status_timeline(history, marks, lab, lab.park_names(ds.parks))
        if f.as_of:
            status.add_vline(x=str(f.as_of), line_dash="dot", line_color="#888")
    counts = levels.level_counts_over_time(ds)
    per_year = levels.approvals_per_year(ds)
    ups = upgrades.per_year(upgrades.upgrades(ds))
    return TimelineFigures(
        upgrades=None
        if ups.empty
        else charts.upgrades_chart(ups, lab, dict(lab.park_names(ds.parks))),
        status=status,
        trend=None if counts.empty else charts.level_counts_chart(counts, lab),
        per_year=None if per_year.empty else charts.approvals_per_year_chart(per_year, lab),
        n_undated=len(levels.parks_without_dated_level(ds)),
        n_history=int(n_history),
        n_shown=len(keep),
    )


@st.cache_resource(show_spinner=False, max_entries=64)
def park_profile(handle: Handle, park_id: str) -> profile.Profile | None:
    return profile.park_profile(dataset(handle), park_id)


@st.cache_resource(show_spinner=False, max_entries=64)
def peers_frame(handle: Handle, park_id: str, zone_type: str, lang: str) -> pd.DataFrame:
    ds = dataset(handle)
    found = peers.peers(ds, park_id, zone_type, include_self=True)
    return tables.peers_table(ds, found, labels(handle, lang))


@st.cache_resource(show_spinner=False, max_entries=8)
def source_counts(handle: Handle) -> pd.DataFrame:
    return profile.source_counts(dataset(handle))


def today() -> str:
    """Today (ISO): the date years are counted to, and a cache key that moves with it."""
    return pd.Timestamp.today().date().isoformat()


@st.cache_resource(show_spinner=False, max_entries=64)
def standing_frame(handle: Handle, park_id: str, lang: str, today: str) -> pd.DataFrame:
    ds = dataset(handle)
    found = standing.standing(ds, park_id, pd.Timestamp(today))
    return tables.standing_table(found, labels(handle, lang))


@st.cache_resource(show_spinner=False, max_entries=64)
def upgraded_frame(handle: Handle, park_id: str, since: int, lang: str, today: str):
    ds = dataset(handle)
    found = standing.upgraded_since(ds, park_id, since, pd.Timestamp(today))
    return tables.upgraded_table(found, ds, labels(handle, lang))


@st.cache_resource(show_spinner=False, max_entries=64)
def candidates_frame(
    handle: Handle, province: str, zone_type: str, criterion: str, lang: str, today: str
) -> pd.DataFrame:
    ds = dataset(handle)
    found = standing.candidates(ds, province, zone_type, criterion, pd.Timestamp(today))
    return tables.candidates_table(found, ds, labels(handle, lang))
