"""The package's counts of national zones beside the official ones (official_counts.csv): at
each date an official source states a total, how many zones of that type the package holds at
that level then (`levels.level_at` at the end of the date's period), and the difference with
the curator's explanation. Codes only; the Sources page labels it."""

from __future__ import annotations

import pandas as pd

from parkdata.data.dataset import Dataset
from parkdata.data.dates import date_ends
from parkdata.model import levels as lv

CATALOGUE_SOURCE = "cat_2018"  # the 2018 catalogue's own rows (sources.csv)


def reconcile(ds: Dataset) -> pd.DataFrame:
    """One row per official count: count_id, zone_type, level, date, official, package,
    difference (official - package), difference_zh, difference_en, source_id, evidence."""
    counts = ds.official_counts
    columns = ["count_id", "zone_type", "level", "date", "official", "package", "difference",
               "difference_zh", "difference_en", "source_id", "evidence"]  # fmt: skip
    if counts is None or counts.empty:
        return pd.DataFrame(columns=columns)
    kinds = ds.parks.set_index("park_id")["zone_type"]
    package = []
    for row, end in zip(counts.itertuples(index=False), date_ends(counts["date"]), strict=True):
        held = lv.level_at(ds, end)
        of_type = kinds.reindex(held.index) == row.zone_type
        package.append(int(((held == row.level) & of_type).sum()))
    out = counts.rename(columns={"count": "official"}).assign(
        package=pd.Series(package, index=counts.index, dtype="Int64")
    )
    out["difference"] = (out["official"] - out["package"]).astype("Int64")
    return out[columns].reset_index(drop=True)


def catalogue_difference(ds: Dataset, when: str = "2018-03") -> tuple[int, int, pd.DataFrame]:
    """At the catalogue's date: (the national zones the catalogue lists, how many of its zones
    the package holds national then, the changes that make the difference: those of its zones
    dated on or before the end of `when` that the catalogue's own rows do not give)."""
    catalogue = ds.parks[ds.parks["catalog_code"].notna()]
    listed = int(catalogue["catalog_code"].str.startswith("G").sum())
    held = lv.level_at(ds.replace(parks=catalogue), date_ends(pd.Series([when])).iloc[0])
    changes = lv.changes_of(ds.replace(parks=catalogue))
    own = changes["source_id"] == CATALOGUE_SOURCE
    moved = changes[~own & (changes["start"] <= date_ends(pd.Series([when])).iloc[0])]
    moved = moved[moved["start"].dt.year == int(when[:4])]
    moved = moved[(moved["level_after"] == "national") | (moved["level_before"] == "national")]
    return listed, int((held == "national").sum()), moved.reset_index(drop=True)
