"""Synthetic, valid data packages of any size, for the benchmark and for scale tests.

`generate_package(n_parks, out_dir, seed)` copies the real descriptor, schema files and every
vocabulary of data/ (levels, zone types, event kinds, units, sectors, provinces, prefectures …)
and writes the curated tables (sources, parks, events, indicators, industries, level changes),
built column-wise with numpy so that 50,000 parks take seconds. The package has no catalogue
resources and no official counts (the loader reads the origins a package has). Every coded
value is drawn from the vocabularies; only the facts per park and the level shares follow the
real curated tables (`real_proportions`).

- Parks lie around prefecture centres (vocab/prefectures.csv, WGS-84) of any province, inside
  the province outline where data/boundaries/provinces.geojson has one; their names end in their
  zone type's suffix (zone_types.name_suffix_zh), short names in its short form
  (name_suffixes.short_zh); name_en_generated is false and catalog_code empty.
- Each park's level is a dated fact of level_changes.csv: an approval to its conferred level
  (the levels vocabulary's `conferred`), some years after an approval to the level below for a
  share of them; a park whose level no approval explains has it `listed` by a reference source
  at that source's publication date; an unknown level has no row.
- Every source is of kind `reference` (no article evidence to match); evidence fragments hold
  their numbers, as the rules ask."""

from __future__ import annotations

import json
import shutil
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import shapely
from shapely.geometry.base import BaseGeometry

from parkdata.data import boundaries
from parkdata.data.changes import state_at
from parkdata.data.dataset import ZONE_TABLES, read_vocabularies
from parkdata.data.schema import (
    DATA_DIR,
    DESCRIPTOR,
    LEVEL_CHANGES,
    OFFICIAL_COUNTS,
    ORIGINS,
    TABLES,
    read_descriptor,
    resource,
    vocab_names,
)
from parkdata.data.vocab import Vocabularies
from parkdata.data.zones import write_zones
from parkdata.model.compare import UNKNOWN
from parkdata.model.levels import ESTABLISHED

# Facts per park when data/ has no curated tables to measure them on.
PER_PARK = {"events": 6.0, "indicators": 4.0, "industries": 3.0, "level_changes": 1.5}
N_SOURCES = 12
REGION_SHARE = 0.08  # fact rows about a whole city, not one park
LOCATED_SHARE = 0.98  # a few parks without coordinates, as in the real data
RANGED_SHARE = 0.05  # indicator rows with a value_max
# Half-width of the box around the prefecture centre a park may lie in (degrees).
JITTER_DEG = 0.12
NAME_CHARS = np.array(list("金银东西南北新华明江河山湖岭云星光兴龙凤桥港城阳安宁平泰丰盛和德"))
EVIDENCE = "合成证据："
SOURCE_KIND = "reference"


def generate_package(n_parks: int, out_dir: Path | str, seed: int = 0) -> Path:
    """Write a complete, valid package of `n_parks` synthetic parks to `out_dir`; return it."""
    out_dir = Path(out_dir)
    rng = np.random.default_rng(seed)
    descriptor = copy_base(out_dir)
    vocab = read_vocabularies(out_dir, descriptor)
    per_park, level_shares = real_proportions(DATA_DIR, vocab)
    sources = make_sources(vocab)
    parks = make_parks(rng, n_parks, vocab, level_shares)
    changes = make_level_changes(rng, parks, per_park["level_changes"], vocab, sources)
    frames = {
        "sources": sources,
        "parks": parks.drop(columns=["level"]),
        "events": make_events(rng, parks, per_park["events"], vocab),
        "indicators": make_indicators(rng, parks, per_park["indicators"], vocab),
        "industries": make_industries(rng, parks, per_park["industries"], vocab),
        "level_changes": changes,
    }
    for table in TABLES:
        write_table(frames[table], out_dir / resource(descriptor, table)["path"], descriptor, table)
    write_zones(out_dir)  # the merged table, as make zones writes it
    return out_dir


