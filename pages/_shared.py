"""App layer shared by dashboard.py and the pages: cached loading, the per-run context, the URL.

Why here: with `st.navigation` Streamlit does not treat files in pages/ as pages by itself, and
the leading underscore marks this module as a helper, not a page. It is the only module besides
dashboard.py and the page scripts that imports streamlit; everything it calls lives in
`src/parkdata/` and works without streamlit.

- Loading: `load_dataset(data_dir, stamp)` is cached per data directory and file modification
  stamp; a broken package returns its problems (file:row:column) instead of raising.
- Context: dashboard.py builds a `Ctx` (full and filtered Dataset, Filters, language) once per
  run and stores it in session state; pages read it with `ctx()`.
- URL: on the first run of a session the query string is parsed (`parkdata.model.filters`) into the
  widget states, with notices for what was dropped; after every run the current state is
  written back, so a link reproduces the view.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pandas as pd
import streamlit as st

from parkdata.data.package import Dataset, load_package
from parkdata.data.problems import PackageError
from parkdata.data.schema import DATA_DIR, read_descriptor
from parkdata.model import filters as flt
from parkdata.present import exports, tables
from parkdata.present.i18n import t

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# The pages in menu order, url_path -> icon. The script of each is pages/<url_path>_page.py
# and its title the i18n string "page_<url_path>".
PAGES = {
    "overview": ":material/dashboard:",
    "map": ":material/map:",
    "timeline": ":material/timeline:",
    "compare": ":material/compare_arrows:",
    "table": ":material/table:",
    "profile": ":material/location_city:",
    "sources": ":material/menu_book:",
}

# widget key -> Filters field (the sidebar widgets)
FILTER_WIDGETS = {
    "f_province": "provinces",
    "f_city": "cities",
    "f_level": "levels",
    "f_zone": "zone_types",
    "f_sector": "sectors",
    "f_text": "text",
    "f_date": "as_of",
}
# page url_path -> view fields it keeps in the URL (widget key = "v_" + field)
PAGE_VIEW = {
    "map": ("basemap",),
    "compare": ("by", "indicator"),
    "table": ("table",),
    "profile": ("park",),
}


@dataclass(frozen=True)
class Ctx:
    data_dir: str
    stamp: float
    lang: str
    filters: flt.Filters
    full: Dataset
    ds: Dataset
    meta: dict

    @property
    def empty(self) -> bool:
        return self.ds.parks.empty


def data_dir() -> str:
    return os.environ.get("PARKDATA_DATA_DIR") or str(DATA_DIR)


def stamp(directory: str) -> float:
    """Newest modification time of the package files: a new stamp reloads the cache."""
    paths = [p for p in Path(directory).glob("*") if p.is_file()]
    return max((p.stat().st_mtime for p in paths), default=0.0)


@st.cache_resource(show_spinner=False, max_entries=4)
def load_dataset(directory: str, file_stamp: float) -> Dataset | list[str]:
    del file_stamp  # part of the cache key only
    try:
        return load_package(directory)
    except PackageError as exc:
        return [str(p) for p in exc.problems]


@st.cache_resource(show_spinner=False, max_entries=4)
def package_meta(directory: str, file_stamp: float) -> dict:
    del file_stamp
    desc = read_descriptor(Path(directory))
    licences = ", ".join(lic.get("name", "") for lic in desc.get("licenses", []))
    return {"title": desc.get("title", "Parkdata"), "licence": licences}


@st.cache_resource(show_spinner=False, max_entries=64)
def filtered(directory: str, file_stamp: float, f: flt.Filters) -> Dataset:
    full = load_dataset(directory, file_stamp)
    assert isinstance(full, Dataset)
    return flt.apply_filters(full, f, levels_as_of(directory, file_stamp, f.as_of))


@st.cache_resource(show_spinner=False, max_entries=32)
def levels_as_of(directory: str, file_stamp: float, as_of: str) -> pd.Series | None:
    """park_id -> level at `as_of` (None = the parks' current level)."""
    if not as_of:
        return None
    from parkdata.model import levels

    full = load_dataset(directory, file_stamp)
    assert isinstance(full, Dataset)
    return levels.level_at(full, as_of)


@st.cache_resource(show_spinner=False, max_entries=64)
def planned_area(directory: str, file_stamp: float, f: flt.Filters) -> pd.Series:
    from parkdata.model import levels

    return levels.planned_area_km2(filtered(directory, file_stamp, f))


def ctx() -> Ctx:
    """This run's context; a page script run on its own (not via dashboard.py) goes home."""
    if "_ctx" not in st.session_state:
        st.switch_page("dashboard.py")
    return st.session_state["_ctx"]


# ---------------------------------------------------------------- URL <-> widgets


def query_mapping() -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in st.query_params}


