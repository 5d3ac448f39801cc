"""Remembering that a package's exact bytes have passed validation, so that a restart of the app
does not re-run Frictionless over unchanged data (about 26 s at 50,000 parks).

Only success is remembered, keyed by a SHA-256 of the package files and of the validation code;
any change to either validates again. The stamps live in $PARKDATA_CACHE_DIR or
~/.cache/parkdata; set PARKDATA_CACHE_DIR to an empty string to switch this off."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from parkdata.data.boundaries import PROVINCES_FILE
from parkdata.data.schema import DESCRIPTOR, read_descriptor


def cache_dir() -> Path | None:
    configured = os.environ.get("PARKDATA_CACHE_DIR")
    if configured == "":
        return None
    return Path(configured) if configured else Path.home() / ".cache" / "parkdata"


def code_files() -> list[Path]:
    """The code validation runs: every module of parkdata.data."""
    return sorted(Path(__file__).parent.glob("*.py"))


def package_digest(package_dir: Path | str) -> str:
    """SHA-256 over the descriptor, its schema files, every resource file, the code validation
    runs (every module of parkdata.data) and the province outlines the rules read."""
    package_dir = Path(package_dir)
    digest = hashlib.sha256()
    paths = [*code_files(), PROVINCES_FILE, package_dir / DESCRIPTOR]
    descriptor = read_descriptor(package_dir)
    paths += [
        package_dir / res["schema_path"] for res in descriptor["resources"] if "schema_path" in res
    ]
    paths += [package_dir / res["path"] for res in descriptor["resources"]]
    for path in paths:
        digest.update(str(path.name).encode())
        digest.update(path.read_bytes() if path.is_file() else b"<missing>")
    return digest.hexdigest()


def known_valid(package_dir: Path | str) -> bool:
    folder = cache_dir()
    if folder is None:
        return False
    try:
        return (folder / f"{package_digest(package_dir)}.valid").is_file()
    except (OSError, KeyError, ValueError):
        return False


def remember_valid(package_dir: Path | str) -> None:
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{package_digest(package_dir)}.valid").touch()
    except OSError:
        pass  # a read-only home only costs the next start its validation
