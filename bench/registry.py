"""What the benchmark reads of the app: its page registry and the province filter's label.

The registry is the app's own list of pages, never a copy: `pages/registry.toml`, read by
`pages/_app/registry.py` (path, script and `main`, the element a person waits for). Pages are
opened in the browser by the paths the app's navigation message gives (bench/run.py
`page_paths`).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# registry `main` -> bench/browser.py's name of the element to wait for
MAIN_KINDS = {"deck": "deck.gl canvas", "plotly": "plotly svg", "grid": "data grid"}


def pages() -> dict[str, dict]:
    """name (url_path) -> {"script": path from the repository root, "main": kind or None}."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from pages._app.registry import PAGES as SPECS

    return {
        p.path: {"script": p.script, "main": MAIN_KINDS.get(p.main, "first element")} for p in SPECS
    }


def province_label(lang: str = "zh") -> str:
    """The sidebar's province multiselect label, from the app's strings."""
    from parkdata.present.i18n import t

    return t("province", lang)