def read_url_once(full: Dataset) -> None:
    """First run of a session: query string -> widget states and notices."""
    if st.session_state.get("_url_read"):
        st.session_state["_notices"] = []
        return
    params = query_mapping()
    f, notices = flt.from_query_params(params, full)
    view, view_notices = flt.view_from_query_params(params, full)
    for key, field in FILTER_WIDGETS.items():
        value = getattr(f, field)
        st.session_state[key] = list(value) if isinstance(value, tuple) else value
    st.session_state["lang"] = view.lang
    for fields in PAGE_VIEW.values():
        for field in fields:
            value = getattr(view, field)
            if value or isinstance(value, bool):
                st.session_state["v_" + field] = value
    st.session_state["_notices"] = notices + view_notices
    st.session_state["_url_read"] = True


# Multiselects whose option labels depend on the language. Streamlit drops a multiselect's
# selection when its format_func changes between runs (checked with Streamlit 1.67: switching
# en -> zh emptied or garbled the level filter), so each language gets its own widget key
# ("f_level.en"), seeded from the canonical, language-free value under "f_level".
LABELLED_MULTISELECTS = ("f_province", "f_city", "f_level", "f_zone", "f_sector")


def lang_key(key: str, lang: str) -> str:
    """The widget key of `key` in `lang`, (re)seeded from the canonical value when the language
    changed since the last run or the widget has no state yet."""
    widget = f"{key}.{lang}"
    if widget not in st.session_state or st.session_state.get("_lang_seen") != lang:
        st.session_state[widget] = list(st.session_state.get(key) or [])
    return widget


def current(key: str, lang: str) -> list:
    """A labelled multiselect's value as of this run, before its widget is drawn."""
    widget = f"{key}.{lang}"
    if st.session_state.get("_lang_seen") == lang and widget in st.session_state:
        return list(st.session_state[widget] or [])
    return list(st.session_state.get(key) or [])


def keep_canonical(lang: str) -> None:
    """After the sidebar widgets ran: their values become the canonical filter state."""
    for key in LABELLED_MULTISELECTS:
        widget = f"{key}.{lang}"
        if widget in st.session_state:
            st.session_state[key] = list(st.session_state[widget] or [])
    st.session_state["_lang_seen"] = lang


def filters_from_state() -> flt.Filters:
    values = {}
    for key, field in FILTER_WIDGETS.items():
        value = st.session_state.get(key)
        values[field] = tuple(value or ()) if field not in ("text", "as_of") else (value or "")
    text = values["text"].strip()[: flt.MAX_TEXT]
    as_of = values["as_of"].strip()
    return flt.Filters(**{**values, "text": text, "as_of": as_of if flt.valid_date(as_of) else ""})


def write_url(f: flt.Filters, page: str) -> None:
    """Current filters and this page's state -> query string (only when it changed)."""
    values = {field: st.session_state.get("v_" + field) for field in PAGE_VIEW.get(page, ())}
    view = flt.View(
        lang=st.session_state.get("lang") or "zh",
        **{k: v for k, v in values.items() if v not in (None, "")},
    )
    wanted = {k: v if isinstance(v, list) else [v] for k, v in flt.to_query_params(f, view).items()}
    if wanted != query_mapping():
        st.query_params.from_dict(wanted)


def empty_state(c: Ctx) -> bool:
    """Show the empty-result message when no park matches; True when shown."""
    if c.empty:
        st.info(t("empty", c.lang), icon=":material/filter_alt_off:")
    return c.empty


