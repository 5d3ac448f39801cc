"""Timeline: each park's status history (founded, provincial, national) with dated events and
targets, and how many parks were national or provincial at each date."""

import streamlit as st

from pages import _shared as app
from parkdata import charts, levels, timeline
from parkdata.i18n import t

c = app.ctx()
st.title(t("page_timeline", c.lang))
if not app.empty_state(c):
    history = timeline.history(c.ds, c.lang)
    st.subheader(t("status_history", c.lang))
    st.caption(t("timeline_help", c.lang))
    if history.empty:
        st.info(t("no_history", c.lang))
    else:
        fig = charts.status_timeline(history, timeline.markers(c.ds, c.lang), c.lang)
        if c.filters.as_of:
            fig.add_vline(x=str(c.filters.as_of), line_dash="dot", line_color="#888")
        st.plotly_chart(fig, width="stretch", key="chart_status")
    st.subheader(t("level_counts_time", c.lang))
    counts = levels.level_counts_over_time(c.ds)
    if counts.empty:
        st.info(t("no_history", c.lang))
    else:
        st.plotly_chart(
            charts.level_counts_chart(counts, c.lang), width="stretch", key="chart_levels"
        )
        missing = levels.parks_without_dated_level(c.ds)
        if len(missing):
            st.caption(t("undated_levels", c.lang, n=len(missing)))
