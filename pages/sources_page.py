"""Sources and method: every source with how many facts it supports; what the origins, levels
and units mean; how the facts were gathered."""

from functools import partial

import streamlit as st

from pages._app import components as ui
from pages._app import loaders
from pages._app.context import current
from parkdata.present import tables

run = current()
lab = run.labels
full = loaders.dataset(run.handle)
st.title(lab.t("page_sources"))
st.subheader(lab.t("sources_list"))
counts = loaders.source_counts(run.handle)
ui.dataframe(tables.sources_table(full.replace(sources=counts), lab).drop(columns="source_id"), lab)
st.subheader(lab.t("package_title"))
st.caption(lab.t("package_note"))
st.download_button(
    lab.t("download_package"),
    partial(loaders.package_zip, run.handle),
    file_name="parkdata_data_package.zip",
    mime="application/zip",
    on_click="ignore",  # the page does not rerun; the zip is made on the first click
    icon=":material/folder_zip:",
    key="dl_package",
)
st.subheader(lab.t("method"))
st.markdown(lab.t("method_text"))
st.subheader(lab.t("origins_meaning"))
for row in full.vocab["origins"].frame.itertuples():
    st.markdown(
        f"- **{lab.code('origins', row.origin)}**: {getattr(row, f'description_{run.lang}')}"
    )
st.subheader(lab.t("catalogue_title"))
st.markdown(lab.t("catalogue_text"))
st.subheader(lab.t("official_counts_title"))
st.caption(lab.t("official_counts_note"))
ui.dataframe(loaders.official_counts(run.handle, run.lang), lab)
difference = loaders.catalogue_difference(run.handle, run.lang)
if difference:
    st.caption(difference)
st.markdown(lab.t("levels_not_applied"))
st.subheader(lab.t("levels_meaning"))
for row in full.vocab["levels"].frame.itertuples():
    st.markdown(f"- {getattr(row, f'description_{run.lang}')}")
st.subheader(lab.t("units_meaning"))
ui.dataframe(tables.units_table(full, lab), lab)
