"""Where a provincial zone stands on its path to national (issue 19, items 2 and 4), on the
facts the package holds for every zone: its approved area, the years since it became
provincial, and how many of its leading sectors the province's national zones of its type also
lead in. A comparison on the facts held, never a prediction; a zone without a value is counted
as such ("k of n with a value"), never as 0. Codes only; `parkdata.present` labels it."""

from __future__ import annotations

import pandas as pd

from parkdata.data.dataset import Dataset
from parkdata.data.schema import LEVEL_NATIONAL
from parkdata.model import levels as lv
from parkdata.model import upgrades
from parkdata.model.peers import PEER_AREA

LEVEL_PROVINCIAL = upgrades.LEVEL_PROVINCIAL
# criterion -> larger is ahead (an older, larger zone, one leading in more of the sectors the
# province's national zones lead in). The list a user picks from.
CRITERIA = {"approved_area_km2": True, "years_provincial": True, "sector_match": True}


def _sectors(ds: Dataset) -> dict[str, set[str]]:
    """park_id -> set of the sectors it leads in (its newest year's leading industries)."""
    ind = ds.industries[(ds.industries["role"] == "leading") & ds.industries["sector"].notna()]
    ind = ind.dropna(subset=["park_id"])
    if "year" in ind:
        newest = ind.groupby("park_id")["year"].transform("max")
        ind = ind[newest.isna() | (ind["year"] == newest)]
    out: dict[str, set[str]] = {}
    for park, sector in zip(ind["park_id"].astype(str), ind["sector"].astype(str), strict=True):
        out.setdefault(park, set()).add(sector)
    return out


def facts(ds: Dataset, park_ids: pd.Series, on: pd.Timestamp) -> pd.DataFrame:
    """The criteria of `park_ids` (index park_id): approved_area_km2, provincial_since,
    years_provincial (whole years to `on`), sectors (joined codes), n_sectors; missing stays
    missing."""
    area = lv.area_km2(ds, PEER_AREA)
    since = lv.first_reached(ds).get(LEVEL_PROVINCIAL, pd.DataFrame(columns=["date"]))["date"]
    out = pd.DataFrame(index=pd.Index(park_ids.astype(str).to_numpy(), name="park_id"))
    out["approved_area_km2"] = out.index.map(area).astype("Float64")
    out["provincial_since"] = out.index.map(since).astype("string")
    start = pd.to_datetime(out["provincial_since"].str[:4], format="%Y", errors="coerce")
    out["years_provincial"] = (on.year - start.dt.year).astype("Int64")
    sectors = _sectors(ds)
    out["sectors"] = [sectors.get(p) for p in out.index]
    return out


def national_sectors(ds: Dataset, province: str, zone_type: str) -> set[str]:
    """The sectors the province's national zones of `zone_type` lead in."""
    parks = ds.parks
    mine = parks[
        (parks["province"] == province)
        & (parks["zone_type"] == zone_type)
        & (parks["level"] == LEVEL_NATIONAL)
    ]
    sectors = _sectors(ds)
    found: set[str] = set()
    for park in mine["park_id"]:
        found |= sectors.get(park, set())
    return found


def _criteria(ds: Dataset, province: str, zone_type: str, on: pd.Timestamp) -> pd.DataFrame:
    """Every criterion's value of the provincial zones of `zone_type` in `province` (index
    park_id), with name_zh to order ties."""
    parks = ds.parks
    mine = parks[
        (parks["province"] == province)
        & (parks["zone_type"] == zone_type)
        & (parks["level"] == LEVEL_PROVINCIAL)
    ]
    out = facts(ds, mine["park_id"], on)
    target = national_sectors(ds, province, zone_type)
    out["n_sectors"] = pd.array([len(s) if s else pd.NA for s in out["sectors"]], dtype="Int64")
    out["sector_match"] = pd.array(
        [len(s & target) if s and target else pd.NA for s in out["sectors"]], dtype="Int64"
    )
    out["sectors"] = ["、".join(sorted(s)) if s else pd.NA for s in out["sectors"]]
    out["name_zh"] = mine.set_index("park_id")["name_zh"]
    return out.astype({"sectors": "string"})


