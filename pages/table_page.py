"""Table: the filtered zones, or their indicators, events or industries; downloads of those
rows with sources, licence and filters."""

import streamlit as st

from pages._app import components as ui
from pages._app import loaders, state
from pages._app.context import current

run = current()
lab = run.labels
st.title(lab.t("page_table"))
kinds = lab.options("table_kinds")
kind = st.segmented_control(
    lab.t("table_kind"),
    list(kinds),
    key=state.widget("table"),
    required=True,
    format_func=kinds.get,
)
ui.as_of_banner(run.handle, run.filters, lab)
frame = loaders.table_frame(run.handle, run.filters, kind, run.lang)
n_parks = len(loaders.filtered(run.handle, run.filters).parks)
if ui.empty_state(n_parks, lab):
    pass
elif frame.empty:
    st.info(lab.t("empty_table", what=kinds[kind]))
else:
    st.caption(lab.t("rows", n=f"{len(frame):,}"))
    ui.dataframe(frame, lab, key=f"table_{kind}")  # a new grid per kind: no scroll carried over
    ui.download_buttons(run.handle, run.filters, kind, frame)
