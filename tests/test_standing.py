"""A provincial zone's path to national (issue 19, items 2 and 4): its standing among its
province's provincial zones of its type on the facts held, the zones of its type upgraded
since a year, and the candidates list, ordered by a criterion with every value shown."""

from __future__ import annotations

import pandas as pd
import pytest
from apptest import open_page, use_package

from parkdata.data.package import load_package
from parkdata.data.schema import DATA_DIR
from parkdata.model import standing

ON = pd.Timestamp("2026-12-07")


@pytest.fixture(scope="module")
def real():
    return load_package(DATA_DIR)


def test_candidates_are_the_provinces_provincial_zones_of_the_type_ahead_first(real):
    table = standing.candidates(
        real, "湖南省", "economic_development_zone", "approved_area_km2", ON
    )
    parks = real.parks.set_index("park_id")
    assert set(parks.loc[table["park_id"], "level"]) == {"provincial"}
    assert set(parks.loc[table["park_id"], "province"]) == {"湖南省"}
    areas = table["approved_area_km2"].dropna().tolist()
    assert areas == sorted(areas, reverse=True)  # ahead first
    assert table["rank"].iloc[0] == 1 and table["percentile"].iloc[0] == 100
    known = table["approved_area_km2"].notna()
    assert (table["n_with_value"] == int(known.sum())).all()
    assert table.loc[~known, "rank"].isna().all()  # missing is not ranked, never 0
    assert not known.iloc[: int(known.sum())].eq(False).any()  # the missing come last


def test_a_provincial_zone_stands_k_of_n_on_each_criterion(real):
    found = standing.standing(real, "chenzhou_edz", ON).set_index("criterion")
    assert list(found.index) == list(standing.CRITERIA)
    area = found.loc["approved_area_km2"]
    assert area["value"] == pytest.approx(4.0681)
    table = standing.candidates(
        real, "湖南省", "economic_development_zone", "approved_area_km2", ON
    )
    bigger = (table["approved_area_km2"] > 4.0681).sum()
    assert area["rank"] == bigger + 1 and area["n_with_value"] == table["n_with_value"].iloc[0]
    assert standing.standing(real, "changsha_etdz", ON).empty  # national: no such standing


def test_zones_upgraded_since_a_year_put_the_province_first(real):
    found = standing.upgraded_since(real, "chenzhou_edz", 2021, ON)
    assert list(found["park_id"][:2]) == ["s437024", "s437057"]  # 邵阳, 永州 of Hunan, 2021
    assert found["same_province"].iloc[:2].all() and not found["same_province"].iloc[2:].any()
    assert len(found) == 17  # the 13 ETDZs of 2021 and the 4 of 2024
    assert set(found["upgraded"].str[:4]) == {"2021", "2024"}


@pytest.mark.pages
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_profile_and_compare_pages_show_the_path_to_national(lang, monkeypatch):
    use_package(monkeypatch, DATA_DIR)
    at = open_page("profile", lang=lang, park="chenzhou_edz")
    assert not at.exception
    title = {"zh": "晋升国家级之路", "en": "Path to national"}[lang]
    assert title in [h.value for h in at.subheader]
    ranks = next(d.value for d in at.dataframe if "percentile" in d.value.columns)
    assert list(ranks["rank"])[0] == {"zh": "46 个中第 26", "en": "26 of 46"}[lang]
    at = open_page("compare", lang=lang, province="湖南省")
    assert not at.exception
    listed = next(d.value for d in at.dataframe if "sector_match" in d.value.columns)
    assert listed["rank"].iloc[0] == 1 and len(listed) == 46
