"""What a person waits for in Chromium: first paint and one interaction, page by page, against
the bare app (bench/floor.py served on its own), interleaved in the same run.

Every visit is a fresh browser context (empty HTTP and message caches, as a first visit) with
Chromium's DevTools protocol recording every request and websocket frame. A script injected
before the page's own (`add_init_script`) timestamps, with `performance.now()` (milliseconds
since navigation start):
- first paint: the page's main element is in the DOM with a non-empty box and not stale
  (checked every animation frame);
- interaction: from the mouse press on the province in the sidebar multiselect to the first
  animation frame after the run it causes is over (its `script_finished` message arrived on
  the websocket) in which the app shows it is idle (`data-test-script-state` notRunning) and
  the main element is present and not stale.

The main element of a page is the one its registry entry declares (`main`), else the first the
page draws in this order: a deck.gl map (its canvas), a plotly chart (its first svg.main-svg),
a data grid (st.dataframe's canvas), else the first element of the page; checked on a warm-up
visit. The warm-up visits also fill the server's caches, for both apps.
"""

from __future__ import annotations

import base64
import json
import re
import statistics
import time
import urllib.parse
from dataclasses import dataclass, field

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from parkdata.testing.servers import CHROMIUM_ARGS, chromium_path  # as the browser tests

TIMEOUT_MS = 120_000
MAIN = "[data-testid='stMain']"
FINISHED = ForwardMsg.DESCRIPTOR.fields_by_name["script_finished"].number
EARLY = ForwardMsg.FINISHED_EARLY_FOR_RERUN  # a run cut short by the next one
CANDIDATES = {  # kind -> selector of the main element, in order of preference
    "deck.gl canvas": f"{MAIN} [data-testid='stDeckGlJsonChart'] canvas",
    "plotly svg": f"{MAIN} .js-plotly-plot svg.main-svg",
    "data grid": f"{MAIN} [data-testid='stDataFrame'] canvas[data-testid='data-grid-canvas']",
    "first element": f"{MAIN} [data-testid='stElementContainer']",
}

WATCHER = """
(() => {
  const SEL = %(selector)s, FINISHED = %(finished)d, EARLY = %(early)d;
  const pd = window.__pd = {paint: null, t0: null, finished: null, t1: null, armed: false};
  const shown = () => {
    const el = SEL && document.querySelector(SEL);
    if (!el || el.closest('[data-stale="true"]')) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const idle = () => document.querySelector(
    "[data-testid='stApp'][data-test-script-state='notRunning']") !== null;
  const until = (ok, set) => { const f = () => { if (ok()) set(performance.now());
                                                else requestAnimationFrame(f); };
                               requestAnimationFrame(f); };
  if (SEL) until(shown, t => { pd.paint = t; });
  document.addEventListener('mousedown', e => {
    if (pd.armed && pd.t0 === null && e.target.closest('[role=option]')) pd.t0 = performance.now();
  }, true);
  // top-level varint fields of a protobuf message (a ForwardMsg): field number -> value
  const varints = (bytes) => {
    const out = new Map(); let i = 0;
    const varint = () => { let v = 0, m = 1, b; do { b = bytes[i++]; v += (b & 127) * m; m *= 128; }
                           while (b & 128 && i < bytes.length); return v; };
    while (i < bytes.length) {
      const key = varint(), wire = key %% 8, number = Math.floor(key / 8);
      if (wire === 0) out.set(number, varint());
      else if (wire === 2) { const length = varint(); i += length; }
      else if (wire === 1) i += 8; else if (wire === 5) i += 4; else break;
    }
    return out;
  };
  // the script run caused by the click is over when its script_finished message arrives
  // (not one "finished early for a rerun");
  // then the first frame where the app shows it is idle and the main element is drawn
  const seen = (data) => {
    if (pd.t0 === null || pd.finished !== null) return;
    const status = varints(new Uint8Array(data)).get(FINISHED);
    if (status === undefined || status === EARLY) return;  // not the end, or superseded
    pd.finished = performance.now();
    until(() => idle() && shown(), t => { if (pd.t1 === null) pd.t1 = t; });
  };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', ev => {
        if (ev.data instanceof ArrayBuffer) seen(ev.data);
        else if (ev.data instanceof Blob) ev.data.arrayBuffer().then(seen);
      });
    }
  };
})();
"""


