"""The Dataset: every table of the package as one typed pandas frame each, and the vocabularies.

Zones come from several origins (the origins vocabulary), each a set of resources with the same
schemas: the curated parks from the articles (parks.csv, events.csv, …), the national
catalogue (catalog/parks.csv, …, generated) and the national zones it does not list (national/…).
`read_parts` reads each origin on its own (the rules check each, naming its files);
`read_frames` merges them into one Dataset: one zone, one row. A curated park with a
catalog_code is the catalogue zone of that code: it keeps its own id, names and point (the
catalogue's point where it has none), gains the catalogue's facts (re-pointed to its id), and
remembers the catalogue's id in `catalog_id` (links may use either).

Levels are not columns of any zone table: every zone's level, name and type come from the level
changes (level_changes.csv and catalog/level_changes.csv, one table for all origins), derived
once when the origins are merged (parkdata.data.changes): the parks frame gains `level`,
`level_as_of`, `level_change_id`, `level_source_id`, `level_evidence`, `level_confidence` and
`former_names`, and its name and type follow the latest change that sets them.
`load_package` (package.py) validates first."""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

import pandas as pd

from parkdata.data import changes as ch
from parkdata.data.schema import (
    CATALOG,
    DATA_DIR,
    FACT_TABLES,
    LEVEL_CHANGES,
    LEVEL_UNKNOWN,
    OFFICIAL_COUNTS,
    ORIGINS,
    TABLES,
    read_descriptor,
    resource,
    resource_names,
    vocab_names,
)
from parkdata.data.schema import fields as schema_fields
from parkdata.data.vocab import Vocabularies, Vocabulary, ordered

_DTYPES = {"number": "Float64", "integer": "Int64", "string": "string", "boolean": "string"}
ZONE_TABLES = ("parks", *FACT_TABLES)  # the tables each origin has


@dataclass(frozen=True)
class Dataset:
    """The fact tables, one typed frame each, and the vocabularies."""

    sources: pd.DataFrame
    parks: pd.DataFrame
    events: pd.DataFrame
    indicators: pd.DataFrame
    industries: pd.DataFrame
    level_changes: pd.DataFrame
    vocab: Vocabularies
    official_counts: pd.DataFrame | None = None

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
            flags = frame[fd.name].str.lower().map({"true": True, "false": False})
            frame[fd.name] = flags.astype("boolean")
    return frame


def read_vocabularies(package_dir: Path | str, descriptor: dict) -> Vocabularies:
    return Vocabularies(
        {
            name: Vocabulary(name, ordered(read_table(Path(package_dir), descriptor, name)))
            for name in vocab_names(descriptor)
        }
    )


def read_level_changes(package_dir: Path | str, descriptor: dict) -> pd.DataFrame:
    """Every level change of the package, the curated rows first (a row's CSV line is its
    position within its resource + 2: see `level_change_files`)."""
    frames = [
        read_table(Path(package_dir), descriptor, name) for name in present_changes(descriptor)
    ]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def present_changes(descriptor: dict) -> tuple[str, ...]:
    present = set(resource_names(descriptor))
    return tuple(name for name in LEVEL_CHANGES if name in present)


def read_parts(package_dir: Path | str = DATA_DIR) -> dict[str, Dataset]:
    """origin -> that origin's Dataset (zones and facts; sources, vocabularies and the level
    changes of every zone shared), for the origins whose resources the package has."""
    package_dir = Path(package_dir)
    descriptor = read_descriptor(package_dir)
    present = set(resource_names(descriptor))
    vocab = read_vocabularies(package_dir, descriptor)
    sources = read_table(package_dir, descriptor, "sources")
    changes = read_level_changes(package_dir, descriptor)
    counts = (
        read_table(package_dir, descriptor, OFFICIAL_COUNTS) if OFFICIAL_COUNTS in present else None
    )
    parts = {}
    for origin, prefix in ORIGINS.items():
        if f"{prefix}parks" not in present:
            continue
        tables = {t: read_table(package_dir, descriptor, prefix + t) for t in ZONE_TABLES}
        parks = tables["parks"]
        tables["parks"] = parks.assign(origin=pd.Series(origin, index=parks.index, dtype="string"))
        parts[origin] = Dataset(
            sources=sources, vocab=vocab, level_changes=changes, official_counts=counts, **tables
        )
    return parts


