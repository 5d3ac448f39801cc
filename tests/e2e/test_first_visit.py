"""The first visitor of a freshly started server gets the same app as every later one: the
filters and language read from the link survive the first interaction."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from conftest import StreamlitServer, wait_for_app_run
from test_browser import no_exception

from parkdata.i18n import t


@pytest.fixture
def fresh_url(tmp_path):
    server = StreamlitServer(log=tmp_path / "server.log")
    try:
        server.wait_healthy()
        yield server.url
    finally:
        server.stop()


@pytest.mark.xfail(
    reason="on a fresh server the first session loses ?level=national and stays in Chinese after "
    "its first widget interaction (later sessions keep both): dashboard/serve.py first-run state",
    strict=False,
)
def test_first_session_keeps_link_state_after_an_interaction(page, fresh_url):
    page.goto(f"{fresh_url}/?level=national&lang=zh")
    wait_for_app_run(page)
    sidebar = page.locator("[data-testid='stSidebar']")
    shown_before = sidebar.inner_text().strip().splitlines()[-1]
    sidebar.locator("[data-testid='stButtonGroup']").get_by_text("English", exact=True).click()
    wait_for_app_run(page)
    no_exception(page)
    query = parse_qs(urlparse(page.url).query)
    assert query.get("level") == ["national"], page.url
    assert query.get("lang") == ["en"], page.url
    assert t("filters", "en") in sidebar.inner_text()
    assert shown_before.split()[1] in sidebar.inner_text()  # the same number of parks shown
