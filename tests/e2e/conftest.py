"""Browser end-to-end harness: the dashboard started as `make run` does (scripts/serve.py, i.e.
`streamlit run dashboard.py`) on a free localhost port, driven by
Playwright with Debian's Chromium (`playwright install` cannot download browsers here).

Every test here is marked `browser`; the whole directory skips with a reason when no Chromium
is found (`/usr/bin/chromium`, `chromium` on PATH, or PARKDATA_CHROMIUM). Screenshots go to
artifacts/screenshots/ (git-ignored; CI keeps the folder as an artifact).

Waiting follows Streamlit's own e2e_playwright conftest: the root `stApp` element carries
`data-test-connection-state` and `data-test-script-state`; a run is over when the state is
`notRunning` and no skeleton placeholder is left.

Shared per xdist worker (session scope): each server, Chromium, and one browser context, so that
Streamlit's 7 MB of JavaScript is compiled once per worker rather than once per test (Chromium's
code cache lives in the context). Each test gets a page of its own in that context; what a test
hangs on the page (routes, listeners) dies with it. A test that needs a context of its own (a
phone's viewport, a fresh cookie jar) makes one with `new_context`."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from parkdata.testing.servers import (
    CHROMIUM_ARGS,
    Server,
    chromium_path,
    start_healthy,
    streamlit_args,
)

ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = ROOT / "dashboard.py"
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
TIMEOUT_MS = 60_000


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


def launcher() -> list[str]:
    """How `make run` starts the app: scripts/serve.py when present, else `streamlit run`."""
    serve = ROOT / "scripts" / "serve.py"
    if serve.exists():
        return [sys.executable, str(serve)]
    return [sys.executable, "-m", "streamlit", "run", str(DASHBOARD)]


def streamlit_server(data_dir: Path | None = None, log: Path | None = None) -> Server:
    """The dashboard started as `make run` does (`launcher`) on a free port, healthy."""
    env = {"PARKDATA_DATA_DIR": str(data_dir)} if data_dir is not None else {}
    return start_healthy(
        lambda port: Server([*launcher(), *streamlit_args(port)], port, ROOT, env, log)
    )


@pytest.fixture(scope="session")
def fixture_package(tmp_path_factory) -> Path:
    from parkdata.testing.fixtures import write_fixture

    return write_fixture(tmp_path_factory.mktemp("browser-fixture"))


@pytest.fixture(scope="session")
def app_url(tmp_path_factory, fixture_package) -> Iterator[str]:
    """The dashboard on the fixture package (parkdata.testing.fixtures), for the whole session."""
    log = tmp_path_factory.mktemp("streamlit") / "server.log"
    with streamlit_server(data_dir=fixture_package, log=log) as server:
        yield server.url


@pytest.fixture(scope="session")
def real_app_url(tmp_path_factory) -> Iterator[str]:
    """The dashboard on the real data package (the national catalogue and the curated parks)."""
    log = tmp_path_factory.mktemp("streamlit-real") / "server.log"
    with streamlit_server(log=log) as server:
        yield server.url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


VIEWPORT = {"width": 1400, "height": 1000}


def new_context(browser, viewport: dict | None = None):
    """A browser context as a person's browser: Chinese locale, downloads accepted, the
    tests' timeout."""
    context = browser.new_context(
        accept_downloads=True, viewport=viewport or VIEWPORT, locale="zh-CN"
    )
    context.set_default_timeout(TIMEOUT_MS)
    return context


@pytest.fixture(scope="session")
def shared_context(browser):
    context = new_context(browser)
    yield context
    context.close()


@pytest.fixture
def page(shared_context):
    pg = shared_context.new_page()
    yield pg
    pg.close()


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
    with streamlit_server(
        data_dir=package, log=tmp_path_factory.mktemp("hostile") / "log"
    ) as server:
        yield server.url


def current_url(page) -> str:
    """The address bar as the app left it. Streamlit updates the query string with
    history.replaceState, which Playwright's `page.url` reports only at the next navigation."""
    return page.evaluate("location.href")