def other_origins() -> set[str]:
    """Resource names of the origins other than the curated one (catalog_parks, …), of the
    catalogue's level changes and of the official counts: what a synthetic package leaves out."""
    others = {prefix + t for prefix in ORIGINS.values() if prefix for t in ZONE_TABLES}
    return others | {name for name in LEVEL_CHANGES if name != "level_changes"} | {OFFICIAL_COUNTS}


def copy_base(out_dir: Path) -> dict:
    """The real descriptor (without other origins' resources), schema files and vocabularies
    in `out_dir`; returns the descriptor as `read_descriptor` gives it."""
    out_dir.mkdir(parents=True, exist_ok=True)
    raw = json.loads((DATA_DIR / DESCRIPTOR).read_text(encoding="utf-8"))
    dropped = other_origins()
    raw["resources"] = [res for res in raw["resources"] if res["name"] not in dropped]
    (out_dir / DESCRIPTOR).write_text(
        json.dumps(raw, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    shutil.copytree(DATA_DIR / "schemas", out_dir / "schemas", dirs_exist_ok=True)
    descriptor = read_descriptor(out_dir)
    for name in vocab_names(descriptor):
        path = resource(descriptor, name)["path"]
        (out_dir / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(DATA_DIR / path, out_dir / path)
    return descriptor


def real_proportions(
    data_dir: Path, vocab: Vocabularies
) -> tuple[dict[str, float], dict[str, float]]:
    """Facts per park and the level mix of the real curated tables (every level of the
    vocabulary, 0 for one no park holds); PER_PARK and even shares when there are none."""
    levels = vocab["levels"].codes()
    even = {level: 1.0 / len(levels) for level in levels}
    descriptor = read_descriptor(data_dir)
    parks_csv = Path(data_dir) / resource(descriptor, "parks")["path"]
    if not parks_csv.is_file():
        return dict(PER_PARK), even
    parks = pd.read_csv(parks_csv, dtype=str, keep_default_na=False)
    if parks.empty:
        return dict(PER_PARK), even
    per_park = {}
    for table, default in PER_PARK.items():
        path = Path(data_dir) / resource(descriptor, table)["path"]
        rows = len(pd.read_csv(path, dtype=str)) if path.is_file() else default * len(parks)
        per_park[table] = rows / len(parks)
    per_park.setdefault("level_changes", PER_PARK["level_changes"])
    changes_csv = Path(data_dir) / resource(descriptor, "level_changes")["path"]
    held = pd.Series(dtype="string")
    if changes_csv.is_file():
        changes = pd.read_csv(changes_csv, dtype="string", keep_default_na=False, na_values=[""])
        changes = changes[changes["park_id"].isin(set(parks["park_id"]))]
        per_park["level_changes"] = len(changes) / len(parks)
        held = state_at(changes)["level"]
    level = parks["park_id"].map(held).fillna(UNKNOWN)
    counts = level.value_counts(normalize=True)
    shares = {level: float(counts.get(level, 0.0)) for level in levels}
    return per_park, shares if sum(shares.values()) > 0 else even


def make_sources(vocab: Vocabularies) -> pd.DataFrame:
    ids = [f"syn-ref-{i:02d}" for i in range(N_SOURCES)]
    confidences = vocab["confidences"].codes()
    return pd.DataFrame(
        {
            "source_id": ids,
            "kind": SOURCE_KIND,
            "title_zh": [f"合成参考资料第{i + 1}号" for i in range(N_SOURCES)],
            "title_en": [f"Synthetic reference no. {i + 1}" for i in range(N_SOURCES)],
            "publisher": "Parkdata synthetic generator",
            "publisher_en": "Parkdata synthetic generator",
            "published": [f"{2015 + i % 8}-{1 + i % 12:02d}" for i in range(N_SOURCES)],
            "url": [f"https://example.invalid/synthetic/{i}" for i in range(N_SOURCES)],
            "article_file": "",
            "confidence": [confidences[i % len(confidences)] for i in range(N_SOURCES)],
            "licence": "CC0-1.0",
            "notes_en": "Synthetic source for benchmarks; not a real publication.",
        }
    )


def _draw(rng: np.random.Generator, codes: tuple[str, ...] | list[str], n: int) -> np.ndarray:
    return np.asarray(codes, dtype=object)[rng.integers(0, len(codes), n)]


def zone_names(vocab: Vocabularies) -> pd.DataFrame:
    """zone_type -> suffix (full), short form and English of its name ending."""
    zones = vocab["zone_types"].frame[["zone_type", "name_suffix_zh"]]
    suffixes = vocab["name_suffixes"].frame.set_index("suffix_zh")
    return pd.DataFrame(
        {
            "suffix": zones["name_suffix_zh"].to_numpy(dtype=object),
            "short": zones["name_suffix_zh"].map(suffixes["short_zh"]).to_numpy(dtype=object),
            "english": zones["name_suffix_zh"].map(suffixes["name_en"]).to_numpy(dtype=object),
        },
        index=zones["zone_type"].to_numpy(dtype=object),
    )


def make_parks(
    rng: np.random.Generator, n: int, vocab: Vocabularies, level_shares: Mapping[str, float]
) -> pd.DataFrame:
    """Park rows (level, its date, source and evidence filled in later from the events)."""
    places = vocab["prefectures"].frame.dropna(subset=["lat", "lon"]).reset_index(drop=True)
    c = places.iloc[rng.integers(0, len(places), n)].reset_index(drop=True)
    names = zone_names(vocab)
    zone = _draw(rng, list(names.index), n)
    levels = np.array(list(level_shares), dtype=object)
    shares = np.array(list(level_shares.values()), dtype=float)
    level = levels[rng.choice(len(levels), n, p=shares / shares.sum())]
    idx = np.arange(n)
    k = len(NAME_CHARS)
    ordinal = pd.Series(idx // k**2).map(lambda i: "" if i == 0 else f"{i + 1}号")
    city = c["prefecture"].astype(str)
    stem = city.str.replace("市", "", regex=False).str.slice(0, 4)
    stem = stem + NAME_CHARS[idx % k] + NAME_CHARS[(idx // k) % k] + ordinal
    located = rng.random(n) < LOCATED_SHARE
    lat, lon = points_in_province(
        rng,
        c["province"].to_numpy(dtype=object),
        c["lat"].to_numpy(dtype=float),
        c["lon"].to_numpy(dtype=float),
    )
    lat, lon = np.where(located, lat, np.nan), np.where(located, lon, np.nan)
    precision = _draw(rng, vocab["location_precisions"].codes(), n)
    return pd.DataFrame(
        {
            "park_id": [f"syn-{i:06d}" for i in idx],
            "name_zh": stem + names.loc[zone, "suffix"].to_numpy(),
            "name_en": c["name_en"].astype(str)
            + " "
            + pd.Series(idx).astype(str)
            + " "
            + names.loc[zone, "english"].to_numpy(),
            "name_en_generated": False,
            "short_name_zh": stem + names.loc[zone, "short"].to_numpy(),
            "province": c["province"].astype(str),
            "city": city,
            "county": "",
            "lat": lat,
            "lon": lon,
            "location_precision": np.where(located, precision, ""),
            "location_source_id": np.where(located, "syn-ref-00", ""),
            "location_note": np.where(located, "Synthetic point near the prefecture centre", ""),
            "level": level,
            "level_as_of": "",
            "level_source_id": "",
            "level_evidence": "",
            "zone_type": zone,
            "parent_id": "",
            "catalog_code": "",
            "notes_en": "Synthetic park for benchmarks.",
        }
    )


def points_in_province(
    rng: np.random.Generator, province: np.ndarray, lat0: np.ndarray, lon0: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Points drawn around each prefecture centre, redrawn (ever closer to it) until they fall
    inside the province outline where data/boundaries has one; a centre the simplified outline
    leaves outside (a small island) falls back to a point surely inside the province."""
    n = len(province)
    lat = lat0 + rng.uniform(-JITTER_DEG, JITTER_DEG, n)
    lon = lon0 + rng.uniform(-JITTER_DEG, JITTER_DEG, n)
    shapes = _province_shapes()
    bad = ~_inside(shapes, province, lat, lon)
    for attempt in range(40):
        if not bad.any():
            break
        scale = JITTER_DEG * (0.9**attempt)
        rows = np.flatnonzero(bad)
        lat[rows] = lat0[rows] + rng.uniform(-scale, scale, len(rows))
        lon[rows] = lon0[rows] + rng.uniform(-scale, scale, len(rows))
        bad[rows] = ~_inside(shapes, province[rows], lat[rows], lon[rows])
    for i in np.flatnonzero(bad):
        point = shapes[province[i]].representative_point()
        lat[i], lon[i] = point.y, point.x
    return np.round(lat, 5), np.round(lon, 5)


def _province_shapes() -> dict[str, BaseGeometry]:
    return boundaries.province_shapes(boundaries.load_boundaries())


def _inside(
    shapes: Mapping[str, BaseGeometry], province: np.ndarray, lat: np.ndarray, lon: np.ndarray
) -> np.ndarray:
    """Whether each (rounded) point lies in its province; True where there is no outline."""
    inside = np.ones(len(province), dtype=bool)
    for name in pd.unique(province):
        if name not in shapes:
            continue
        rows = province == name
        points = shapely.points(np.round(lon[rows], 5), np.round(lat[rows], 5))
        inside[rows] = shapely.contains(shapes[name], points)
    return inside


def make_level_changes(
    rng: np.random.Generator,
    parks: pd.DataFrame,
    per_park: float,
    vocab: Vocabularies,
    sources: pd.DataFrame,
) -> pd.DataFrame:
    """The parks' drawn levels as dated facts: a share of the parks of a conferred level get
    its approval (the budget allowing, some an approval to the level below years before: their
    rise is an upgrade); the others of a known level have it listed by a reference source, dated
    at that source's publication."""
    level = parks["level"].to_numpy(dtype=object)
    pid = parks["park_id"].to_numpy(dtype=object)
    n = len(parks)
    conferred = list(vocab["levels"].where("conferred"))  # highest first
    founded = rng.integers(1988, 2008, n)
    steps = {lv: founded + 3 * (len(conferred) - i) for i, lv in enumerate(conferred)}
    ranked = np.isin(level, conferred)
    budget = max(int(round(per_park * n)) - int((~ranked & (level != UNKNOWN)).sum()), 0)
    top = ranked & (rng.random(n) < min(0.8, budget / max(ranked.sum(), 1)))
    has_lower = np.isin(level, conferred[:-1]) & top
    spare = max(budget - int(top.sum()), 0)
    lower = has_lower & (rng.random(n) < min(1.0, spare / max(has_lower.sum(), 1)))
    parts = []
    for i, lv in enumerate(conferred):
        below = conferred[i + 1] if i + 1 < len(conferred) else None
        mine = top & (level == lv)
        year = steps[lv] + rng.integers(0, 3, n)
        upgraded = lower & (level == lv)
        parts.append(_changes(rng, pid[mine & ~upgraded], year[mine & ~upgraded], "approved", lv))
        parts.append(
            _changes(rng, pid[upgraded], year[upgraded], "upgraded", lv, before=below or "")
        )
        if below:
            early = steps[below] + rng.integers(0, 3, n)
            parts.append(_changes(rng, pid[upgraded], early[upgraded], "approved", below))
    stated = ~top & (level != UNKNOWN)
    who = pid[stated]
    pick = rng.integers(0, len(sources), len(who))
    parts.append(
        _changes(
            rng,
            who,
            None,
            "listed",
            level[stated],
            source=sources["source_id"].to_numpy(dtype=object)[pick],
            dates=sources["published"].to_numpy(dtype=object)[pick],
        )
    )
    changes = pd.concat(parts, ignore_index=True)
    changes.insert(0, "change_id", [f"ch-{i:07d}" for i in range(len(changes))])
    return changes


def _changes(rng, park_ids, years, change, level_after, before="", source=None, dates=None):
    m = len(park_ids)
    dates = _partial_dates(rng, np.asarray(years)) if dates is None else pd.Series(dates)
    return pd.DataFrame(
        {
            "park_id": park_ids,
            "date": dates,
            "change": change,
            "level_before": before,
            "level_after": level_after,
            "description_zh": f"合成级别变更：{change}",
            "description_en": f"Synthetic level change: {change}",
            "source_id": _source_ids(rng, m) if source is None else source,
            "evidence": EVIDENCE + "园区级别",
            "confidence": "one_source",
        }
    )


def make_events(
    rng: np.random.Generator, parks: pd.DataFrame, per_park: float, vocab: Vocabularies
) -> pd.DataFrame:
    """About `per_park` events per park: foundings, then events of every other kind; a share of
    rows is about a whole city. (Levels are level changes, not events: make_level_changes.)"""
    pid = parks["park_id"].to_numpy(dtype=object)
    n = len(parks)
    budget = int(round(per_park * n))
    labels = vocab["event_kinds"].labels("zh")
    labels_en = vocab["event_kinds"].labels("en")
    founded = rng.integers(1988, 2008, n)
    est = rng.random(n) < min(1.0, 0.3 * budget / max(n, 1))
    parts = [_events(rng, pid[est], founded[est], ESTABLISHED, labels, labels_en)]
    extra = max(budget - len(parts[0]), 0)
    if extra:
        others = [k for k in vocab["event_kinds"].codes() if k != ESTABLISHED]
        who = pid[rng.integers(0, n, extra)]
        kinds = _draw(rng, others, extra)
        years = rng.integers(2000, 2031, extra)
        undated = rng.random(extra) < 0.05
        news = _events(rng, who, years, kinds, labels, labels_en, undated)
        parts.append(_city_wide(rng, news, parks))
    events = pd.concat(parts, ignore_index=True)
    events.insert(0, "event_id", [f"ev-{i:07d}" for i in range(len(events))])
    return events


def _events(rng, park_ids, years, kind, labels, labels_en, undated=None):
    m = len(park_ids)
    kinds = pd.Series(kind, index=range(m), dtype=object)
    zh = kinds.map(labels)
    dates = _partial_dates(rng, np.asarray(years))
    if undated is not None:
        dates = dates.where(~undated, "")
    return pd.DataFrame(
        {
            "park_id": park_ids,
            "region": "",
            "date": dates,
            "event": kinds,
            "description_zh": "合成事件：" + zh,
            "description_en": "Synthetic event: " + kinds.map(labels_en),
            "source_id": _source_ids(rng, m),
            "evidence": EVIDENCE + zh,
        }
    )


def _city_wide(rng: np.random.Generator, facts: pd.DataFrame, parks: pd.DataFrame) -> pd.DataFrame:
    """Turn a share of fact rows into facts about a whole city: park_id empty, region named."""
    m = len(facts)
    city = rng.random(m) < REGION_SHARE
    cities = parks["city"].to_numpy(dtype=object)[rng.integers(0, len(parks), m)]
    facts = facts.copy()
    facts["region"] = np.where(city, cities, "")
    facts["park_id"] = np.where(city, "", facts["park_id"].to_numpy(dtype=object))
    return facts


def _partial_dates(rng: np.random.Generator, years: np.ndarray) -> pd.Series:
    """YYYY, YYYY-MM or YYYY-MM-DD, the precision drawn per row (a third each)."""
    m = len(years)
    if m == 0:  # (an empty Series keeps its numeric dtype through map: no '+' with text)
        return pd.Series([], dtype=object)
    precision = rng.integers(0, 3, m)
    month = pd.Series(rng.integers(1, 13, m)).map("{:02d}".format)
    day = pd.Series(rng.integers(1, 29, m)).map("{:02d}".format)
    y = pd.Series(years).astype(str)
    return y.where(precision == 0, y + "-" + month + np.where(precision == 2, "-" + day, ""))


def _source_ids(rng: np.random.Generator, m: int) -> np.ndarray:
    return np.array([f"syn-ref-{i:02d}" for i in range(N_SOURCES)])[rng.integers(0, N_SOURCES, m)]


def make_indicators(
    rng: np.random.Generator, parks: pd.DataFrame, per_park: float, vocab: Vocabularies
) -> pd.DataFrame:
    """Indicator rows of every type, each in a unit of its family (units vocabulary), of every
    kind and qualifier; kinds that do not count as actual are targets with a target year; a
    qualifier that is no exact figure (a size class) has no value_max."""
    m = int(round(per_park * len(parks)))
    units = vocab["units"].frame
    types = vocab["indicator_types"].frame
    types = types[types["unit_family"].isin(set(units["family"]))].reset_index(drop=True)
    pick = types.iloc[rng.integers(0, len(types), m)].reset_index(drop=True)
    family = pick["unit_family"].to_numpy(dtype=object)
    offset = rng.integers(0, 1_000, m)
    unit = np.empty(m, dtype=object)
    for name, group in units.groupby("family")["unit"]:
        rows = family == name
        unit[rows] = group.to_numpy(dtype=object)[offset[rows] % len(group)]
    kinds = vocab["indicator_kinds"]
    kind = _draw(rng, kinds.codes(), m)
    is_target = ~np.isin(kind, kinds.where("counts_as_actual"))
    qualifiers = vocab["qualifiers"]
    qualifier = _draw(rng, qualifiers.codes(), m)
    exact = np.isin(qualifier, qualifiers.where("exact"))
    year = rng.integers(2010, 2024, m)
    value = np.round(rng.lognormal(3.0, 1.2, m), 2)
    ranged = (rng.random(m) < RANGED_SHARE) & exact
    label = pick["label_zh"].str.slice(0, 15)
    facts = pd.DataFrame(
        {
            "fact_id": [f"fact-{i:07d}" for i in range(m)],
            "park_id": parks["park_id"].to_numpy(dtype=object)[rng.integers(0, len(parks), m)],
            "region": "",
            "indicator": pick["indicator"],
            "year": year,
            "value": value,
            "value_max": pd.array(
                np.where(ranged, np.round(value * 1.5, 2), np.nan), dtype="Float64"
            ),
            "qualifier": qualifier,
            "unit": unit,
            "kind": kind,
            "target_year": pd.array(
                np.where(is_target, year + rng.integers(1, 8, m), np.nan), dtype="Int64"
            ),
            "period": "",
            "description_en": pick["label_en"] + " (synthetic)",
            "source_id": _source_ids(rng, m),
            "evidence": EVIDENCE + label + _written(value, ranged),
        }
    )
    return _city_wide(rng, facts, parks)


def _written(value: np.ndarray, ranged: np.ndarray) -> pd.Series:
    """The figure as the evidence writes it (13.63, or 13.63-20.45 for a range): a fragment
    holds its number (rules.indicator_evidence_holds_the_number)."""
    low = pd.Series(value).map(_plain)
    high = pd.Series(np.round(value * 1.5, 2)).map(_plain)
    return low.where(~ranged, low + "-" + high)


def _plain(x: float) -> str:
    """A number as a person writes it, without exponent or float noise: 13.6, 250000."""
    return f"{x:.2f}".rstrip("0").rstrip(".")


def make_industries(
    rng: np.random.Generator, parks: pd.DataFrame, per_park: float, vocab: Vocabularies
) -> pd.DataFrame:
    """Industry rows of every sector and role, each with the year it describes."""
    m = int(round(per_park * len(parks)))
    sectors = vocab["sectors"].frame
    pick = sectors.iloc[rng.integers(0, len(sectors), m)].reset_index(drop=True)
    facts = pd.DataFrame(
        {
            "industry_id": [f"ind-{i:07d}" for i in range(m)],
            "park_id": parks["park_id"].to_numpy(dtype=object)[rng.integers(0, len(parks), m)],
            "region": "",
            "industry_zh": pick["label_zh"] + "产业",
            "industry_en": pick["label_en"] + " industry",
            "sector": pick["sector"],
            "role": _draw(rng, vocab["roles"].codes(), m),
            "year": rng.integers(2012, 2024, m),
            "companies_zh": np.where(rng.random(m) < 0.5, "合成科技有限公司、示例制造股份公司", ""),
            "source_id": _source_ids(rng, m),
            "evidence": EVIDENCE + pick["label_zh"],
        }
    )
    return _city_wide(rng, facts, parks)


def write_table(frame: pd.DataFrame, path: Path, descriptor: dict, table: str) -> None:
    """Columns in descriptor order, UTF-8 without BOM, empty cells for missing values.

    Cells are rendered, quoted and joined into lines column-wise in pyarrow (pandas' row-by-row
    CSV writer needs ~6 s for the 280,000 rows of a 50,000-park package; this well under one)."""
    names = [f["name"] for f in resource(descriptor, table)["schema"]["fields"]]
    out = frame.reindex(columns=names)
    lines = pc.binary_join_element_wise(*(_csv_cells(out[name]) for name in names), ",")
    body = "\n".join([",".join(names), *lines.to_pylist()]) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8", newline="")


def _csv_cells(column: pd.Series) -> pa.Array:
    """One column as CSV cells: numbers in their shortest form (13, 13.63), booleans as
    true/false, missing as empty, text quoted where it holds a comma, quote or line break."""
    values = pa.Array.from_pandas(column)  # NaN and <NA> become null
    if pa.types.is_boolean(values.type):
        text = pc.if_else(values, "true", "false")
    else:
        text = values.cast(pa.string())
    text = pc.fill_null(text, "")
    needs = pc.match_substring_regex(text, '[",\n\r]')
    if pc.any(needs).as_py():
        quoted = pc.binary_join_element_wise('"', pc.replace_substring(text, '"', '""'), '"', "")
        text = pc.if_else(needs, quoted, text)
    return text


# Names a spreadsheet would run as formulas, and names a browser would run as HTML. The
# package stays valid: nothing in the schema forbids such text, so the app must cope with it.
HOSTILE_NAMES = (
    ('=HYPERLINK("http://example.invalid","点我")高新区', "=1+1 Zone"),
    ("+86经开区", "+SUM(A1:A9) Park"),
    ("-2工业园", "-1 Park"),
    ("@SUM(1,2)产业园", "@cmd Park"),
    ('<img src=x onerror="window.__xss=1">长沙园区', "<script>window.__xss=2</script> Park"),
    ("<b>粗体</b>&amp;园区", 'Comma, "quote" and\nnewline Park'),
)


def hostile_package(n_parks: int, out_dir: Path | str, seed: int = 0) -> Path:
    """A valid package whose first parks carry HOSTILE_NAMES (name_zh, short_name_zh, name_en)."""
    out_dir = generate_package(max(n_parks, len(HOSTILE_NAMES)), out_dir, seed)
    descriptor = read_descriptor(out_dir)
    path = out_dir / resource(descriptor, "parks")["path"]
    parks = pd.read_csv(path, dtype=str, keep_default_na=False)
    for i, (zh, en) in enumerate(HOSTILE_NAMES):
        parks.loc[i, ["name_zh", "short_name_zh", "name_en"]] = [zh, zh, en]
    write_table(parks, path, descriptor, "parks")
    write_zones(out_dir)
    return out_dir
