# ruff: noqa: T201 - a command-line report prints by design
"""`make bench`: what a person waits for, at the default data package, 2,500 and 50,000 parks.

Sizes: `default` (whatever data/ holds), and synthetic packages (parkdata.testing.synthetic).
Parts (`--only`, default all):

- server: in a fresh worker process per size (so that cold start and peak memory are its
  own): cold start (empty validation cache, then a restart), warm AppTest script run of every
  page against bench/floor.py (one st.dataframe of the same parks), whether the map is drawn,
  the filtered CSV export against DataFrame.to_csv, peak memory (ru_maxrss);
- browser: in Chromium, first paint of every page and a province picked in the sidebar,
  against the bare app (bench/floor.py served on its own), interleaved; bytes of JavaScript and
  over the websocket; time spent on requests to other hosts (bench/browser.py);
- users: 10 sessions at once at the protocol level against one alone (bench/users.py): p50/p95
  interaction time, errors, CPU seconds per interaction, server peak memory;
- proxy: the same 10 sessions through `make serve` (nginx and --workers workers).

The pages are the app's page registry (pages/registry.toml), opened by the paths the app's
navigation gives. Browser, users and proxy run at sizes up to 2,500 unless --big-clients.
Prints one table with ratios and verdicts on the targets of issue 12 and writes
bench-results/bench.json with the machine.

    .venv/bin/python bench/run.py [--sizes default,2500,50000] [--only server,browser,users,proxy]
                                  [--repeat 5] [--browser-repeat 3] [--users 10] [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
DASHBOARD = ROOT / "dashboard.py"
FLOOR = ROOT / "bench" / "floor.py"
RESULTS = ROOT / "bench-results"
SIZES = ("default", "2500", "50000")
PARTS = ("server", "browser", "users", "proxy")
CLIENT_MAX = 2500  # browser, users and proxy above this only with --big-clients
NATIONAL = ("default", "2500")  # the sizes the issue-12 targets apply to (export: every size)
TARGETS = {
    "warm_300ms": "every page's warm run ≤ 300 ms",
    "warm_floor": "every page's warm run ≤ 2× floor",
    "paint": "every page's first paint ≤ 1.5× bare app",
    "interaction": "every page's interaction ≤ 1.5× bare app",
    "other_hosts": "no page waits on another host (0 ms)",
    "users": "10 sessions at once: p95 ≤ 1 s, no error",
    "users_proxy": "10 sessions at once via make serve: p95 ≤ 1 s, no error",
    "export": "CSV export ≤ 1.2× DataFrame.to_csv",
    "50000": "every page's warm run < 2 s, map drawn",
}


# ------------------------------------------------------------------------------ worker side


def dashboard_pages() -> dict[str, str]:
    """name (url_path) -> page script, from the app's page registry (bench/registry.py)."""
    from bench.registry import pages

    return {name: spec["script"] for name, spec in pages().items()}


