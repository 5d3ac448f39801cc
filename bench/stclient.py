"""A Streamlit session over the wire, without a browser: the benchmark's many-users client.

It speaks what the browser speaks on Streamlit's websocket (`/_stcore/stream`, subprotocol
"streamlit"): protobuf `BackMsg` up (a `rerun_script` with the page, the query string and the
widget states) and `ForwardMsg` down (session status, deltas, page info, navigation,
`script_finished`). Like the browser it keeps the large cacheable messages it received and
tells the server their hashes, so that an unchanged element comes back as a reference.

Used by bench/run.py (10 sessions at once) and tests/test_serve_many.py (a real session
through the proxy):

    async with Session("http://localhost:8501", page="map") as s:
        first = await s.load()                           # Run: seconds, bytes, status, errors
        widget = s.multiselect("省份")                    # the element proto, found in the deltas
        run = await s.set_multiselect(widget, ["湖南省"])  # rerun with the new widget state
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import time
import urllib.parse
from dataclasses import dataclass, field
from typing import Any

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState


def run_sync(coro: Any) -> Any:
    """Run a coroutine to the end from synchronous code, also where an event loop is already
    running in this thread (Playwright's sync API keeps one): then in a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


FINISHED = {
    ForwardMsg.FINISHED_SUCCESSFULLY: "ok",
    ForwardMsg.FINISHED_WITH_COMPILE_ERROR: "compile_error",
    ForwardMsg.FINISHED_EARLY_FOR_RERUN: "rerun",
    ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY: "ok",
}


@dataclass
class Run:
    """One script run as the client saw it: from the BackMsg sent to `script_finished`."""

    seconds: float
    bytes_received: int
    messages: int
    status: str  # ok | compile_error | rerun | page_not_found | timeout | closed
    errors: list[str] = field(default_factory=list)  # exception elements and page-not-found
    kinds: list[str] = field(default_factory=list)  # element types drawn, in order

    @property
    def ok(self) -> bool:
        return self.status == "ok" and not self.errors


class ProtocolError(RuntimeError):
    pass


class Session:
    """One browser tab's worth of Streamlit session, driven from asyncio."""

    def __init__(
        self,
        base_url: str,
        page: str = "",
        query: str = "",
        *,
        headers: dict[str, str] | None = None,
        timeout_s: float = 120.0,
        locale: str = "zh-CN",
    ):
        parts = urllib.parse.urlsplit(base_url)
        scheme = "wss" if parts.scheme == "https" else "ws"
        self.base_url = base_url.rstrip("/")
        self.ws_url = f"{scheme}://{parts.netloc}{parts.path.rstrip('/')}/_stcore/stream"
        self.page = page
        self.query = query
        self.headers = headers or {}
        self.timeout_s = timeout_s
        self.locale = locale
        self.ws: Any = None
        self.response_headers: Any = {}  # of the websocket handshake
        self.page_script_hash = ""  # set from the navigation message after the first run
        # the app's pages from its navigation message: url_pathname -> the path to open it
        # ("" for the default page, which answers "page not found" under its own name)
        self.pages: dict[str, str] = {}
        self.states: dict[str, WidgetState] = {}  # widget id -> state we set
        self.elements: dict[tuple[int, ...], Any] = {}  # delta path -> Element, last run
        self.cache: dict[str, ForwardMsg] = {}  # hash -> cacheable message
        self.bytes_received = 0
        self.bytes_sent = 0

    async def __aenter__(self) -> Session:
        await self.connect()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def connect(self) -> None:
        self.ws = await websockets.connect(
            self.ws_url,
            subprotocols=["streamlit"],  # type: ignore[list-item]
            additional_headers=self.headers,
            origin=self.base_url,  # type: ignore[arg-type]
            max_size=None,
            open_timeout=self.timeout_s,
            ping_interval=None,
        )
        self.response_headers = self.ws.response.headers  # case-insensitive

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
            self.ws = None

    # ------------------------------------------------------------------ runs

    def _rerun_msg(self, first: bool) -> BackMsg:
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query
        state.page_script_hash = "" if first else self.page_script_hash
        state.page_name = self.page if first else ""
        state.widget_states.widgets.extend(self.states.values())
        state.cached_message_hashes.extend(self.cache)
        info = state.context_info
        info.timezone = "Asia/Shanghai"
        info.timezone_offset = -480
        info.locale = self.locale
        info.url = f"{self.base_url}/{self.page}" + (f"?{self.query}" if self.query else "")
        info.is_embedded = False
        info.color_scheme = "light"
        return msg

    async def load(self) -> Run:
        """The first run of the session: what a browser does when the tab opens."""
        return await self._run(self._rerun_msg(first=True))

    async def rerun(self) -> Run:
        """A rerun with the current widget states (what a widget change sends)."""
        return await self._run(self._rerun_msg(first=False))

    async def _run(self, msg: BackMsg) -> Run:
        payload = msg.SerializeToString()
        start = time.perf_counter()
        received = 0
        count = 0
        errors: list[str] = []
        kinds: list[str] = []
        self.elements = {}
        await self.ws.send(payload)
        self.bytes_sent += len(payload)
        deadline = start + self.timeout_s
        while True:
            try:
                data = await asyncio.wait_for(self.ws.recv(), deadline - time.perf_counter())
            except TimeoutError:
                return Run(time.perf_counter() - start, received, count, "timeout", errors, kinds)
            except websockets.ConnectionClosed:
                return Run(time.perf_counter() - start, received, count, "closed", errors, kinds)
            if isinstance(data, str):
                raise ProtocolError(f"text frame from the server: {data[:100]!r}")
            received += len(data)
            self.bytes_received += len(data)
            count += 1
            fwd = ForwardMsg()
            fwd.ParseFromString(data)
            kind = fwd.WhichOneof("type")
            if kind == "ref_hash":
                cached = self.cache.get(fwd.ref_hash)
                if cached is None:
                    raise ProtocolError(f"reference to a message never received: {fwd.ref_hash}")
                path = tuple(fwd.metadata.delta_path)
                fwd = cached
                kind = "delta"
            else:
                path = tuple(fwd.metadata.delta_path)
                if fwd.metadata.cacheable and fwd.hash:
                    self.cache[fwd.hash] = fwd
            if kind == "delta":
                if fwd.delta.WhichOneof("type") == "new_element":
                    element = fwd.delta.new_element
                    etype = element.WhichOneof("type") or ""
                    self.elements[path] = element
                    kinds.append(etype)
                    if etype == "exception":
                        exc = element.exception
                        errors.append(f"{exc.type}: {exc.message}"[:300])
            elif kind == "navigation":
                self.page_script_hash = fwd.navigation.page_script_hash
                self.pages = {
                    p.url_pathname: "" if p.is_default else p.url_pathname
                    for p in fwd.navigation.app_pages
                }
            elif kind == "page_info_changed":
                self.query = fwd.page_info_changed.query_string
            elif kind == "page_not_found":
                errors.append(f"page not found: {fwd.page_not_found.page_name}")
            elif kind == "script_finished":
                status = FINISHED.get(fwd.script_finished, str(fwd.script_finished))
                if status == "rerun":  # superseded by a newer run: keep reading
                    continue
                return Run(time.perf_counter() - start, received, count, status, errors, kinds)

    # ------------------------------------------------------------------ widgets

    def find(self, etype: str, *, label: str | None = None, key: str | None = None) -> Any:
        """The first element of type `etype` drawn in the last run whose label equals `label`
        or whose widget id ends with `-key` (Streamlit's id of a keyed widget); None if none."""
        for path in sorted(self.elements):
            element = self.elements[path]
            if element.WhichOneof("type") != etype:
                continue
            proto = getattr(element, etype)
            if label is not None and getattr(proto, "label", None) == label:
                return proto
            if key is not None and str(getattr(proto, "id", "")).endswith(f"-{key}"):
                return proto
        return None

    def multiselect(self, label: str) -> Any:
        return self.find("multiselect", label=label)

    async def set_multiselect(self, widget: Any, values: list[str]) -> Run:
        """Pick `values` (option labels as shown) in a multiselect, as a browser does."""
        unknown = [v for v in values if v not in widget.options]
        if unknown:
            raise ValueError(f"not among the options of {widget.label!r}: {unknown}")
        state = WidgetState(id=widget.id)
        state.string_array_value.data.extend(values)
        self.states[widget.id] = state
        return await self.rerun()
