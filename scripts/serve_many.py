# ruff: noqa: T201 - a command-line tool reports on the terminal by design
"""`make serve WORKERS=N`: N dashboard processes behind nginx, for a team using it at once.

One Streamlit process runs every session's script in one Python interpreter, so people at the
same moment wait on one core. This starts N workers as `make run` does (scripts/serve.py) on
consecutive localhost ports, writes an nginx config from deploy/nginx.conf.template into a
run folder (sticky sessions on a cookie, websocket upgrade, gzip, a long websocket timeout),
then runs nginx in the foreground on --port. Ctrl-C or SIGTERM stops nginx and every worker
and removes the run folder; if this process is killed outright, its children get SIGTERM from
the kernel (PR_SET_PDEATHSIG).

    .venv/bin/python scripts/serve_many.py --workers 4 --port 8501 [-- --server.option value …]

Arguments after `--` go to every worker's `streamlit run`. nginx comes from the system
(Debian/Ubuntu: `apt-get install nginx`); PARKDATA_NGINX names another binary.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "deploy" / "nginx.conf.template"
SERVE = ROOT / "scripts" / "serve.py"
INSTALL_HINT = (
    "nginx is not installed. On Debian or Ubuntu: sudo apt-get install nginx "
    "(only the binary is used; the system service can stay off). "
    "Or set PARKDATA_NGINX to an nginx binary. For a single process: make run"
)


def nginx_binary() -> str | None:
    for candidate in (os.environ.get("PARKDATA_NGINX"), shutil.which("nginx"), "/usr/sbin/nginx"):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def render(template: str, **values: str) -> str:
    for name, value in values.items():
        template = template.replace(f"@@{name}@@", value)
    if "@@" in template:
        start = template.index("@@")
        raise ValueError(f"{TEMPLATE}: unfilled placeholder {template[start : start + 30]!r}")
    return template


def nginx_config(run: Path, port: int, worker_ports: list[int], address: str) -> str:
    servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=0;" for p in worker_ports)
    return render(
        TEMPLATE.read_text(encoding="utf-8"),
        RUN=str(run),
        LISTEN=f"{address}:{port}" if address else str(port),
        SERVERS=servers,
        WORKERS=str(len(worker_ports)),
    )


def _die_with_parent() -> None:  # runs in the child between fork and exec
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def _start(cmd: list[str], log: Path | None = None) -> subprocess.Popen:
    out = open(log, "w") if log else None  # noqa: SIM115 - lives as long as the process
    return subprocess.Popen(
        cmd,
        cwd=ROOT,
        stdout=out,
        stderr=subprocess.STDOUT if out else None,
        start_new_session=True,  # Ctrl-C reaches this script only; it stops the rest in order
        preexec_fn=_die_with_parent if sys.platform == "linux" else None,  # noqa: PLW1509
    )


def _healthy(port: int) -> bool:
    try:
        url = f"http://127.0.0.1:{port}/_stcore/health"
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode() == "ok"
    except OSError:
        return False


def _stop(procs: list[subprocess.Popen], timeout_s: float = 15) -> None:
    for proc in procs:
        if proc.poll() is None:
            proc.terminate()
    deadline = time.monotonic() + timeout_s
    for proc in procs:
        try:
            proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8501, help="where nginx listens")
    parser.add_argument("--address", default="", help="nginx's listen address (default: all)")
    parser.add_argument(
        "--worker-port", type=int, default=0, help="first worker port (default: --port + 1)"
    )
    parser.add_argument("--run-dir", type=Path, help="config and logs (default: a temp folder)")
    parser.add_argument("streamlit_args", nargs="*", help="after --: passed to every worker")
    args = parser.parse_args(argv)
    if args.workers < 1:
        parser.error("--workers must be at least 1")
    nginx = nginx_binary()
    if nginx is None:
        print(INSTALL_HINT, file=sys.stderr)
        return 2

    first = args.worker_port or args.port + 1
    worker_ports = [first + i for i in range(args.workers)]
    run = args.run_dir or Path(tempfile.mkdtemp(prefix="parkdata-serve-"))
    run.mkdir(parents=True, exist_ok=True)
    run.chmod(0o755)  # nginx's worker processes run as an unprivileged user when started as root
    stopping = False

    def on_signal(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    workers: list[subprocess.Popen] = []
    proxy: subprocess.Popen | None = None
    try:
        (run / "nginx.conf").write_text(
            nginx_config(run, args.port, worker_ports, args.address), encoding="utf-8"
        )
        check = subprocess.run(
            [nginx, "-t", "-q", "-p", str(run), "-c", str(run / "nginx.conf")],
            capture_output=True,
            text=True,
        )
        if check.returncode != 0:
            print(check.stderr, file=sys.stderr)
            return 1
        for port in worker_ports:
            cmd = [sys.executable, str(SERVE), "--server.address", "127.0.0.1"]
            cmd += ["--server.port", str(port), "--server.headless", "true"]
            cmd += ["--browser.gatherUsageStats", "false", *args.streamlit_args]
            workers.append(_start(cmd, run / f"worker-{port}.log"))
        deadline = time.monotonic() + 120
        waiting = set(worker_ports)
        while waiting and not stopping:
            for i, proc in enumerate(workers):
                if proc.poll() is not None:
                    log = (run / f"worker-{worker_ports[i]}.log").read_text(errors="replace")
                    print(
                        f"worker on port {worker_ports[i]} exited:\n{log[-2000:]}", file=sys.stderr
                    )
                    return 1
            waiting = {p for p in waiting if not _healthy(p)}
            if time.monotonic() > deadline:
                print(f"workers not healthy within 120 s: ports {sorted(waiting)}", file=sys.stderr)
                return 1
            time.sleep(0.2)
        if stopping:
            return 0
        proxy = _start([nginx, "-p", str(run), "-c", str(run / "nginx.conf")])
        host = args.address or "localhost"
        print(
            f"Parkdata: http://{host}:{args.port}  ({args.workers} workers on ports "
            f"{worker_ports[0]}–{worker_ports[-1]}, nginx {run / 'nginx.conf'}); Ctrl-C stops",
            flush=True,
        )
        while not stopping:
            if proxy.poll() is not None:
                print(f"nginx exited with {proxy.returncode}", file=sys.stderr)
                return 1
            for i, proc in enumerate(workers):
                if proc.poll() is not None:
                    print(f"worker on port {worker_ports[i]} exited", file=sys.stderr)
                    return 1
            time.sleep(0.2)
        return 0
    finally:
        _stop([p for p in (proxy,) if p is not None])  # stop taking requests first
        _stop(workers)
        if args.run_dir is None:
            shutil.rmtree(run, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
