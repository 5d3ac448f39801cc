"""Downloads: the rows a user sees, as CSV for Excel, as .xlsx, and parks as GeoJSON.

- CSV is UTF-8 with a byte-order mark, so Excel opens it with Chinese intact. Metadata
  (sources, licence, filters, export time) is not written into the CSV body, which stays one
  clean table; it goes in the .xlsx second sheet and in GeoJSON's top-level "metadata".
- Formula injection: a text cell that starts with = + - @, a tab or a carriage return would be
  run as a formula by Excel or LibreOffice. Such cells get a leading single quote (') in CSV and
  xlsx, which makes the spreadsheet show them as text. Numbers are never changed (a negative
  number stays a number).
- File names say what was filtered (`export_filename`), keep Chinese characters, and hold no
  character that is unsafe in a file name.
- The whole data package (`package_zip`): its descriptor, schemas, every resource file as
  committed (zones.csv is the merged table, one row per zone) and the catalogue's REPORT.md;
  the same bytes for the same package (entries sorted, fixed timestamps)."""

from __future__ import annotations

import io
import json
import math
import re
import zipfile
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from parkdata.model.filters import CHOICES, Filters
from parkdata.present.labels import Labels

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


def _replaced(df: pd.DataFrame, columns: dict[str, pd.Series]) -> pd.DataFrame:
    """`df` with some columns replaced, built once without copying the others."""
    if not columns:
        return df
    return pd.DataFrame({c: columns.get(c, df[c]) for c in df.columns}, index=df.index, copy=False)


def _neutralised(column: pd.Series) -> pd.Series | None:
    mask = _formula_cells(column)
    if mask is None:
        return None
    return column.where(~mask, "'" + column.astype("string"))


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Text cells neutralised against formula injection; numbers untouched. A new frame only
    when some cell needs it (most exports have none)."""
    changed = {c: new for c in df.columns if (new := _neutralised(df[c])) is not None}
    return _replaced(df, changed)


def _significant(values: np.ndarray, digits: int = 15) -> np.ndarray:
    """Values rounded to `digits` significant digits (vectorised), so that their shortest form
    drops the noise of binary arithmetic (3980 × 0.01 = 39.800000000000004 -> 39.8)."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        magnitude = np.floor(np.log10(np.abs(values)))
        factor = 10.0 ** (digits - 1 - magnitude)
        rounded = np.round(values * factor) / factor
    return np.where(np.isfinite(rounded), rounded, values)


def _csv_frame(df: pd.DataFrame) -> pd.DataFrame:
    """What a CSV writes: text neutralised and floats as plain numbers; the floats of all
    columns in one cast (a call per column cost more than the CSV for a few hundred rows)."""
    floats = [c for c in df.columns if pd.api.types.is_float_dtype(df[c].dtype)]
    changed = {
        c: new for c in df.columns if c not in floats and (new := _neutralised(df[c])) is not None
    }
    if floats:
        values = np.concatenate([df[c].to_numpy(dtype=float, na_value=np.nan) for c in floats])
        text = pc.cast(pa.array(_significant(values), mask=np.isnan(values)), pa.string())
        for i, c in enumerate(floats):
            part = text.slice(i * len(df), len(df))
            changed[c] = pd.Series(pd.arrays.ArrowStringArray(part), index=df.index)
    return _replaced(df, changed)


def csv_bytes(df: pd.DataFrame, metadata: Mapping[str, object] | None = None) -> bytes:
    """UTF-8 CSV with BOM; missing cells are empty (never 0); whole numbers without '.0'.
    `metadata` is accepted for a uniform call and deliberately not written into the table
    (see module doc)."""
    del metadata
    text = _csv_frame(df).to_csv(index=False, lineterminator="\r\n")
    return (BOM + text).encode("utf-8")


def metadata_rows(metadata: Mapping[str, object]) -> list[tuple[str, str]]:
    rows = []
    for key, value in metadata.items():
        if isinstance(value, list | tuple):
            rows += [(str(key), str(v)) for v in value] or [(str(key), "")]
        else:
            rows.append((str(key), str(value)))
    return rows


MAX_WIDTH = 60  # characters: wider text wraps in the cell's own view


