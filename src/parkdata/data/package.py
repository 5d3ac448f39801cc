"""Loading the data package: validate, then read.

`load_package` validates first (files, Frictionless schema, project rules) and raises one
`PackageError` naming every problem's file, row and column; it never drops a row."""

from __future__ import annotations

from pathlib import Path

from parkdata.data.dataset import Dataset, read_frames
from parkdata.data.problems import PackageError
from parkdata.data.schema import DATA_DIR
from parkdata.data.validated import known_valid, remember_valid
from parkdata.data.validation import validate_package

__all__ = ["Dataset", "load_package", "read_frames"]


def load_package(package_dir: Path | str = DATA_DIR) -> Dataset:
    """Validate, then load. Raises PackageError listing every problem (file:row:column).
    Validation is skipped for bytes that already passed it (see `parkdata.data.validated`)."""
    if not known_valid(package_dir):
        problems = validate_package(package_dir)
        if problems:
            raise PackageError(problems)
        remember_valid(package_dir)
    return read_frames(package_dir)
