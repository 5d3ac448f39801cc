"""The path to national (issue 19, item 1): upgrades from provincial to national per year and
zone type, from the level-change facts; checked against counts made by hand from
../shared/reference/later_changes_2018_2026.csv (rows with old_level provincial and new_level
national, by year of date and zone type)."""

from __future__ import annotations

import pandas as pd
import pytest
from apptest import open_page, use_package

from parkdata.data.package import load_package
from parkdata.data.schema import DATA_DIR
from parkdata.model import upgrades
from parkdata.model.filters import Filters, apply_filters
from parkdata.present import charts, tables
from parkdata.present.labels import Labels

# year -> (high-tech zones, ETDZs) upgraded, counted by hand from the reference table
BY_HAND = {2018: (12, 0), 2021: (0, 13), 2022: (7, 0), 2023: (1, 0), 2024: (0, 4), 2026: (1, 0)}


@pytest.fixture(scope="module")
def real():
    return load_package(DATA_DIR)


def counts(per_year: pd.DataFrame) -> dict[int, tuple[int, int]]:
    out: dict[int, list[int]] = {}
    for year, kind, n in zip(per_year["year"], per_year["zone_type"], per_year["n"], strict=True):
        slot = {"high_tech_zone": 0, "economic_development_zone": 1}[kind]
        out.setdefault(int(year), [0, 0])[slot] += int(n)
    return {year: (htz, etdz) for year, (htz, etdz) in out.items()}


@pytest.mark.parametrize("year", sorted(BY_HAND))
def test_upgrades_per_year_and_type_equal_the_facts(real, year):
    found = counts(upgrades.per_year(upgrades.upgrades(real)))
    assert found[year] == BY_HAND[year]


def test_earlier_upgrades_are_those_a_source_dates(real):
    """Before 2018 only curated changes date an upgrade (the catalogue does not say which of
    its national zones were upgraded)."""
    ups = upgrades.upgrades(real)
    early = ups[ups["year"] < 2018]
    assert len(early) == 5
    assert set(early["park_id"]) <= set(
        real.parks.loc[real.parks["origin"] == "articles", "park_id"]
    )


def test_filters_apply_and_each_upgrade_names_its_zone(real):
    hunan = apply_filters(real, Filters(provinces=("湖南省",)))
    ups = upgrades.upgrades(hunan)
    assert set(ups["province"]) == {"湖南省"}
    by_year = upgrades.per_year(ups)
    national_2021 = by_year[(by_year["year"] == 2021)]
    assert national_2021["n"].sum() == 2  # 永州, 邵阳 of the 2021 batch
    zh = Labels(real.vocab, "zh")
    fig = charts.upgrades_chart(by_year, zh, dict(zh.park_names(hunan.parks)))
    etdz = next(t for t in fig.data if t.name == "经济技术开发区")
    hover = etdz.customdata[list(etdz.x).index(2021)]
    assert "永州经济技术开发区" in hover and "邵阳经济技术开发区" in hover


def test_the_upgrades_table_and_its_sources(real):
    en = Labels(real.vocab, "en")
    frame = tables.table(real, "upgrades", en)
    assert len(frame) == len(upgrades.upgrades(real)) == 43
    assert list(frame.columns[:3]) == ["name", "province", "zone_type"]
    assert frame["source"].notna().all() and frame["park_id"].notna().all()
    assert set(tables.cited_sources(real, "upgrades")["source_id"]) <= set(
        real.sources["source_id"]
    )


@pytest.mark.pages
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_timeline_shows_upgrades_with_their_rows(lang, monkeypatch):
    use_package(monkeypatch, DATA_DIR)
    at = open_page("timeline", lang=lang, province="湖南省")
    assert not at.exception
    title = {"zh": "升为国家级", "en": "Upgrades to national"}[lang]
    assert title in [h.value for h in at.subheader]
    rows = next(d.value for d in at.dataframe if "document" in d.value.columns)
    assert len(rows) == len(
        upgrades.upgrades(apply_filters(load_package(DATA_DIR), Filters(provinces=("湖南省",))))
    )


def test_an_approval_two_sources_state_says_so_on_both_rows(real):
    """Issue 18: 长沙高新区's 1991-03 approval, from the catalogue and an article, was listed
    twice with nothing saying so; each row now names the other source."""
    from parkdata.model import levels

    lc = real.level_changes[real.level_changes["park_id"] == "changsha_htz"]
    same = levels.restated_by(lc)
    assert dict(zip(lc["change_id"], same, strict=True)) == {
        "changsha_htz-c02": ("g432033-c01",),
        "changsha_htz-l01": (),  # a listing restates nothing
        "g432033-c01": ("changsha_htz-c02",),
    }
    en = Labels(real.vocab, "en")
    frame = tables.table(apply_filters(real, Filters(text="长沙高新")), "level_changes", en)
    approvals = frame[frame["date"] == "1991-03"]
    assert len(approvals) == 2 and approvals["also_stated_by"].notna().all()
