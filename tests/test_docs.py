"""What the README says about the data is what the data holds (after Datasette's test_docs)."""

from __future__ import annotations

import re

from parkdata.data.package import load_package
from parkdata.data.schema import DATA_DIR

README = (DATA_DIR.parent / "README.md").read_text(encoding="utf-8")


def test_readme_row_counts_match_the_package():
    ds = load_package(DATA_DIR)
    for table in ("parks", "events", "indicators", "industries", "sources"):
        match = re.search(rf"\| `{table}\.csv` \| (\d+) \|", README)
        assert match, f"README has no row count for {table}.csv"
        assert int(match.group(1)) == len(getattr(ds, table)), table
    vocab = re.search(
        r"\| `sectors\.csv`, `indicator_types\.csv`, `units\.csv` \| (\d+), (\d+), (\d+) \|", README
    )
    assert vocab and tuple(map(int, vocab.groups())) == (
        len(ds.sectors),
        len(ds.indicator_types),
        len(ds.units),
    )


def test_readme_level_counts_match_the_package():
    levels = load_package(DATA_DIR).parks["level"].value_counts()
    stated = re.search(r"(\d+) national, (\d+) provincial, (\d+) unknown", README)
    assert stated and tuple(map(int, stated.groups())) == (
        levels["national"],
        levels["provincial"],
        levels["unknown"],
    )


def test_every_indicator_and_unit_in_use_is_documented():
    ds = load_package(DATA_DIR)
    types = ds.indicator_types.set_index("indicator")
    assert set(ds.indicators["indicator"]) <= set(types.index)
    assert types[["label_zh", "label_en", "description_en"]].notna().all().all()
    units = ds.units.set_index("unit")
    assert set(ds.indicators["unit"]) <= set(units.index)
    assert units[["label_zh", "label_en"]].notna().all().all()