@dataclass
class Visit:
    paint_ms: float | None = None
    interaction_ms: float | None = None
    js_bytes: int = 0  # bytes of JavaScript over the wire (encoded)
    ws_load_bytes: int = 0  # websocket payload received until the first run ended
    ws_interaction_bytes: int = 0  # websocket payload received for the interaction
    other_hosts_ms: float = 0.0  # summed duration of requests to hosts other than the app's
    other_hosts: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


class Recorder:
    """Network events of one page, from Chromium's DevTools protocol."""

    def __init__(self, context, page):
        self.requests: dict[str, dict] = {}
        self.ws_bytes = 0
        cdp = context.new_cdp_session(page)
        cdp.on("Network.requestWillBeSent", self._sent)
        cdp.on("Network.responseReceived", self._response)
        cdp.on("Network.loadingFinished", self._done)
        cdp.on("Network.loadingFailed", self._failed)
        cdp.on("Network.webSocketFrameReceived", self._frame)
        cdp.send("Network.enable")
        self.cdp = cdp

    def _sent(self, e: dict) -> None:
        self.requests.setdefault(e["requestId"], {"url": e["request"]["url"], "t0": e["timestamp"]})
        self.requests[e["requestId"]]["type"] = e.get("type", "")

    def _response(self, e: dict) -> None:
        if e["requestId"] in self.requests:
            self.requests[e["requestId"]]["type"] = e.get("type", "")

    def _done(self, e: dict) -> None:
        if e["requestId"] in self.requests:
            self.requests[e["requestId"]].update(t1=e["timestamp"], bytes=e["encodedDataLength"])

    def _failed(self, e: dict) -> None:
        if e["requestId"] in self.requests:
            self.requests[e["requestId"]].update(t1=e["timestamp"], failed=e.get("errorText", ""))

    def _frame(self, e: dict) -> None:
        payload = e["response"]["payloadData"]
        if e["response"].get("opcode") == 2:  # binary frames arrive base64-encoded
            self.ws_bytes += len(base64.b64decode(payload))
        else:
            self.ws_bytes += len(payload.encode())

    def js_bytes(self) -> int:
        return sum(r.get("bytes", 0) for r in self.requests.values() if r.get("type") == "Script")

    def other_hosts(self, own: str, now: float) -> tuple[float, list[str]]:
        """Summed duration (ms) of requests to other hosts (unfinished ones count until `now`,
        a DevTools timestamp) and their URLs."""
        total, urls = 0.0, []
        for r in self.requests.values():
            parts = urllib.parse.urlsplit(r["url"])
            if parts.scheme not in ("http", "https", "ws", "wss") or parts.netloc == own:
                continue
            total += (r.get("t1", now) - r["t0"]) * 1000
            state = r.get("failed") or ("pending" if "t1" not in r else "ok")
            urls.append(f"{r['url'][:120]} ({state})")
        return total, urls


def wait_for_run(page) -> None:
    """The app connected, its script run over and no skeleton left (tests/e2e/conftest.py)."""
    page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(
        state="attached", timeout=TIMEOUT_MS
    )
    page.locator("[data-testid='stSkeleton']").first.wait_for(state="detached", timeout=TIMEOUT_MS)


def new_page(browser, selector: str | None):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    context.set_default_timeout(TIMEOUT_MS)
    script = WATCHER % {"selector": json.dumps(selector), "finished": FINISHED, "early": EARLY}
    context.add_init_script(script)
    page = context.new_page()
    return context, page, Recorder(context, page)


def main_element(browser, url: str, declared: str | None = None) -> tuple[str, str]:
    """Warm-up visit: (kind, selector) of the page's main element: the `declared` kind (the
    page registry's `main`) when the page draws it, else the first candidate it draws."""
    context, page, _ = new_page(browser, None)
    try:
        page.goto(url)
        wait_for_run(page)
        page.wait_for_timeout(1500)  # lazy components (deck.gl, plotly) mount after the run
        order = [declared] if declared in CANDIDATES else []
        for kind in [*order, *CANDIDATES]:
            if page.locator(CANDIDATES[kind]).count():
                return kind, CANDIDATES[kind]
        return "first element", CANDIDATES["first element"]
    finally:
        context.close()


