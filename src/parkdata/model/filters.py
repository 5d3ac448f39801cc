"""The dashboard's shared filters and applying them to a Dataset.

`Filters` is what the sidebar sets (province, city, level, zone type, sector, origin, a text
search, an as-of date). `apply_filters(ds, f)` keeps the matching parks and restricts the fact
tables (events, indicators, industries) to them. Facts about a whole city (empty park_id) stay
only while no park-specific filter (level, zone type, sector, origin, search) is active and their
region is one of the kept parks' cities or provinces.

The as-of date moves every time-aware view: each park's level becomes the level it held on that
day (`levels.state_at`, with its date, source and confidence), parks whose first dated founding
or change comes later are left out, and level changes, events, numbers and industry rows dated
after it are left out (undated ones stay).

The lists of allowed values come from the package's vocabularies (`options`); the form of the
filters in a URL is `parkdata.model.links`."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from parkdata.data import changes as ch
from parkdata.data.dataset import Dataset
from parkdata.data.dates import date_starts, parse_partial_date
from parkdata.data.frames import isin
from parkdata.data.schema import CATALOG, LEVEL_UNKNOWN
from parkdata.data.textnorm import to_simplified
from parkdata.model import levels as lv

MAX_TEXT = 80  # characters kept from a search
GROUP_BY = ("province", "city", "zone_type")  # how Compare groups parks
NAME_COLUMNS = ("name_zh", "short_name_zh", "name_en", "former_names", "former_names_en")
# The filters that choose among values: (Filters field, UI label key, vocabulary of its codes;
# None: a place, shown by its name). The sidebar draws them, exports describe them.
CHOICES = (
    ("provinces", "province", None),
    ("cities", "city", None),
    ("levels", "level", "levels"),
    ("zone_types", "zone_type", "zone_types"),
    ("sectors", "sector", "sectors"),
    ("origins", "origin", "origins"),
)


@dataclass(frozen=True)
class Filters:
    provinces: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    zone_types: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    origins: tuple[str, ...] = ()
    approved: tuple[int, ...] = ()  # (first year, last year) of the first dated approval
    text: str = ""
    as_of: str = ""  # YYYY, YYYY-MM or YYYY-MM-DD; "" = the newest state

    def is_active(self) -> bool:
        return self != Filters()

    def park_specific(self) -> bool:
        return bool(
            self.levels
            or self.zone_types
            or self.sectors
            or self.origins
            or self.approved
            or self.text
        )


def valid_date(text: str) -> bool:
    """A partial date the as-of filter takes (1900–2100)."""
    try:
        return 1900 <= parse_partial_date(text).year <= 2100
    except ValueError:
        return False


# ---------------------------------------------------------------- search


@lru_cache(maxsize=8)
def _shortener(suffixes: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    longest_first = sorted((s for s in suffixes if s[0] != s[1]), key=lambda s: -len(s[0]))
    mapping = dict(longest_first)
    pattern = re.compile("|".join(re.escape(s) for s, _ in longest_first) or "(?!)")
    return pattern, mapping


def search_key(text: str, suffixes: tuple[tuple[str, str], ...] = ()) -> str:
    """Text as matched: simplified characters, lower case, and the zone-type endings in their
    short form (经济技术开发区 -> 经开区, 高新技术产业开发区 -> 高新区), so that the short
    names people type find the full ones."""
    pattern, mapping = _shortener(suffixes)
    key = to_simplified(text.strip()).casefold()
    return pattern.sub(lambda m: mapping[m.group(0)], key)


def name_suffixes(ds: Dataset) -> tuple[tuple[str, str], ...]:
    if "name_suffixes" not in ds.vocab:
        return ()
    frame = ds.vocab["name_suffixes"].frame
    return tuple(zip(frame["suffix_zh"], frame["short_zh"], strict=True))


CODE_COLUMNS = ("park_id", "catalog_code", "catalog_id")  # g441036, G441036 find the zone


def english_suffixes(ds: Dataset) -> tuple[tuple[str, str], ...]:
    """(English ending, its usual abbreviation) of the name_suffixes vocabulary where it gives
    one (Economic and Technological Development Zone -> ETDZ), with '&' for 'and' too."""
    if "name_suffixes" not in ds.vocab or "short_en" not in ds.vocab["name_suffixes"].frame:
        return ()
    frame = ds.vocab["name_suffixes"].frame
    pairs = []
    for long, short in zip(frame["name_en"], frame["short_en"], strict=True):
        if isinstance(short, str) and short and isinstance(long, str):
            pairs += [(long.casefold(), short.casefold())]
            pairs += [(long.replace(" and ", " & ").casefold(), short.casefold())]
    return tuple(pairs)


def text_mask(ds: Dataset, text: str) -> pd.Series:
    """Parks whose Chinese, short, English or former (Chinese, short or English) name contains
    `text`, with the zone-type endings of both shortened alike (case-insensitive, traditional
    characters accepted; English endings by their abbreviation: Zhanjiang ETDZ), or whose id or
    catalogue code does (g441036, G441036)."""
    return name_mask(ds.parks, text, name_suffixes(ds), english_suffixes(ds))


def name_mask(
    parks: pd.DataFrame,
    text: str,
    suffixes: tuple[tuple[str, str], ...],
    english: tuple[tuple[str, str], ...] = (),
) -> pd.Series:
    """text_mask over a parks frame, with the name_suffixes pairs given."""
    needle = search_key(text, suffixes)
    if not needle:
        return pd.Series(True, index=parks.index)
    pattern, mapping = _shortener(suffixes)
    en_pattern, en_mapping = _shortener(english)
    needle_en = en_pattern.sub(lambda m: en_mapping[m.group(0)], text.strip().casefold())
    mask = pd.Series(False, index=parks.index)
    for col in NAME_COLUMNS:
        if col not in parks:
            continue
        hay = parks[col].astype("string").str.casefold()
        if col.startswith(("name_en", "former_names_en")):
            hay = hay.str.replace(en_pattern, lambda m: en_mapping[m.group(0)], regex=True)
            found = hay.str.contains(needle_en, regex=False)
        else:
            hay = hay.str.replace(pattern, lambda m: mapping[m.group(0)], regex=True)
            found = hay.str.contains(needle, regex=False)
        mask |= found.fillna(False).astype(bool)
    code = text.strip().casefold()
    for col in CODE_COLUMNS:
        if col in parks:
            hay = parks[col].astype("string").str.casefold()
            mask |= (hay == code).fillna(False).astype(bool)
    return mask


# ---------------------------------------------------------------- applying


def origin_mask(parks: pd.DataFrame, origins: tuple[str, ...]) -> pd.Series:
    """Parks of any of `origins`. A curated park linked to its catalogue entry (catalog_id) is
    of both origins: it is listed in the catalogue and curated from the articles."""
    mask = isin(parks["origin"], origins)
    if CATALOG in origins and "catalog_id" in parks:
        mask |= parks["catalog_id"].notna()
    return mask


def park_mask(ds: Dataset, f: Filters) -> pd.Series:
    """Boolean mask over ds.parks (levels as they are in `ds`, see `as_of_view`)."""
    parks = ds.parks
    mask = pd.Series(True, index=parks.index)
    for column, values in (
        ("province", f.provinces),
        ("city", f.cities),
        ("level", f.levels),
        ("zone_type", f.zone_types),
    ):
        if values:
            mask &= isin(parks[column], values)
    if f.origins:
        mask &= origin_mask(parks, f.origins)
    if f.sectors:
        ids = ds.industries.loc[isin(ds.industries["sector"], f.sectors), "park_id"].dropna()
        mask &= isin(parks["park_id"], set(ids))
    if f.approved:
        first, last = f.approved[0], f.approved[-1]
        year = parks["park_id"].map(lv.first_approval_year(ds))
        mask &= year.between(first, last).fillna(False).astype(bool)
    if f.text:
        mask &= text_mask(ds, f.text)
    return mask


def approval_year_range(ds: Dataset) -> tuple[int, int] | None:
    """(first, last) year of any park's first dated approval; None without one."""
    years = lv.first_approval_year(ds)
    return (int(years.min()), int(years.max())) if len(years) else None


