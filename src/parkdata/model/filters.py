"""The dashboard's shared filters, applying them to a Dataset, and their form in the URL.

`Filters` is what the sidebar sets (province, city, level, zone type, sector, a text search, an
as-of date). `apply_filters(ds, f)` keeps the matching parks and restricts the fact tables
(events, indicators, industries) to them. Facts about a whole city (empty park_id) stay only
while no park-specific filter (level, zone type, sector, search) is active and their region is
one of the kept parks' cities or provinces.

In the URL every filter is a query parameter; lists repeat the key (`?level=national&level=other`;
comma-separated values are accepted too). `from_query_params` never raises: an unknown key, a
value that is not an option, a malformed date or an over-long search is dropped or cut, with a
`Notice`. Page state (language, selected park, table kind, ...) travels in the same query string
and is parsed by `view_from_query_params` the same way."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import date
from typing import cast

import pandas as pd

from parkdata.data.dataset import Dataset
from parkdata.data.frames import isin

MAX_TEXT = 80  # characters kept from a search in the URL
MAX_VALUES = 50  # values kept per list parameter
_NOTICE_VALUE = 40  # characters of an offending value echoed back
LEVELS = ("national", "provincial", "other", "unknown")
ZONE_TYPES = (
    "high_tech_zone",
    "economic_development_zone",
    "industrial_park",
    "industrial_cluster",
    "airport_economy_zone",
    "other",
)
TABLE_KINDS = ("parks", "indicators", "events", "industries")
GROUP_BY = ("province", "city")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

# query parameter -> Filters field
FILTER_KEYS = {
    "province": "provinces",
    "city": "cities",
    "level": "levels",
    "zone": "zone_types",
    "sector": "sectors",
    "q": "text",
    "date": "as_of",
}
VIEW_KEYS = ("lang", "park", "table", "by", "indicator", "basemap")


@dataclass(frozen=True)
class Filters:
    provinces: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    zone_types: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    text: str = ""
    as_of: str = ""  # YYYY, YYYY-MM or YYYY-MM-DD; "" = today

    def is_active(self) -> bool:
        return self != Filters()

    def park_specific(self) -> bool:
        return bool(self.levels or self.zone_types or self.sectors or self.text)


@dataclass(frozen=True)
class View:
    """Page state carried in the URL beside the filters."""

    lang: str = "zh"
    park: str = ""
    table: str = "parks"
    by: str = "province"
    indicator: str = ""
    basemap: bool = False


@dataclass(frozen=True)
class Notice:
    """Something in the URL that was dropped or cut. `code` is an i18n key."""

    code: str
    key: str
    value: str = ""
    n: int = 0


# ---------------------------------------------------------------- applying


def normalise_text(text: str) -> str:
    """Search text as matched: simplified characters, lower case, outer spaces removed."""
    from parkdata.data.textnorm import to_simplified

    return to_simplified(text.strip()).casefold()


def text_mask(parks: pd.DataFrame, text: str) -> pd.Series:
    """Parks whose Chinese, short or English name contains `text` (case-insensitive)."""
    needle = normalise_text(text)
    if not needle:
        return pd.Series(True, index=parks.index)
    mask = pd.Series(False, index=parks.index)
    for col in ("name_zh", "short_name_zh", "name_en"):
        hay = parks[col].astype("string").str.casefold()
        mask |= hay.str.contains(needle, regex=False).fillna(False).astype(bool)
    return mask


def park_mask(ds: Dataset, f: Filters, levels: pd.Series | None = None) -> pd.Series:
    """Boolean mask over ds.parks. `levels` (park_id -> level) replaces parks.level when given,
    e.g. the levels as of `f.as_of` from `parkdata.model.levels.level_at`."""
    parks = ds.parks
    mask = pd.Series(True, index=parks.index)
    if f.provinces:
        mask &= parks["province"].isin(f.provinces).fillna(False).astype(bool)
    if f.cities:
        mask &= parks["city"].isin(f.cities).fillna(False).astype(bool)
    if f.levels:
        level = parks["level"] if levels is None else parks["park_id"].map(levels)
        mask &= level.isin(f.levels).fillna(False).astype(bool)
    if f.zone_types:
        mask &= parks["zone_type"].isin(f.zone_types).fillna(False).astype(bool)
    if f.sectors:
        ids = ds.industries.loc[ds.industries["sector"].isin(f.sectors), "park_id"].dropna()
        mask &= isin(parks["park_id"], set(ids))
    if f.text:
        mask &= text_mask(parks, f.text)
    return mask


def _fact_mask(facts: pd.DataFrame, park_ids: set[str], places: set[str], f: Filters) -> pd.Series:
    by_park = isin(facts["park_id"], park_ids)
    citywide = facts["park_id"].isna()
    if not f.is_active():
        return by_park | citywide
    if f.park_specific() or not places:
        return by_park
    region = facts["region"].astype("string").fillna("")
    in_place = region.map(lambda r: any(r.startswith(p) for p in places)).astype(bool)
    return by_park | (citywide & in_place)


def apply_filters(ds: Dataset, f: Filters, levels: pd.Series | None = None) -> Dataset:
    """The Dataset with only the matching parks and the facts about them (see module doc)."""
    parks = ds.parks[park_mask(ds, f, levels)]
    ids = set(parks["park_id"])
    places = set(parks["city"].dropna()) | set(parks["province"].dropna())
    return ds.replace(
        parks=parks.reset_index(drop=True),
        **{
            name: getattr(ds, name)[_fact_mask(getattr(ds, name), ids, places, f)].reset_index(
                drop=True
            )
            for name in ("events", "indicators", "industries")
        },
    )


# ---------------------------------------------------------------- options


def options(ds: Dataset, provinces: Iterable[str] = ()) -> dict[str, tuple[str, ...]]:
    """Allowed values of each list filter; cities narrowed to `provinces` when given."""
    parks = ds.parks
    in_prov = parks[parks["province"].isin(list(provinces))] if provinces else parks
    return {
        "provinces": tuple(sorted(parks["province"].dropna().unique())),
        "cities": tuple(sorted(in_prov["city"].dropna().unique())),
        "levels": LEVELS,
        "zone_types": ZONE_TYPES,
        "sectors": tuple(ds.sectors["sector"].dropna()),
    }


# ---------------------------------------------------------------- URL


def _values(raw: object) -> list[str]:
    items = [raw] if isinstance(raw, str) else list(raw) if isinstance(raw, Iterable) else []
    out: list[str] = []
    for item in items:
        out += [v.strip() for v in str(item).split(",") if v.strip()]
    return out


def _short(value: str) -> str:
    clean = "".join(ch if ch.isprintable() else "?" for ch in value)
    return clean if len(clean) <= _NOTICE_VALUE else clean[:_NOTICE_VALUE] + "…"


def valid_date(text: str) -> bool:
    m = _DATE.match(text)
    if not m:
        return False
    year, month, day = (int(g) if g else 1 for g in m.groups())
    try:
        date(year, month, day)
    except ValueError:
        return False
    return 1900 <= year <= 2100


def _first(raw: object) -> str:
    vals = [raw] if isinstance(raw, str) else list(raw) if isinstance(raw, Iterable) else []
    return str(vals[-1]) if vals else ""


def _pick(key: str, raw: object, allowed: Iterable[str], notices: list[Notice]) -> tuple[str, ...]:
    allowed = set(allowed)
    kept: list[str] = []
    for v in _values(raw):
        if v in allowed and v not in kept and len(kept) < MAX_VALUES:
            kept.append(v)
        elif v not in allowed:
            notices.append(Notice("notice_bad_value", key, _short(v)))
    return tuple(kept)


def from_query_params(params: Mapping[str, object], ds: Dataset) -> tuple[Filters, list[Notice]]:
    """Filters from a query string mapping (values: str or list of str). Never raises."""
    notices: list[Notice] = []
    opts = options(ds)
    values: dict[str, object] = {}
    for key, raw in params.items():
        key = str(key)
        if key in VIEW_KEYS:
            continue
        if key not in FILTER_KEYS:
            notices.append(Notice("notice_unknown_key", _short(key)))
            continue
        if key == "q":
            text = _first(raw).strip()
            if len(text) > MAX_TEXT:
                notices.append(Notice("notice_truncated", key, n=MAX_TEXT))
                text = text[:MAX_TEXT]
            values["text"] = text
        elif key == "date":
            text = _first(raw).strip()
            if text and not valid_date(text):
                notices.append(Notice("notice_bad_value", key, _short(text)))
            else:
                values["as_of"] = text
        else:
            field = FILTER_KEYS[key]
            allowed = (
                options(ds, cast(Iterable[str], values.get("provinces", ())))[field]
                if key == "city"
                else opts[field]
            )
            values[field] = _pick(key, raw, allowed, notices)
    return Filters(**values), notices  # type: ignore[arg-type]


def view_from_query_params(params: Mapping[str, object], ds: Dataset) -> tuple[View, list[Notice]]:
    """Page state from the query string; filter keys are left to `from_query_params`."""
    notices: list[Notice] = []
    allowed = {
        "lang": ("zh", "en"),
        "park": tuple(ds.parks["park_id"]),
        "table": TABLE_KINDS,
        "by": GROUP_BY,
        "indicator": tuple(ds.indicator_types["indicator"]),
        "basemap": ("0", "1"),
    }
    values: dict[str, object] = {}
    for key in VIEW_KEYS:
        if key not in params:
            continue
        value = _first(params[key]).strip()
        if value not in allowed[key]:
            notices.append(Notice("notice_bad_value", key, _short(value)))
        else:
            values[key] = value == "1" if key == "basemap" else value
    return View(**values), notices  # type: ignore[arg-type]


def to_query_params(f: Filters, view: View | None = None) -> dict[str, str | list[str]]:
    """The query string for `f` (and page state): only what differs from the defaults."""
    out: dict[str, str | list[str]] = {}
    for key, field in FILTER_KEYS.items():
        value = getattr(f, field)
        if value:
            out[key] = list(value) if isinstance(value, tuple) else value
    if view is not None:
        default = View()
        for fd in fields(View):
            value = getattr(view, fd.name)
            if value != getattr(default, fd.name):
                out[fd.name] = ("1" if value else "0") if isinstance(value, bool) else value
    return out
