"""Timeline: each zone's status history (founded, provincial, national) with dated events and
targets, and how many zones were national or provincial at each date."""

import streamlit as st

from pages._app import components as ui
from pages._app import loaders
from pages._app.context import current

run = current()
lab = run.labels
st.title(lab.t("page_timeline"))
ui.as_of_banner(run.filters, lab)
n_parks = len(loaders.filtered(run.handle, run.filters).parks)
if not ui.empty_state(n_parks, lab):
    status, trend, n_undated = loaders.timeline_figures(run.handle, run.filters, run.lang)
    st.subheader(lab.t("level_counts_time"))
    if trend is None:
        st.info(lab.t("no_history"))
    else:
        ui.plotly(trend, key="chart_levels")
        if n_undated:
            st.caption(lab.t("undated_levels", n=n_undated))
    st.subheader(lab.t("status_history"))
    st.caption(lab.t("timeline_help"))
    if status is None:
        st.info(lab.t("no_history"))
    else:
        ui.plotly(status, key="chart_status")
