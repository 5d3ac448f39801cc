"""This run's context for a page: the data handle, language, filters and labels (all small or
cached: the datasets themselves come from `loaders` by these keys)."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from parkdata.model.filters import Filters
from parkdata.present.labels import Labels

from . import loaders, state
from .loaders import Handle

HANDLE = "_handle"


@dataclass(frozen=True)
class Run:
    handle: Handle
    lang: str
    filters: Filters
    labels: Labels


def set_handle(handle: Handle) -> None:
    st.session_state[HANDLE] = handle


def current() -> Run:
    """This run's context; a page script run on its own (not via dashboard.py) goes home."""
    if HANDLE not in st.session_state:
        st.switch_page("dashboard.py")
    handle = st.session_state[HANDLE]
    lang = state.lang()
    return Run(handle, lang, state.filters(), loaders.labels(handle, lang))
