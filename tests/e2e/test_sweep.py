"""The browser sweep (issue 8, item 3; made cheaper in issue 15): every page of the app
(pages/registry.toml) in both languages, reached the way a person reaches it, checked for the
failures a person meets.

- **Through the menu**, as a person clicks through it: a bare "/" (no query string), the language
  switched in the sidebar, then every page's entry in turn: at 1400 px in both languages (the top
  bar), at 1000 px in English (entries behind "N more") and at 390 px in Chinese (a phone: the
  menu inside the sidebar). At 1400 px a search that matches nothing is then typed into the
  sidebar on every page and cleared again.
- **Through a link** (/<url_path>?lang=..) for every page x language, checked drawn (map canvas,
  plotly svg), then a search typed in the sidebar that leaves exactly one park.

One page load per walk and per link (a load costs 2-6 CPU seconds in a GPU-less Chromium; a
rerun a fraction of that). Each view is saved as artifacts/screenshots/sweep/<page>_<lang>_<how>
.png and must show

- no exception box and no "Page not found" dialog,
- no browser console error and no uncaught page error,
- no request to a host other than the app's own (all requests are recorded; outside ones are
  aborted, so a test never waits on the network, and listed in the failure),
- none of Streamlit's own API documentation or an object repr in the main area,
- the page and the language asked for (the menu's current entry, the URL).

All checks of a view run and fail together, so one failure cannot hide another; a walk reports
every view that failed.

Map tooltips: a park point of the Map page and of the Overview's small map is hovered, at the
pixel its lon/lat projects to from the deck's own JSON spec, and the tooltip's visible text must
name the park, hold one fact per line and no markup; with hostile names (HTML in a name) the
name shows as text and nothing runs."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlparse

import pandas as pd
import pytest
from conftest import SCREENSHOTS, current_url, new_context, wait_for_app_run
from playwright.sync_api import Locator
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from test_browser import DECK, MUST_DRAW, URL_PATH, assert_drawn, no_exception
from test_hostile_browser import XSS_PROBE

from pages._app.registry import PAGES as REGISTRY
from parkdata.data.package import load_package
from parkdata.data.schema import DATA_DIR
from parkdata.model.filters import Filters, apply_filters
from parkdata.present.i18n import t
from parkdata.present.labels import Labels
from parkdata.testing.sample import ALWAYS, real_sample
from parkdata.testing.synthetic import HOSTILE_NAMES

PAGES = tuple(p.path for p in REGISTRY)
MAP_PAGES = tuple(p.path for p in REGISTRY if p.main == "deck")  # the pages that draw a map

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"  # what a bare "/" shows
LANG_BUTTON = {"zh": "中文", "en": "English"}  # the sidebar's language switch
NO_MATCH = "没有这个园区"
# 湖南临武工业园区 alone (`test_the_searches_match_none_and_one`): a park with no indicators, the
# kind of filter that crashed the Timeline (issue 8).
ONE_MATCH = "临武"
ONE_NATIONAL = "湛江"  # 湛江经济技术开发区 alone among the national zones and among all
# Every http(s)/ws(s) URL whose host is not the app's: aborted in the browser, then reported.
OUTSIDE_URL = re.compile(r"^(?:https?|wss?)://(?!(?:localhost|127\.0\.0\.1)(?:[:/]|$))")
# Text of Streamlit's `st.help` output ("magic" writing out a bare expression) or a repr.
NOT_OUR_TEXT = ("Creator of", "DeltaGenerator", "<streamlit.", "object at 0x")
# Streamlit's own probe of a deep link: the frontend first asks for /<page>/_stcore/health and
# /<page>/_stcore/host-config (404), then the server root (streamlit/streamlit#7074, open). Only
# these two requests to the app's own server are let pass; any other console error fails.
STREAMLIT_PROBE = re.compile(
    r"^Failed to load resource: the server responded with a status of 404 \(Not Found\) "
    r"\[https?://(?:localhost|127\.0\.0\.1):\d+/[\w-]+/_stcore/(?:health|host-config)\]$"
)
# Tag text (<b>, </b>, <br/>, a cut-off "<br"), or an entity (&lt;, &amp;, &#39;) shown as text.
MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z][^<>]*>|<\s*/?\s*(?:b|br|div|span|p)\b|&(?:#\d+|[a-z]+);")
NAV = "[data-testid='stTopNav'], [data-testid='stSidebarNav']"
MAX_SHOT_PX = 8000  # the tallest screenshot
NEXT_FRAME = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
TOOLTIP = ".deck-tooltip"


# -- what the browser did --------------------------------------------------------------------


@dataclass
class Traffic:
    """Every request the page made, its console errors and its uncaught errors."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)


