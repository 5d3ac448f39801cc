"""Validation of a data package: file encodings, the Frictionless schema (types, enums, keys,
foreign keys) and then the project's own rules (see `rules`). Every fault becomes a Problem
naming file, row and column; nothing is dropped."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

from frictionless import Package

from parkdata.data import rules
from parkdata.data.problems import Problem
from parkdata.data.schema import DESCRIPTOR, TABLES, read_descriptor

UTF8_BOM = b"\xef\xbb\xbf"


def check_files(package_dir: Path) -> list[Problem]:
    """Descriptor readable, every table present, UTF-8 without BOM."""
    package_dir = Path(package_dir)
    descriptor_path = package_dir / DESCRIPTOR
    if not descriptor_path.is_file():
        return [Problem(DESCRIPTOR, None, None, f"no {DESCRIPTOR} in {package_dir}")]
    try:
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return [Problem(DESCRIPTOR, None, None, f"not valid UTF-8 JSON: {exc}")]
    problems = []
    for res in descriptor.get("resources", []):
        if isinstance(res.get("schema"), str) and not (package_dir / res["schema"]).is_file():
            problems.append(Problem(res["schema"], None, None, "schema file is missing"))
    if problems:
        return problems
    try:
        descriptor = read_descriptor(package_dir)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return [Problem(DESCRIPTOR, None, None, f"a schema file is not valid UTF-8 JSON: {exc}")]
    resources = {res.get("name"): res for res in descriptor.get("resources", [])}
    for table in TABLES:
        if table not in resources:
            problems.append(Problem(DESCRIPTOR, None, None, f"resource '{table}' is missing"))
    for res in resources.values():
        found = _check_encoding(package_dir, res["path"])
        problems += found or _check_header(package_dir, res)
    return problems


def _check_header(package_dir: Path, res: dict) -> list[Problem]:
    """One problem per missing or unexpected column, on line 1, before any row is read."""
    with (package_dir / res["path"]).open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle), [])
    expected = [fd["name"] for fd in res["schema"]["fields"]]
    file = res["path"]
    problems = [
        Problem(file, 1, name, f"column '{name}' is missing from the header")
        for name in expected
        if name not in header
    ]
    problems += [
        Problem(file, 1, name or None, f"column '{name}' is not in the schema")
        for name in header
        if name not in expected
    ]
    if not problems and header != expected:
        problems.append(
            Problem(file, 1, None, "columns are not in the schema's order: " + ", ".join(expected))
        )
    return problems


def _check_encoding(package_dir: Path, rel_path: str) -> list[Problem]:
    path = package_dir / rel_path
    if not path.is_file():
        return [Problem(rel_path, None, None, "file is missing")]
    data = path.read_bytes()
    if data.startswith(UTF8_BOM):
        return [
            Problem(
                rel_path,
                1,
                None,
                "file starts with a UTF-8 byte-order mark; save it as UTF-8 without BOM",
            )
        ]
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        hint = " (it looks like GBK/GB18030)" if _decodes_as_gbk(data) else ""
        return [
            Problem(
                rel_path,
                line,
                None,
                f"not valid UTF-8 at byte {exc.start}{hint}; save the file as UTF-8",
            )
        ]
    if not data.strip():
        return [Problem(rel_path, None, None, "file is empty: it needs at least a header row")]
    return []


def _decodes_as_gbk(data: bytes) -> bool:
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return True


# Frictionless results per resource, keyed by what decides them: the resource's descriptor
# (schema included), its bytes and the bytes of the resources its foreign keys reference. A
# package re-validated with most files unchanged (a curator's save, a test's edited copy)
# validates only what changed; the verdict is the same as validating everything.
_RESOURCE_VERDICTS: dict[tuple[str, ...], tuple[Problem, ...]] = {}
_MAX_VERDICTS = 4096


def _digest(path: Path) -> str:
    return hashlib.sha1(path.read_bytes()).hexdigest() if path.is_file() else "missing"


def _verdict_key(res: dict, digests: dict[str, str]) -> tuple[str, ...]:
    schema = res.get("schema") if isinstance(res.get("schema"), dict) else {}
    referenced = {
        fk.get("reference", {}).get("resource") or res["name"]
        for fk in (schema or {}).get("foreignKeys", [])
    }
    described = json.dumps(res, sort_keys=True, ensure_ascii=False)
    return (
        res["name"],
        hashlib.sha1(described.encode("utf-8")).hexdigest(),
        digests.get(res["name"], "missing"),
        *(f"{name}:{digests.get(name, 'missing')}" for name in sorted(referenced)),
    )


def check_schema(package_dir: Path) -> list[Problem]:
    """Frictionless validation of every resource against datapackage.json (types, enums,
    keys, foreign keys), each resource's verdict reused while what decides it is unchanged."""
    package_dir = Path(package_dir)
    package = Package(str(package_dir / DESCRIPTOR))
    described = {res["name"]: res for res in read_descriptor(package_dir)["resources"]}
    digests = {name: _digest(package_dir / res["path"]) for name, res in described.items()}
    problems: list[Problem] = []
    for resource in package.resources:
        res = described.get(resource.name)
        if res is None:
            continue
        key = _verdict_key(res, digests)
        if key not in _RESOURCE_VERDICTS:
            report = resource.validate()
            found = []
            for task in report.tasks:
                for error in task.errors:
                    row = getattr(error, "row_number", None)
                    column = getattr(error, "field_name", None) or next(
                        iter(getattr(error, "field_names", []) or []), None
                    )
                    found.append(Problem(res["path"], row, column, _message(error)))
            found += [Problem(DESCRIPTOR, None, None, e.message) for e in report.errors]
            if len(_RESOURCE_VERDICTS) >= _MAX_VERDICTS:
                _RESOURCE_VERDICTS.clear()
            _RESOURCE_VERDICTS[key] = tuple(found)
        problems += _RESOURCE_VERDICTS[key]
    return problems


def _message(error) -> str:
    note = getattr(error, "note", "") or ""
    cell = getattr(error, "cell", None)
    title = error.title if hasattr(error, "title") else error.type
    text = f"{title}: {note}" if note else error.message
    if cell not in (None, ""):
        text += f" (value: {str(cell)[:60]!r})"
    return text


def validate_package(package_dir: Path | str) -> list[Problem]:
    """Every problem in the package; an empty list means it loads."""
    package_dir = Path(package_dir)
    problems = check_files(package_dir)
    if problems:
        return problems
    problems = check_schema(package_dir)
    if problems:
        return problems
    return rules.check_rules(package_dir)
