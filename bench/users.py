"""Many users at once, at the protocol level (bench/stclient.py), so that no browser takes the
CPU from the server.

- alone: one session at a time, for every page in turn: open the page, then change the
  province filter three times (each change waits for its script run to finish);
- together: `n` sessions (pages dealt round-robin) open their page at the same moment, then in
  three rounds all change their province filter at the same moment.

Each session picks its own provinces (the options of the sidebar multiselect, dealt by session
number), as different people would. Reported: p50/p95 of the interaction times and of the
page loads, runs that failed (an exception element, a run that did not finish, a dropped
connection), the server's CPU seconds per interaction (user + system time of the server's
process tree, read from /proc, over the interaction rounds only) and its peak resident memory
(the tree's summed RSS, sampled every 100 ms).
"""

from __future__ import annotations

import asyncio
import statistics
import time

from bench.servers import Tree
from bench.stclient import Run, Session, run_sync

ROUNDS = 3


def pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def _choices(options: list[str], who: int) -> list[list[str]]:
    """Three filter states for session `who`: one province, another, then all again."""
    if not options:
        return []
    first = options[(who * 2) % len(options)]
    second = options[(who * 2 + 1) % len(options)]
    return [[first], [second], []][:ROUNDS]


class User:
    def __init__(self, url: str, page: str, label: str, who: int, timeout_s: float):
        self.session = Session(url, page=page, timeout_s=timeout_s)
        self.label = label
        self.who = who
        self.load: Run | None = None
        self.runs: list[Run] = []
        self.errors: list[str] = []
        self.plan: list[list[str]] = []

    async def open(self) -> None:
        try:
            await self.session.connect()
            self.load = await self.session.load()
            if not self.load.ok:
                self.errors.append(
                    f"load {self.session.page}: {self.load.status} {self.load.errors[:1]}"
                )
            widget = self.session.multiselect(self.label)
            if widget is None:
                self.errors.append(f"no multiselect {self.label!r} on {self.session.page!r}")
            else:
                self.plan = _choices(list(widget.options), self.who)
        except Exception as exc:  # noqa: BLE001 - counted as an error of the run
            self.errors.append(f"open {self.session.page}: {type(exc).__name__}: {exc}"[:300])

    async def change(self, step: int) -> float:
        """Apply filter state `step`; returns the run's wall time."""
        if step >= len(self.plan) or self.errors:
            return 0.0
        try:
            widget = self.session.multiselect(self.label)
            run = await self.session.set_multiselect(widget, self.plan[step])
            self.runs.append(run)
            if not run.ok:
                self.errors.append(f"change {self.session.page}: {run.status} {run.errors[:1]}")
            return run.seconds
        except Exception as exc:  # noqa: BLE001
            self.errors.append(f"change {self.session.page}: {type(exc).__name__}: {exc}"[:300])
            return 0.0

    async def close(self) -> None:
        try:
            await self.session.close()
        except Exception:  # noqa: BLE001, S110 - closing a broken connection
            pass


def _summary(users: list[User], cpu_s: float, wall_s: float) -> dict:
    changes = [r.seconds for u in users for r in u.runs if r.ok]
    loads = [u.load.seconds for u in users if u.load and u.load.ok]
    errors = [e for u in users for e in u.errors]
    n_changes = sum(len(u.runs) for u in users)
    return {
        "sessions": len(users),
        "interactions": n_changes,
        "p50_s": pct(changes, 50),
        "p95_s": pct(changes, 95),
        "max_s": max(changes, default=None),
        "load_p50_s": pct(loads, 50),
        "load_p95_s": pct(loads, 95),
        "errors": len(errors),
        "error_samples": errors[:5],
        "cpu_s_per_interaction": cpu_s / n_changes if n_changes else None,
        "interaction_wall_s": wall_s,
        "kb_per_interaction": (
            sum(r.bytes_received for u in users for r in u.runs) / n_changes / 1024
            if n_changes
            else None
        ),
    }


async def _alone(url: str, pages: list[str], label: str, tree: Tree, timeout_s: float) -> dict:
    users, cpu, wall, by_page = [], 0.0, 0.0, {}
    for who, page in enumerate(pages):
        user = User(url, page, label, who, timeout_s)
        await user.open()
        page_cpu = 0.0
        for step in range(ROUNDS):
            before, start = tree.cpu_s(), time.perf_counter()
            await user.change(step)
            page_cpu += tree.cpu_s() - before
            wall += time.perf_counter() - start
        await user.close()
        users.append(user)
        cpu += page_cpu
        by_page[page or "/"] = {  # where the CPU goes, page by page
            "median_s": pct([r.seconds for r in user.runs if r.ok], 50),
            "cpu_s_per_interaction": page_cpu / len(user.runs) if user.runs else None,
            "kb_per_interaction": (
                sum(r.bytes_received for r in user.runs) / len(user.runs) / 1024
                if user.runs
                else None
            ),
            "load_s": user.load.seconds if user.load else None,
            "errors": user.errors[:2],
        }
    return {**_summary(users, cpu, wall), "by_page": by_page}


async def _together(
    url: str, pages: list[str], label: str, n: int, tree: Tree, timeout_s: float
) -> dict:
    users = [User(url, pages[i % len(pages)], label, i, timeout_s) for i in range(n)]
    await asyncio.gather(*(u.open() for u in users))
    before, start = tree.cpu_s(), time.perf_counter()
    for step in range(ROUNDS):  # every session changes its filter at the same moment
        await asyncio.gather(*(u.change(step) for u in users))
    cpu, wall = tree.cpu_s() - before, time.perf_counter() - start
    await asyncio.gather(*(u.close() for u in users))
    return _summary(users, cpu, wall)


def measure(
    url: str, server_pid: int, pages: list[str], label: str, n: int = 10, timeout_s: float = 120
) -> dict:
    """`pages`: URL paths of the app's pages ("" for the default one). `server_pid`: the
    process whose tree serves `url` (Streamlit, or serve_many.py with nginx and workers)."""
    with Tree(server_pid) as tree:
        alone = run_sync(_alone(url, pages, label, tree, timeout_s))
        alone["peak_rss_mb"] = tree.peak_rss / 2**20
    with Tree(server_pid) as tree:
        together = run_sync(_together(url, pages, label, n, tree, timeout_s))
        together["peak_rss_mb"] = tree.peak_rss / 2**20
    return {"alone": alone, "together": together}