def block_outside(context) -> Callable[[], None]:
    """Requests to other hosts are aborted at once: no test waits on (or reaches) the network.
    Returns the undo (the context may be shared with the next test)."""

    def abort(route) -> None:
        route.abort("blockedbyclient")

    context.route(OUTSIDE_URL, abort)
    return lambda: context.unroute(OUTSIDE_URL, abort)


def record(page) -> tuple[Traffic, Callable[[], None]]:
    """Every request of the page's context (workers included), its console errors and uncaught
    errors; with the undo of the context's listener."""
    seen = Traffic()

    def on_request(request) -> None:
        seen.requests.append(request.url)

    def on_console(msg) -> None:
        if msg.type == "error":
            seen.console_errors.append(f"{msg.text} [{msg.location.get('url', '')}]")

    page.context.on("request", on_request)
    page.on("console", on_console)
    page.on("pageerror", lambda error: seen.page_errors.append(str(error)))
    return seen, lambda: page.context.remove_listener("request", on_request)


@pytest.fixture
def offline(page):
    undo = block_outside(page.context)
    yield page
    undo()


@pytest.fixture
def traffic(page, offline) -> Iterator[Traffic]:
    seen, undo = record(page)
    yield seen
    undo()


@pytest.fixture(scope="session")
def sweep_shots() -> Path:
    path = SCREENSHOTS / "sweep"
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="module")
def parks(fixture_package) -> pd.DataFrame:
    return load_package(fixture_package).parks


@pytest.fixture(scope="module")
def fixture_vocab(fixture_package):
    return load_package(fixture_package).vocab


# -- getting to a page -------------------------------------------------------------------------


def url_path(path: str) -> str:
    return "/" + URL_PATH.get(path, path)


def open_by_link(page, app_url: str, path: str, lang: str, search: str = "") -> None:
    query = urlencode({"lang": lang, **({"q": search} if search else {})})
    page.goto(f"{app_url}{url_path(path)}?{query}")
    wait_for_app_run(page)


def open_sidebar(page) -> None:
    """On a narrow screen the sidebar (language, filters, and then the menu) starts collapsed."""
    expand = page.locator("[data-testid='stExpandSidebarButton']")
    if expand.count() and expand.is_visible():
        expand.click()
        page.locator("[data-testid='stSidebar']").get_by_text(LANG_BUTTON["zh"]).wait_for()


def choose_language(page, lang: str) -> None:
    sidebar = page.locator("[data-testid='stSidebar']")
    if t("filters", lang) in sidebar.inner_text():
        return
    open_sidebar(page)
    sidebar.locator("[data-testid='stButtonGroup']").get_by_text(LANG_BUTTON[lang]).click()
    sidebar.get_by_text(t("filters", lang), exact=True).wait_for()
    wait_for_app_run(page)


def menu_entry(page, title: str) -> tuple[Locator, str]:
    """The menu entry named `title` and where it was, found as a person finds it: in the top
    bar ("bar"), behind the bar's "N more" button when it is too narrow ("more"), or in the
    sidebar on a phone ("sidebar"). Entries that overflow the bar stay in the DOM, aria-hidden,
    so the role query skips them; the accessible name leaves out the icon (also aria-hidden)."""
    bar = page.locator("[data-testid='stTopNav']").get_by_role("link", name=title, exact=True)
    if bar.count():
        return bar, "bar"
    more = page.locator("[data-testid='stTopNav'] button[aria-haspopup='menu']")
    if more.count():
        more.click()
        return page.get_by_role("menuitem", name=title, exact=True), "more"
    open_sidebar(page)
    side = page.locator("[data-testid='stSidebarNav']")
    return side.get_by_role("link", name=title, exact=True), "sidebar"


