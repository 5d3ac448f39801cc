"""Local servers and the browser, as the browser tests and the benchmark start them: one
definition of the flags, the free port, the health check and the process's life, so that
what is measured is what is tested.

- `STREAMLIT_FLAGS`: headless, no usage statistics, no file watcher (a run is never a
  reload);
- `CHROMIUM_ARGS`, `chromium_path()`: Debian's Chromium (`playwright install` cannot download
  browsers here), or PARKDATA_CHROMIUM;
- `Server`: a command serving HTTP on localhost:`port`, waited for on Streamlit's
  `/_stcore/health` (nginx passes it through) and stopped with its children.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

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
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    """PARKDATA_CHROMIUM, /usr/bin/chromium or `chromium` on PATH; None without one."""
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
    """Whether Streamlit at `url` answers its health check."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.read().decode() == "ok"
    except OSError:
        return False


def streamlit_args(port: int) -> list[str]:
    """Where a Streamlit server listens, with `STREAMLIT_FLAGS`."""
    return ["--server.address", "localhost", "--server.port", str(port), *STREAMLIT_FLAGS]


class Server:
    """`cmd` run in `cwd`, serving HTTP on localhost:`port`; its output goes to `log`.
    `wait_healthy()` returns once it answers; `stop()` ends it (terminate, then kill)."""

    def __init__(
        self,
        cmd: list[str],
        port: int,
        cwd: Path,
        env: dict[str, str] | None = None,
        log: Path | None = None,
    ):
        self.port = port
        self.url = f"http://localhost:{port}"
        self.log = open(log or os.devnull, "w")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            cmd,
            cwd=cwd,
            env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def wait_healthy(self, timeout_s: float = 120) -> Server:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.proc.args!r} exited with {self.proc.returncode}")
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


def start_healthy(make: Callable[[int], Server], attempts: int = 3) -> Server:
    """The server `make(port)` builds on a free port, once healthy. With tests run in parallel a
    port can be taken between choosing it and binding it; a server that exits before it answers
    is tried again on another port."""
    for attempt in range(attempts):
        server = make(free_port())
        try:
            return server.wait_healthy()
        except RuntimeError:
            server.stop()
            if attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")
