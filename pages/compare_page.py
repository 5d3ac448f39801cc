"""Compare: national against provincial on the same axes, by province or city: how many zones,
their approved area (median per zone, with coverage), any indicator with its unit, the sector
mix of each group, and every target with its actual where one exists."""

import streamlit as st

from pages._app import components as ui
from pages._app import loaders, state
from pages._app.context import current
from parkdata.model.filters import GROUP_BY

run = current()
lab = run.labels
st.title(lab.t("page_compare"))
by = st.segmented_control(
    lab.t("compare_by"),
    GROUP_BY,
    key=state.widget("by"),
    required=True,
    format_func=lab.t,
)
ui.as_of_banner(run.handle, run.filters, lab)
n_parks = len(loaders.filtered(run.handle, run.filters).parks)
if not ui.empty_state(n_parks, lab):
    st.caption(lab.t("missing_note"))
    counts_fig, area_fig, sectors_fig, area_gaps = loaders.compare_figures(
        run.handle, run.filters, run.lang, by
    )
    st.subheader(lab.t("counts"))
    ui.plotly(counts_fig, key="chart_counts")
    scope = lab.code("indicator_types", loaders.AREA)
    st.subheader(lab.t("area_median_title", scope=scope))
    st.caption(lab.t("area_median_note", scope=scope))
    ui.plotly(area_fig, key="chart_area")
    if area_gaps:
        st.caption(area_gaps)
    st.subheader(lab.t("indicator"))
    options, targets = loaders.compare_tables(run.handle, run.filters, run.lang)
    if not options:
        st.info(lab.t("no_indicator"))
    else:
        indicator = st.selectbox(
            lab.t("indicator"),
            list(options),
            key=state.widget("indicator"),
            format_func=options.get,
            label_visibility="collapsed",
        )
        chart = loaders.indicator_chart(run.handle, run.filters, indicator, by, run.lang)
        if chart is None:
            st.info(lab.t("no_indicator"))
        else:
            fig, unit, gaps = chart
            st.caption(lab.t("indicator_compare", unit=unit))
            ui.plotly(fig, key="chart_indicator")
            if gaps:
                st.caption(gaps)
    st.subheader(lab.t("sector_mix"))
    st.caption(lab.t("sector_mix_note"))
    ui.plotly(sectors_fig, key="chart_sectors")
    st.subheader(lab.t("targets_vs_actuals"))
    if targets.empty:
        st.info(lab.t("no_targets"))
    else:
        if targets["actual_value"].isna().all():
            st.caption(lab.t("targets_without_actuals"))
        ui.dataframe(targets, lab)
st.subheader(lab.t("candidates_title"))
st.caption(lab.t("candidates_note"))
ui.candidates(run.handle, run.filters, run.lang)