def go_through_menu(page, path: str, lang: str) -> str:
    """Click the page's menu entry, wait for its run; where the entry was."""
    entry, where = menu_entry(page, t(f"page_{path}", lang))
    entry.click()
    page.wait_for_function("p => location.pathname === p", arg=url_path(path))
    wait_for_app_run(page)
    return where


def open_through_menu(page, app_url: str, path: str, lang: str) -> None:
    """A bare "/" (no query string), the language switched in the sidebar, the menu entry."""
    page.goto(f"{app_url}/")
    wait_for_app_run(page)
    choose_language(page, lang)
    go_through_menu(page, path, lang)


def save_screenshot(page, path: Path) -> None:
    """The whole page. Streamlit scrolls inside stMain, not the document, so a full-page shot is
    the viewport only: grow the viewport to the content's height first."""
    height = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
    size = page.viewport_size
    if size and height > size["height"]:
        page.set_viewport_size({"width": size["width"], "height": min(height, MAX_SHOT_PX)})
        page.evaluate(NEXT_FRAME)
    page.screenshot(path=str(path), full_page=True)


# -- the checks: each asserts one thing ----------------------------------------------------------


def no_outside_request(traffic: Traffic) -> None:
    outside = sorted({url for url in traffic.requests if OUTSIDE_URL.match(url)})
    hosts = sorted({urlparse(url).hostname or url for url in outside})
    assert not outside, f"requests to hosts other than the app's own {hosts}: {outside}"


def no_console_error(traffic: Traffic) -> None:
    errors = [e for e in traffic.console_errors if not STREAMLIT_PROBE.match(e)]
    errors += [f"uncaught: {e}" for e in traffic.page_errors]
    assert not errors, f"browser console errors: {errors}"


def no_documentation_or_repr(page) -> None:
    main = page.locator("[data-testid='stMain']")
    text = main.inner_text()
    found = [s for s in NOT_OUR_TEXT if s in text]
    help_boxes = main.locator("[data-testid='stHelp']").count()
    assert not found and not help_boxes, (
        f"Streamlit's own documentation or an object repr on the page ({help_boxes} st.help "
        f"boxes, {found}): {text[:300]!r}"
    )


def shows_page(page, path: str, lang: str) -> None:
    """The menu marks the page asked for, titled in `lang`, and the URL names both."""
    if lang != DEFAULT_LANG:  # a switch reaches the URL on the rerun it causes
        page.wait_for_function(
            "lang => new URLSearchParams(location.search).get('lang') === lang",
            arg=lang,
            timeout=5_000,
        )
    here = urlparse(current_url(page))
    active = page.locator(NAV).locator("a[aria-current='page']")
    entry = active.first.text_content() if active.count() else None
    assert here.path == url_path(path), f"the URL is {current_url(page)}"
    assert parse_qs(here.query).get("lang", [DEFAULT_LANG]) == [lang], current_url(page)
    assert entry and entry.endswith(t(f"page_{path}", lang)), f"the current menu entry: {entry}"


def shows_n_parks(page, lang: str, n: int, total: int) -> None:
    sidebar = page.locator("[data-testid='stSidebar']").inner_text()
    shown = t("n_parks_shown", lang, n=f"{n:,}", total=f"{total:,}")
    assert shown in sidebar, sidebar[-200:]


def failures(*checks: tuple) -> list[str]:
    """The failures of every check (a function and its arguments), each named."""
    found = []
    for check, *args in checks:
        try:
            check(*args)
        except AssertionError as exc:  # the message, without pytest's rewritten expression
            found.append(f"{check.__name__}: {str(exc).split(chr(10) + 'assert ')[0]}")
        except Exception as exc:  # a check that cannot run (timeout) is a failure too
            found.append(f"{check.__name__}: {type(exc).__name__}: {str(exc)[:300]}")
    return found


