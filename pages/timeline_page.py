"""Timeline: how many zones were national or provincial at each date and how many were approved
each year, then each zone's status history (founded, provincial, national) with dated events and
targets."""

import streamlit as st

from pages._app import components as ui
from pages._app import loaders
from pages._app.context import current

run = current()
lab = run.labels
st.title(lab.t("page_timeline"))
ui.as_of_banner(run.handle, run.filters, lab)
n_parks = len(loaders.filtered(run.handle, run.filters).parks)
if not ui.empty_state(n_parks, lab):
    fig = loaders.timeline_figures(run.handle, run.filters, run.lang)
    st.subheader(lab.t("level_counts_time"))
    st.caption(lab.t("survivors_note"))
    if fig.trend is None:
        st.info(lab.t("no_history"))
    else:
        ui.plotly(fig.trend, key="chart_levels")
        if fig.n_undated:
            st.caption(lab.t("undated_levels", n=fig.n_undated))
    st.subheader(lab.t("approvals_per_year"))
    if fig.per_year is None:
        st.info(lab.t("no_history"))
    else:
        st.caption(lab.t("approvals_per_year_note"))
        ui.plotly(fig.per_year, key="chart_per_year")
    st.subheader(lab.t("upgrades_title"))
    st.caption(lab.t("upgrades_note"))
    if fig.upgrades is None:
        st.info(lab.t("no_upgrades"))
    else:
        ui.plotly(fig.upgrades, key="chart_upgrades")
        rows = loaders.table_frame(run.handle, run.filters, "upgrades", run.lang)
        picked = ui.dataframe(
            rows, lab, on_select="rerun", selection_mode="single-row", key="upgrades_rows"
        )
        chosen = picked.selection.rows if picked else []
        if chosen:  # a row opens that zone's profile
            ui.open_profile(str(rows["park_id"].iloc[chosen[0]]))
        st.caption(lab.t("upgrades_open"))
        ui.download_buttons(run.handle, run.filters, "upgrades", rows)
    st.subheader(lab.t("status_history"))
    st.caption(lab.t("timeline_help"))
    if fig.status is None:
        st.info(lab.t("no_history"))
    else:
        if fig.n_shown < fig.n_history:
            st.caption(lab.t("timeline_capped", n=f"{fig.n_history:,}", shown=fig.n_shown))
        ui.plotly(fig.status, key="chart_status")
