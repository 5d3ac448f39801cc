"""What the README says about the data is what the data holds (after Datasette's test_docs).

The README's table of files counts the rows of each curated file (parks.csv …), so the counts
are compared with the curated origin's tables; the generated catalogue has its own report
(data/catalog/REPORT.md)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from parkdata.data.dataset import read_parts
from parkdata.data.package import load_package
from parkdata.data.schema import DATA_DIR

README = (DATA_DIR.parent / "README.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def curated():
    return read_parts(DATA_DIR)["articles"]


@pytest.mark.parametrize(
    "table",
    ["parks", "events", "indicators", "industries", "sources", "level_changes", "official_counts"],
)
def test_readme_row_counts_match_the_package(table):
    match = re.search(rf"\| `{table}\.csv` \| (\d+) \|", README)
    assert match, f"README has no row count for {table}.csv"
    rows = pd.read_csv(DATA_DIR / f"{table}.csv", dtype=str)
    assert int(match.group(1)) == len(rows)


VOCABULARIES = ("sectors", "indicator_types", "units")


@pytest.mark.parametrize("vocabulary", ["sectors", "indicator_types", "units"])
def test_readme_vocabulary_sizes_match_the_package(curated, vocabulary):
    files = ", ".join(rf"`{name}\.csv`" for name in VOCABULARIES)
    sizes = re.search(rf"\| {files} \| (\d+), (\d+), (\d+) \|", README)
    assert sizes, "README has no sizes of the vocabularies"
    stated = dict(zip(VOCABULARIES, map(int, sizes.groups()), strict=True))
    assert stated[vocabulary] == len(curated.vocab[vocabulary].frame)


def test_readme_level_counts_match_the_package():
    parks = load_package(DATA_DIR).parks
    levels = parks.loc[parks["origin"] == "articles", "level"].value_counts()
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


def test_every_vocabulary_code_has_both_labels():
    ds = load_package(DATA_DIR)
    for name, vocabulary in ds.vocab.items():
        frame = vocabulary.frame
        if "label_zh" not in frame or name == "qualifiers":  # places: name_en; exact: no label
            continue
        assert frame[["label_zh", "label_en"]].notna().all().all(), name
