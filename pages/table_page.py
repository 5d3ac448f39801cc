"""Table: the filtered parks, or their indicators, events or industries; downloads of those rows."""

import streamlit as st

from pages import _shared as app
from parkdata.present.i18n import label, t
from parkdata.present.tables import KINDS

c = app.ctx()
st.title(t("page_table", c.lang))
kind = st.segmented_control(
    t("table_kind", c.lang),
    KINDS,
    key="v_table",
    required=True,
    format_func=lambda k: label("table", k, c.lang),
    persist_state="session",
)
frame = app.table_frame(c.data_dir, c.stamp, c.filters, kind, c.lang)
if app.empty_state(c):
    pass
elif frame.empty:
    st.info(t("empty_table", c.lang, what=label("table", kind, c.lang)))
else:
    st.caption(t("rows", c.lang, n=len(frame)))
    st.dataframe(
        frame, hide_index=True, column_config=app.column_config(frame, c.lang), placeholder="—"
    )
    app.download_buttons(c, kind, frame)
