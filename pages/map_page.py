"""Map: every filtered zone as a point (colour = level, size = approved area, a ring where the
point is a seat, not the park), on offline province outlines; clicking one opens its profile."""

import streamlit as st

from pages._app import components as ui
from pages._app import loaders, state
from pages._app.context import current
from parkdata.present import maps, tables

run = current()
lab = run.labels
st.title(lab.t("page_map"))
basemap = st.toggle(lab.t("basemap"), key=state.widget("basemap"), help=lab.t("basemap_help"))
ui.as_of_banner(run.handle, run.filters, lab)
ds = loaders.filtered(run.handle, run.filters)
if not ui.empty_state(len(ds.parks), lab):
    st.caption(lab.t("map_help"))
    ui.legend(ds.parks, lab)
    picked = ui.park_map(
        run.handle, run.filters, basemap=bool(basemap), selected=state.value("park") or None
    )
    if picked:
        ui.open_profile(picked)
    note = maps.map_note(ds.parks, lab)
    if note:
        st.info(note)
    unmapped = maps.unmapped_parks(ds.parks)
    if len(unmapped):
        with st.expander(lab.t("unmapped")):
            frame = tables.parks_table(ds.replace(parks=unmapped), lab)
            ui.dataframe(frame[["name", "city", "level", "zone_type", "park_id"]], lab)
