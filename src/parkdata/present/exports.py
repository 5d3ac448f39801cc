"""Downloads: the rows a user sees, as CSV for Excel, as .xlsx, and parks as GeoJSON.

- CSV is UTF-8 with a byte-order mark, so Excel opens it with Chinese intact. Metadata
  (sources, licence, filters, export time) is not written into the CSV body, which stays one
  clean table; it goes in the .xlsx second sheet and in GeoJSON's top-level "metadata".
- Formula injection: a text cell that starts with = + - @, a tab or a carriage return would be
  run as a formula by Excel or LibreOffice. Such cells get a leading single quote (') in CSV and
  xlsx, which makes the spreadsheet show them as text. Numbers are never changed (a negative
  number stays a number).
- File names say what was filtered (`export_filename`), keep Chinese characters, and hold no
  character that is unsafe in a file name."""

from __future__ import annotations

import io
import json
import math
import re
from collections.abc import Mapping
from datetime import UTC, datetime

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from parkdata.model.filters import Filters
from parkdata.present.i18n import label, t

BOM = "\ufeff"
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_START = r"^[=+\-@\t\r]"
_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f\s]+')


def neutralise(value: object) -> object:
    """Prefix a single quote to text that a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(_DANGEROUS):
        return "'" + value
    return value


def _arrow_strings(column: pd.Series) -> bool:
    return isinstance(column.dtype, pd.StringDtype) and column.dtype.storage == "pyarrow"


def _formula_cells(column: pd.Series) -> pd.Series | None:
    """Mask of the text cells that start like a formula, or None when there is none. Text kept
    as pyarrow strings is scanned in C (pyarrow.compute), which keeps an export close to plain
    `to_csv` speed; other columns go through pandas."""
    dtype = column.dtype
    if _arrow_strings(column):
        hits = pc.match_substring_regex(pa.array(column.array), _FORMULA_START)
        if not pc.any(hits).as_py():
            return None
        return pd.Series(hits.fill_null(False).to_numpy(zero_copy_only=False), index=column.index)
    if pd.api.types.is_numeric_dtype(dtype) or pd.api.types.is_bool_dtype(dtype):
        return None
    mask = column.map(lambda v: isinstance(v, str) and v.startswith(_DANGEROUS)).astype(bool)
    return mask if mask.any() else None


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Text cells neutralised against formula injection; numbers untouched. The frame is copied
    only when some cell needs it (most exports have none)."""
    out = df
    for col in df.columns:
        mask = _formula_cells(df[col])
        if mask is None:
            continue
        if out is df:
            out = df.copy()
        out[col] = df[col].where(~mask, "'" + df[col].astype("string"))
    return out


def csv_bytes(df: pd.DataFrame, metadata: Mapping[str, object] | None = None) -> bytes:
    """UTF-8 CSV with BOM; missing cells are empty (never 0). `metadata` is accepted for a
    uniform call and deliberately not written into the table (see module doc)."""
    del metadata
    return (BOM + safe_frame(df).to_csv(index=False, lineterminator="\r\n")).encode("utf-8")


def metadata_rows(metadata: Mapping[str, object]) -> list[tuple[str, str]]:
    rows = []
    for key, value in metadata.items():
        if isinstance(value, list | tuple):
            rows += [(str(key), str(v)) for v in value] or [(str(key), "")]
        else:
            rows.append((str(key), str(value)))
    return rows


def xlsx_bytes(df: pd.DataFrame, metadata: Mapping[str, object]) -> bytes:
    """Excel workbook: sheet "data" holds the rows, sheet "metadata" the sources, licence,
    filters and export time (one key/value per row)."""
    from openpyxl import Workbook

    wb = Workbook()
    sheet = wb.active
    sheet.title = "data"
    sheet.append([str(c) for c in df.columns])
    for row in safe_frame(df).itertuples(index=False):
        sheet.append([_cell(v) for v in row])
    meta = wb.create_sheet("metadata")
    meta.append(["key", "value"])
    for key, value in metadata_rows(metadata):
        meta.append([key, neutralise(value)])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _cell(value: object) -> object:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    return value


