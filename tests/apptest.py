"""Driving the dashboard with streamlit.testing.v1.AppTest: open a page as a person does (the
home page, then the navigation), read what is shown, fetch a download's bytes."""

from __future__ import annotations

from pathlib import Path

from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from pages._app.registry import DEFAULT, PAGES

ROOT = Path(__file__).resolve().parents[1]
DASHBOARD = ROOT / "dashboard.py"
PAGE_PATHS = tuple(page.path for page in PAGES)
SCRIPTS = {page.path: page.script for page in PAGES}
DEFERRED: dict[str, object] = {}


class RecordingMediaFileManager(MediaFileManager):
    """Downloads are deferred callables (made on click): keep them so a test can call them."""

    def add_deferred(self, data_callable, *args, **kwargs):
        file_id = super().add_deferred(data_callable, *args, **kwargs)
        DEFERRED[file_id] = data_callable
        return file_id


def use_package(monkeypatch, package: Path) -> None:
    monkeypatch.setenv("PARKDATA_DATA_DIR", str(package))
    monkeypatch.setattr("streamlit.testing.v1.app_test.MediaFileManager", RecordingMediaFileManager)


def open_page(page: str = DEFAULT.path, **params) -> AppTest:
    """The app opened with `params` in the URL, then `page` chosen in the navigation."""
    at = AppTest.from_file(str(DASHBOARD), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page != DEFAULT.path:
        at.switch_page(SCRIPTS[page]).run()
    return at


def texts(at: AppTest, kind: str) -> list[str]:
    return [str(e.value) for e in getattr(at, kind)]


def download(at: AppTest, key: str) -> bytes:
    button = at.get("download_button")
    proto = next(b.proto for b in button if b.proto.id.endswith(key) or key in b.proto.id)
    return DEFERRED[proto.deferred_file_id]()  # type: ignore[operator]
