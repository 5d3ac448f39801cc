"""Hostile park names in a real browser: HTML in a name is shown as text in the profile header,
never run; the downloaded CSV neutralises formula-like names. (Every page with hostile names,
reached through the menu: test_sweep.py, `test_hostile_names_never_run_on_any_page`.)"""

from __future__ import annotations

import pytest
from conftest import wait_for_app_run
from test_browser import download_csv, no_exception

from parkdata.testing.synthetic import HOSTILE_NAMES

pytestmark = pytest.mark.xdist_group("hostile")  # one worker serves the hostile package

XSS_PROBE = "() => [window.__xss === undefined, document.querySelectorAll('img[src=x]').length]"


def visit(page, url: str) -> None:
    page.goto(url)
    wait_for_app_run(page)
    no_exception(page)


@pytest.fixture
def dialogs(page) -> list[str]:
    seen: list[str] = []
    page.on("dialog", lambda d: (seen.append(d.message), d.dismiss()))
    return seen


HEADER_GAPS: dict[int, str] = {}  # profile headers that cannot show a name verbatim (none)


@pytest.mark.parametrize(
    "index",
    [
        pytest.param(i, marks=[pytest.mark.xfail(reason=HEADER_GAPS[i], strict=False)])
        if i in HEADER_GAPS
        else i
        for i in range(len(HOSTILE_NAMES))
    ],
)
def test_profile_header_shows_the_name_verbatim(page, hostile_app_url, dialogs, index, screenshots):
    visit(page, f"{hostile_app_url}/profile?park=syn-{index:06d}&lang=zh")
    zh = HOSTILE_NAMES[index][0]
    header = page.locator("[data-testid='stMain'] [data-testid='stHeading']").filter(
        has_text="园区"
    )
    texts = page.locator("[data-testid='stMain'] [data-testid='stHeading']").all_inner_texts()
    assert any(t.strip() == zh for t in texts), (zh, texts, header.count())
    assert page.evaluate(XSS_PROBE) == [True, 0]
    if index == 4:
        page.screenshot(path=str(screenshots / "profile_html_name.png"), full_page=True)


def test_downloaded_csv_neutralises_formulas(page, hostile_app_url, tmp_path):
    visit(page, f"{hostile_app_url}/table?table=parks&lang=zh")
    frame = download_csv(page, tmp_path)
    cells = frame.to_numpy().ravel().tolist()
    assert not [c for c in cells if isinstance(c, str) and c[:1] in ("=", "+", "@")]
    for zh, _ in HOSTILE_NAMES:
        expected = "'" + zh if zh[:1] in "=+-@" else zh
        assert expected in cells
