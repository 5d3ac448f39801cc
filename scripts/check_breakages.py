"""Put back, one at a time, the breakages the test suite was built to catch, and list the tests
that fail for each (issue 15: a faster suite must still catch every one of them).

    .venv/bin/python scripts/check_breakages.py                 # every patch, the whole suite
    .venv/bin/python scripts/check_breakages.py --ref 668644c   # the suite of another commit
    .venv/bin/python scripts/check_breakages.py -k 3 -- tests/e2e   # one patch, some tests

Each patch of tests/breakages/ is applied to a fresh git worktree of --ref (default HEAD; the
patches touch only app code, which the suites of the compared commits share), placed beside the
repository so that ../shared resolves as in CI, and the suite runs there in parallel, with
PYTHONPATH pointing at the worktree's own src/ (the project's .venv installs this checkout's). A
breakage that no test catches is reported as MISSED and the command exits 1. The worktrees are
removed afterwards. Minutes per patch: this is not part of `make test`."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PATCHES = ROOT / "tests" / "breakages"


def failed_tests(junit: Path) -> list[str]:
    """Node ids of the tests that failed or errored, from pytest's JUnit XML."""
    if not junit.exists():
        return ["<no test report: pytest did not run>"]
    out = []
    for case in ET.parse(junit).iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            module = case.get("classname", "").replace(".", "/")
            out.append(f"{module}.py::{case.get('name')}")
    return out


def run_one(patch: Path, ref: str, pytest_args: list[str], workers: str) -> list[str]:
    tree = Path(tempfile.mkdtemp(prefix=f"parkdata-breakage-{patch.stem[:1]}-", dir=ROOT.parent))
    shutil.rmtree(tree)
    git = ["git", "-C", str(ROOT)]
    subprocess.run([*git, "worktree", "add", "--detach", "-q", str(tree), ref], check=True)
    try:
        subprocess.run(["git", "-C", str(tree), "apply", str(patch)], check=True)
        junit = tree / "breakage-report.xml"
        env = {**os.environ, "PYTHONPATH": str(tree / "src")}
        cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", workers]
        cmd += ["--dist", "loadgroup", f"--junitxml={junit}", *pytest_args]
        subprocess.run(cmd, cwd=tree, env=env, stdout=subprocess.DEVNULL, check=False)
        return failed_tests(junit)
    finally:
        subprocess.run([*git, "worktree", "remove", "--force", str(tree)], check=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ref", default="HEAD", help="the commit whose tests run")
    parser.add_argument("-k", dest="only", help="only the patches whose name contains this")
    parser.add_argument("-n", dest="workers", default="auto", help="pytest-xdist workers")
    parser.add_argument("pytest_args", nargs="*", help="after --: arguments for pytest")
    args = parser.parse_args(argv)
    patches = sorted(p for p in PATCHES.glob("*.patch") if not args.only or args.only in p.name)
    missed = []
    for patch in patches:
        failed = run_one(patch, args.ref, args.pytest_args, args.workers)
        lines = [f"{patch.stem}: {len(failed)} failing test(s)", *(f"    {n}" for n in failed)]
        sys.stdout.write("\n".join(lines) + "\n")
        sys.stdout.flush()
        if not failed:
            missed.append(patch.stem)
    for stem in missed:
        sys.stdout.write(f"MISSED: no test fails with {stem}\n")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
