"""The published zones table (data/zones.csv): one row per zone, as the app shows it.

The package keeps its source layers apart (the curated parks.csv, the generated
catalog/parks.csv, national/parks.csv), and a curated park linked to a catalogue zone is in two
of them: the app merges them on load (`parkdata.data.dataset.combine`). zones.csv is that merge
written out, so that whoever downloads the package gets each zone once: the curated row's id,
names and point (the catalogue's seat where it has none), the catalogue's id it absorbed
(`catalog_id`: the catalogue's facts name that id), and the level, name and type the level
changes give it today (`level`, `level_as_of`, … `former_names`).

It is generated (`make zones`, also run by `make catalog`) and never edited; `parkdata validate`
reports it out of date, naming the first row and column that differ."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from parkdata.data.dataset import Dataset, read_frames
from parkdata.data.problems import Problem
from parkdata.data.schema import DATA_DIR, read_descriptor, resource, resource_names

ZONES = "zones"  # the resource name


def zone_columns(descriptor: dict) -> list[str]:
    return [f["name"] for f in resource(descriptor, ZONES)["schema"]["fields"]]


def zones_frame(ds: Dataset, columns: list[str]) -> pd.DataFrame:
    """The merged parks of `ds` in the published columns, ordered by park_id (stable diffs)."""
    out = ds.parks.reindex(columns=columns)
    return out.sort_values("park_id", kind="stable").reset_index(drop=True)


def _csv_text(frame: pd.DataFrame) -> str:
    out = frame.copy()
    for column in out.columns:
        if str(out[column].dtype) == "boolean":
            out[column] = out[column].map({True: "true", False: "false"}, na_action="ignore")
    return out.to_csv(index=False, lineterminator="\n")


def write_zones(package_dir: Path | str = DATA_DIR, *, strict: bool = True) -> Path:
    """Write zones.csv of the package at `package_dir` from its source layers; returns the path.
    With strict=False (test packages made broken on purpose), layers that do not read give a
    zones.csv of the header only, and the package's own problems are left to validation."""
    package_dir = Path(package_dir)
    descriptor = read_descriptor(package_dir)
    path = package_dir / resource(descriptor, ZONES)["path"]
    columns = zone_columns(descriptor)
    try:
        frame = zones_frame(read_frames(package_dir), columns)
    except Exception:
        if strict:
            raise
        frame = pd.DataFrame(columns=columns)
    path.write_text(_csv_text(frame), encoding="utf-8", newline="")
    return path


def zones_problems(package_dir: Path | str = DATA_DIR) -> list[Problem]:
    """zones.csv against the merge of the source layers: missing, or the first cell that
    differs (a curated table changed since `make zones`)."""
    package_dir = Path(package_dir)
    descriptor = read_descriptor(package_dir)
    if ZONES not in resource_names(descriptor):
        return []
    file = resource(descriptor, ZONES)["path"]
    if not (package_dir / file).is_file():
        return [Problem(file, None, None, "missing: run make zones")]
    columns = zone_columns(descriptor)
    text = {"dtype": str, "keep_default_na": False, "encoding": "utf-8"}
    want = pd.read_csv(
        io.StringIO(_csv_text(zones_frame(read_frames(package_dir), columns))), **text
    )
    have = pd.read_csv(package_dir / file, **text).reindex(columns=columns, fill_value="")
    if len(have) != len(want):
        return [
            Problem(
                file,
                None,
                None,
                f"{len(have)} rows, the layers merge to {len(want)}: out of date, run make zones",
            )  # fmt: skip
        ]
    for column in columns:
        differs = have[column].to_numpy() != want[column].to_numpy()
        if differs.any():
            row = int(differs.argmax())
            return [
                Problem(
                    file,
                    row + 2,
                    column,
                    f"{have.at[row, column]!r}, the layers give {want.at[row, column]!r}: "
                    "out of date, run make zones",
                )
            ]
    return []