def all_pass(*checks: tuple[Callable[..., None], ...]) -> None:
    """Run every check (a function and its arguments); fail once, listing every failure."""
    found = failures(*checks)
    if found:
        pytest.fail("\n".join(found), pytrace=False)


# -- every page x language x way in ----------------------------------------------------------------


def view_checks(page, traffic: Traffic, path: str, lang: str) -> list[tuple]:
    return [
        (no_exception, page),
        (no_documentation_or_repr, page),
        (shows_page, page, path, lang),
        (no_console_error, traffic),
        (no_outside_request, traffic),
    ]


def search_box(page, lang: str) -> Locator:
    sidebar = page.locator("[data-testid='stSidebar']")
    return sidebar.get_by_label(t("search", lang), exact=True)


def type_search(page, lang: str, text: str) -> None:
    """Type into the sidebar's search box and press Enter, as a person does; "" clears it."""
    open_sidebar(page)
    box = search_box(page, lang)
    box.fill(text)
    box.press("Enter")
    wait_for_app_run(page)


# The walks through the menu: (language, window width, where the menu entries are expected, the
# search typed into the sidebar before the walk, which every page then obeys: none, one that
# leaves 临武 (a park without targets: the kind of filter that crashed the Timeline), or one that
# matches nothing).
WALKS = [
    ("zh", 1400, "bar", ""),
    ("en", 1000, "more", ONE_MATCH),
    ("zh", 390, "sidebar", NO_MATCH),
]


@pytest.mark.parametrize(
    ("lang", "width", "where", "search"), WALKS, ids=[f"{w[0]}-{w[1]}px" for w in WALKS]
)
def test_menu_walk(browser, app_url, parks, sweep_shots, lang, width, where, search):
    """From a bare "/", the language switched and the walk's search typed, then every page
    through its menu entry, each showing what the search leaves."""
    context = new_context(browser, {"width": width, "height": 900 if width < 1400 else 1000})
    undo = block_outside(context)
    page = context.new_page()
    traffic, _ = record(page)
    n = {"": len(parks), ONE_MATCH: 1, NO_MATCH: 0}[search]
    found: list[str] = []
    places = set()
    try:
        page.goto(f"{app_url}/")
        wait_for_app_run(page)
        choose_language(page, lang)
        if search:
            type_search(page, lang, search)
        for path in PAGES:
            places.add(go_through_menu(page, path, lang))
            save_screenshot(page, sweep_shots / f"{path}_{lang}_menu_{width}px.png")
            checks = (
                *view_checks(page, traffic, path, lang),
                (shows_n_parks, page, lang, n, len(parks)),
            )
            found += [f"{path} via the menu: {f}" for f in failures(*checks)]
        if where not in places:
            found.append(f"no menu entry was {where!r} at {width} px: {sorted(places)}")
    finally:
        undo()
        context.close()
    if found:
        pytest.fail("\n".join(found), pytrace=False)