def xlsx_bytes(df: pd.DataFrame, metadata: Mapping[str, object]) -> bytes:
    """Excel workbook: sheet "data" holds the rows (bold, frozen header with an autofilter,
    columns as wide as their content), sheet "metadata" the sources, licence, filters and
    export time (one key/value per row). Whole numbers are integers, not 8.0."""
    wb = Workbook()
    sheet = wb.active
    sheet.title = "data"
    sheet.append([str(c) for c in df.columns])
    for row in safe_frame(df).itertuples(index=False):
        sheet.append([_cell(v) for v in row])
    _format_sheet(sheet, len(df.columns))
    meta = wb.create_sheet("metadata")
    meta.append(["key", "value"])
    for key, value in metadata_rows(metadata):
        meta.append([key, neutralise(value)])
    _format_sheet(meta, 2)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _format_sheet(sheet, n_columns: int) -> None:
    bold = Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
    sheet.freeze_panes = "A2"
    if n_columns:
        sheet.auto_filter.ref = f"A1:{get_column_letter(n_columns)}{max(sheet.max_row, 1)}"
    for i, column in enumerate(sheet.iter_cols(min_row=1, max_row=min(sheet.max_row, 500)), 1):
        longest = max((_width(c.value) for c in column), default=8)
        sheet.column_dimensions[get_column_letter(i)].width = min(max(longest + 2, 8), MAX_WIDTH)


def _width(value: object) -> int:
    """Display width of a cell: a CJK character counts twice."""
    text = "" if value is None else str(value)
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _cell(value: object) -> object:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):  # numpy scalar
        value = value.item()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
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


def _shown(values: tuple[str, ...], vocabulary: str | None, labels: Labels) -> list[str]:
    if vocabulary is None:
        return [labels.place(v) for v in values]
    return [labels.code(vocabulary, v) for v in values]


def filter_summary(f: Filters, labels: Labels) -> str:
    """Human-readable filter description, e.g. '级别=国家级; 省份=湖南省'."""
    parts = []
    for field, key, vocabulary in CHOICES:
        values = getattr(f, field)
        if values:
            parts.append(f"{labels.t(key)}=" + ",".join(_shown(values, vocabulary, labels)))
    if f.text:
        parts.append(f"{labels.t('search')}={f.text}")
    if f.as_of:
        parts.append(f"{labels.t('as_of')}={f.as_of}")
    return "; ".join(parts) or labels.t("all")


def export_metadata(
    f: Filters,
    labels: Labels,
    title: str,
    licence: str,
    sources: pd.DataFrame,
    n_rows: int,
    now: datetime | None = None,
    levels_as_of: str | None = None,
) -> dict[str, object]:
    """What every download carries: title, licence, filters, as of when the levels hold, row
    count, time, source list (each with its own licence or credit line where it has one)."""
    now = now or datetime.now(UTC)
    en = labels.lang == "en" and "title_en" in sources
    listed = [
        " · ".join(
            str(v)
            for v in (
                r.title_en if en else r.title_zh,
                r.publisher_en if en else r.publisher,
                r.published,
                r.url,
                r.licence,
            )
            if isinstance(v, str) and v
        )
        for r in sources.itertuples()
    ]
    return {
        "dataset": title,
        "licence": licence,
        "filters": filter_summary(f, labels),
        "levels_as_of": levels_as_of or "",
        "rows": n_rows,
        "exported_at": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "sources": listed,
    }


def export_filename(f: Filters, table: str, ext: str, labels: Labels) -> str:
    """e.g. 'parkdata_园区_级别-国家级_省份-湖南省.csv'; 'parkdata_parks_all.csv' unfiltered."""
    parts = ["parkdata", labels.code("table_kinds", table)]
    for field, key, vocabulary in CHOICES:
        values = getattr(f, field)
        if values:
            shown = "+".join(labels.code(vocabulary, v) if vocabulary else v for v in values[:3])
            parts.append(f"{labels.t(key)}-{shown}" + ("+…" if len(values) > 3 else ""))
    if f.text:
        parts.append(f"{labels.t('search_short')}-{f.text[:20]}")
    if f.as_of:
        parts.append(f.as_of)
    if len(parts) == 2:
        parts.append(labels.t("all"))
    stem = _UNSAFE_NAME.sub("-", "_".join(parts)).strip("-.")[:150]
    return f"{stem}.{ext}"


PACKAGE_EXTRAS = ("catalog/REPORT.md",)  # documentation that travels with the tables
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can hold: the same bytes every time


def package_files(package_dir: Path | str) -> list[str]:
    """The files of the data package, relative to it and sorted: datapackage.json, every
    resource's path and schema file, and PACKAGE_EXTRAS where present."""
    package_dir = Path(package_dir)
    descriptor = json.loads((package_dir / "datapackage.json").read_text(encoding="utf-8"))
    names = {"datapackage.json"}
    for res in descriptor["resources"]:
        names.add(res["path"])
        if isinstance(res.get("schema"), str):
            names.add(res["schema"])
    names |= {extra for extra in PACKAGE_EXTRAS if (package_dir / extra).is_file()}
    return sorted(names)


def package_zip(package_dir: Path | str, folder: str = "parkdata") -> bytes:
    """The data package as one zip, its files under `folder`/ with their bytes unchanged."""
    package_dir = Path(package_dir)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in package_files(package_dir):
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, (package_dir / name).read_bytes())
    return buffer.getvalue()