def catalog_links(parts: dict[str, Dataset]) -> pd.Series:
    """catalogue park_id -> curated park_id, for the curated parks that name a catalogue code
    found exactly once in the catalogue (the rules report the others)."""
    curated, catalog = parts.get("articles"), parts.get(CATALOG)
    if curated is None or catalog is None:
        return pd.Series(dtype="string")
    codes = catalog.parks["catalog_code"].value_counts()
    unique = catalog.parks[catalog.parks["catalog_code"].map(codes) == 1]
    by_code = dict(zip(unique["catalog_code"], unique["park_id"], strict=True))
    claims = curated.parks["catalog_code"].value_counts()
    once = curated.parks["catalog_code"].map(claims) == 1  # two claims: the rules report them
    linked = curated.parks[curated.parks["catalog_code"].isin(list(by_code)) & once]
    return pd.Series(
        linked["park_id"].to_numpy(),
        index=linked["catalog_code"].map(by_code).to_numpy(),
        dtype="string",
    )


def combine(parts: dict[str, Dataset]) -> Dataset:
    """One Dataset of every origin: a catalogue zone linked from a curated park is that park
    (see module doc); everything else is kept as it is, curated rows first."""
    links = catalog_links(parts)
    first = next(iter(parts.values()))
    frames: dict[str, list[pd.DataFrame]] = {t: [] for t in ZONE_TABLES}
    for origin, part in parts.items():
        parks = part.parks
        if origin == CATALOG:
            parks = parks[~parks["park_id"].isin(list(links.index))]
        elif len(links):
            catalog_id = pd.Series(links.index, index=links.to_numpy(), dtype="string")
            parks = parks.assign(catalog_id=parks["park_id"].map(catalog_id).astype("string"))
            parks = with_catalog_points(parks, parts[CATALOG].parks)
        frames["parks"].append(parks)
        for table in FACT_TABLES:
            facts = getattr(part, table)
            if origin == CATALOG and len(links):
                moved = facts["park_id"].map(links)
                facts = facts.assign(park_id=moved.fillna(facts["park_id"]).astype("string"))
            frames[table].append(facts)
    combined = {
        t: pd.concat([f for f in frames[t] if len(f)] or frames[t][:1], ignore_index=True)
        for t in ZONE_TABLES
    }
    if "catalog_id" not in combined["parks"]:
        combined["parks"]["catalog_id"] = pd.Series(pd.NA, index=combined["parks"].index)
    combined["parks"]["catalog_id"] = combined["parks"]["catalog_id"].astype("string")
    changes = first.level_changes
    if len(links) and len(changes):
        moved = changes["park_id"].map(links)
        changes = changes.assign(park_id=moved.fillna(changes["park_id"]).astype("string"))
    combined["parks"] = with_levels(combined["parks"], changes, short_forms(first.vocab))
    return Dataset(
        sources=first.sources,
        vocab=first.vocab,
        level_changes=changes,
        official_counts=first.official_counts,
        **combined,
    )


LOCATION_COLUMNS = ("lat", "lon", "location_precision", "location_source_id", "location_note")


def with_catalog_points(parks: pd.DataFrame, catalog: pd.DataFrame) -> pd.DataFrame:
    """Curated parks linked to a catalogue zone (catalog_id) that have no point of their own
    take the catalogue's (the seat its name gives, with its precision, source and note): a
    linked park is never lost from the map because the articles did not place it."""
    theirs = catalog.set_index("park_id")
    missing = parks["catalog_id"].notna() & (parks["lat"].isna() | parks["lon"].isna())
    if not missing.any():
        return parks
    out = parks.copy()
    ids = out.loc[missing, "catalog_id"]
    for column in LOCATION_COLUMNS:
        values = ids.map(theirs[column]).to_numpy()
        out.loc[missing, column] = pd.Series(values, index=ids.index).astype(out[column].dtype)
    return out


