# ruff: noqa: T201 - a command-line report prints by design
"""`make bench`: the dashboard at 30 (the real package), 2,500 and 50,000 parks.

For each size a fresh worker process (so that cold start and peak memory are its own) measures:
- cold start: import of Streamlit's AppTest + dashboard first run, with an empty validation
  cache (first start: Frictionless runs) and again in a new process with it (restart);
- warm script-run time of every page (median of repeated AppTest runs after a warm-up),
  against bench/floor.py, which only shows st.dataframe of the same parks;
- whether the map is still drawn (a pydeck chart with at least one layer holding data);
- a filtered CSV export (parks in 湖南省): parkdata.present.exports.csv_bytes vs DataFrame.to_csv;
- peak resident memory of the worker (ru_maxrss: app, data and the AppTest harness).

Prints one table with ratios and writes bench-results/bench.json. Pages not yet in
dashboard.py, or failing, are reported as "missing" / "error" rather than stopping the run.

    .venv/bin/python bench/run.py [--sizes 30,2500,50000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DASHBOARD = ROOT / "dashboard.py"
FLOOR = ROOT / "bench" / "floor.py"
RESULTS = ROOT / "bench-results"
SIZES = (30, 2500, 50000)
EXPECTED_PAGES = ("overview", "map", "timeline", "compare", "table", "profile", "sources")
TARGETS = {
    "2500_floor": "every page ≤ 2× floor",
    "2500_300ms": "every page < 300 ms",
    "50000": "every page < 2 s, map drawn",
    "export": "csv_bytes ≤ 1.5× DataFrame.to_csv",
}


# ------------------------------------------------------------------------------ worker side


def dashboard_pages() -> dict[str, str]:
    """url_path -> page script, as dashboard.py declares them (pages/_shared.PAGES)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    try:
        from pages._shared import PAGES
    except ImportError:
        return {}
    return {path: f"pages/{path}_page.py" for path in PAGES}


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
    for name in dict.fromkeys([*EXPECTED_PAGES, *declared]):
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

    ds = apply_filters(read_frames(package), Filters(provinces=("湖南省",)))
    frame = tables.labelled(tables.table(ds, "parks", "zh", levels.planned_area_km2(ds)), "zh")

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


def machine() -> dict:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import pandas
    import streamlit

    return {
        "nproc": os.cpu_count(),
        "cpu": model or platform.processor(),
        "python": platform.python_version(),
        "streamlit": streamlit.__version__,
        "pandas": pandas.__version__,
        "platform": platform.platform(),
        "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
    }


def package_for(n: int, folder: Path) -> tuple[Path, float | None]:
    from parkdata.data.dataset import read_frames
    from parkdata.data.schema import DATA_DIR

    if n == SIZES[0] and (DATA_DIR / "parks.csv").is_file():
        return DATA_DIR, None  # the real package stands for N = 30
    from parkdata.testing.synthetic import generate_package

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


def verdicts(n: int, r: dict) -> dict:
    pages = {k: v for k, v in r.get("pages", {}).items() if v.get("status") == "ok"}
    floor = r.get("floor_s")
    out = {}
    if n == 2500 and pages and floor:
        over_floor = [k for k, v in pages.items() if v["median_s"] > 2 * floor]
        slow = [k for k, v in pages.items() if v["median_s"] >= 0.3]
        out["2500_floor"] = {"met": not over_floor, "failing": over_floor}
        out["2500_300ms"] = {"met": not slow, "failing": slow}
    if n == 50000 and pages:
        slow = [k for k, v in pages.items() if v["median_s"] >= 2.0]
        no_map = [k for k, v in pages.items() if v.get("map_drawn") is False]
        out["50000"] = {"met": not slow and not no_map, "failing": slow + no_map}
    exp = r.get("export")
    if exp:
        ratio = exp["csv_bytes_s"] / exp["to_csv_s"]
        out["export"] = {"met": ratio <= 1.5, "ratio": ratio}
    return out


