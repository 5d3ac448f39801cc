"""Map: every filtered park as a point (colour = level, size = planned area), drawn on offline
province outlines; clicking a park opens its profile."""

import streamlit as st

from pages import _shared as app
from parkdata.present import maps, tables
from parkdata.present.i18n import t

c = app.ctx()
st.title(t("page_map", c.lang))
basemap = st.toggle(t("basemap", c.lang), key="v_basemap", persist_state="session")
if not app.empty_state(c):
    st.caption(t("map_help", c.lang))
    app.legend(c.lang)
    picked = app.park_map(c, basemap=bool(basemap), selected=st.session_state.get("v_park"))
    if picked:
        app.open_profile(picked)
    note = maps.map_note(c.ds.parks, c.lang)
    if note:
        st.info(note)
    unmapped = maps.unmapped_parks(c.ds.parks)
    if len(unmapped):
        with st.expander(t("unmapped", c.lang)):
            frame = tables.parks_table(c.ds.replace(parks=unmapped), c.lang)
            frame = frame[["park_id", "name_zh", "name_en", "city", "level", "zone_type"]]
            st.dataframe(
                frame,
                hide_index=True,
                column_config=app.column_config(frame, c.lang),
                placeholder="—",
            )