@pytest.mark.parametrize(
    ("path", "lang"),
    list(product(PAGES, LANGS)),
    ids=[f"{p}-{lg}" for p, lg in product(PAGES, LANGS)],
)
def test_link(page, traffic, app_url, parks, fixture_vocab, sweep_shots, screenshots, path, lang):
    """A link with a filter (level=national): the page drawn with the filtered zones (on a map
    page: a park's tooltip hovered and read); the language switched, keeping the filter in the
    page and the URL; then a search typed in the sidebar that leaves one of them."""
    page.goto(f"{app_url}{url_path(path)}?{urlencode({'level': 'national', 'lang': lang})}")
    wait_for_app_run(page)
    national = int((parks["level"] == "national").sum())
    save_screenshot(page, sweep_shots / f"{path}_{lang}_link.png")
    if lang == DEFAULT_LANG:
        page.screenshot(path=str(screenshots / f"{path}.png"), full_page=True)
    found = failures(
        *view_checks(page, traffic, path, lang),
        (assert_drawn, page, MUST_DRAW.get(path, set())),
        (shows_n_parks, page, lang, national, len(parks)),
    )
    if path in MAP_PAGES:
        shot = sweep_shots / f"{path}_{lang}_tooltip.png"
        found += tooltip_failures(page, parks, fixture_vocab, lang, shot)
    found = [f"link: {f}" for f in found]
    other = LANGS[1 - LANGS.index(lang)]
    choose_language(page, other)
    checks = (
        *view_checks(page, traffic, path, other),
        (shows_n_parks, page, other, national, len(parks)),
        (url_keeps, page, "level", "national"),
    )
    found += [f"switched to {other}: {f}" for f in failures(*checks)]
    type_search(page, other, ONE_NATIONAL)
    save_screenshot(page, sweep_shots / f"{path}_{other}_one_match.png")
    checks = (*view_checks(page, traffic, path, other), (shows_n_parks, page, other, 1, len(parks)))
    found += [f"search {ONE_NATIONAL}: {f}" for f in failures(*checks)]
    if found:
        pytest.fail("\n".join(found), pytrace=False)


def url_keeps(page, key: str, value: str) -> None:
    query = parse_qs(urlparse(current_url(page)).query)
    assert query.get(key) == [value], f"the URL lost {key}={value}: {current_url(page)}"


@pytest.fixture(scope="module")
def sample():
    return real_sample(load_package(DATA_DIR))


@pytest.mark.xdist_group("real")  # one worker serves the national package
def test_real_sample(page, traffic, real_app_url, sample, sweep_shots):
    """The national package (2,500 zones), from a link filtered to a province of the seeded
    sample (parkdata.testing.sample), in English: every page through the menu; then a sampled
    zone's profile by its link, in Chinese."""
    province = sample.provinces[len(ALWAYS)]  # the first of the seeded draws
    page.goto(f"{real_app_url}/?{urlencode({'province': province, 'lang': 'en'})}")
    wait_for_app_run(page)
    found: list[str] = []
    for path in PAGES:
        go_through_menu(page, path, "en")
        save_screenshot(page, sweep_shots / f"real_{path}_en.png")
        checks = (
            *view_checks(page, traffic, path, "en"),
            (assert_drawn, page, MUST_DRAW.get(path, set())),
        )
        found += [f"{path} at {province}: {f}" for f in failures(*checks)]
    zone = sample.zones[0]
    page.goto(f"{real_app_url}/profile?{urlencode({'park': zone})}")
    wait_for_app_run(page)
    save_screenshot(page, sweep_shots / f"real_profile_{zone}_zh.png")
    checks = view_checks(page, traffic, "profile", "zh")
    found += [f"profile of {zone}: {f}" for f in failures(*checks)]
    if found:
        pytest.fail("\n".join(found), pytrace=False)


def test_the_searches_match_none_and_one(fixture_package):
    ds = load_package(fixture_package)
    assert apply_filters(ds, Filters(text=NO_MATCH)).parks.empty
    assert len(apply_filters(ds, Filters(text=ONE_MATCH)).parks) == 1
    national = Filters(text=ONE_NATIONAL, levels=("national",))
    assert len(apply_filters(ds, national).parks) == 1


# -- map tooltips ------------------------------------------------------------------------------

# The JSON spec Streamlit feeds to the deck element: its React props hold the proto element
# (DeckGlJsonChart.json), the same text pydeck wrote; read from the nearest React fiber.
DECK_SPEC = """el => {
  const key = Object.keys(el).find(k => k.startsWith('__reactFiber$'));
  for (let fiber = el[key]; fiber; fiber = fiber.return) {
    const element = fiber.memoizedProps && fiber.memoizedProps.element;
    if (element && typeof element.json === 'string') return element.json;
  }
  return null;
}"""
# Whether a person pointing at (x, y) points at the map itself (not a control or a label above).
ON_MAP = """(el, [x, y]) => {
  const e = document.elementFromPoint(x, y);
  const control = 'button, a, [class*=ctrl], [data-testid=stElementToolbar]';
  return !!e && el.contains(e) && !e.closest(control);
}"""
EDGE_PX = 30  # points nearer the map's edge are not hovered
CLEAR_PX = 3  # no other point's disc may come nearer than this to the hovered centre