def _ranked(table: pd.DataFrame, criterion: str) -> pd.DataFrame:
    """`table` with rank / n_with_value / percentile on `criterion` (100 = ahead of every
    other with a value), ahead first, zones without a value last in name order."""
    value = table[criterion].astype("Float64")
    n = int(value.notna().sum())
    ahead_first = not CRITERIA[criterion]
    below = value.rank(ascending=True, method="min") - 1  # zones with a smaller value
    out = table.assign(
        rank=value.rank(ascending=ahead_first, method="min").astype("Int64"),
        n_with_value=n,
        percentile=(below / max(n - 1, 1) * 100).round(0).astype("Int64"),
        _missing=value.isna(),
    )
    out = out.sort_values(["_missing", "rank", "name_zh"], kind="stable")
    return out.drop(columns=["_missing", "name_zh"]).reset_index()


def candidates(
    ds: Dataset, province: str, zone_type: str, criterion: str, on: pd.Timestamp
) -> pd.DataFrame:
    """The provincial zones of `zone_type` in `province`, ahead first by `criterion` (one of
    CRITERIA; zones without a value last, in name order), with every criterion's value: park_id,
    approved_area_km2, provincial_since, years_provincial, sector_match (how many of its
    leading sectors the province's national zones of the type also lead in), n_sectors, and
    rank / n_with_value / percentile on `criterion` (100 = ahead of every other)."""
    return _ranked(_criteria(ds, province, zone_type, on), criterion)


def standing(ds: Dataset, park_id: str, on: pd.Timestamp) -> pd.DataFrame:
    """A provincial zone among its province's provincial zones of its type, per criterion:
    criterion, value, rank, n_with_value, percentile (missing where it has no value). Empty for
    a zone that is not provincial."""
    rows = ds.parks[ds.parks["park_id"] == park_id]
    if rows.empty or rows.iloc[0]["level"] != LEVEL_PROVINCIAL:
        return pd.DataFrame(columns=["criterion", "value", "rank", "n_with_value", "percentile"])
    park = rows.iloc[0]
    table = _criteria(ds, park["province"], park["zone_type"], on)  # once, ranked per criterion
    out = []
    for criterion in CRITERIA:
        ranked = _ranked(table, criterion)
        me = ranked[ranked["park_id"] == park_id].iloc[0]
        shown = {key: me[key] for key in ("rank", "n_with_value", "percentile")}
        out.append({"criterion": criterion, "value": me[criterion], **shown})
    return pd.DataFrame(out)


def upgraded_since(ds: Dataset, park_id: str, since: int, on: pd.Timestamp) -> pd.DataFrame:
    """The zones of `park_id`'s type upgraded to national since `since` (its province first,
    then the rest of China), with the facts held: park_id, province, upgraded (date),
    approved_area_km2, years_provincial (from provincial to the upgrade), sectors,
    same_province."""
    rows = ds.parks[ds.parks["park_id"] == park_id]
    if rows.empty:
        return pd.DataFrame()
    park = rows.iloc[0]
    ups = upgrades.upgrades(ds)
    ups = ups[(ups["zone_type"] == park["zone_type"]) & (ups["year"] >= since)]
    ups = ups.drop_duplicates("park_id", keep="last")
    held = facts(ds, ups["park_id"], on)
    out = ups[["park_id", "province", "date"]].rename(columns={"date": "upgraded"})
    out = out.set_index("park_id").join(held)
    start = pd.to_numeric(out["provincial_since"].str[:4], errors="coerce")
    out["years_provincial"] = (
        pd.to_numeric(out["upgraded"].str[:4], errors="coerce") - start
    ).astype("Int64")
    out["sectors"] = ["、".join(sorted(s)) if s else pd.NA for s in out["sectors"]]
    out["same_province"] = out["province"] == park["province"]
    out = out.reset_index().sort_values(
        ["same_province", "upgraded"], ascending=[False, False], kind="stable"
    )
    return out.reset_index(drop=True).astype({"sectors": "string"})