def geojson_bytes(parks: pd.DataFrame, metadata: Mapping[str, object] | None = None) -> bytes:
    """FeatureCollection with one Feature per park row, in order. A park without coordinates
    keeps its Feature with `"geometry": null`; properties hold every column but lat/lon."""
    features = []
    for row in parks.to_dict("records"):
        lat, lon = _cell(row.get("lat")), _cell(row.get("lon"))
        geometry = None
        if lat is not None and lon is not None:
            geometry = {"type": "Point", "coordinates": [float(lon), float(lat)]}  # type: ignore[arg-type]
        props = {k: _cell(v) for k, v in row.items() if k not in ("lat", "lon")}
        features.append(
            {
                "type": "Feature",
                "id": props.get("park_id"),
                "geometry": geometry,
                "properties": props,
            }
        )
    collection: dict[str, object] = {"type": "FeatureCollection", "features": features}
    if metadata:
        collection["metadata"] = dict(metadata)
    return json.dumps(collection, ensure_ascii=False, indent=1, default=str).encode("utf-8")


def filter_summary(f: Filters, lang: str) -> str:
    """Human-readable filter description, e.g. '级别=国家级; 省份=湖南省'."""
    parts = []
    pairs = [
        ("province", f.provinces, None),
        ("city", f.cities, None),
        ("level", f.levels, "level"),
        ("zone_type", f.zone_types, "zone_type"),
        ("sector", f.sectors, None),
    ]
    for key, values, kind in pairs:
        if values:
            shown = [label(kind, v, lang) if kind else v for v in values]
            parts.append(f"{t(key, lang)}=" + ",".join(shown))
    if f.text:
        parts.append(f"{t('search', lang)}={f.text}")
    if f.as_of:
        parts.append(f"{t('as_of', lang)}={f.as_of}")
    return "; ".join(parts) or t("all", lang)


def export_metadata(
    f: Filters,
    lang: str,
    title: str,
    licence: str,
    sources: pd.DataFrame,
    n_rows: int,
    now: datetime | None = None,
) -> dict[str, object]:
    """What every download carries: title, licence, filters, row count, time, source list."""
    now = now or datetime.now(UTC)
    listed = [
        " · ".join(
            str(v)
            for v in (r.source_id, r.title_zh, r.publisher, r.published, r.url)
            if isinstance(v, str) and v
        )
        for r in sources.itertuples()
    ]
    return {
        "dataset": title,
        "licence": licence,
        "filters": filter_summary(f, lang),
        "rows": n_rows,
        "exported_at": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "sources": listed,
    }


def export_filename(f: Filters, table: str, ext: str, lang: str) -> str:
    """e.g. 'parkdata_园区_级别-国家级_省份-湖南省.csv'; 'parkdata_parks_all.csv' unfiltered."""
    parts = ["parkdata", label("table", table, lang)]
    pairs = [
        ("level", f.levels, "level"),
        ("province", f.provinces, None),
        ("city", f.cities, None),
        ("zone_type", f.zone_types, "zone_type"),
        ("sector", f.sectors, None),
    ]
    for key, values, kind in pairs:
        if values:
            shown = "+".join(label(kind, v, lang) if kind else v for v in values[:3])
            parts.append(f"{t(key, lang)}-{shown}" + ("+…" if len(values) > 3 else ""))
    if f.text:
        parts.append(f"{t('search_short', lang)}-{f.text[:20]}")
    if f.as_of:
        parts.append(f.as_of)
    if len(parts) == 2:
        parts.append(t("all", lang))
    stem = _UNSAFE_NAME.sub("-", "_".join(parts)).strip("-.")[:150]
    return f"{stem}.{ext}"
