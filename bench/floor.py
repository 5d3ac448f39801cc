"""The benchmark's floor: the least a page can do with the same parks, one st.dataframe.

Every dashboard page is compared to this script (bench/run.py): its warm run through AppTest,
and, served as its own Streamlit server (`streamlit run bench/floor.py`), its first paint in
Chromium and a province picked in the sidebar. So that the interaction is the same one, it has
the dashboard's province multiselect (same label, same options: the provinces of the parks),
and nothing else."""

import os

import streamlit as st

from parkdata.data.dataset import read_frames
from parkdata.data.schema import DATA_DIR
from parkdata.present.i18n import t


@st.cache_resource(show_spinner=False)
def parks(directory: str):
    return read_frames(directory).parks


frame = parks(os.environ.get("PARKDATA_DATA_DIR") or str(DATA_DIR))
provinces = st.sidebar.multiselect(
    t("province", "zh"), sorted(frame["province"].dropna().unique()), key="province"
)
st.dataframe(frame[frame["province"].isin(provinces)] if provinces else frame)
