"""Overview: how many parks of each level per province, planned area, facts, sources, latest
dated events and a small map."""

import streamlit as st

from pages import _shared as app
from parkdata.model import overview
from parkdata.present.i18n import t

c = app.ctx()
st.title(t("app_title", c.lang))
st.caption(t("app_subtitle", c.lang))
if not app.empty_state(c):
    fig = overview.figures(c.ds, app.planned_area(c.data_dir, c.stamp, c.filters))
    cols = st.columns(6)
    cols[0].metric(t("m_parks", c.lang), fig.n_parks)
    cols[1].metric(t("m_national", c.lang), fig.n_national)
    cols[2].metric(t("m_provincial", c.lang), fig.n_provincial)
    area = "—" if fig.area_km2 is None else f"{fig.area_km2:,.1f}"
    cols[3].metric(t("m_area", c.lang), area, help=t("m_area_help", c.lang, n=fig.n_area_missing))
    cols[3].caption(t("m_area_missing", c.lang, n=fig.n_area_missing))
    cols[4].metric(t("m_facts", c.lang), fig.n_facts)
    cols[5].metric(t("m_sources", c.lang), fig.n_sources)

    left, right = st.columns([2, 3])
    with left:
        st.subheader(t("counts_by_level", c.lang))
        st.dataframe(overview.level_province_counts(c.ds.parks, c.lang), placeholder="—")
    with right:
        st.subheader(t("recent_events", c.lang))
        recent = overview.recent_events(c.ds, c.lang)
        st.dataframe(
            recent,
            hide_index=True,
            column_config=app.column_config(recent, c.lang),
            placeholder="—",
        )
    st.subheader(t("small_map", c.lang))
    app.legend(c.lang)
    picked = app.park_map(c, key="overview_map", height=480)
    if picked:
        app.open_profile(picked)
