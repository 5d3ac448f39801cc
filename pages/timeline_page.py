"""Timeline: each park's status history (founded, provincial, national) with dated events and
targets, and how many parks were national or provincial at each date."""

import streamlit as st

from pages import _shared as app
from parkdata.present.i18n import t

c = app.ctx()
st.title(t("page_timeline", c.lang))
if not app.empty_state(c):
    status, trend, n_undated = app.timeline_figures(c.data_dir, c.stamp, c.filters, c.lang)
    st.subheader(t("status_history", c.lang))
    st.caption(t("timeline_help", c.lang))
    if status is None:
        st.info(t("no_history", c.lang))
    else:
        st.plotly_chart(status, width="stretch", key="chart_status")
    st.subheader(t("level_counts_time", c.lang))
    if trend is None:
        st.info(t("no_history", c.lang))
    else:
        st.plotly_chart(trend, width="stretch", key="chart_levels")
        if n_undated:
            st.caption(t("undated_levels", c.lang, n=n_undated))