def footer(c: Ctx) -> None:
    src = c.full.sources
    st.divider()
    st.caption(
        t(
            "footer",
            c.lang,
            title=c.meta["title"],
            licence=c.meta["licence"],
            n_articles=int((src["kind"] == "article").sum()),
            n_refs=int((src["kind"] == "reference").sum()),
        )
    )


@st.cache_resource(show_spinner=False, max_entries=8)
def sector_labels(directory: str, file_stamp: float, lang: str) -> dict[str, str]:
    full = load_dataset(directory, file_stamp)
    assert isinstance(full, Dataset)
    col = "label_en" if lang == "en" else "label_zh"
    return dict(zip(full.sectors["sector"], full.sectors[col], strict=False))


def reset_filters() -> None:
    for key, field in FILTER_WIDGETS.items():
        st.session_state[key] = "" if field in ("text", "as_of") else []
        for lang in ("zh", "en"):
            if f"{key}.{lang}" in st.session_state:
                st.session_state[f"{key}.{lang}"] = []


@st.cache_resource(show_spinner=False, max_entries=64)
def table_frame(directory: str, file_stamp: float, f: flt.Filters, kind: str, lang: str):
    ds = filtered(directory, file_stamp, f)
    area = planned_area(directory, file_stamp, f) if kind == "parks" else None
    return tables.table(ds, kind, lang, area)


def column_config(frame: pd.DataFrame, lang: str) -> dict:
    config = {}
    for name, header in tables.headers(frame, lang).items():
        if name in ("lat", "lon"):
            config[name] = st.column_config.NumberColumn(header, format="%.4f")
        elif name in ("year", "target_year"):
            config[name] = st.column_config.NumberColumn(header, format="%d")
        elif pd.api.types.is_numeric_dtype(frame[name]):
            config[name] = st.column_config.NumberColumn(header, format="localized")
        else:
            config[name] = st.column_config.TextColumn(header)
    return config


def download_buttons(c: Ctx, kind: str, frame: pd.DataFrame) -> None:
    """CSV, xlsx (and GeoJSON of the parks): bytes made on click, no rerun."""
    meta = exports.export_metadata(
        c.filters,
        c.lang,
        c.meta["title"],
        c.meta["licence"],
        tables.cited_sources(c.ds, kind),
        len(frame),
    )
    shown = tables.labelled(frame, c.lang)
    parks = table_frame(c.data_dir, c.stamp, c.filters, "parks", c.lang)
    # (label, bytes on click, table named in the file, extension, mime, icon)
    buttons = (
        (
            "download_csv",
            partial(exports.csv_bytes, shown, meta),
            kind,
            "csv",
            "text/csv",
            ":material/download:",
        ),
        (
            "download_xlsx",
            partial(exports.xlsx_bytes, shown, meta),
            kind,
            "xlsx",
            XLSX_MIME,
            ":material/download:",
        ),
        (
            "download_geojson",
            partial(exports.geojson_bytes, parks, {**meta, "rows": len(parks)}),
            "parks",
            "geojson",
            "application/geo+json",
            ":material/public:",
        ),
    )
    for col, (name, data, table, ext, mime, icon) in zip(st.columns(3), buttons, strict=True):
        col.download_button(
            t(name, c.lang),
            data,
            file_name=exports.export_filename(c.filters, table, ext, c.lang),
            mime=mime,
            on_click="ignore",  # the page does not rerun; the bytes are made on click
            icon=icon,
            key=f"dl_{ext}",
        )
    st.caption(t("download_note", c.lang))


@st.cache_resource(show_spinner=False, max_entries=2)
def boundaries() -> tuple[dict, pd.DataFrame]:
    from parkdata.data.boundaries import load_boundaries, load_city_labels

    return load_boundaries(), load_city_labels()


@st.cache_resource(show_spinner=False, max_entries=32)
def map_deck(
    directory: str,
    file_stamp: float,
    f: flt.Filters,
    lang: str,
    basemap: bool,
    selected: str | None,
):
    from parkdata.present import maps

    ds = filtered(directory, file_stamp, f)
    geo, labels = boundaries()
    return maps.park_map(
        ds.parks,
        geo,
        labels,
        lang=lang,
        basemap=basemap,
        planned_area_km2=planned_area(directory, file_stamp, f),
        industries=ds.industries,
        selected_park=selected,
    )


