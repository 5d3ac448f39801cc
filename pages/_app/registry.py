"""The page registry (pages/registry.toml) as plain data: no Streamlit, so the tests, browser
tests and the benchmark read the same list the app shows."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

PAGES_DIR = Path(__file__).resolve().parents[1]
REGISTRY = PAGES_DIR / "registry.toml"


@dataclass(frozen=True)
class PageSpec:
    path: str
    icon: str
    main: str
    view: tuple[str, ...]

    @property
    def script(self) -> str:
        """The script path relative to the repository root (as st.Page and AppTest take it)."""
        return f"pages/{self.path}_page.py"

    @property
    def title_key(self) -> str:
        return f"page_{self.path}"


def read_registry(path: Path = REGISTRY) -> tuple[PageSpec, ...]:
    with path.open("rb") as handle:
        entries = tomllib.load(handle)["page"]
    return tuple(
        PageSpec(e["path"], e["icon"], e["main"], tuple(e.get("view", []))) for e in entries
    )


PAGES = read_registry()
DEFAULT = PAGES[0]  # the first page is the home page, served at "/"
BY_PATH = {page.path: page for page in PAGES}
