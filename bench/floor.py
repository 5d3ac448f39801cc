"""The benchmark's floor: the least a page can do with the same parks, one st.dataframe.

Every dashboard page's warm run time is compared to this script's (bench/run.py)."""

import os

import streamlit as st

from parkdata.data.dataset import read_frames
from parkdata.data.schema import DATA_DIR


@st.cache_resource(show_spinner=False)
def parks(directory: str):
    return read_frames(directory).parks


st.dataframe(parks(os.environ.get("PARKDATA_DATA_DIR") or str(DATA_DIR)))
