"""Derivations behind the Compare page: national against provincial, by province and city.

Counting parks is exact (a group with no parks has n = 0). Indicator values are never filled:
a park without a value is counted in `n_missing`, and a group where no park has a value has a
missing total and median (<NA>), not 0. Values are converted to the base unit of their family
(units.to_base) and families are never mixed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from parkdata.data.frames import isin
from parkdata.data.schema import LEVEL_UNKNOWN, TARGET
from parkdata.data.vocab import Vocabulary

UNKNOWN = LEVEL_UNKNOWN

# The group of zones without a value for the grouping column (no city recorded): shown as
# "unknown", never as a blank or a dash.
UNKNOWN_GROUP = "—"


def actual_kinds(vocab: Mapping[str, Vocabulary]) -> tuple[str, ...]:
    """Indicator kinds that are a value the park has (indicator_kinds.counts_as_actual: actual,
    estimate), as opposed to a target."""
    return vocab["indicator_kinds"].where("counts_as_actual")


def inexact_qualifiers(vocab: Mapping[str, Vocabulary]) -> tuple[str, ...]:
    """Qualifiers that are no exact figure (qualifiers.exact false: a size class, 千亿级)."""
    exact = set(vocab["qualifiers"].where("exact"))
    return tuple(q for q in vocab["qualifiers"].codes() if q not in exact)


def _levels(parks: pd.DataFrame, levels: Sequence[str]) -> pd.Series:
    """Level with anything outside `levels` (including missing) as 'unknown'."""
    level = parks["level"].astype("string")
    return level.where(level.isin(list(levels)), UNKNOWN).fillna(UNKNOWN)


def _ordered(frame: pd.DataFrame, by: list[str], levels: Sequence[str]) -> pd.DataFrame:
    order = {level: i for i, level in enumerate(levels)}
    keys = [c for c in by if c != "level"]
    frame = frame.assign(_order=frame["level"].map(order))
    return frame.sort_values([*keys, "_order"], kind="stable").drop(columns="_order")


def counts_by(
    parks: pd.DataFrame, by: list[str] | tuple[str, ...], levels: Sequence[str]
) -> pd.DataFrame:
    """Number of parks per level (every level of `levels`, the vocabulary's order) within each
    group of `by` (e.g. ['province']): columns *by, level, n. Missing values in a `by` column
    form their own group (<NA>)."""
    keys = [c for c in by if c != "level"]
    frame = parks[keys].copy()
    frame["level"] = _levels(parks, levels)
    n = frame.groupby([*keys, "level"], dropna=False).size()
    groups = frame[keys].drop_duplicates() if keys else pd.DataFrame(index=[0])
    grid = groups.merge(pd.DataFrame({"level": list(levels)}), how="cross")
    out = grid.merge(n.rename("n").reset_index(), on=[*keys, "level"], how="left")
    out["n"] = out["n"].fillna(0).astype("int64")
    out["level"] = out["level"].astype("string")
    return _ordered(out, ["level", *keys], levels).reset_index(drop=True)


def groups_by_size(counts: pd.DataFrame, by: str) -> list[str]:
    """The groups of a `counts_by` frame, most parks first (ties by name)."""
    totals = counts.groupby(counts[by].astype("string").fillna(UNKNOWN_GROUP))["n"].sum()
    frame = totals.rename("n").reset_index()
    return frame.sort_values(["n", by], ascending=[False, True])[by].tolist()


def groups_without_values(frame: pd.DataFrame, by: str, y: str) -> list[str]:
    """Groups of `by` (in the frame's order) where no level has a value of `y`: a chart draws
    no bar for them and says so, rather than a row of empty places."""
    if frame.empty:
        return []
    has = frame[y].notna().groupby(frame[by].astype("string").fillna(UNKNOWN_GROUP), sort=False)
    has = has.any()
    return [str(g) for g, ok in has.items() if not ok]


def levels_present(counts: pd.DataFrame) -> pd.DataFrame:
    """`counts_by` rows of the levels some park holds: a level with n = 0 in every group (no
    park at all) is left out of a chart, while a 0 beside a level that occurs elsewhere stays."""
    total = counts.groupby("level")["n"].transform("sum")
    return counts[total > 0].reset_index(drop=True)


def park_values(
    indicators: pd.DataFrame,
    units: pd.DataFrame,
    indicator: str,
    *,
    kinds: Sequence[str],
    inexact: Sequence[str],
) -> pd.DataFrame:
    """One value per park for `indicator` in the family's base unit: park_id, value (Float64),
    base_unit, year, unit, fact_id. The latest year wins (undated rows rank first); rows for a
    whole city (no park_id) and rows whose qualifier is in `inexact` (a size class: 千亿级 is
    not 1000; the qualifiers vocabulary marks them) are left out, so no total, median or chart
    reads a class as an exact value. ValueError if the rows mix unit families."""
    size_class = isin(indicators["qualifier"], inexact)
    rows = indicators[
        (indicators["indicator"] == indicator)
        & indicators["park_id"].notna()
        & indicators["kind"].isin(list(kinds))
        & indicators["value"].notna()
        & ~size_class
    ]
    table = units.set_index("unit")
    unknown = set(rows["unit"].dropna()) - set(table.index)
    if unknown:
        raise ValueError(f"unknown unit(s) for {indicator}: {sorted(unknown)}")
    families = set(rows["unit"].map(table["family"]).dropna())
    if len(families) > 1:
        raise ValueError(f"{indicator} mixes unit families {sorted(families)}; not comparable")
    out = rows.assign(
        value=(rows["value"].astype("Float64") * rows["unit"].map(table["to_base"])).astype(
            "Float64"
        ),
        base_unit=rows["unit"].map(table["base_unit"]).astype("string"),
        _year=rows["year"].astype("Float64").fillna(-1),
    )
    out = out.sort_values(["park_id", "_year"], kind="stable").groupby("park_id").tail(1)
    columns = ["park_id", "value", "base_unit", "year", "unit", "fact_id"]
    return out[columns].reset_index(drop=True)


def indicator_by_level(
    indicators: pd.DataFrame,
    parks: pd.DataFrame,
    units: pd.DataFrame,
    indicator: str,
    levels: Sequence[str],
    by: str | list[str] = "level",
    *,
    kinds: Sequence[str],
    inexact: Sequence[str],
) -> pd.DataFrame:
    """Per group of `by` (level, or e.g. ['province', 'level']): total and median of the
    indicator in the base unit over the parks that have a value, `n_parks` (parks with a value)
    and `n_missing` (parks of the group without one). Every level appears; a group without any
    value has <NA> total/median. Columns: *by, total, median, base_unit, n_parks, n_missing."""
    values = park_values(indicators, units, indicator, kinds=kinds, inexact=inexact)
    base = values["base_unit"].dropna().unique()
    per_park = values.set_index("park_id")["value"]
    return values_by_level(per_park, parks, levels, by, base_unit=base[0] if len(base) else None)


def values_by_level(
    values: pd.Series,
    parks: pd.DataFrame,
    levels: Sequence[str],
    by: str | list[str] = "level",
    *,
    base_unit: str | None = None,
) -> pd.DataFrame:
    """Like `indicator_by_level` for any per-park Series indexed by park_id (e.g.
    levels.planned_area_km2(ds), base_unit='km2'); parks absent from it count as missing."""
    keys = [by] if isinstance(by, str) else list(by)
    if "level" not in keys:
        keys.append("level")
    others = [k for k in keys if k != "level"]
    frame = parks[["park_id", *others]].copy()
    frame["level"] = _levels(parks, levels)
    frame["value"] = frame["park_id"].map(values).astype("Float64")
    grouped = frame.groupby(keys, dropna=False)["value"]
    stats = pd.DataFrame(
        {
            "total": grouped.sum(min_count=1),
            "median": grouped.median(),
            "n_parks": grouped.count(),
            "n_missing": grouped.size() - grouped.count(),
        }
    ).reset_index()
    groups = frame[others].drop_duplicates() if others else pd.DataFrame(index=[0])
    grid = groups.merge(pd.DataFrame({"level": list(levels)}), how="cross")
    out = grid.merge(stats, on=keys, how="left")
    out["total"] = out["total"].astype("Float64")
    out["median"] = out["median"].astype("Float64")
    for column in ("n_parks", "n_missing"):
        out[column] = out[column].fillna(0).astype("int64")
    out["base_unit"] = pd.Series([base_unit] * len(out), dtype="string")
    out["level"] = out["level"].astype("string")
    columns = [*keys, "total", "median", "base_unit", "n_parks", "n_missing"]
    return _ordered(out, keys, levels)[columns].reset_index(drop=True)


def current_industries(industries: pd.DataFrame) -> pd.DataFrame:
    """Each park's industry rows of its newest year (undated rows only for parks without a
    dated one): what a park leads in now, not in several eras at once."""
    if "year" not in industries or industries.empty:
        return industries
    newest = industries.groupby("park_id")["year"].transform("max")
    return industries[newest.isna() | (industries["year"] == newest)]


def sector_mix(
    industries: pd.DataFrame,
    parks: pd.DataFrame,
    sectors: pd.DataFrame,
    levels: Sequence[str],
    by: Sequence[str] = (),
    *,
    roles: tuple[str, ...] | None = None,
) -> pd.DataFrame:
    """How many parks of each level (and group of `by`, e.g. ['province']) have industries in
    each sector: columns *by, level, sector, label_zh, label_en, n_parks, n_with_data (parks of
    that level and group with any industry row, the denominator) and share = n_parks /
    n_with_data (<NA> when no park there has data). A park counts once per sector. `roles`
    limits to e.g. ('leading',)."""
    keys = [c for c in by if c != "level"]
    ind = current_industries(industries[industries["park_id"].notna()])
    ind = ind[ind["sector"].notna()]
    if roles is not None:
        ind = ind[ind["role"].isin(roles)]
    ind = ind[isin(ind["park_id"], parks["park_id"])]
    info = parks[["park_id", *keys]].assign(level=_levels(parks, levels)).set_index("park_id")
    pairs = ind[["park_id", "sector"]].drop_duplicates().join(info, on="park_id")
    n = pairs.groupby([*keys, "level", "sector"], dropna=False).size().rename("n_parks")
    with_data = (
        pairs.groupby([*keys, "level"], dropna=False)["park_id"].nunique().rename("n_with_data")
    )
    groups = info[keys].drop_duplicates() if keys else pd.DataFrame(index=[0])
    grid = groups.merge(pd.DataFrame({"level": list(levels)}), how="cross").merge(
        sectors[["sector", "label_zh", "label_en"]], how="cross"
    )
    out = grid.merge(n.reset_index(), on=[*keys, "level", "sector"], how="left")
    out = out.merge(with_data.reset_index(), on=[*keys, "level"], how="left")
    out["n_parks"] = out["n_parks"].fillna(0).astype("int64")
    out["n_with_data"] = out["n_with_data"].fillna(0).astype("int64")
    share = out["n_parks"].astype("Float64") / out["n_with_data"].astype("Float64")
    out["share"] = share.where(out["n_with_data"] > 0)
    out["level"] = out["level"].astype("string")
    return _ordered(out, [*keys, "level"], levels).reset_index(drop=True)


def targets_with_actuals(
    indicators: pd.DataFrame, units: pd.DataFrame, *, kinds: Sequence[str]
) -> pd.DataFrame:
    """Every target, with the latest value of a kind in `kinds` (actual, estimate) of the same
    park (or, for city-wide rows, the same region) and indicator where one exists. Columns:
    park_id, region, indicator, target_value, target_unit, target_year, target_fact_id,
    target_source_id, actual_value, actual_unit, actual_year, actual_fact_id, target_base,
    actual_base, base_unit and ratio = actual_base / target_base (only within one unit family;
    missing without an actual)."""
    ind = indicators.assign(_key=indicators["park_id"].fillna("region:" + indicators["region"]))
    if "qualifier" not in ind:
        ind = ind.assign(qualifier=pd.Series(pd.NA, index=ind.index, dtype="string"))
    ind = ind[ind["_key"].notna() & ind["value"].notna()]
    targets = ind[ind["kind"] == TARGET]
    actuals = ind[ind["kind"].isin(list(kinds))].assign(
        _year=lambda f: f["year"].astype("Float64").fillna(-1)
    )
    latest = actuals.sort_values("_year", kind="stable").groupby(["_key", "indicator"]).tail(1)
    pick = ["_key", "indicator", "value", "unit", "year", "fact_id"]
    paired = targets[[*pick, "park_id", "region", "target_year", "source_id", "qualifier"]].merge(
        latest[pick], on=["_key", "indicator"], how="left", suffixes=("_t", "_a")
    )
    out = pd.DataFrame(
        {
            "park_id": paired["park_id"],
            "region": paired["region"],
            "indicator": paired["indicator"],
            "target_value": paired["value_t"],
            "target_qualifier": paired["qualifier"],
            "target_unit": paired["unit_t"],
            "target_year": paired["target_year"].fillna(paired["year_t"]),
            "target_fact_id": paired["fact_id_t"],
            "target_source_id": paired["source_id"],
            "actual_value": paired["value_a"],
            "actual_unit": paired["unit_a"],
            "actual_year": paired["year_a"],
            "actual_fact_id": paired["fact_id_a"],
        }
    )
    return _with_base(out, units).reset_index(drop=True)


def targets_vs_actuals(
    indicators: pd.DataFrame, units: pd.DataFrame, *, kinds: Sequence[str]
) -> pd.DataFrame:
    """`targets_with_actuals` limited to the targets that have an actual to compare with."""
    both = targets_with_actuals(indicators, units, kinds=kinds)
    return both[both["actual_value"].notna()].reset_index(drop=True)


def _with_base(out: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    table = units.set_index("unit")
    same = out["target_unit"].map(table["family"]) == out["actual_unit"].map(table["family"])
    target = (out["target_value"] * out["target_unit"].map(table["to_base"])).astype("Float64")
    actual = (out["actual_value"] * out["actual_unit"].map(table["to_base"])).astype("Float64")
    out = out.assign(
        target_base=target,
        actual_base=actual.where(same.fillna(False)),
        base_unit=out["target_unit"].map(table["base_unit"]).astype("string"),
    )
    out["ratio"] = (out["actual_base"] / out["target_base"]).where(out["target_base"] != 0)
    return out
