"""Reading the Frictionless descriptor (data/datapackage.json): resources, fields, types.

A resource's schema is either inline or a path to a schema file (data/schemas/parks.json), so
that tables of the same shape (the curated parks and the generated catalogue) share one schema.
Resources whose path lies under vocab/ are the vocabularies: codes with their labels, order and
colour, which the fact tables point to with foreign keys."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

DESCRIPTOR = "datapackage.json"
DATA_DIR = Path(__file__).resolve().parents[3] / "data"
VOCAB_DIR = "vocab/"
# The fact tables, in the order the Dataset holds them.
TABLES = ("sources", "parks", "events", "indicators", "industries", "level_changes")
FACT_TABLES = ("events", "indicators", "industries")
# Where zones come from (the origins vocabulary) -> the prefix of that origin's resources: the
# curated parks.csv, events.csv, … the generated catalog_parks (catalog/parks.csv), … and the
# national zones the catalogue does not list (national/parks.csv, …: free trade zones, zones
# set up since 2018).
ORIGINS = {"articles": "", "catalog_2018": "catalog_", "national_other": "national_"}
# The level changes of every zone, whatever its origin: the curated table and the one the
# catalogue build writes (parkdata.data.changes derives levels from both).
LEVEL_CHANGES = ("level_changes", "catalog_level_changes")
OFFICIAL_COUNTS = "official_counts"  # official totals the package's counts are checked against
CATALOG = "catalog_2018"  # the origin a curated park joins when it is linked by catalog_code
# Two codes the model reasons about (rows of vocab/levels.csv and vocab/indicator_kinds.csv):
LEVEL_UNKNOWN = "unknown"  # no source gives the level, or the as-of date precedes it
LEVEL_NATIONAL = "national"  # the level whose kinds may have their own name (zone_types)
TARGET = "target"  # a stated goal: never an actual, never compared with one


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    required: bool
    enum: tuple[str, ...] | None
    description: str


def read_descriptor(package_dir: Path | str) -> dict:
    """The descriptor with every schema path replaced by the schema it points to."""
    package_dir = Path(package_dir)
    descriptor = json.loads((package_dir / DESCRIPTOR).read_text(encoding="utf-8"))
    for res in descriptor.get("resources", []):
        if isinstance(res.get("schema"), str):
            res["schema_path"] = res["schema"]
            res["schema"] = json.loads((package_dir / res["schema"]).read_text(encoding="utf-8"))
    return descriptor


def resource(descriptor: dict, name: str) -> dict:
    for res in descriptor["resources"]:
        if res["name"] == name:
            return res
    raise KeyError(name)


def resource_names(descriptor: dict) -> tuple[str, ...]:
    return tuple(res["name"] for res in descriptor["resources"])


def vocab_names(descriptor: dict) -> tuple[str, ...]:
    """The vocabulary resources, in descriptor order."""
    return tuple(
        res["name"] for res in descriptor["resources"] if res["path"].startswith(VOCAB_DIR)
    )


def fields(descriptor: dict, name: str) -> list[Field]:
    out = []
    for fd in resource(descriptor, name)["schema"]["fields"]:
        cons = fd.get("constraints", {})
        enum = tuple(cons["enum"]) if "enum" in cons else None
        out.append(
            Field(
                fd["name"],
                fd.get("type", "string"),
                bool(cons.get("required")),
                enum,
                fd.get("description", ""),
            )
        )
    return out


def foreign_keys(descriptor: dict, name: str) -> dict[str, tuple[str, str]]:
    """column -> (resource, column) for the single-column foreign keys of `name`."""
    out = {}
    for key in resource(descriptor, name)["schema"].get("foreignKeys", []):
        target = key["reference"]["resource"] or name
        out[key["fields"]] = (target, key["reference"]["fields"])
    return out