def _timed_runs(at, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
    return times


def _map_drawn(at) -> bool | None:
    """A deck.gl chart whose spec has a layer with data; None when the page has no map."""
    charts = at.get("deck_gl_json_chart")
    if not charts:
        return None
    for chart in charts:
        spec = json.loads(chart.proto.json)
        for layer in spec.get("layers", []):
            data = layer.get("data")
            if (isinstance(data, list) and data) or (isinstance(data, str) and data):
                return True
    return False


def _errors(at) -> list[str]:
    return [str(e.value)[:200] for e in at.exception]


def measure_pages(repeat: int) -> dict:
    from streamlit.testing.v1 import AppTest

    out: dict = {"pages": {}}
    start = time.perf_counter()
    at = AppTest.from_file(str(DASHBOARD), default_timeout=900).run()
    out["cold_s"] = time.perf_counter() - start
    out["cold_errors"] = _errors(at)
    declared = dashboard_pages()
    for name in declared:
        script = declared.get(name)
        if script is None or not (ROOT / script).exists():
            out["pages"][name] = {"status": "missing"}
            continue
        try:
            at.switch_page(script).run()  # warm-up: caches for this page filled
            times = _timed_runs(at, repeat)
            errors = _errors(at)
            out["pages"][name] = {
                "status": "error" if errors else "ok",
                "median_s": statistics.median(times),
                "runs_s": times,
                "map_drawn": _map_drawn(at),
                "errors": errors,
            }
        except Exception as exc:  # noqa: BLE001 - a broken page is reported, not fatal
            out["pages"][name] = {"status": "error", "errors": [repr(exc)[:200]]}
    floor = AppTest.from_file(str(FLOOR), default_timeout=900).run()
    out["floor_s"] = statistics.median(_timed_runs(floor, repeat))
    return out


def measure_export(package: Path, repeat: int) -> dict:
    from parkdata.data.dataset import read_frames
    from parkdata.model import levels
    from parkdata.model.filters import Filters, apply_filters
    from parkdata.present import exports, tables
    from parkdata.present.labels import Labels

    full = read_frames(package)
    province = str(full.parks["province"].value_counts().index[0])
    ds = apply_filters(full, Filters(provinces=(province,)))
    labels = Labels(ds.vocab, "zh")
    area = levels.area_km2(ds, "approved_area")
    frame = tables.labelled(tables.table(ds, "parks", labels, area), labels)

    def best(fn) -> float:
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        return min(times)

    return {
        "rows": len(frame),
        "csv_bytes_s": best(lambda: exports.csv_bytes(frame)),
        "to_csv_s": best(lambda: frame.to_csv(index=False)),
    }


def worker(package: Path, repeat: int, cold_only: bool) -> dict:
    os.environ["PARKDATA_DATA_DIR"] = str(package)
    if cold_only:
        from streamlit.testing.v1 import AppTest

        start = time.perf_counter()
        at = AppTest.from_file(str(DASHBOARD), default_timeout=900).run()
        result = {"cold_s": time.perf_counter() - start, "cold_errors": _errors(at)}
    else:
        result = measure_pages(repeat)
        result["export"] = measure_export(package, repeat)
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


# ------------------------------------------------------------------------------ driver side


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def machine() -> dict:
    def first(path: str, prefix: str) -> str:
        try:
            for line in Path(path).read_text().splitlines():
                if line.startswith(prefix):
                    return line.split(":" if ":" in line else "=", 1)[1].strip().strip('"')
        except OSError:
            pass
        return ""

    import pandas
    import streamlit

    mem_kb = first("/proc/meminfo", "MemTotal").split()
    return {
        "nproc": os.cpu_count(),
        "cpu": first("/proc/cpuinfo", "model name") or platform.processor(),
        "ram_gb": round(int(mem_kb[0]) / 2**20, 1) if mem_kb else None,
        "os": first("/etc/os-release", "PRETTY_NAME") or platform.platform(),
        "python": platform.python_version(),
        "streamlit": streamlit.__version__,
        "pandas": pandas.__version__,
        "platform": platform.platform(),
        "commit": _git("rev-parse", "--short", "HEAD"),
        "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "loadavg_start": os.getloadavg(),
    }


def _git(*args: str) -> str:
    try:
        return subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def package_for(size: str, folder: Path) -> tuple[Path, float | None]:
    from parkdata.data.dataset import read_frames
    from parkdata.data.schema import DATA_DIR
    from parkdata.testing.synthetic import generate_package

    if size == "default":
        return DATA_DIR, None

    n = int(size)
    start = time.perf_counter()
    path = generate_package(n, folder / f"synthetic-{n}", seed=0)
    elapsed = time.perf_counter() - start
    assert len(read_frames(path).parks) == n
    return path, elapsed


def run_worker(package: Path, repeat: int, cache: Path, cold_only: bool) -> dict:
    cmd = [sys.executable, __file__, "--worker", str(package), "--repeat", str(repeat)]
    if cold_only:
        cmd.append("--cold-only")
    env = {**os.environ, "PARKDATA_CACHE_DIR": str(cache), "PARKDATA_DATA_DIR": str(package)}
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)
    if proc.returncode != 0:
        return {"error": proc.stderr[-2000:]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def measure_server(package: Path, repeat: int, cache: Path) -> dict:
    r = run_worker(package, repeat, cache, cold_only=False)
    restart = run_worker(package, repeat, cache, cold_only=True)
    r["restart_s"] = restart.get("cold_s", float("nan"))
    return r


def page_paths(url: str) -> dict[str, str | None]:
    """Registry name -> the URL path that opens it on the running app ("" for the default
    page, None when the app does not serve it), from the app's navigation message."""
    from bench.stclient import Session, run_sync

    async def nav() -> dict[str, str]:
        async with Session(url) as session:
            await session.load()
            return session.pages

    served = run_sync(nav())
    out: dict[str, str | None] = {n: (n if n in served else None) for n in dashboard_pages()}
    unplaced = [n for n, path in out.items() if path is None]
    if "" in served and len(unplaced) == 1:  # the default page answers at "/"
        out[unplaced[0]] = ""
    return out


def pick_province(package: Path) -> str:
    """The province with the most parks, as the sidebar shows it (zh: its name)."""
    from parkdata.data.dataset import read_frames

    counts = read_frames(package).parks["province"].value_counts()
    return str(counts.index[0])


def measure_clients(
    package: Path, cache: Path, parts: set[str], args: argparse.Namespace, logs: Path
) -> dict:
    from bench import browser, users
    from bench.registry import pages as registry
    from bench.registry import province_label
    from bench.servers import app_server, bare_server, proxy_server

    env = {"PARKDATA_DATA_DIR": str(package), "PARKDATA_CACHE_DIR": str(cache)}
    label = province_label("zh")
    option = pick_province(package)
    out: dict = {"province": option}
    if parts & {"browser", "users"}:
        with app_server(env, logs / "app.log") as app, bare_server(env, logs / "bare.log") as bare:
            app.wait_healthy()
            bare.wait_healthy()
            paths = page_paths(app.url)
            out["missing"] = [n for n, p in paths.items() if p is None]
            pages = {n: p for n, p in paths.items() if p is not None}
            if "browser" in parts:
                say(f"  browser: {len(pages)} pages and the bare app, {args.browser_repeat}×")
                declared = {name: spec["main"] for name, spec in registry().items()}
                out["browser"] = browser.measure(
                    app.url,
                    bare.url,
                    pages,
                    label,
                    option,
                    args.browser_repeat,
                    log=say,
                    declared=declared,
                )
            if "users" in parts:
                say(f"  users: 1 alone per page, then {args.users} at once")
                out["users"] = users.measure(
                    app.url, app.proc.pid, list(pages.values()), label, args.users
                )
    if "proxy" in parts:
        with proxy_server(args.workers, env, logs / "proxy.log") as proxy:
            proxy.wait_healthy()
            paths = page_paths(proxy.url)
            pages = {n: p for n, p in paths.items() if p is not None}
            say(f"  proxy: {args.users} at once through nginx and {args.workers} workers")
            out["proxy"] = users.measure(
                proxy.url, proxy.proc.pid, list(pages.values()), label, args.users
            )
            out["proxy"]["workers"] = args.workers
    return out


# ------------------------------------------------------------------------------ verdicts


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def verdicts(size: str, r: dict) -> dict:
    out: dict = {}
    pages = {k: v for k, v in r.get("pages", {}).items() if v.get("status") == "ok"}
    floor = r.get("floor_s")
    if size in NATIONAL and pages and floor:
        slow = [k for k, v in pages.items() if v["median_s"] > 0.3]
        over = [k for k, v in pages.items() if v["median_s"] > 2 * floor]
        out["warm_300ms"] = {"met": not slow, "failing": slow}
        out["warm_floor"] = {"met": not over, "failing": over}
    if size == "50000" and pages:
        slow = [k for k, v in pages.items() if v["median_s"] >= 2.0]
        no_map = [k for k, v in pages.items() if v.get("map_drawn") is False]
        out["50000"] = {"met": not slow and not no_map, "failing": slow + no_map}
    b = r.get("browser")
    if b and size in NATIONAL:
        bare = b["bare"]
        for key, field in (("paint", "paint_ms"), ("interaction", "interaction_ms")):
            failing = [
                k
                for k, v in b["pages"].items()
                if v[field] is None or (_ratio(v[field], bare[field]) or 99) > 1.5
            ]
            out[key] = {"met": not failing and bare[field] is not None, "failing": failing}
        waiting = [k for k, v in b["pages"].items() if v["other_hosts_ms"] > 0]
        out["other_hosts"] = {"met": not waiting, "failing": waiting}
    for key, part in (("users", "users"), ("users_proxy", "proxy")):
        u = r.get(part)
        if u and size in NATIONAL:
            together = u["together"]
            p95 = together["p95_s"]
            met = p95 is not None and p95 <= 1.0 and together["errors"] == 0
            out[key] = {
                "met": met,
                "failing": []
                if met
                else [
                    f"p95 {p95:.2f} s" if p95 is not None else "p95 none",
                    f"errors {together['errors']}",
                ],
            }
    exp = r.get("export")
    if exp:
        ratio = exp["csv_bytes_s"] / exp["to_csv_s"]
        out["export"] = {"met": ratio <= 1.2, "ratio": ratio}
    return out


# ------------------------------------------------------------------------------ the table


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f}"


