"""Display frames for the Table page (and the downloads, which hold exactly the same rows).

Each `*_table(ds, lang)` keeps the source columns' names (so code and tests can address them),
keeps `park_id` for traceability, replaces codes by labels in `lang` and keeps missing values
missing. `headers(frame, lang)` gives the readable header of each column, with its unit where
the column has one; `labelled(frame, lang)` renames a frame to those headers (what is exported)."""

from __future__ import annotations

import pandas as pd

from parkdata.data.dataset import Dataset
from parkdata.data.frames import isin
from parkdata.present.i18n import column, label

KINDS = ("parks", "indicators", "events", "industries")


def _codes(series: pd.Series, kind: str, lang: str) -> pd.Series:
    return series.map(lambda v: label(kind, v, lang), na_action="ignore").astype("string")


def _lookup(frame: pd.DataFrame, key: str, lang: str) -> dict[str, str]:
    col = "label_en" if lang == "en" else "label_zh"
    return dict(zip(frame[key], frame[col], strict=False))


def park_names(parks: pd.DataFrame, lang: str) -> pd.Series:
    """park_id -> display name (English when asked and present, else Chinese)."""
    names = parks["name_zh"]
    if lang == "en":
        names = parks["name_en"].fillna(parks["name_zh"])
    return pd.Series(names.to_numpy(), index=parks["park_id"].to_numpy(), dtype="string")


def leading_industries(ds: Dataset, lang: str) -> pd.Series:
    """park_id -> '、'-joined leading industries (missing when none is recorded)."""
    col = "industry_en" if lang == "en" else "industry_zh"
    sep = ", " if lang == "en" else "、"
    ind = ds.industries[ds.industries["role"] == "leading"].dropna(subset=["park_id", col])
    ind = ind[isin(ind["park_id"], ds.parks["park_id"])]  # only the parks asked about
    joined: dict[str, list[str]] = {}
    for park, name in zip(ind["park_id"].tolist(), ind[col].tolist(), strict=True):
        joined.setdefault(park, []).append(name)  # a plain loop: 30x faster than groupby.agg here
    return pd.Series({k: sep.join(v) for k, v in joined.items()}, dtype="string")


def parks_table(ds: Dataset, lang: str, area_km2: pd.Series | None = None) -> pd.DataFrame:
    """One row per park; `area_km2` (park_id -> planned area in km²) adds that column."""
    p = ds.parks
    out = p[["park_id", "name_zh", "name_en", "short_name_zh", "province", "city", "county"]].copy()
    out["level"] = _codes(p["level"], "level", lang)
    out["level_as_of"] = p["level_as_of"]
    out["zone_type"] = _codes(p["zone_type"], "zone_type", lang)
    if area_km2 is not None:
        out["planned_area_km2"] = p["park_id"].map(area_km2).astype("Float64")
    out["leading_industries"] = p["park_id"].map(leading_industries(ds, lang)).astype("string")
    out["parent_id"] = p["parent_id"]
    out["lat"], out["lon"] = p["lat"], p["lon"]
    out["location_precision"] = _codes(p["location_precision"], "location_precision", lang)
    return out.reset_index(drop=True)


def _park_columns(facts: pd.DataFrame, ds: Dataset, lang: str) -> pd.DataFrame:
    names = park_names(ds.parks, lang)
    return pd.DataFrame(
        {
            "park_id": facts["park_id"],
            "name": facts["park_id"].map(names).astype("string"),
            "region": facts["region"],
        }
    )


def indicators_table(ds: Dataset, lang: str) -> pd.DataFrame:
    f = ds.indicators
    out = _park_columns(f, ds, lang)
    out["indicator"] = (
        f["indicator"].map(_lookup(ds.indicator_types, "indicator", lang)).astype("string")
    )
    out["kind"] = _codes(f["kind"], "kind", lang)
    out["year"] = f["year"]
    out["qualifier"] = _codes(f["qualifier"], "qualifier", lang)
    out["value"], out["value_max"] = f["value"], f["value_max"]
    out["unit"] = f["unit"].map(_lookup(ds.units, "unit", lang)).astype("string")
    out["target_year"], out["period"] = f["target_year"], f["period"]
    out["description_en"] = f["description_en"]
    out["source_id"], out["evidence"] = f["source_id"], f["evidence"]
    return out.reset_index(drop=True)


