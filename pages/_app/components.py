"""Reusable pieces of the pages: the data table with its column configuration, the download
buttons, the park map with its legend, the empty state, the as-of banner and the footer."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from parkdata.model import standing
from parkdata.model.filters import Filters
from parkdata.model.peers import next_level_up
from parkdata.present import exports, maps, tables
from parkdata.present.charts import CONFIG as CHART_CONFIG
from parkdata.present.i18n import escape_markdown
from parkdata.present.labels import Labels

from . import loaders, state
from .loaders import Handle

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
INTEGER_COLUMNS = ("year", "target_year", "actual_year", "n_facts", "n")


def column_config(frame: pd.DataFrame, labels: Labels) -> dict:
    """Readable headers; links clickable; years without thousands separators."""
    config: dict[str, object] = {}
    for name, header in tables.headers(frame, labels).items():
        info = labels.column_help(name)  # what the values are, where the header could mislead
        if name in ("lat", "lon"):
            config[name] = st.column_config.NumberColumn(header, format="%.4f", help=info)
        elif name in INTEGER_COLUMNS:
            config[name] = st.column_config.NumberColumn(header, format="%d", help=info)
        elif name == "url" or name.endswith("source_url"):
            config[name] = st.column_config.LinkColumn(header, help=info)
        elif pd.api.types.is_numeric_dtype(frame[name]):
            config[name] = st.column_config.NumberColumn(header, format="localized", help=info)
        else:
            config[name] = st.column_config.TextColumn(header, help=info)
    if "name" in frame:  # the name shown is `name`: its own-language column would repeat it
        config[f"name_{labels.lang}"] = None
    return config


def dataframe(frame: pd.DataFrame, labels: Labels, **kwargs):
    """A table as every page shows one: readable headers, missing cells as a dash (returns the
    selection event where `on_select` asks for one)."""
    return st.dataframe(
        frame,
        hide_index=True,
        column_config=column_config(frame, labels),
        placeholder="—",
        **kwargs,
    )


def plotly(fig, key: str) -> None:
    st.plotly_chart(fig, width="stretch", key=key, config=CHART_CONFIG)


def empty_state(n_parks: int, labels: Labels) -> bool:
    """Show the empty-result message when no park matches; True when shown."""
    if n_parks == 0:
        st.info(labels.t("empty"), icon=":material/filter_alt_off:")
    return n_parks == 0


def as_of_banner(handle: Handle, f: Filters, labels: Labels) -> None:
    """As of when the levels shown hold (the newest level change the view applies), how many
    rest on one source or an inference, and the as-of date when one is chosen."""
    date, n_marked = loaders.levels_as_of(handle, f)
    parts = [labels.t("levels_as_of", date=date or "—")]
    if n_marked:
        parts.append(labels.t("levels_marked", n=f"{n_marked:,}"))
    if f.as_of:
        parts.insert(0, labels.t("as_of_banner", date=f.as_of))
    st.caption(" · ".join(parts), help=labels.t("levels_as_of_help"))


# (label, table in the file name, extension, mime, icon)
FORMATS = (
    ("download_csv", "csv", "text/csv", ":material/download:"),
    ("download_xlsx", "xlsx", XLSX_MIME, ":material/download:"),
    ("download_geojson", "geojson", "application/geo+json", ":material/public:"),
)


def download_buttons(handle: Handle, f: Filters, kind: str, frame: pd.DataFrame) -> None:
    """CSV, xlsx (and GeoJSON of the parks): bytes made on click, no rerun."""
    lang = state.lang()
    lab = loaders.labels(handle, lang)
    ds = loaders.filtered(handle, f)
    meta = loaders.package_meta(handle)
    metadata = exports.export_metadata(
        f,
        lab,
        meta["title"],
        meta["licence"],
        tables.cited_sources(ds, kind),
        len(frame),
        levels_as_of=loaders.levels_as_of(handle, f)[0],
    )
    shown = tables.labelled(frame, lab)
    parks = loaders.table_frame(handle, f, "parks", lang)
    makers = {
        "csv": (partial(exports.csv_bytes, shown, metadata), kind),
        "xlsx": (partial(exports.xlsx_bytes, shown, metadata), kind),
        "geojson": (
            partial(exports.geojson_bytes, parks, {**metadata, "rows": len(parks)}),
            "parks",
        ),
    }
    for col, (name, ext, mime, icon) in zip(st.columns(len(FORMATS)), FORMATS, strict=True):
        data, table = makers[ext]
        col.download_button(
            lab.t(name),
            data,
            file_name=exports.export_filename(f, table, ext, lab),
            mime=mime,
            on_click="ignore",  # the page does not rerun; the bytes are made on click
            icon=icon,
            key=f"dl_{ext}",
        )
    st.caption(lab.t("download_note"))


def peers(handle: Handle, park_id: str, lang: str) -> None:
    """The type to compare with (the park's own until changed; again its own for another
    park), then its peers at its level and one level up, side by side, with downloads."""
    lab = loaders.labels(handle, lang)
    ds = loaders.dataset(handle)
    park = ds.parks[ds.parks["park_id"] == park_id].iloc[0]
    if st.session_state.get("_peers_of") != park_id or not state.value("peer_type"):
        state.set_value("peer_type", str(park["zone_type"]))
        st.session_state["_peers_of"] = park_id
    types = lab.options("zone_types")
    zone_type = st.selectbox(
        lab.t("peer_type"), list(types), key=state.widget("peer_type"), format_func=types.get
    )
    frame = loaders.peers_frame(handle, park_id, zone_type, lang)
    own = lab.code("levels", park["level"])
    up_code = next_level_up(ds, park["level"])
    up = lab.code("levels", up_code) if up_code else ""
    mine = frame["this_zone"].notna()
    # one table under the other, full width: every column reads without a sideways scroll;
    # the zone itself is the first, marked row of each, so its figures read beside its peers'
    for level, title in ((own, lab.t("peers_same_level", level=own)),
                         (up, lab.t("peers_level_up", level=up))):  # fmt: skip
        if not level:
            st.caption(lab.t("peers_no_level_up", level=own))
            continue
        st.markdown(f"**{escape_markdown(title)}**")
        others = frame[(frame["level"] == level) & ~mine]
        if others.empty:
            st.caption(lab.t("no_peers"))
            continue
        shown_part = pd.concat([frame[mine], others])  # the type is the one chosen above
        dataframe(shown_part.drop(columns=["level", "zone_type", "park_id"]), lab)
    if (~mine).any():
        f = Filters(provinces=(str(park["province"]),), zone_types=(zone_type,))
        stem = f"parkdata_{lab.t('peers')}_{park_id}_{lab.code('zone_types', zone_type)}"
        note = lab.t("peers_files")
        zone_list_downloads(handle, lab, frame, f, stem, "peers", note)


def zone_list_downloads(
    handle: Handle,
    lab: Labels,
    frame: pd.DataFrame,
    f: Filters,
    stem: str,
    name: str,
    note: str | None = None,
) -> None:
    """CSV and xlsx of a list of zones (peers, candidates): the rows shown with their labelled
    headers and the metadata of every download (the sources the zones' levels and places
    cite, the filters that chose them); bytes made on click. Labels download_<name>[_xlsx]."""
    ds = loaders.dataset(handle)
    cited = tables.cited_sources(
        ds.replace(parks=ds.parks[ds.parks["park_id"].isin(frame["park_id"])]), "parks"
    )
    meta = loaders.package_meta(handle)
    metadata = exports.export_metadata(f, lab, meta["title"], meta["licence"], cited, len(frame))
    shown = tables.labelled(frame, lab)
    left, right, rest = st.columns([2, 2, 3], vertical_alignment="center")
    for column, ext, maker, mime, suffix in (
        (left, "csv", exports.csv_bytes, "text/csv", ""),
        (right, "xlsx", exports.xlsx_bytes, XLSX_MIME, "_xlsx"),
    ):
        column.download_button(
            lab.t(f"download_{name}{suffix}"),
            partial(maker, shown, metadata),
            file_name=f"{stem}.{ext}",
            mime=mime,
            on_click="ignore",
            icon=":material/download:",
            key=f"dl_{name}_{ext}",
        )
    if note:
        rest.caption(note)


UPGRADED_SINCE = (2018, 2021, 2010, 2000)  # the years a user compares upgrades from


def path_to_national(handle: Handle, park_id: str, lang: str) -> None:
    """A provincial zone's standing among its province's provincial zones of its type, then
    the zones of its type upgraded since a chosen year (its province first)."""
    lab = loaders.labels(handle, lang)
    today = loaders.today()
    st.subheader(lab.t("path_title"))
    st.caption(lab.t("path_note"))
    dataframe(loaders.standing_frame(handle, park_id, lang, today), lab)
    since = st.selectbox(lab.t("upgraded_since"), UPGRADED_SINCE, key="upgraded_since")
    frame = loaders.upgraded_frame(handle, park_id, int(since), lang, today)
    if frame.empty:
        st.caption(lab.t("upgraded_none"))
    else:
        dataframe(frame.drop(columns=["park_id"]), lab)


def candidates(handle: Handle, f: Filters, lang: str) -> None:
    """Provincial zones of a type in a province ordered by a criterion the user picks, every
    criterion's value shown, with downloads."""
    lab = loaders.labels(handle, lang)
    ds = loaders.dataset(handle)
    provinces = list(ds.vocab["provinces"].codes())
    chosen = f.provinces[0] if len(f.provinces) == 1 else provinces[0]
    left, middle, right = st.columns(3)
    province = left.selectbox(
        lab.t("candidates_province"),
        provinces,
        index=provinces.index(chosen) if chosen in provinces else 0,
        format_func=lab.place,
        key=f"candidates_province_{chosen}",
    )
    types = lab.options("zone_types")
    zone_type = middle.selectbox(
        lab.t("candidates_type"),
        list(types),
        index=list(types).index("economic_development_zone"),
        format_func=types.get,
        key="candidates_type",
    )
    criterion = right.selectbox(
        lab.t("candidates_criterion"),
        list(standing.CRITERIA),
        format_func=lab.column,
        key="candidates_criterion",
    )
    frame = loaders.candidates_frame(handle, province, zone_type, criterion, lang, loaders.today())
    if frame.empty:
        st.caption(lab.t("candidates_none"))
        return
    dataframe(frame.drop(columns=["park_id"]), lab)
    picked = Filters(provinces=(province,), zone_types=(zone_type,), levels=("provincial",))
    stem = f"parkdata_{lab.t('candidates_title')}_{lab.place(province)}_{types[zone_type]}"
    zone_list_downloads(handle, lab, frame, picked, stem, "candidates")


