"""Start the dashboard: `streamlit run dashboard.py`, with pages/ read the st.navigation way.

Streamlit still treats a folder named pages/ beside the entry script as a version-1 multipage
app until the first script run calls st.navigation. So the very first visit after a start that
opens a deep link (/table?level=national) shows a "Page not found" dialog over the right page
(streamlit/streamlit#8860, #9992). Clearing the flag before the server starts makes every first
visit behave like the later ones. Arguments are passed on to `streamlit run`."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

ENTRY = Path(__file__).resolve().parents[1] / "dashboard.py"


def main(argv: list[str]) -> int:
    os.chdir(ENTRY.parent)  # .streamlit/config.toml (no magic, viewer toolbar) is read from here
    PagesManager.uses_pages_directory = False  # pages/ holds st.Page scripts, not MPA v1 pages
    return cli.main(["run", str(ENTRY), *argv], standalone_mode=False) or 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
