"""Where zones are put, at any commit: the figures parkdata.curate.place_check gives for the
parks tables of that commit (data/catalog/parks.csv, data/national/parks.csv, data/parks.csv),
read with `git show`, judged with today's division table and place words.

    .venv/bin/python scripts/place_figures.py a730368 [--reference ../shared/reference]

data/catalog/REPORT.md quotes these figures for commit a730368 as 'before' (catalog_report.
BEFORE; tests/test_catalog_places.py checks them against this script when git has the commit)."""

from __future__ import annotations

import argparse
import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from parkdata.curate.catalog import load_inputs
from parkdata.curate.place_check import summary

ROOT = Path(__file__).resolve().parents[1]
TABLES = ("data/catalog/parks.csv", "data/national/parks.csv", "data/parks.csv")


def rows_at(commit: str, path: str) -> list[dict[str, str]]:
    text = subprocess.run(
        ["git", "show", f"{commit}:{path}"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    return list(csv.DictReader(io.StringIO(text, newline="")))


def figures_at(commit: str, reference: Path) -> dict[str, object]:
    inputs = load_inputs(reference, ROOT / "data")
    catalogue, national, curated = (rows_at(commit, path) for path in TABLES)
    return summary(catalogue, national, curated, inputs.gazetteer)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("commit")
    parser.add_argument("--reference", type=Path, default=ROOT.parent / "shared" / "reference")
    args = parser.parse_args(argv)
    json.dump(figures_at(args.commit, args.reference), sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
