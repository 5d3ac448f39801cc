"""Servers the benchmark starts, and what it reads of them from /proc (Linux).

- `app_server`: the dashboard as `make run` starts it (scripts/serve.py, the flags of
  `parkdata.testing.servers`, which the browser tests use too), on a free localhost port;
- `bare_server`: bench/floor.py as its own Streamlit server, same flags;
- `proxy_server`: `scripts/serve_many.py` (N workers behind nginx), as `make serve` starts it;
- `Tree`: resident memory and CPU seconds of a server's whole process tree (the Streamlit
  process, or nginx and every worker), sampled while the load runs.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

from parkdata.testing.servers import (
    STREAMLIT_FLAGS,
    Server,
    free_port,
    streamlit_args,
)

ROOT = Path(__file__).resolve().parents[1]


def app_server(env: dict[str, str], log: Path | None = None) -> Server:
    port = free_port()
    cmd = [sys.executable, str(ROOT / "scripts" / "serve.py"), *streamlit_args(port)]
    return Server(cmd, port, ROOT, env, log)


def bare_server(env: dict[str, str], log: Path | None = None) -> Server:
    port = free_port()
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "bench" / "floor.py")]
    return Server([*cmd, *streamlit_args(port)], port, ROOT, env, log)


def proxy_server(workers: int, env: dict[str, str], log: Path | None = None) -> Server:
    port = free_port()
    first_worker = free_port(workers)
    cmd = [sys.executable, str(ROOT / "scripts" / "serve_many.py")]
    cmd += ["--workers", str(workers), "--port", str(port), "--worker-port", str(first_worker)]
    cmd += ["--", *STREAMLIT_FLAGS[4:]]  # no file watcher, as the single-process server
    return Server(cmd, port, ROOT, env, log)


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