@dataclass(frozen=True)
class Point:
    park_id: str
    x: float  # page pixels
    y: float
    clearance: float  # distance from (x, y) to the nearest other point's disc, pixels


def deck_spec(deck) -> dict:
    raw = deck.evaluate(DECK_SPEC)
    assert raw, "could not read the deck's JSON spec from the page"
    return json.loads(raw)


def mercator_px(lon: float, lat: float, zoom: float) -> tuple[float, float]:
    """Web-mercator world pixels (deck.gl's 512-pixel tiles) of lon/lat at `zoom`."""
    scale = 512 * 2**zoom / (2 * math.pi)
    lam, phi = math.radians(lon), math.radians(lat)
    return scale * (lam + math.pi), scale * (math.pi - math.log(math.tan(math.pi / 4 + phi / 2)))


def park_points(spec: dict, box: dict) -> list[Point]:
    """Every park of the spec's pickable layers at its pixel on the page (canvas `box`), best
    hover targets first: inside the map, clear of the other points."""
    view = spec["initialViewState"]
    zoom = view["zoom"]
    cx, cy = mercator_px(view["longitude"], view["latitude"], zoom)
    drawn = []  # (park_id, x, y, radius)
    for layer in spec["layers"]:
        records = layer.get("data")
        if not layer.get("pickable") or not isinstance(records, list):
            continue
        lon_key, lat_key = re.findall(r"\w+", layer.get("getPosition", "lon,lat"))[-2:]
        pixels = layer.get("radiusUnits") == "pixels"
        for rec in records:
            wx, wy = mercator_px(rec[lon_key], rec[lat_key], zoom)
            x, y = box["x"] + box["width"] / 2 + wx - cx, box["y"] + box["height"] / 2 + wy - cy
            radius = float(rec.get("radius", 6)) if pixels else 6.0
            drawn.append((rec.get("park_id"), x, y, radius))
    points = []
    for i, (park_id, x, y, _) in enumerate(drawn):
        inside = (
            box["x"] + EDGE_PX < x < box["x"] + box["width"] - EDGE_PX
            and box["y"] + EDGE_PX < y < box["y"] + box["height"] - EDGE_PX
        )
        if park_id and inside:
            others = [
                math.hypot(x - ox, y - oy) - r for j, (_, ox, oy, r) in enumerate(drawn) if j != i
            ]
            points.append(Point(park_id, x, y, min(others, default=math.inf)))
    return sorted(points, key=lambda p: -p.clearance)


def hover_tooltip(page, deck) -> tuple[str, str]:
    """Hover the clearest park point of `deck`; its park_id and the tooltip's visible text."""
    deck.scroll_into_view_if_needed()
    canvas = deck.locator("canvas").first
    canvas.wait_for(state="visible")
    spec, box = deck_spec(deck), canvas.bounding_box()
    assert box, "the deck has no canvas"
    points = [p for p in park_points(spec, box) if p.clearance > CLEAR_PX]
    points = [p for p in points if deck.evaluate(ON_MAP, [p.x, p.y])][:3]
    assert points, f"no park point clear enough to hover: {spec['initialViewState']}, {box}"
    tooltip = page.locator(TOOLTIP).filter(visible=True)
    for point in points:
        for nudge in (0, 1, -1):  # the first draw can be slow: wait, then move again
            page.mouse.move(point.x + nudge, point.y, steps=3)
            try:
                tooltip.first.wait_for(state="visible", timeout=10_000 if nudge == 0 else 3_000)
            except PlaywrightTimeout:
                continue
            return point.park_id, tooltip.first.inner_text()
    raise AssertionError(f"no tooltip appeared over {points}")