def as_of_view(ds: Dataset, as_of: str) -> Dataset:
    """The dataset as it stood on `as_of`: levels then held, parks founded or approved later
    left out, and level changes, events, numbers and industries dated later left out (undated
    ones kept)."""
    if not as_of:
        return ds
    when = parse_partial_date(as_of).end()
    held = lv.state_at(ds, when)
    first = lv.first_dated(ds)
    later = set(first[first > when].index)
    parks = ds.parks[~isin(ds.parks["park_id"], later)]
    parks = parks.assign(
        **{column: parks["park_id"].map(held[column]).astype("string") for column in held.columns}
    )
    parks["level"] = parks["level"].fillna(LEVEL_UNKNOWN)
    changes = ch.ordered(ds.level_changes)
    changes = ds.level_changes.loc[changes.index[changes["effective"] <= when]].sort_index()
    events = ds.events[~(date_starts(ds.events["date"]) > when)]
    year = when.year
    indicators = ds.indicators[~(ds.indicators["year"] > year).fillna(False)]
    industries = ds.industries
    if "year" in industries:
        industries = industries[~(industries["year"] > year).fillna(False)]
    return ds.replace(
        parks=parks,
        events=events,
        indicators=indicators,
        industries=industries,
        level_changes=changes,
    )


def _fact_mask(facts: pd.DataFrame, park_ids: set[str], places: set[str], f: Filters) -> pd.Series:
    by_park = isin(facts["park_id"], park_ids)
    citywide = facts["park_id"].isna()
    if not (f.provinces or f.cities or f.park_specific()):
        return by_park | citywide
    if f.park_specific() or not places:
        return by_park
    # the few city-wide rows only (a region such as 湛江市 or 湛江市廉江市 starts with a place)
    regions = facts.loc[citywide, "region"].astype("string").fillna("")
    keep = [any(r.startswith(p) for p in places) for r in regions.tolist()]
    in_place = pd.Series(False, index=facts.index)
    in_place.loc[regions.index[keep]] = True
    return by_park | in_place