def print_table(results: dict) -> None:
    sizes = list(results["sizes"])
    names: list[str] = []
    for r in results["sizes"].values():
        names += [k for k in r.get("pages", {}) if k not in names]
    width = 24
    print(
        "\nParkdata benchmark —", results["machine"]["cpu"], f"({results['machine']['nproc']} cpu)"
    )
    print("warm page run: median ms (× floor); map ✓ drawn ✗ not drawn")
    print(f"{'':<{width}}" + "".join(f"{'N=' + s:>24}" for s in sizes))

    def row(label: str, cells: list[str]) -> None:
        print(f"{label:<{width}}" + "".join(f"{c:>24}" for c in cells))

    def cell(r: dict, name: str) -> str:
        page = r.get("pages", {}).get(name, {"status": "missing"})
        if page["status"] != "ok":
            return page["status"]
        ms = page["median_s"] * 1000
        ratio = page["median_s"] / r["floor_s"] if r.get("floor_s") else float("nan")
        mark = {True: " ✓", False: " ✗"}.get(page.get("map_drawn"), "")
        return f"{ms:,.0f} ({ratio:.1f}×){mark}"

    for name in names:
        row(f"page {name}", [cell(results["sizes"][s], name) for s in sizes])
    get = results["sizes"]
    row(
        "floor (st.dataframe)",
        [f"{get[s].get('floor_s', float('nan')) * 1000:,.0f}" for s in sizes],
    )
    row("cold start, first (s)", [f"{get[s].get('cold_s', float('nan')):.1f}" for s in sizes])
    row("cold start, restart (s)", [f"{get[s].get('restart_s', float('nan')):.1f}" for s in sizes])
    exports = []
    for s in sizes:
        e = get[s].get("export")
        exports.append(
            "—"
            if not e
            else f"{e['csv_bytes_s'] * 1000:.1f}/{e['to_csv_s'] * 1000:.1f} ms "
            f"({e['csv_bytes_s'] / e['to_csv_s']:.2f}×)"
        )
    row("CSV export vs to_csv", exports)
    row("export rows", [str(get[s].get("export", {}).get("rows", "—")) for s in sizes])
    row("peak RSS (MB)", [f"{get[s].get('peak_rss_mb', float('nan')):,.0f}" for s in sizes])
    row(
        "synthetic package (s)",
        [
            "real" if get[s].get("generate_s") is None else f"{get[s]['generate_s']:.1f}"
            for s in sizes
        ],
    )
    print("\ntargets:")
    for s in sizes:
        for key, verdict in get[s].get("verdicts", {}).items():
            what = TARGETS[key]
            state = "MET" if verdict["met"] else "NOT MET"
            extra = verdict.get("failing") or (
                f"{verdict['ratio']:.2f}×" if "ratio" in verdict else ""
            )
            print(f"  N={s:<6} {what:<40} {state}  {extra or ''}")
    for s in sizes:
        for name, page in get[s].get("pages", {}).items():
            if page.get("errors"):
                print(f"  N={s} page {name}: {page['errors'][0]}")
        if get[s].get("error"):
            print(f"  N={s} worker failed:\n{get[s]['error']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--worker", type=Path)
    parser.add_argument("--cold-only", action="store_true")
    parser.add_argument("--out", type=Path, default=RESULTS / "bench.json")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    if args.worker:
        print(json.dumps(worker(args.worker, args.repeat, args.cold_only)))
        return
    if not DASHBOARD.exists():
        sys.exit("dashboard.py does not exist yet: nothing to measure")
    results: dict = {"machine": machine(), "targets": TARGETS, "sizes": {}}
    with tempfile.TemporaryDirectory(prefix="parkdata-bench-") as tmp:
        for n in (int(s) for s in args.sizes.split(",")):
            package, generate_s = package_for(n, Path(tmp))
            cache = Path(tmp) / f"cache-{n}"  # empty: the first start validates
            repeat = args.repeat if n <= 2500 else max(2, args.repeat // 2)
            print(f"N={n}: measuring {package} …", file=sys.stderr, flush=True)
            r = run_worker(package, repeat, cache, cold_only=False)
            restart = run_worker(package, repeat, cache, cold_only=True)
            r["restart_s"] = restart.get("cold_s", float("nan"))
            r["generate_s"] = generate_s
            r["package"] = "data/ (real)" if generate_s is None else f"synthetic, seed 0, N={n}"
            r["verdicts"] = verdicts(n, r)
            results["sizes"][str(n)] = r
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    print_table(results)
    print(f"\nwritten: {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")


if __name__ == "__main__":
    main()