def visit(browser, url: str, selector: str, province_label: str, option: str) -> Visit:
    """Open `url` in a fresh context, time first paint, then pick `option` in the sidebar's
    multiselect labelled `province_label` and time the rerun."""
    out = Visit()
    context, page, rec = new_page(browser, selector)
    try:
        page.goto(url, wait_until="commit")
        page.wait_for_function("window.__pd.paint !== null", timeout=TIMEOUT_MS)
        out.paint_ms = page.evaluate("window.__pd.paint")
        wait_for_run(page)
        out.ws_load_bytes = rec.ws_bytes
        out.js_bytes = rec.js_bytes()
        out.errors += page.locator("[data-testid='stException']").all_inner_texts()
        label = re.compile(f"^{re.escape(province_label)}$")
        select = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").filter(
            has=page.locator("[data-testid='stWidgetLabel']", has_text=label)
        )
        select.first.locator("input").click()
        page.keyboard.type(option)
        choice = page.get_by_role("option", name=option, exact=True)
        choice.wait_for(state="visible")
        before = rec.ws_bytes
        page.evaluate("window.__pd.armed = true")
        choice.click()
        page.wait_for_function("window.__pd.t1 !== null", timeout=TIMEOUT_MS)
        out.interaction_ms = page.evaluate("window.__pd.t1 - window.__pd.t0")
        wait_for_run(page)
        out.ws_interaction_bytes = rec.ws_bytes - before
        out.errors += page.locator("[data-testid='stException']").all_inner_texts()
        # DevTools timestamps are monotonic seconds: the latest one seen stands for "now"
        now = max((r.get("t1", r["t0"]) for r in rec.requests.values()), default=0.0)
        own = urllib.parse.urlsplit(url).netloc
        out.other_hosts_ms, out.other_hosts = rec.other_hosts(own, now)
    except Exception as exc:  # noqa: BLE001 - a failed visit is reported, not fatal
        out.errors.append(f"{type(exc).__name__}: {str(exc)[:300]}")
    finally:
        context.close()
    return out


def _median(values: list) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def summarise(visits: list[Visit]) -> dict:
    return {
        "paint_ms": _median([v.paint_ms for v in visits]),
        "interaction_ms": _median([v.interaction_ms for v in visits]),
        "paint_runs_ms": [v.paint_ms for v in visits],
        "interaction_runs_ms": [v.interaction_ms for v in visits],
        "js_bytes": _median([v.js_bytes for v in visits]),
        "ws_load_bytes": _median([v.ws_load_bytes for v in visits]),
        "ws_interaction_bytes": _median([v.ws_interaction_bytes for v in visits]),
        "other_hosts_ms": max((v.other_hosts_ms for v in visits), default=0.0),
        "other_hosts": sorted({u.split(" (")[0] for v in visits for u in v.other_hosts}),
        "errors": [e for v in visits for e in v.errors][:5],
    }


def measure(
    app_url: str,
    bare_url: str,
    pages: dict[str, str],
    province_label: str,
    option: str,
    repeat: int,
    log=print,
    declared: dict[str, str | None] | None = None,
) -> dict:
    """`pages`: name -> URL path on the app ("" for the default page). Returns per page and for
    the bare app the medians of `repeat` interleaved visits (page A, bare, page B, bare, …)."""
    from playwright.sync_api import sync_playwright

    out: dict = {"pages": {}, "bare": {}}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            mains = {}
            for name, path in pages.items():
                kind = (declared or {}).get(name)
                mains[name] = main_element(browser, f"{app_url}/{path}", kind)
                log(f"  browser warm-up {name}: main element {mains[name][0]}")
            bare_main = main_element(browser, bare_url)
            visits: dict[str, list[Visit]] = {name: [] for name in pages}
            bare: list[Visit] = []
            for r in range(repeat):
                start = time.perf_counter()
                for name, path in pages.items():
                    url = f"{app_url}/{path}"
                    visits[name].append(visit(browser, url, mains[name][1], province_label, option))
                    bare.append(visit(browser, bare_url, bare_main[1], province_label, option))
                log(f"  browser round {r + 1}/{repeat}: {time.perf_counter() - start:.0f} s")
        finally:
            browser.close()
    for name in pages:
        out["pages"][name] = {"main": mains[name][0], **summarise(visits[name])}
    out["bare"] = {"main": bare_main[0], **summarise(bare)}
    return out
