"""Compare: national against provincial on the same axes, by province or city: counts, planned
area, an indicator chosen from a list (with its unit), sector mix, targets against actuals."""

import streamlit as st

from pages import _shared as app
from parkdata.present import charts, tables
from parkdata.present.i18n import t

c = app.ctx()
st.title(t("page_compare", c.lang))
by = st.segmented_control(
    t("compare_by", c.lang),
    ("province", "city"),
    key="v_by",
    required=True,
    format_func=lambda k: t(k, c.lang),
    persist_state="session",
)
if not app.empty_state(c):
    st.caption(t("missing_note", c.lang))
    counts_fig, area_fig, sectors_fig = app.compare_figures(
        c.data_dir, c.stamp, c.filters, c.lang, by
    )
    st.subheader(t("counts", c.lang))
    st.plotly_chart(counts_fig, width="stretch", key="chart_counts")
    st.subheader(t("planned_area", c.lang) + " (km²)")
    st.plotly_chart(area_fig, width="stretch", key="chart_area")
    st.subheader(t("indicator", c.lang))
    options, pairs = app.compare_tables(c.data_dir, c.stamp, c.filters, c.lang)
    indicator = st.selectbox(
        t("indicator", c.lang),
        list(options),
        key="v_indicator",
        format_func=options.get,
        persist_state="session",
        label_visibility="collapsed",
    )
    values = app.indicator_values(c, indicator, by) if indicator else None
    if values is None or values["n_parks"].sum() == 0:
        st.info(t("no_indicator", c.lang))
    else:
        unit = tables.unit_label(c.ds, values["base_unit"].dropna().iloc[0], c.lang)
        st.caption(t("indicator_compare", c.lang, unit=unit))
        st.plotly_chart(
            charts.compare_bar(values, by, "total", lang=c.lang, y_title=unit),
            width="stretch",
            key="chart_indicator",
        )
    st.subheader(t("sector_mix", c.lang))
    st.plotly_chart(sectors_fig, width="stretch", key="chart_sectors")
    st.subheader(t("targets_vs_actuals", c.lang))
    if pairs.empty:
        st.info(t("no_targets", c.lang))
    else:
        st.dataframe(
            pairs, hide_index=True, column_config=app.column_config(pairs, c.lang), placeholder="—"
        )
