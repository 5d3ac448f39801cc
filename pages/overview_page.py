"""Overview: how many zones of each level per province, their approved area, how current the
data is, the latest dated events and the upcoming targets, and a map."""

import streamlit as st

from pages._app import components as ui
from pages._app import loaders
from pages._app.context import current
from parkdata.present import overview as present_overview

run = current()
lab = run.labels
st.title(lab.t("app_title"))
st.caption(lab.t("app_subtitle"))
ui.as_of_banner(run.handle, run.filters, lab)
ds = loaders.filtered(run.handle, run.filters)
if not ui.empty_state(len(ds.parks), lab):
    fig = loaders.overview_figures(run.handle, run.filters)
    cols = st.columns(5)
    cols[0].metric(lab.t("m_parks"), f"{fig.n_parks:,}")
    cols[1].metric(lab.t("m_national_dz"), f"{fig.n_by_level.get('national', 0):,}")
    cols[2].metric(lab.t("m_provincial_dz"), f"{fig.n_by_level.get('provincial', 0):,}")
    median = "—" if fig.area_median_km2 is None else f"{fig.area_median_km2:,.2f}"
    total = "—" if fig.area_total_km2 is None else f"{fig.area_total_km2:,.1f}"
    scope = lab.code("indicator_types", fig.area_indicator)
    cols[3].metric(
        lab.t("m_area_median"),
        median,
        help=lab.t("m_area_help", scope=scope, total=total, n=fig.n_area_known, of=fig.n_parks),
    )
    cols[3].caption(
        lab.t("m_area_known", scope=scope, n=f"{fig.n_area_known:,}", of=f"{fig.n_parks:,}")
    )
    if run.filters.as_of:  # why areas thin out or vanish at an early date
        cols[3].caption(lab.t("m_area_as_of", date=run.filters.as_of))
    cols[4].metric(lab.t("m_sources"), fig.n_sources, help=lab.t("m_sources_help"))
    if fig.newest_source:
        cols[4].caption(lab.t("m_newest_source", date=fig.newest_source))
    today = loaders.today()
    counts, changes, past, upcoming = loaders.overview_tables(
        run.handle, run.filters, run.lang, today
    )
    left, right = st.columns([2, 3])
    with left:
        st.subheader(lab.t("counts_by_level"))
        st.dataframe(counts, placeholder="—")
        if fig.n_apart:
            st.caption(present_overview.apart_note(fig.n_apart, lab))
    with right:
        st.subheader(lab.t("recent_changes"))
        ui.dataframe(changes, lab)
        st.subheader(lab.t("recent_events"))
        ui.dataframe(past, lab)
        if len(upcoming):
            st.subheader(lab.t("upcoming_targets"))
            ui.dataframe(upcoming, lab)
    st.subheader(lab.t("small_map"))
    ui.legend(ds.parks, lab)
    picked = ui.park_map(run.handle, run.filters, key="overview_map", height=520)
    if picked:
        ui.open_profile(picked)
