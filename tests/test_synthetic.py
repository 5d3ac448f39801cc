"""The synthetic package generator writes packages that validate and look like the real one."""

from __future__ import annotations

import importlib.util

import pandas as pd
import pytest
import shapely

from parkdata.data import boundaries
from parkdata.data.dataset import read_frames
from parkdata.data.schema import DATA_DIR, enum_values, read_descriptor
from parkdata.data.validation import check_files, check_schema
from parkdata.testing.synthetic import generate_package, real_proportions

N = 30


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    return generate_package(N, tmp_path_factory.mktemp("synthetic"), seed=7)


@pytest.fixture(scope="module")
def ds(package):
    return read_frames(package)


def test_files_and_schema_are_valid(package):
    assert check_files(package) == []
    assert [str(p) for p in check_schema(package)] == []


@pytest.mark.skipif(
    importlib.util.find_spec("parkdata.data.rules") is None,
    reason="parkdata.data.rules (the lead's project rules) does not exist yet",
)
def test_validates_with_every_project_rule(package):
    from parkdata.data.validation import validate_package

    assert [str(p) for p in validate_package(package)] == []


def test_descriptor_is_the_real_one(package):
    assert read_descriptor(package) == read_descriptor(DATA_DIR)


def test_sizes_follow_the_real_proportions(ds):
    per_park, _ = real_proportions(DATA_DIR)
    assert len(ds.parks) == N
    assert ds.parks["park_id"].is_unique
    for table in ("events", "indicators", "industries"):
        expected = per_park[table] * N
        assert abs(len(getattr(ds, table)) - expected) <= max(2, 0.1 * expected), table


def test_names_are_chinese_and_provinces_allowed(ds):
    allowed = set(enum_values(read_descriptor(DATA_DIR), "parks", "province"))
    assert set(ds.parks["province"]) <= allowed
    assert ds.parks["name_zh"].str.contains(r"^[\u4e00-\u9fff0-9号]+$").all()
    assert ds.parks["name_zh"].str.contains("高新|经济技术|工业园|集聚区|临空|产业园").all()


def test_coordinates_lie_inside_their_province(tmp_path):
    parks = read_frames(generate_package(2000, tmp_path, seed=3)).parks
    located = parks.dropna(subset=["lat", "lon"])
    assert 0.9 * len(parks) < len(located) < len(parks)  # a few parks have no coordinates
    shapes = boundaries.province_shapes(boundaries.load_boundaries())
    for province, group in located.groupby("province"):
        points = shapely.points(group["lon"].to_numpy(float), group["lat"].to_numpy(float))
        outside = group[~shapely.intersects(shapes[province], points)]
        assert outside.empty, outside[["park_id", "city", "lat", "lon"]].head()


def test_level_is_that_of_the_latest_dated_approval(ds):
    events = ds.events
    approvals = events[events["level_after"].notna() & events["date"].notna()].copy()
    approvals["year"] = approvals["date"].str.slice(0, 4).astype(int)
    latest = approvals.sort_values("year").groupby("park_id")["level_after"].last()
    parks = ds.parks.set_index("park_id")
    assert (parks.loc[latest.index, "level"] == latest).all()
    assert {"national", "provincial"} <= set(latest)
    assert (approvals.groupby(["park_id", "year"]).size() == 1).all()  # no ties


def test_sources_are_references_and_evidence_short(ds):
    assert set(ds.sources["kind"]) == {"reference"}
    for table in ("events", "indicators", "industries"):
        evidence = getattr(ds, table)["evidence"]
        assert evidence.notna().all() and (evidence.str.len() <= 40).all()
        assert getattr(ds, table)["source_id"].isin(ds.sources["source_id"]).all()


def test_some_facts_cover_a_whole_city(tmp_path):
    ds = read_frames(generate_package(500, tmp_path, seed=5))
    for table in ("events", "indicators", "industries"):
        frame = getattr(ds, table)
        city_wide = frame[frame["park_id"].isna()]
        assert 0 < len(city_wide) < 0.2 * len(frame), table
        assert city_wide["region"].isin(ds.parks["city"]).all()
        assert frame.loc[frame["park_id"].notna(), "region"].isna().all()


def test_dates_keep_mixed_precision(ds):
    lengths = set(ds.events["date"].dropna().str.len())
    assert lengths == {4, 7, 10}


def test_same_seed_same_bytes(tmp_path):
    a = generate_package(50, tmp_path / "a", seed=1)
    b = generate_package(50, tmp_path / "b", seed=1)
    c = generate_package(50, tmp_path / "c", seed=2)
    assert (a / "parks.csv").read_bytes() == (b / "parks.csv").read_bytes()
    assert (a / "parks.csv").read_bytes() != (c / "parks.csv").read_bytes()


def test_missing_cells_are_empty_not_zero(package):
    raw = pd.read_csv(package / "indicators.csv", dtype=str, keep_default_na=False)
    assert (raw["value_max"] == "").any() and not (raw["value_max"] == "0").any()
    assert not raw["year"].str.contains(r"\.").any()  # integers are written as integers
    assert not (package / "parks.csv").read_bytes().startswith(b"\xef\xbb\xbf")
