"""The Dataset of a package with two origins (parkdata.data.dataset): each origin read on its
own, then merged so that one zone is one row. Built on the fixture package: curated cs-hitech
names catalogue code G431001, the catalogue zone g431001."""

from __future__ import annotations

import pandas as pd
import pytest

from parkdata.data.dataset import catalog_links, combine, read_frames, read_parts
from parkdata.data.schema import FACT_TABLES
from parkdata.testing.fixtures import PARKS, write_fixture


@pytest.fixture(scope="module")
def parts(fixture_dir):
    return read_parts(fixture_dir)


def test_each_origin_is_read_on_its_own(parts):
    assert list(parts) == ["articles", "catalog_2018", "national_other"]
    curated, catalogue = parts["articles"], parts["catalog_2018"]
    assert len(curated.parks) == 7 and set(curated.parks["origin"]) == {"articles"}
    assert list(catalogue.parks["park_id"]) == ["g431001", "s449001", "g111001"]
    assert set(catalogue.parks["origin"]) == {"catalog_2018"}
    assert curated.sources is catalogue.sources and curated.vocab is catalogue.vocab
    # the level changes are one table for every origin, the curated rows first
    assert curated.level_changes is catalogue.level_changes
    changes = curated.level_changes
    assert list(changes["change_id"][-3:]) == ["g431001-c01", "s449001-c01", "g111001-c01"]


def test_types_are_those_of_the_schema(parts):
    parks = parts["catalog_2018"].parks
    assert parks["lat"].dtype == "Float64" and parks["name_en_generated"].dtype == "boolean"
    assert parks["name_en_generated"].all()
    assert not parts["articles"].parks["name_en_generated"].any()  # false, not missing
    assert parts["articles"].indicators["year"].dtype == "Int64"
    assert parts["articles"].parks["parent_id"].isna().sum() == 6  # empty is <NA>, never ''
    assert "level" not in parts["articles"].parks  # a level is a level change, not a column


def test_catalog_links_point_a_catalogue_id_to_its_curated_park(parts):
    assert catalog_links(parts).to_dict() == {"g431001": "cs-hitech"}
    assert catalog_links({"articles": parts["articles"]}).empty


def test_one_zone_is_one_row(ds):
    assert list(ds.parks["park_id"]) == [p["park_id"] for p in PARKS] + ["s449001", "g111001"]
    assert ds.parks["park_id"].is_unique
    assert "g431001" not in set(ds.parks["park_id"])


def test_the_curated_park_keeps_its_own_row_and_gains_the_catalogues_facts(ds, parts):
    """cs-hitech keeps its id, names, point and level (the curator's), and remembers the
    catalogue id; the catalogue's approval and approved area now name it."""
    cs = ds.parks.set_index("park_id").loc["cs-hitech"]
    assert (cs["lat"], cs["lon"], cs["level_as_of"]) == (28.23, 112.88, "2018")  # its listed row
    assert (cs["name_en"], cs["origin"], cs["catalog_id"]) == (
        "Changsha Hi-tech Zone",
        "articles",
        "g431001",
    )
    changes = ds.level_changes.set_index("change_id")
    assert changes.loc["g431001-c01", "park_id"] == "cs-hitech"
    indicators = ds.indicators.set_index("fact_id")
    assert indicators.loc["g431001-i01", "park_id"] == "cs-hitech"
    assert indicators.loc["g431001-i01", "source_id"] == "cat_2018"  # still cites the catalogue
    for table in FACT_TABLES:
        merged = getattr(ds, table)
        expected = len(getattr(parts["articles"], table)) + len(
            getattr(parts["catalog_2018"], table)
        )
        assert len(merged) == expected, table  # no fact lost or doubled
        assert not set(merged["park_id"].dropna()) - set(ds.parks["park_id"]), table


def test_a_linked_park_without_a_point_takes_the_catalogues(parts):
    """浏阳高新区 is linked to its catalogue row but the articles give it no point: it takes the
    catalogue's seat, marked as a seat with the catalogue's source, instead of leaving the map."""
    articles = parts["articles"]
    parks = articles.parks.copy()
    cs = parks["park_id"] == "cs-hitech"
    parks.loc[cs, ["lat", "lon"]] = pd.NA
    parks.loc[cs, ["location_precision", "location_source_id", "location_note"]] = pd.NA
    merged = combine({**parts, "articles": articles.replace(parks=parks)})
    got = merged.parks.set_index("park_id").loc["cs-hitech"]
    catalogue = parts["catalog_2018"].parks.set_index("park_id").loc["g431001"]
    columns = ["lat", "lon", "location_precision", "location_source_id", "location_note"]
    assert got[columns].tolist() == catalogue[columns].tolist()
    assert got["name_zh"] == parks.loc[cs, "name_zh"].iloc[0]  # the rest stays the curator's


def test_every_linked_park_of_the_package_has_a_point():
    ds = read_frames()
    linked = ds.parks[ds.parks["catalog_id"].notna()]
    assert len(linked) == 23
    assert linked[["lat", "lon"]].notna().all().all()
    assert ds.parks.set_index("park_id").at["liuyang_htz", "location_precision"] == "county_seat"


def test_the_other_zones_are_kept_as_they_are(ds, parts):
    catalogue = parts["catalog_2018"].parks.set_index("park_id")
    merged = ds.parks.set_index("park_id")
    for park in ("s449001", "g111001"):
        assert merged.loc[park, "name_zh"] == catalogue.loc[park, "name_zh"]
        assert merged.loc[park, "origin"] == "catalog_2018"
        assert pd.isna(merged.loc[park, "catalog_id"])
    assert merged.loc["linwu", "catalog_id"] is pd.NA
    assert ds.parks["catalog_id"].dtype == "string"


def test_curated_rows_come_first_so_their_lines_stay_those_of_parks_csv(ds, parts):
    curated = parts["articles"]
    assert ds.parks["park_id"].iloc[: len(curated.parks)].tolist() == list(curated.parks["park_id"])
    for table in FACT_TABLES:
        ids = getattr(curated, table).iloc[:, 0].tolist()
        assert getattr(ds, table).iloc[: len(ids), 0].tolist() == ids, table


def test_a_package_without_the_catalogue_loads_its_curated_parks(tmp_path, fixture_dir):
    only = combine({"articles": read_parts(fixture_dir)["articles"]})
    assert len(only.parks) == 7
    assert only.parks["catalog_id"].isna().all() and only.parks["catalog_id"].dtype == "string"


def test_a_code_the_catalogue_does_not_have_links_nothing(tmp_path):
    parks = [p | {"catalog_code": "G999999"} if p["park_id"] == "cs-hitech" else p for p in PARKS]
    ds = read_frames(write_fixture(tmp_path / "pkg", tables={"parks": parks}))
    assert len(ds.parks) == 10 and ds.parks["catalog_id"].isna().all()
    assert ds.level_changes.set_index("change_id").loc["g431001-c01", "park_id"] == "g431001"


def test_two_curated_parks_naming_one_code_do_not_break_loading(tmp_path):
    """The rules report the repeated code (rules.link_problems, which merges the origins to
    check levels); reading must not fail on it, nor lose or double a zone or a fact."""
    parks = [p | {"catalog_code": "G431001"} if p["park_id"] == "longping" else p for p in PARKS]
    package = write_fixture(tmp_path / "pkg", tables={"parks": parks})
    ds = read_frames(package)
    assert ds.parks["park_id"].is_unique
    parts = read_parts(package)
    assert len(ds.events) == sum(len(part.events) for part in parts.values())