def apply_filters(ds: Dataset, f: Filters) -> Dataset:
    """The Dataset with only the matching parks and the facts about them (see module doc)."""
    ds = as_of_view(ds, f.as_of)
    parks = ds.parks[park_mask(ds, f)]
    ids = set(parks["park_id"])
    places = set(parks["city"].dropna()) | set(parks["province"].dropna())
    changes = ds.level_changes[isin(ds.level_changes["park_id"], ids)]
    return ds.replace(
        parks=parks.reset_index(drop=True),
        level_changes=changes.reset_index(drop=True),
        **{
            name: getattr(ds, name)[_fact_mask(getattr(ds, name), ids, places, f)].reset_index(
                drop=True
            )
            for name in ("events", "indicators", "industries")
        },
    )


# ---------------------------------------------------------------- options


def options(ds: Dataset, provinces: Iterable[str] = ()) -> dict[str, tuple[str, ...]]:
    """Allowed values of each list filter; cities narrowed to `provinces` when given. Provinces
    and cities are those the parks have; the coded lists are the vocabularies, in their order."""
    parks = ds.parks
    provinces = tuple(provinces)
    in_prov = parks[isin(parks["province"], provinces)] if provinces else parks
    province_order = ds.vocab["provinces"].codes()
    present = set(parks["province"].dropna())
    return {
        "provinces": tuple(p for p in province_order if p in present)
        + tuple(sorted(present - set(province_order))),
        "cities": tuple(sorted(in_prov["city"].dropna().unique())),
        "levels": ds.vocab["levels"].codes(),
        "zone_types": ds.vocab["zone_types"].codes(),
        "sectors": ds.vocab["sectors"].codes(),
        "origins": ds.vocab["origins"].codes(),
    }