def legend(parks: pd.DataFrame, labels: Labels) -> None:
    """Levels present (colour), what a filled point and a ring mean, and what sets the size."""
    chips = " ".join(
        f'<span style="color:{hex_}">●</span> {escape_markdown(name)}'
        for name, hex_ in maps.legend(parks, labels)
    )
    shapes = (
        f'<span style="color:#555">●</span> {escape_markdown(labels.t("legend_at_park"))} '
        f'<span style="color:#555">○</span> {escape_markdown(labels.t("legend_at_seat"))}'
    )
    size = escape_markdown(
        labels.t("legend_size", scope=labels.code("indicator_types", loaders.AREA))
    )
    st.markdown(f"{chips}<br/>{shapes}<br/>{size}", unsafe_allow_html=True)


def park_map(
    handle: Handle,
    f: Filters,
    *,
    basemap: bool = False,
    selected: str | None = None,
    key: str = "map",
    height: int = 560,
) -> str | None:
    """Draw the map of the filtered parks; return the park_id the user clicked, if any."""
    deck = loaders.map_deck(handle, f, state.lang(), basemap, selected)
    event = st.pydeck_chart(
        deck, on_select="rerun", selection_mode="single-object", key=key, height=height
    )
    picked = (event.selection.get("objects", {}) or {}).get("parks", []) if event else []
    return picked[0].get("park_id") if picked else None


def open_profile(park_id: str) -> None:
    state.set_value("park", park_id)
    st.switch_page("pages/profile_page.py")


def footer(handle: Handle, labels: Labels) -> None:
    meta = loaders.package_meta(handle)
    sources = loaders.dataset(handle).sources
    st.divider()
    st.caption(
        labels.t(
            "footer",
            title=meta["title"],
            licence=meta["licence"],
            n_sources=len(sources),
            n_articles=int((sources["kind"] == "article").sum()),
        )
    )