def _x(ratio: float | None) -> str:
    return "" if ratio is None else f" ({ratio:.1f}×)"


def print_table(results: dict) -> None:
    sizes = list(results["sizes"])
    get = results["sizes"]
    m = results["machine"]
    width, col = 30, 26

    def row(label: str, cells: list[str]) -> None:
        print(f"{label:<{width}}" + "".join(f"{c:>{col}}" for c in cells))

    def header(title: str) -> None:
        print(f"\n{title}")
        row("", [("N=" + s) if s != "default" else "default data" for s in sizes])

    print(
        f"\nParkdata benchmark, {m['date']}, commit {m['commit']}\n"
        f"machine: {m['cpu']}, {m['nproc']} cores, {m['ram_gb']} GB, {m['os']}; Python "
        f"{m['python']}, Streamlit {m['streamlit']}, pandas {m['pandas']}; load average "
        f"{m['loadavg_start'][0]:.1f} at start, {m.get('loadavg_end', [0])[0]:.1f} at end"
    )
    names: list[str] = []
    for r in get.values():
        names += [k for k in r.get("pages", {}) if k not in names]
        names += [k for k in r.get("browser", {}).get("pages", {}) if k not in names]

    if any("pages" in r for r in get.values()):
        header("warm script run (AppTest), median ms (× floor); map ✓ drawn ✗ not drawn")

        def cell(r: dict, name: str) -> str:
            page = r.get("pages", {}).get(name)
            if page is None:
                return "—"
            if page["status"] != "ok":
                return page["status"]
            mark = {True: " ✓", False: " ✗"}.get(page.get("map_drawn"), "")
            ratio = _ratio(page["median_s"], r.get("floor_s"))
            return f"{_ms(page['median_s'] * 1000)}{_x(ratio)}{mark}"

        for name in names:
            row(f"  {name}", [cell(get[s], name) for s in sizes])
        row(
            "  floor (st.dataframe)",
            [_ms(get[s].get("floor_s", 0) * 1000) if "floor_s" in get[s] else "—" for s in sizes],
        )
        row(
            "cold start, first / restart s",
            [
                f"{get[s]['cold_s']:.1f} / {get[s].get('restart_s', float('nan')):.1f}"
                if "cold_s" in get[s]
                else "—"
                for s in sizes
            ],
        )
        row("peak RSS, AppTest worker MB", [_ms(get[s].get("peak_rss_mb")) for s in sizes])

    def export_cell(s: str) -> str:
        e = get[s].get("export")
        if not e:
            return "—"
        ratio = e["csv_bytes_s"] / e["to_csv_s"]
        return f"{e['csv_bytes_s'] * 1000:.1f}/{e['to_csv_s'] * 1000:.1f} ms ({ratio:.2f}×)"

    if any("export" in r for r in get.values()):
        row("CSV export vs to_csv", [export_cell(s) for s in sizes])
        row("  rows exported", [str(get[s].get("export", {}).get("rows", "—")) for s in sizes])

    if any("browser" in r for r in get.values()):
        header("Chromium: first paint ms (× bare) | interaction ms (× bare)")

        def bcell(s: str, name: str, field: str) -> str:
            b = get[s].get("browser")
            if not b:
                return "—"
            page = b["bare"] if name == "bare" else b["pages"].get(name)
            if page is None:
                return "—"
            ratio = None if name == "bare" else _ratio(page[field], b["bare"][field])
            return f"{_ms(page[field])}{_x(ratio)}"

        mains = {
            name: page["main"]
            for s in sizes
            if "browser" in get[s]
            for name, page in [
                *get[s]["browser"]["pages"].items(),
                ("bare", get[s]["browser"]["bare"]),
            ]
        }
        print("main element: " + ", ".join(f"{n} = {k}" for n, k in mains.items()))
        for name in [*names, "bare"]:
            label = "bare app (st.dataframe)" if name == "bare" else name
            row(f"  {label} paint", [bcell(s, name, "paint_ms") for s in sizes])
            row(f"  {label} interaction", [bcell(s, name, "interaction_ms") for s in sizes])
        print("\nbytes per page: JavaScript MB | websocket KB on load | KB per interaction")
        for name in [*names, "bare"]:
            cells = []
            for s in sizes:
                b = get[s].get("browser")
                page = (b["bare"] if name == "bare" else b["pages"].get(name)) if b else None
                cells.append(
                    "—"
                    if not page
                    else f"{(page['js_bytes'] or 0) / 1e6:.1f} | "
                    f"{(page['ws_load_bytes'] or 0) / 1024:,.0f} | "
                    f"{(page['ws_interaction_bytes'] or 0) / 1024:,.0f}"
                )
            row(f"  {name}", cells)
        print("\nwaiting on other hosts, ms (worst visit)")
        for name in names:
            cells = []
            for s in sizes:
                page = get[s].get("browser", {}).get("pages", {}).get(name)
                cells.append("—" if not page else _ms(page["other_hosts_ms"]))
            row(f"  {name}", cells)
        hosts = sorted(
            {
                h
                for s in sizes
                for p in get[s].get("browser", {}).get("pages", {}).values()
                for h in p["other_hosts"]
            }
        )
        for h in hosts:
            print(f"    {h}")

    if any("users" in r or "proxy" in r for r in get.values()):
        header("many users (protocol-level client): interaction p50 / p95 s")

        def ucell(s: str, part: str, phase: str, what: str) -> str:
            u = get[s].get(part, {}).get(phase)
            if not u:
                return "—"
            if what == "p":
                return f"{u['p50_s'] or 0:.2f} / {u['p95_s'] or 0:.2f}"
            if what == "load":
                return f"{u['load_p50_s'] or 0:.2f} / {u['load_p95_s'] or 0:.2f}"
            if what == "cpu":
                return f"{u['cpu_s_per_interaction'] or 0:.3f}"
            if what == "err":
                return f"{u['errors']} of {u['interactions']}"
            if what == "rss":
                return _ms(u["peak_rss_mb"])
            return "—"

        for part, title in (("users", "1 process"), ("proxy", "make serve")):
            if not any(part in r for r in get.values()):
                continue
            workers = next(
                (
                    r[part].get("workers")
                    for r in get.values()
                    if part in r and r[part].get("workers")
                ),
                None,
            )
            if workers:
                title += f", {workers} workers"
            row(f"  {title}: alone", [ucell(s, part, "alone", "p") for s in sizes])
            row("    10 at once", [ucell(s, part, "together", "p") for s in sizes])
            row(
                "    page load alone / at once",
                [
                    f"{ucell(s, part, 'alone', 'load').split(' / ')[0]} / "
                    f"{ucell(s, part, 'together', 'load').split(' / ')[0]}"
                    if get[s].get(part)
                    else "—"
                    for s in sizes
                ],
            )
            row("    errors at once", [ucell(s, part, "together", "err") for s in sizes])
            row(
                "    CPU s per interaction",
                [
                    f"{ucell(s, part, 'alone', 'cpu')} / {ucell(s, part, 'together', 'cpu')}"
                    if get[s].get(part)
                    else "—"
                    for s in sizes
                ],
            )
            row("    server peak RSS MB", [ucell(s, part, "together", "rss") for s in sizes])
        if any(r.get("users", {}).get("alone", {}).get("by_page") for r in get.values()):
            print("\n1 process, alone, by page: interaction median s | CPU s | KB sent")
            paths = []
            for r in get.values():
                by_page = r.get("users", {}).get("alone", {}).get("by_page", {})
                paths += [p for p in by_page if p not in paths]
            for path in paths:
                cells = []
                for s in sizes:
                    v = get[s].get("users", {}).get("alone", {}).get("by_page", {}).get(path)
                    cells.append(
                        "—"
                        if not v or v["median_s"] is None
                        else f"{v['median_s']:.2f} | {v['cpu_s_per_interaction']:.2f} | "
                        f"{v['kb_per_interaction']:,.0f}"
                    )
                row(f"  {path}", cells)

    print("\ntargets (issue 12):")
    for s in sizes:
        for key, verdict in get[s].get("verdicts", {}).items():
            state = "met" if verdict["met"] else "NOT MET"
            extra = ", ".join(verdict.get("failing") or [])
            if "ratio" in verdict:
                extra = f"{verdict['ratio']:.2f}×"
            print(f"  {s:<8} {TARGETS[key]:<58} {state:<8} {extra}")
    for s in sizes:
        for name, page in get[s].get("pages", {}).items():
            if page.get("errors"):
                print(f"  {s} page {name}: {page['errors'][0]}")
        for part in ("users", "proxy"):
            for e in get[s].get(part, {}).get("together", {}).get("error_samples", [])[:2]:
                print(f"  {s} {part}: {e}")
        for name, page in get[s].get("browser", {}).get("pages", {}).items():
            for e in page.get("errors", [])[:1]:
                print(f"  {s} browser {name}: {e[:200]}")
        if get[s].get("error"):
            print(f"  {s} worker failed:\n{get[s]['error']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(SIZES), help="default and/or park counts")
    parser.add_argument("--only", default=",".join(PARTS), help="parts: " + ",".join(PARTS))
    parser.add_argument("--repeat", type=int, default=5, help="warm AppTest runs per page")
    parser.add_argument("--browser-repeat", type=int, default=3, help="visits per page")
    parser.add_argument("--users", type=int, default=10, help="sessions at once")
    parser.add_argument("--workers", type=int, default=2, help="workers behind nginx (proxy)")
    parser.add_argument("--big-clients", action="store_true", help="browser etc. above 2,500")
    parser.add_argument("--worker", type=Path)
    parser.add_argument("--cold-only", action="store_true")
    parser.add_argument("--out", type=Path, default=RESULTS / "bench.json")
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.repeat, args.cold_only)))
        return
    if not DASHBOARD.exists():
        sys.exit("dashboard.py does not exist yet: nothing to measure")
    # SIGTERM unwinds like Ctrl-C, so that the servers started below are stopped
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    parts = {p.strip() for p in args.only.split(",") if p.strip()}
    if parts - set(PARTS):
        parser.error(f"unknown parts {sorted(parts - set(PARTS))}; known: {', '.join(PARTS)}")
    sizes = [
        "default" if s.strip() in ("default", "30") else str(int(s)) for s in args.sizes.split(",")
    ]
    results: dict = {"machine": machine(), "targets": TARGETS, "parts": sorted(parts), "sizes": {}}
    with tempfile.TemporaryDirectory(prefix="parkdata-bench-") as tmp:
        for size in sizes:
            package, generate_s = package_for(size, Path(tmp))
            cache = Path(tmp) / f"cache-{size}"  # empty: the first start validates
            logs = RESULTS / f"logs-{size}"
            logs.mkdir(parents=True, exist_ok=True)
            r: dict = {
                "package": "data/" if generate_s is None else f"synthetic, seed 0, N={size}",
                "generate_s": generate_s,
            }
            if "server" in parts:
                say(f"{size}: server side (AppTest) on {package} …")
                repeat = args.repeat if size in NATIONAL else max(2, args.repeat // 2)
                r.update(measure_server(package, repeat, cache))
            client_parts = parts & {"browser", "users", "proxy"}
            if client_parts and (size == "default" or int(size) <= CLIENT_MAX or args.big_clients):
                say(f"{size}: {', '.join(sorted(client_parts))} …")
                r.update(measure_clients(package, cache, client_parts, args, logs))
            elif client_parts:
                r["skipped"] = (
                    f"{', '.join(sorted(client_parts))} above {CLIENT_MAX} parks (--big-clients)"
                )
            r["verdicts"] = verdicts(size, r)
            results["sizes"][size] = r
    results["machine"]["loadavg_end"] = os.getloadavg()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    print_table(results)
    print(f"\nwritten: {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")


if __name__ == "__main__":
    main()