def events_table(ds: Dataset, lang: str) -> pd.DataFrame:
    f = ds.events
    out = _park_columns(f, ds, lang)
    out["date"] = f["date"]  # text: keeps its precision (2006-08 stays a month)
    out["event"] = _codes(f["event"], "event", lang)
    out["level_after"] = _codes(f["level_after"], "level", lang)
    out["description"] = f["description_en" if lang == "en" else "description_zh"]
    out["source_id"], out["evidence"] = f["source_id"], f["evidence"]
    return out.reset_index(drop=True)


def industries_table(ds: Dataset, lang: str) -> pd.DataFrame:
    f = ds.industries
    out = _park_columns(f, ds, lang)
    out["industry_zh"], out["industry_en"] = f["industry_zh"], f["industry_en"]
    out["sector"] = f["sector"].map(_lookup(ds.sectors, "sector", lang)).astype("string")
    out["role"] = _codes(f["role"], "role", lang)
    out["companies_zh"] = f["companies_zh"]
    out["source_id"], out["evidence"] = f["source_id"], f["evidence"]
    return out.reset_index(drop=True)


def table(ds: Dataset, kind: str, lang: str, area_km2: pd.Series | None = None) -> pd.DataFrame:
    """The display frame of `kind` (parks, indicators, events or industries)."""
    if kind == "parks":
        return parks_table(ds, lang, area_km2)
    return {"indicators": indicators_table, "events": events_table, "industries": industries_table}[
        kind
    ](ds, lang)


def headers(frame: pd.DataFrame, lang: str) -> dict[str, str]:
    """Column name -> readable header in `lang` (units in the header where fixed)."""
    return {c: column(c, lang) for c in frame.columns}


def labelled(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    return frame.rename(columns=headers(frame, lang))


def cited_sources(ds: Dataset, kind: str) -> pd.DataFrame:
    """The rows of ds.sources that the `kind` table's rows cite (in sources order)."""
    if kind == "parks":
        ids = set(ds.parks["level_source_id"].dropna()) | set(
            ds.parks["location_source_id"].dropna()
        )
    else:
        ids = set(getattr(ds, kind)["source_id"].dropna())
    return ds.sources[ds.sources["source_id"].isin(ids)]


def unit_label(ds: Dataset, unit: str, lang: str) -> str:
    """The label of a unit code (亿元, km², ...); the code when unknown."""
    return _lookup(ds.units, "unit", lang).get(unit, unit)


def indicator_choices(ds: Dataset, lang: str) -> dict[str, str]:
    """indicator -> label, for the indicators with an actual or estimated value for some park."""
    ind = ds.indicators
    rows = ind["park_id"].notna() & ind["kind"].isin(("actual", "estimate"))
    present = set(ind.loc[rows, "indicator"])
    labels = _lookup(ds.indicator_types, "indicator", lang)
    return {i: labels[i] for i in ds.indicator_types["indicator"] if i in present}


def targets_table(ds: Dataset, lang: str) -> pd.DataFrame:
    """Targets paired with the latest actual (compare.targets_vs_actuals), with readable names,
    indicator and unit labels; ratio = actual / target in the family's base unit."""
    from parkdata.model.compare import targets_vs_actuals

    pairs = targets_vs_actuals(ds.indicators, ds.units)
    names = park_names(ds.parks, lang)
    units = _lookup(ds.units, "unit", lang)
    return pd.DataFrame(
        {
            "name": pairs["park_id"].map(names).fillna(pairs["region"]).astype("string"),
            "indicator": pairs["indicator"].map(_lookup(ds.indicator_types, "indicator", lang)),
            "target_value": pairs["target_value"],
            "target_unit": pairs["target_unit"].map(units),
            "target_year": pairs["target_year"],
            "actual_value": pairs["actual_value"],
            "actual_unit": pairs["actual_unit"].map(units),
            "actual_year": pairs["actual_year"],
            "ratio": pairs["ratio"] if "ratio" in pairs else pd.NA,
        }
    )
