"""The first visitor of a freshly started server gets the same app as every later one: the
filters and language read from the link survive the first interaction."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from conftest import current_url, streamlit_server, wait_for_app_run
from test_browser import no_exception

from parkdata.present.i18n import t


@pytest.fixture
def fresh_url(tmp_path):
    with streamlit_server(log=tmp_path / "server.log") as server:
        yield server.url


def test_first_session_keeps_link_state_after_an_interaction(page, fresh_url):
    page.goto(f"{fresh_url}/?level=national&lang=zh")
    wait_for_app_run(page)
    sidebar = page.locator("[data-testid='stSidebar']")
    shown_before = sidebar.inner_text().strip().splitlines()[-1]
    sidebar.locator("[data-testid='stButtonGroup']").get_by_text("English", exact=True).click()
    sidebar.get_by_text(t("filters", "en"), exact=True).wait_for(timeout=30_000)
    wait_for_app_run(page)
    page.wait_for_function(
        "new URLSearchParams(location.search).get('lang') === 'en'", timeout=10_000
    )
    no_exception(page)
    query = parse_qs(urlparse(current_url(page)).query)
    assert query.get("level") == ["national"], current_url(page)
    assert query.get("lang") == ["en"], current_url(page)
    assert t("filters", "en") in sidebar.inner_text()
    assert shown_before.split()[1] in sidebar.inner_text()  # the same number of parks shown
