"""Loading the data package into typed pandas frames.

`load_package` validates first (files, Frictionless schema, project rules) and raises one
`PackageError` naming every problem's file, row and column; it never drops a row."""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

import pandas as pd

from parkdata.problems import PackageError
from parkdata.schema import DATA_DIR, TABLES, read_descriptor, resource
from parkdata.schema import fields as schema_fields

_DTYPES = {"number": "Float64", "integer": "Int64", "string": "string", "boolean": "boolean"}


@dataclass(frozen=True)
class Dataset:
    """All tables of the package, one typed frame each, in CSV row order."""

    sources: pd.DataFrame
    parks: pd.DataFrame
    events: pd.DataFrame
    indicators: pd.DataFrame
    industries: pd.DataFrame
    sectors: pd.DataFrame
    indicator_types: pd.DataFrame
    units: pd.DataFrame

    def replace(self, **frames: pd.DataFrame) -> Dataset:
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update(frames)
        return Dataset(**values)


def read_table(package_dir: Path, descriptor: dict, table: str) -> pd.DataFrame:
    """One CSV as a typed frame: empty cells are <NA> (missing), never 0 or ''."""
    path = Path(package_dir) / resource(descriptor, table)["path"]
    dtypes = {fd.name: _DTYPES.get(fd.type, "string") for fd in schema_fields(descriptor, table)}
    return pd.read_csv(path, dtype=dtypes, keep_default_na=False, na_values=[""], encoding="utf-8")


def read_frames(package_dir: Path | str = DATA_DIR) -> Dataset:
    """Typed frames without validation (for the rules, and for tools that report problems)."""
    descriptor = read_descriptor(Path(package_dir))
    return Dataset(**{t: read_table(Path(package_dir), descriptor, t) for t in TABLES})


def load_package(package_dir: Path | str = DATA_DIR) -> Dataset:
    """Validate, then load. Raises PackageError listing every problem (file:row:column).
    Validation is skipped for bytes that already passed it (see `parkdata.validated`)."""
    from parkdata.validated import known_valid, remember_valid
    from parkdata.validation import validate_package

    if not known_valid(package_dir):
        problems = validate_package(package_dir)
        if problems:
            raise PackageError(problems)
        remember_valid(package_dir)
    return read_frames(package_dir)