def tooltip_not_empty(text: str) -> None:
    assert text.strip(), "the tooltip is empty"


def tooltip_names_the_park(text: str, name: str) -> None:
    assert name in text, f"the tooltip does not show the park's name {name!r}: {text!r}"


def tooltip_one_fact_per_line(text: str) -> None:
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) > 1, f"the tooltip's facts are not on lines of their own: {text!r}"


def tooltip_has_no_markup(text: str, names: tuple[str, ...]) -> None:
    """No tag or entity text, besides what the park's own names hold."""
    rest = text
    for name in sorted(names, key=len, reverse=True):
        rest = rest.replace(name, "")
    found = MARKUP.findall(rest)
    assert not found, f"the tooltip shows markup {found}: {text!r}"


def tooltip_checks(text: str, name: str, all_names: tuple[str, ...]) -> list[tuple]:
    """The tooltip of a park called `name` in this language (`all_names`: every name it has)."""
    return [
        (tooltip_not_empty, text),
        (tooltip_names_the_park, text, name),
        (tooltip_one_fact_per_line, text),
        (tooltip_has_no_markup, text, all_names),
    ]


def tooltip_failures(page, parks: pd.DataFrame, vocab, lang: str, shot: Path) -> list[str]:
    """Hover the clearest park point of the page's first map; the tooltip's failures."""
    try:
        park_id, text = hover_tooltip(page, page.locator(DECK).first)
    except (AssertionError, PlaywrightTimeout) as exc:
        return [f"hover_tooltip: {str(exc)[:300]}"]
    page.locator(DECK).first.screenshot(path=str(shot))
    park = parks.set_index("park_id").loc[park_id]
    names = tuple(
        str(park[c]) for c in ("name_zh", "name_en", "short_name_zh") if pd.notna(park[c])
    )
    name = Labels(vocab, lang).park_name(park)
    return failures(*tooltip_checks(text, name, names))


# A search that leaves one park whose name is HTML, per language (checked on the page).
HOSTILE_TOOLTIP = {"zh": ("粗体", 5), "en": ("长沙园区", 4)}


@pytest.mark.xdist_group("hostile")  # one worker serves the hostile package
@pytest.mark.parametrize("lang", LANGS)
def test_map_tooltip_shows_html_in_a_name_as_text(
    page, offline, hostile_app_url, sweep_shots, lang
):
    search, index = HOSTILE_TOOLTIP[lang]
    name = HOSTILE_NAMES[index][0 if lang == "zh" else 1]
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_by_link(page, hostile_app_url, "map", lang, search)
    park_id, text = hover_tooltip(page, page.locator(DECK).first)
    page.locator(DECK).first.screenshot(path=str(sweep_shots / f"hostile_map_{lang}_tooltip.png"))
    assert park_id == f"syn-{index:06d}", f"the search {search!r} left more than that park"
    all_pass(*tooltip_checks(text, name, HOSTILE_NAMES[index]), (nothing_ran, page, dialogs))


@pytest.mark.xdist_group("hostile")  # one worker serves the hostile package
def test_hostile_names_never_run_on_any_page(page, offline, hostile_app_url, sweep_shots):
    """A package whose names are HTML and formulas: from a link to one such zone, every page
    through the menu; no name runs as HTML (no alert, no injected element) on any of them."""
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{hostile_app_url}/?park=syn-000004")
    wait_for_app_run(page)
    found: list[str] = []
    for path in PAGES:
        go_through_menu(page, path, DEFAULT_LANG)
        save_screenshot(page, sweep_shots / f"hostile_{path}.png")
        checks = ((no_exception, page), (nothing_ran, page, dialogs))
        found += [f"{path}: {f}" for f in failures(*checks)]
    if found:
        pytest.fail("\n".join(found), pytrace=False)


def nothing_ran(page, dialogs: list[str]) -> None:
    assert page.evaluate(XSS_PROBE) == [True, 0] and not dialogs, "HTML from a name ran"
