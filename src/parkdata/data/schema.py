"""Reading the Frictionless descriptor (data/datapackage.json): resources, fields, types."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

DESCRIPTOR = "datapackage.json"
DATA_DIR = Path(__file__).resolve().parents[3] / "data"
TABLES = (
    "sources",
    "parks",
    "events",
    "indicators",
    "industries",
    "sectors",
    "indicator_types",
    "units",
)


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    required: bool
    enum: tuple[str, ...] | None
    description: str


def read_descriptor(package_dir: Path) -> dict:
    return json.loads((Path(package_dir) / DESCRIPTOR).read_text(encoding="utf-8"))


def resource(descriptor: dict, name: str) -> dict:
    for res in descriptor["resources"]:
        if res["name"] == name:
            return res
    raise KeyError(name)


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


def enum_values(descriptor: dict, table: str, column: str) -> tuple[str, ...]:
    """The allowed values of an enum column, in descriptor order."""
    for fd in fields(descriptor, table):
        if fd.name == column and fd.enum:
            return fd.enum
    raise KeyError(f"{table}.{column} has no enum")