def short_forms(vocab: Vocabularies) -> tuple[tuple[str, str], ...]:
    """(suffix_zh, short_zh) of the name_suffixes vocabulary, longest first."""
    if "name_suffixes" not in vocab:
        return ()
    frame = vocab["name_suffixes"].frame
    pairs = zip(frame["suffix_zh"].astype(str), frame["short_zh"].astype(str), strict=True)
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


def short_name(name: str, forms: tuple[tuple[str, str], ...]) -> str:
    """The short form of a zone's name: its type's ending abbreviated (楚雄高新技术产业开发区 ->
    楚雄高新区), as the catalogue build writes short_name_zh."""
    for suffix, short in forms:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)] + short
    return name


def with_levels(
    parks: pd.DataFrame, changes: pd.DataFrame, forms: tuple[tuple[str, str], ...] = ()
) -> pd.DataFrame:
    """`parks` with their newest level (parkdata.data.changes.STATE_COLUMNS; 'unknown' where
    no change names the zone), and the name and type the latest change gives them (and the
    short form of that name: `forms`, see short_forms); every name they had before in
    `former_names` (Chinese, full and short) and `former_names_en`, so search finds them."""
    out = parks.drop(columns=[c for c in ch.STATE_COLUMNS if c in parks])
    if changes.empty:
        state = pd.DataFrame(columns=ch.STATE_COLUMNS, dtype="string")
    else:
        state = ch.state_at(changes)
    state = state.reindex(out["park_id"].to_numpy())
    for column in ch.STATE_COLUMNS:
        out[column] = pd.Series(state[column].to_numpy(), index=out.index, dtype="string")
    out["level"] = out["level"].fillna(LEVEL_UNKNOWN)
    if changes.empty:
        for column in ("former_names", "former_names_en"):
            out[column] = pd.Series(pd.NA, index=out.index, dtype="string")
        return out
    ids = out["park_id"]
    for column, target in (("name_after", "name_zh"), ("name_en_after", "name_en"),
                           ("zone_type_after", "zone_type")):  # fmt: skip
        newer = ids.map(ch.latest(changes, column)).astype("string")
        out[target] = newer.fillna(out[target].astype("string"))
    renamed = ids.map(ch.latest(changes, "name_after")).notna().to_numpy()
    if "short_name_zh" in out:
        shorter = out.loc[renamed, "name_zh"].map(lambda n: short_name(str(n), forms))
        out.loc[renamed, "short_name_zh"] = shorter.astype("string")
    pairs = (("name_after", "name_zh", "former_names"),
             ("name_en_after", "name_en", "former_names_en"))  # fmt: skip
    for column, own_column, target in pairs:
        own = pd.Series(dict(zip(parks["park_id"], parks[own_column], strict=True)))
        out[target] = ids.map(ch.former_names(changes, own, column)).astype("string")
    if "short_name_zh" in parks:
        out["former_names"] = _with_former_short(out, parks)
    return out


def _with_former_short(out: pd.DataFrame, parks: pd.DataFrame) -> pd.Series:
    """former_names and the short name of the park's own row where it is no longer the
    zone's short name (楚雄经开区 of 楚雄高新技术产业开发区)."""
    old = pd.Series(parks["short_name_zh"].to_numpy(), index=out.index, dtype="string")
    joined = out["former_names"].astype("string")
    gone = old.notna() & joined.notna() & (old != out["short_name_zh"])
    for index in gone[gone].index:
        if old[index] not in str(joined[index]).split(" / "):
            joined[index] = f"{joined[index]} / {old[index]}"
    return joined


def read_frames(package_dir: Path | str = DATA_DIR) -> Dataset:
    """The whole package as one Dataset, without validation (see `read_parts`, `combine`)."""
    return combine(read_parts(package_dir))


__all__ = ["TABLES", "Dataset", "combine", "read_frames", "read_parts", "read_table"]
