"""Browser end-to-end harness: the dashboard started as `make run` does (scripts/serve.py, i.e.
`streamlit run dashboard.py`) on a free localhost port, driven by
Playwright with Debian's Chromium (`playwright install` cannot download browsers here).

Every test here is marked `browser`; the whole directory skips with a reason when no Chromium
is found (`/usr/bin/chromium`, `chromium` on PATH, or PARKDATA_CHROMIUM). Screenshots go to
artifacts/screenshots/ (git-ignored; CI keeps the folder as an artifact).

Waiting follows Streamlit's own e2e_playwright conftest: the root `stApp` element carries
`data-test-connection-state` and `data-test-script-state`; a run is over when the state is
`notRunning` and no skeleton placeholder is left."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = ROOT / "dashboard.py"
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 60_000


def chromium_path() -> str | None:
    for candidate in (os.environ.get("PARKDATA_CHROMIUM"), "/usr/bin/chromium"):
        if candidate and Path(candidate).is_file():
            return candidate
    return shutil.which("chromium")


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    reason = None
    if chromium_path() is None:
        reason = (
            "no Chromium found (/usr/bin/chromium or chromium on PATH): apt-get install chromium"
        )
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("localhost", 0))
        return int(sock.getsockname()[1])


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.read().decode() == "ok"
    except OSError:
        return False


def launcher() -> list[str]:
    """How `make run` starts the app: scripts/serve.py when present, else `streamlit run`."""
    serve = ROOT / "scripts" / "serve.py"
    if serve.exists():
        return [sys.executable, str(serve)]
    return [sys.executable, "-m", "streamlit", "run", str(DASHBOARD)]


class StreamlitServer:
    """The dashboard started as `make run` does (`launcher`) on a free port; `stop()` ends it."""

    def __init__(self, data_dir: Path | None = None, log: Path | None = None):
        self.port = free_port()
        self.url = f"http://localhost:{self.port}"
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        if data_dir is not None:
            env["PARKDATA_DATA_DIR"] = str(data_dir)
        self.log = open(log or os.devnull, "w")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [
                *launcher(),
                "--server.address",
                "localhost",
                "--server.port",
                str(self.port),
                "--server.headless",
                "true",
                "--browser.gatherUsageStats",
                "false",
                "--server.fileWatcherType",
                "none",
                "--server.runOnSave",
                "false",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def wait_healthy(self, timeout_s: float = 90) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.proc.returncode}")
            if _healthy(self.url):
                return
            time.sleep(0.3)
        raise TimeoutError(f"streamlit did not answer on {self.url} within {timeout_s} s")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=15)
        self.log.close()


@pytest.fixture(scope="session")
def fixture_package(tmp_path_factory) -> Path:
    from parkdata.testing.fixtures import write_fixture

    return write_fixture(tmp_path_factory.mktemp("browser-fixture"))


@pytest.fixture(scope="session")
def app_url(tmp_path_factory, fixture_package) -> Iterator[str]:
    """The dashboard on the fixture package (parkdata.testing.fixtures), for the whole session."""
    log = tmp_path_factory.mktemp("streamlit") / "server.log"
    server = StreamlitServer(data_dir=fixture_package, log=log)
    try:
        server.wait_healthy()
        yield server.url
    finally:
        server.stop()


@pytest.fixture(scope="session")
def real_app_url(tmp_path_factory) -> Iterator[str]:
    """The dashboard on the real data package (the national catalogue and the curated parks)."""
    log = tmp_path_factory.mktemp("streamlit-real") / "server.log"
    server = StreamlitServer(log=log)
    try:
        server.wait_healthy()
        yield server.url
    finally:
        server.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(
        accept_downloads=True, viewport={"width": 1400, "height": 1000}, locale="zh-CN"
    )
    context.set_default_timeout(TIMEOUT_MS)
    pg = context.new_page()
    yield pg
    context.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


def wait_for_app_run(page, settle_ms: int = 300) -> None:
    """Block until Streamlit has connected and finished running the script."""
    page.wait_for_timeout(250)  # past Streamlit's widget debounce (~200 ms)
    page.locator("[data-testid='stApp'][data-test-connection-state='CONNECTED']").wait_for(
        state="attached", timeout=TIMEOUT_MS
    )
    page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(
        state="attached", timeout=TIMEOUT_MS
    )
    page.locator("[data-testid='stSkeleton']").first.wait_for(state="detached", timeout=TIMEOUT_MS)
    page.wait_for_timeout(settle_ms)


@pytest.fixture(scope="session")
def hostile_app_url(tmp_path_factory) -> Iterator[str]:
    """The dashboard on a valid package whose park names are formulas and HTML."""
    from parkdata.testing.synthetic import hostile_package

    package = hostile_package(12, tmp_path_factory.mktemp("hostile-package"), seed=4)
    server = StreamlitServer(data_dir=package, log=tmp_path_factory.mktemp("hostile") / "log")
    try:
        server.wait_healthy()
        yield server.url
    finally:
        server.stop()


def current_url(page) -> str:
    """The address bar as the app left it. Streamlit updates the query string with
    history.replaceState, which Playwright's `page.url` reports only at the next navigation."""
    return page.evaluate("location.href")
