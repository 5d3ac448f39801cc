"""`make serve`: several dashboard workers behind nginx (scripts/serve_many.py).

Started as `make serve` starts it, with 2 workers on free ports: the app loads through the
proxy (health endpoint, and a real session at the protocol level: a page's script run and a
filter change), one client stays on one worker (the sticky cookie) while many clients spread
over both, static files come gzip-compressed and decompress to the worker's own bytes, and
stopping the command (SIGTERM, or Ctrl-C's SIGINT) leaves no process and no run folder behind.
Timing lives in `make bench`, not here. Skips when nginx is not installed (.ci/run installs
it)."""

from __future__ import annotations

import gzip
import http.cookiejar
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.registry import province_label  # noqa: E402
from bench.servers import descendants  # noqa: E402
from bench.stclient import Session, run_sync  # noqa: E402
from parkdata.testing.servers import free_port, healthy  # noqa: E402

sys.path.insert(0, str(ROOT / "scripts"))
from serve_many import nginx_binary  # noqa: E402

pytestmark = [
    pytest.mark.server,
    pytest.mark.xdist_group("servers"),  # one worker: its ports are chosen in runs of several
    pytest.mark.skipif(
        nginx_binary() is None,
        reason="nginx is not installed (apt-get install nginx; .ci/run does)",
    ),
]


class Proxy:
    def __init__(self, workers: int, tmp: Path):
        self.port = free_port()
        first = free_port(workers)
        self.worker_ports = [first + i for i in range(workers)]
        self.url = f"http://localhost:{self.port}"
        cmd = [sys.executable, str(ROOT / "scripts" / "serve_many.py")]
        cmd += ["--workers", str(workers), "--port", str(self.port)]
        cmd += ["--worker-port", str(self.worker_ports[0]), "--address", "127.0.0.1"]
        cmd += ["--", "--server.fileWatcherType", "none"]
        self.log = open(tmp / "serve.log", "w")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            cmd, cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT, env={**os.environ}
        )

    def wait(self, timeout_s: float = 120) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, Path(self.log.name).read_text()
            if healthy(self.url):
                return
            time.sleep(0.3)
        raise TimeoutError(f"nothing healthy behind nginx on {self.url}")

    def stop(self, sig: int = signal.SIGTERM) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
        return self.proc.returncode


@pytest.fixture(scope="module")
def proxy(tmp_path_factory):
    server = Proxy(2, tmp_path_factory.mktemp("serve-many"))
    try:
        server.wait()
        yield server
    finally:
        server.stop()


def get(url: str, cookie: str | None = None, gzip_ok: bool = False):
    request = urllib.request.Request(url)
    if cookie:
        request.add_header("Cookie", cookie)
    if gzip_ok:
        request.add_header("Accept-Encoding", "gzip")
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, response.headers, response.read()


def worker_of(headers) -> str:
    return headers["X-Upstream"]


def test_health_and_a_real_session_through_the_proxy(proxy):
    status, _, body = get(f"{proxy.url}/_stcore/health")
    assert (status, body) == (200, b"ok")

    async def session():
        async with Session(proxy.url, page="table") as s:
            first = await s.load()
            widget = s.multiselect(province_label("zh"))
            assert widget is not None, first.kinds
            province = sorted(widget.options)[0]
            changed = await s.set_multiselect(widget, [province])
            return first, changed, s.query, s.response_headers

    first, changed, query, headers = run_sync(session())
    assert first.ok, (first.status, first.errors)
    assert "arrow_data_frame" in first.kinds or "dataframe" in " ".join(first.kinds)
    assert changed.ok, (changed.status, changed.errors)
    assert query.startswith("province="), query  # the app wrote the filter into the URL
    assert worker_of(headers) in {f"127.0.0.1:{p}" for p in proxy.worker_ports}


def test_one_client_stays_on_one_worker_and_clients_spread(proxy):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(f"{proxy.url}/_stcore/health") as first:
        worker = worker_of(first.headers)
        cookies = first.headers.get_all("Set-Cookie") or []
        assert any(re.match(r"parkdata_worker=\w+;", c) for c in cookies), cookies
    for path in ("/", "/_stcore/health", "/_stcore/host-config", "/table", "/_stcore/health"):
        with opener.open(f"{proxy.url}{path}") as response:
            assert worker_of(response.headers) == worker, path
            assert "parkdata_worker" not in " ".join(response.headers.get_all("Set-Cookie") or [])
    # the websocket of that browser goes to the same worker
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)

    async def handshake():
        async with Session(proxy.url, headers={"Cookie": cookie}) as s:
            return s.response_headers

    assert worker_of(run_sync(handshake())) == worker
    # different people (cookies) land on both workers, even from one address (unlike ip_hash)
    seen = {
        worker_of(get(f"{proxy.url}/_stcore/health", f"parkdata_worker=p{i}")[1]) for i in range(24)
    }
    assert seen == {f"127.0.0.1:{p}" for p in proxy.worker_ports}


def test_static_files_come_gzip_compressed(proxy):
    _, _, html = get(f"{proxy.url}/")
    script = re.search(rb'src="\.?/?(static/js/[^"]+\.js)"', html)
    assert script, html[:500]
    path = "/" + script.group(1).decode()
    _, headers, packed = get(f"{proxy.url}{path}", gzip_ok=True)
    assert headers["Content-Encoding"] == "gzip"
    _, direct_headers, plain = get(f"http://127.0.0.1:{proxy.worker_ports[0]}{path}", gzip_ok=True)
    assert direct_headers["Content-Encoding"] is None  # Streamlit itself sends it uncompressed
    assert gzip.decompress(packed) == plain
    assert len(packed) < 0.5 * len(plain)


def nginx_prefix(pids: list[int]) -> Path:
    """The run folder nginx was started in (its -p argument, in the master's process title)."""
    for pid in pids:
        title = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        found = re.search(r"nginx: master process .* -p (\S+)", title)
        if found:
            return Path(found.group(1))
    raise AssertionError("no nginx master among the processes")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_stopping_leaves_nothing_behind(tmp_path, sig):
    server = Proxy(1, tmp_path)
    try:
        server.wait()
        tree = descendants(server.proc.pid)
        assert len(tree) >= 3  # this script, nginx (master and workers), one Streamlit worker
        run_dir = nginx_prefix(tree)
        assert run_dir.is_dir() and (run_dir / "nginx.conf").is_file()
    finally:
        code = server.stop(sig)
    assert code == 0, (tmp_path / "serve.log").read_text()
    time.sleep(0.5)
    alive = [pid for pid in tree if Path(f"/proc/{pid}").exists()]
    assert alive == [], alive
    assert not healthy(server.url)
    assert not healthy(f"http://127.0.0.1:{server.worker_ports[0]}")
    assert not run_dir.exists()
