"""Sources and method: the sources with how many facts each supports; levels, units, and what is
background knowledge rather than article fact."""

import streamlit as st

from pages import _shared as app
from parkdata.model import profile
from parkdata.present.i18n import column, t

c = app.ctx()
st.title(t("page_sources", c.lang))
st.subheader(t("sources_list", c.lang))
sources = profile.source_counts(c.full, c.lang)
config = app.column_config(sources, c.lang)
config["url"] = st.column_config.LinkColumn(column("url", c.lang))
st.dataframe(sources, hide_index=True, column_config=config, placeholder="—")
st.subheader(t("method", c.lang))
st.markdown(t("method_text", c.lang))
st.subheader(t("levels_meaning", c.lang))
for level in ("national", "provincial", "other", "unknown"):
    st.markdown(f"- {t('level_text_' + level, c.lang)}")
st.subheader(t("units_meaning", c.lang))
units = profile.units_table(c.full, c.lang)
st.dataframe(
    units, hide_index=True, column_config=app.column_config(units, c.lang), placeholder="—"
)
