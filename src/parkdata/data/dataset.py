"""The Dataset: every table of the package as one typed pandas frame each, read from CSV, and
the vocabularies.

`read_frames` reads without validating (for the rules, and for tools that report problems);
`parkdata.data.package.load_package` validates first."""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

import pandas as pd

from parkdata.data.schema import DATA_DIR, TABLES, read_descriptor, resource, vocab_names
from parkdata.data.schema import fields as schema_fields
from parkdata.data.vocab import Vocabularies, Vocabulary, ordered

ORIGIN = "articles"  # origin of the rows of parks.csv (origins vocabulary)
_DTYPES = {"number": "Float64", "integer": "Int64", "string": "string", "boolean": "string"}


@dataclass(frozen=True)
class Dataset:
    """The fact tables, one typed frame each in CSV row order, and the vocabularies."""

    sources: pd.DataFrame
    parks: pd.DataFrame
    events: pd.DataFrame
    indicators: pd.DataFrame
    industries: pd.DataFrame
    vocab: Vocabularies

    def replace(self, **frames: pd.DataFrame) -> Dataset:
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update(frames)
        return Dataset(**values)

    # The vocabularies the code reads most, by name.
    @property
    def sectors(self) -> pd.DataFrame:
        return self.vocab["sectors"].frame

    @property
    def units(self) -> pd.DataFrame:
        return self.vocab["units"].frame

    @property
    def indicator_types(self) -> pd.DataFrame:
        return self.vocab["indicator_types"].frame


def read_table(package_dir: Path, descriptor: dict, table: str) -> pd.DataFrame:
    """One CSV as a typed frame: empty cells are <NA> (missing), never 0 or ''. Booleans
    ('true'/'false' as Frictionless writes them) become pandas booleans."""
    path = Path(package_dir) / resource(descriptor, table)["path"]
    schema = schema_fields(descriptor, table)
    dtypes = {fd.name: _DTYPES.get(fd.type, "string") for fd in schema}
    frame = pd.read_csv(path, dtype=dtypes, keep_default_na=False, na_values=[""], encoding="utf-8")
    for fd in schema:
        if fd.type == "boolean" and fd.name in frame:
            frame[fd.name] = frame[fd.name].str.lower().map({"true": True, "false": False})
            frame[fd.name] = frame[fd.name].astype("boolean")
    return frame


def read_vocabularies(package_dir: Path | str, descriptor: dict) -> Vocabularies:
    return Vocabularies(
        {
            name: Vocabulary(name, ordered(read_table(Path(package_dir), descriptor, name)))
            for name in vocab_names(descriptor)
        }
    )


def read_frames(package_dir: Path | str = DATA_DIR) -> Dataset:
    """Typed frames without validation (for the rules, and for tools that report problems).
    Each park row says where it comes from (`origin`, the origins vocabulary)."""
    descriptor = read_descriptor(Path(package_dir))
    tables = {t: read_table(Path(package_dir), descriptor, t) for t in TABLES}
    tables["parks"]["origin"] = pd.Series(ORIGIN, index=tables["parks"].index, dtype="string")
    return Dataset(**tables, vocab=read_vocabularies(package_dir, descriptor))