def park_map(
    c: Ctx,
    *,
    basemap: bool = False,
    selected: str | None = None,
    key: str = "map",
    height: int = 520,
) -> str | None:
    """Draw the map of the filtered parks; return the park_id the user clicked, if any."""
    deck = map_deck(c.data_dir, c.stamp, c.filters, c.lang, basemap, selected)
    event = st.pydeck_chart(
        deck, on_select="rerun", selection_mode="single-object", key=key, height=height
    )
    picked = (event.selection.get("objects", {}) or {}).get("parks", []) if event else []
    return picked[0].get("park_id") if picked else None


def open_profile(park_id: str) -> None:
    st.session_state["v_park"] = park_id
    st.switch_page("pages/profile_page.py")


def legend(lang: str) -> None:
    from parkdata.present import maps

    chips = " ".join(
        f'<span style="color:{hex_}">●</span> {name}' for name, hex_ in maps.legend(lang)
    )
    st.markdown(chips, unsafe_allow_html=True)


def profile_options(c: Ctx) -> dict[str, str]:
    """park_id -> name for the profile picker: the filtered parks, plus the chosen one."""
    names = tables.park_names(c.full.parks, c.lang)
    ids = list(c.ds.parks["park_id"])
    chosen = st.session_state.get("v_park")
    if chosen in names.index and chosen not in ids:
        ids.insert(0, chosen)
    return {pid: str(names[pid]) for pid in ids}


def sources_frame(sources: pd.DataFrame, lang: str) -> pd.DataFrame:
    from parkdata.present.i18n import label

    out = sources[["source_id", "kind", "title_zh", "publisher", "published", "url"]].copy()
    out["kind"] = out["kind"].map(lambda v: label("source_kind", v, lang)).astype("string")
    return out


def indicator_values(c: Ctx, indicator: str, by: str) -> pd.DataFrame | None:
    """Totals of `indicator` by level and `by`; None when its rows mix unit families."""
    from parkdata.model import compare

    try:
        return compare.indicator_by_level(
            c.ds.indicators, c.ds.parks, c.ds.units, indicator, by=[by]
        )
    except ValueError:
        return None


@st.cache_resource(show_spinner=False, max_entries=32)
def compare_figures(directory: str, file_stamp: float, f: flt.Filters, lang: str, by: str):
    """Counts, planned-area and sector-mix figures of the Compare page (cached per view)."""
    from parkdata.model import compare
    from parkdata.present import charts

    ds = filtered(directory, file_stamp, f)
    area = planned_area(directory, file_stamp, f)
    counts = compare.levels_present(compare.counts_by(ds.parks, [by]))
    areas = compare.values_by_level(area, ds.parks, [by], base_unit="km2")
    return (
        charts.compare_bar(counts, by, "n", n_col="n", lang=lang, y_title=t("counts", lang)),
        charts.compare_bar(areas, by, "total", lang=lang, y_title="km²"),
        charts.sector_mix_chart(compare.sector_mix(ds.industries, ds.parks, ds.sectors), lang),
    )


@st.cache_resource(show_spinner=False, max_entries=32)
def compare_tables(directory: str, file_stamp: float, f: flt.Filters, lang: str):
    """The Compare page's indicator choices and targets-against-actuals table (cached per view)."""
    ds = filtered(directory, file_stamp, f)
    return tables.indicator_choices(ds, lang), tables.targets_table(ds, lang)


@st.cache_resource(show_spinner=False, max_entries=32)
def timeline_figures(directory: str, file_stamp: float, f: flt.Filters, lang: str):
    """Status-history and level-count figures (None where there is nothing to draw)."""
    from parkdata.model import levels, timeline
    from parkdata.present import charts

    ds = filtered(directory, file_stamp, f)
    history = timeline.history(ds, lang)
    status = None
    if not history.empty:
        status = charts.status_timeline(history, timeline.markers(ds, lang), lang)
        if f.as_of:
            status.add_vline(x=str(f.as_of), line_dash="dot", line_color="#888")
    counts = levels.level_counts_over_time(ds)
    trend = None if counts.empty else charts.level_counts_chart(counts, lang)
    return status, trend, len(levels.parks_without_dated_level(ds))
