"""The view in the URL: filters and page state as query parameters, so a link reproduces what
someone saw.

Every filter is a query parameter; lists repeat the key (`?level=national&level=other`;
comma-separated values are accepted too). `from_query_params` never raises: an unknown key, a
value that is not an option, a malformed date or an over-long search is dropped or cut, with a
`Notice`. Page state (language, selected park, table kind, …) travels in the same query string
and is parsed by `view_from_query_params` the same way."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from typing import cast

from parkdata.data.dataset import Dataset
from parkdata.model.filters import GROUP_BY, MAX_TEXT, Filters, options, valid_date

MAX_VALUES = 50  # values kept per list parameter
_NOTICE_VALUE = 40  # characters of an offending value echoed back
LANGS = ("zh", "en")

# query parameter -> Filters field
FILTER_KEYS = {
    "province": "provinces",
    "city": "cities",
    "level": "levels",
    "zone": "zone_types",
    "sector": "sectors",
    "origin": "origins",
    "approved": "approved",
    "q": "text",
    "date": "as_of",
}
VIEW_KEYS = ("lang", "park", "table", "by", "indicator", "basemap", "peer_type")


@dataclass(frozen=True)
class View:
    """Page state carried in the URL beside the filters."""

    lang: str = "zh"
    park: str = ""
    table: str = "parks"
    by: str = "province"
    indicator: str = ""
    basemap: bool = False
    peer_type: str = ""


@dataclass(frozen=True)
class Notice:
    """Something in the URL that was dropped or cut. `code` is an i18n key."""

    code: str
    key: str
    value: str = ""
    n: int = 0


def _values(raw: object) -> list[str]:
    items = [raw] if isinstance(raw, str) else list(raw) if isinstance(raw, Iterable) else []
    out: list[str] = []
    for item in items:
        out += [v.strip() for v in str(item).split(",") if v.strip()]
    return out


def _short(value: str) -> str:
    clean = "".join(ch if ch.isprintable() else "?" for ch in value)
    return clean if len(clean) <= _NOTICE_VALUE else clean[:_NOTICE_VALUE] + "…"


def _last(raw: object) -> str:
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
            text = _last(raw).strip()
            if len(text) > MAX_TEXT:
                notices.append(Notice("notice_truncated", key, n=MAX_TEXT))
                text = text[:MAX_TEXT]
            values["text"] = text
        elif key == "approved":
            text = _last(raw).strip()
            years = _year_range(text)
            if years is None:
                notices.append(Notice("notice_bad_value", key, _short(text)))
            else:
                values["approved"] = years
        elif key == "date":
            text = _last(raw).strip()
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


def _year_range(text: str) -> tuple[int, int] | None:
    """'1990-2010' (or one year) -> (1990, 2010); None for anything else."""
    parts = text.split("-")
    if not 1 <= len(parts) <= 2 or not all(p.isdigit() and len(p) == 4 for p in parts):
        return None
    first, last = int(parts[0]), int(parts[-1])
    return (first, last) if 1900 <= first <= last <= 2100 else None


def park_aliases(ds: Dataset) -> dict[str, str]:
    """Other ids a link may use for a park: the catalogue id of a curated park linked to it."""
    if "catalog_id" not in ds.parks:
        return {}
    linked = ds.parks[ds.parks["catalog_id"].notna()]
    return dict(zip(linked["catalog_id"], linked["park_id"], strict=True))


def view_from_query_params(params: Mapping[str, object], ds: Dataset) -> tuple[View, list[Notice]]:
    """Page state from the query string; filter keys are left to `from_query_params`."""
    notices: list[Notice] = []
    aliases = park_aliases(ds)
    allowed = {
        "lang": LANGS,
        "park": set(ds.parks["park_id"]) | set(aliases),
        "table": ds.vocab["table_kinds"].codes(),
        "by": GROUP_BY,
        "indicator": ds.vocab["indicator_types"].codes(),
        "basemap": ("0", "1"),
        "peer_type": ds.vocab["zone_types"].codes(),
    }
    values: dict[str, object] = {}
    for key in VIEW_KEYS:
        if key not in params:
            continue
        value = _last(params[key]).strip()
        if value not in allowed[key]:
            notices.append(Notice("notice_bad_value", key, _short(value)))
        elif key == "basemap":
            values[key] = value == "1"
        else:
            values[key] = aliases.get(value, value) if key == "park" else value
    return View(**values), notices  # type: ignore[arg-type]


def to_query_params(f: Filters, view: View | None = None) -> dict[str, str | list[str]]:
    """The query string for `f` (and page state): only what differs from the defaults."""
    out: dict[str, str | list[str]] = {}
    for key, field in FILTER_KEYS.items():
        value = getattr(f, field)
        if key == "approved" and value:
            out[key] = f"{value[0]}-{value[-1]}"
        elif value:
            out[key] = list(value) if isinstance(value, tuple) else value
    if view is not None:
        default = View()
        for fd in fields(View):
            value = getattr(view, fd.name)
            if value != getattr(default, fd.name):
                out[fd.name] = ("1" if value else "0") if isinstance(value, bool) else value
    return out
