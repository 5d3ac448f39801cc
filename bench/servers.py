"""Servers the benchmark starts, and what it reads of them from /proc (Linux).

- `app_server`: the dashboard as `make run` starts it (scripts/serve.py, the flags of tests/e2e
  /conftest.py), on a free localhost port;
- `bare_server`: bench/floor.py as its own Streamlit server, same flags;
- `proxy_server`: `scripts/serve_many.py` (N workers behind nginx), as `make serve` starts it;
- `Tree`: resident memory and CPU seconds of a server's whole process tree (the Streamlit
  process, or nginx and every worker), sampled while the load runs.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STREAMLIT_FLAGS = [
    "--server.headless",
    "true",
    "--browser.gatherUsageStats",
    "false",
    "--server.fileWatcherType",
    "none",
    "--server.runOnSave",
    "false",
]


def chromium_path() -> str | None:
    """Debian's Chromium, as tests/e2e/conftest.py finds it."""
    for candidate in (os.environ.get("PARKDATA_CHROMIUM"), "/usr/bin/chromium"):
        if candidate and Path(candidate).is_file():
            return candidate
    return shutil.which("chromium")


def free_port(count: int = 1) -> int:
    """A free localhost port, or the first of `count` consecutive free ports."""
    for _ in range(200):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.bind(("localhost", 0))
            base = int(sock.getsockname()[1])
        if count == 1 or all(_port_free(base + i) for i in range(1, count)):
            return base
    raise RuntimeError(f"no {count} consecutive free ports")


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(("localhost", port))
        except OSError:
            return False
        return True


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.read().decode() == "ok"
    except OSError:
        return False


class Server:
    """A process serving HTTP on localhost:`port`; `stop()` ends it and its children."""

    def __init__(self, cmd: list[str], port: int, env: dict[str, str], log: Path | None = None):
        self.port = port
        self.url = f"http://localhost:{port}"
        self.log = open(log or os.devnull, "w")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            cmd,
            cwd=ROOT,
            env={**os.environ, "PYTHONUNBUFFERED": "1", **env},
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def wait_healthy(self, timeout_s: float = 120) -> Server:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.proc.args} exited with {self.proc.returncode}")
            if healthy(self.url):
                return self
            time.sleep(0.2)
        raise TimeoutError(f"nothing healthy on {self.url} within {timeout_s} s")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=20)
        self.log.close()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def app_server(env: dict[str, str], log: Path | None = None) -> Server:
    port = free_port()
    cmd = [sys.executable, str(ROOT / "scripts" / "serve.py")]
    cmd += ["--server.address", "localhost", "--server.port", str(port), *STREAMLIT_FLAGS]
    return Server(cmd, port, env, log)


def bare_server(env: dict[str, str], log: Path | None = None) -> Server:
    port = free_port()
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "bench" / "floor.py")]
    cmd += ["--server.address", "localhost", "--server.port", str(port), *STREAMLIT_FLAGS]
    return Server(cmd, port, env, log)


def proxy_server(workers: int, env: dict[str, str], log: Path | None = None) -> Server:
    port = free_port()
    first_worker = free_port(workers)
    cmd = [sys.executable, str(ROOT / "scripts" / "serve_many.py")]
    cmd += ["--workers", str(workers), "--port", str(port), "--worker-port", str(first_worker)]
    cmd += ["--", *STREAMLIT_FLAGS[4:]]  # no file watcher, as the single-process server
    return Server(cmd, port, env, log)


# ------------------------------------------------------------------ /proc


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def descendants(pid: int) -> list[int]:
    """`pid` and every process below it."""
    tree = _children()
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo += tree.get(p, [])
    return out


TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _rss_and_cpu(pid: int) -> tuple[int, float]:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0, 0.0
    # after the name: state ppid ... utime(12) stime(13) ... rss(22), counted from state = 0
    return int(fields[21]) * PAGE, (int(fields[11]) + int(fields[12])) / TICK


class Tree:
    """Memory and CPU of a process tree. `cpu_s()` is the CPU time (user + system) of the
    processes alive now; `sample()` in a thread records the peak summed RSS."""

    def __init__(self, pid: int, every_s: float = 0.1):
        self.pid = pid
        self.every_s = every_s
        self.peak_rss = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def rss(self) -> int:
        return sum(_rss_and_cpu(p)[0] for p in descendants(self.pid))

    def cpu_s(self) -> float:
        return sum(_rss_and_cpu(p)[1] for p in descendants(self.pid))

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.peak_rss = max(self.peak_rss, self.rss())
            self._stop.wait(self.every_s)

    def __enter__(self) -> Tree:
        self.peak_rss = self.rss()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join()
