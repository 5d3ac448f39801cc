"""The synthetic package generator (parkdata.testing.synthetic): packages of any size that
validate, draw every coded value from the vocabularies, and look like the real curated data.
(How fast it is belongs to `make bench`.)"""

from __future__ import annotations

import json

import pandas as pd
import pytest
import shapely

from parkdata.data import boundaries
from parkdata.data.dataset import read_frames, read_parts
from parkdata.data.package import load_package
from parkdata.data.schema import DESCRIPTOR, read_descriptor, resource, vocab_names
from parkdata.data.validation import validate_package
from parkdata.testing import synthetic
from parkdata.testing.synthetic import (
    HOSTILE_NAMES,
    generate_package,
    hostile_package,
    real_proportions,
)

N = 300


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    return generate_package(N, tmp_path_factory.mktemp("synthetic"), seed=7)


@pytest.fixture(scope="module")
def ds(package):
    return read_frames(package)


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """2,500 parks: enough for every code of every vocabulary to turn up."""
    return read_frames(generate_package(2500, tmp_path_factory.mktemp("big"), seed=3))


def test_it_validates_with_every_project_rule(package):
    assert [str(p) for p in validate_package(package)] == []
    assert len(load_package(package).parks) == N


def test_descriptor_is_the_real_one_without_the_catalogue(package, fixture_dir):
    real = read_descriptor(fixture_dir)  # data/'s descriptor, as the fixture copies it
    ours = read_descriptor(package)
    names = [res["name"] for res in ours["resources"]]
    assert names == [
        res["name"]
        for res in real["resources"]
        if not res["path"].startswith(("catalog/", "national/"))
        and res["name"] != "official_counts"
    ]
    for res in ours["resources"]:
        assert res == next(r for r in real["resources"] if r["name"] == res["name"])
    assert {k: v for k, v in ours.items() if k != "resources"} == {
        k: v for k, v in real.items() if k != "resources"
    }
    assert not (package / "catalog").exists()
    assert list(read_parts(package)) == ["articles"]  # one origin: the loader allows it


def test_schemas_and_vocabularies_are_copies_of_data(package, fixture_dir):
    """The same bytes as the fixture package's, which copies data/'s schemas and vocabularies."""
    for path in (fixture_dir / "schemas").glob("*.json"):
        assert (package / "schemas" / path.name).read_bytes() == path.read_bytes(), path.name
    descriptor = read_descriptor(fixture_dir)
    for name in vocab_names(descriptor):
        path = resource(descriptor, name)["path"]
        assert (package / path).read_bytes() == (fixture_dir / path).read_bytes(), path
    json.loads((package / DESCRIPTOR).read_text(encoding="utf-8"))


def test_proportions_are_measured_on_the_curated_tables(fixture_dir, ds):
    per_park, shares = real_proportions(fixture_dir, ds.vocab)  # 7 curated parks
    assert per_park == pytest.approx(
        {"events": 4 / 7, "indicators": 5 / 7, "industries": 4 / 7, "level_changes": 4 / 7}
    )
    assert shares == pytest.approx(
        {"national": 2 / 7, "provincial": 2 / 7, "other": 0.0, "removed": 0.0, "unknown": 3 / 7}
    )


def test_sizes_follow_the_real_proportions(ds):
    per_park, _ = real_proportions(synthetic.DATA_DIR, ds.vocab)  # what the generator reads
    assert len(ds.parks) == N
    assert ds.parks["park_id"].is_unique
    for table in ("events", "indicators", "industries"):
        expected = per_park[table] * N
        assert abs(len(getattr(ds, table)) - expected) <= max(2, 0.1 * expected), table


def test_levels_follow_the_real_mix(big):
    _, shares = real_proportions(synthetic.DATA_DIR, big.vocab)
    assert list(shares) == list(big.vocab["levels"].codes())
    drawn = big.parks["level"].value_counts(normalize=True)
    for level, share in shares.items():
        assert abs(drawn.get(level, 0.0) - share) < 0.05, level


def test_every_code_comes_from_its_vocabulary(big):
    vocab = big.vocab
    checks = [
        (big.parks["zone_type"], "zone_types"),
        (big.parks["location_precision"], "location_precisions"),
        (big.events["event"], "event_kinds"),
        (big.indicators["indicator"], "indicator_types"),
        (big.indicators["kind"], "indicator_kinds"),
        (big.indicators["qualifier"], "qualifiers"),
        (big.indicators["unit"], "units"),
        (big.industries["sector"], "sectors"),
        (big.industries["role"], "roles"),
        (big.sources["confidence"], "confidences"),
    ]
    for column, name in checks:
        assert set(column.dropna()) == set(vocab[name].codes()), name  # all, and only those
    family = vocab["units"].column("family")
    expected = big.indicators["indicator"].map(vocab["indicator_types"].column("unit_family"))
    assert (big.indicators["unit"].map(family) == expected).all()


def test_names_end_in_their_zone_types_suffix(big):
    suffix = big.vocab["zone_types"].column("name_suffix_zh")
    short = big.vocab["name_suffixes"].column("short_zh")
    parks = big.parks
    ends = [
        n.endswith(suffix[z]) for n, z in zip(parks["name_zh"], parks["zone_type"], strict=True)
    ]
    assert all(ends)
    shorts = [
        n.endswith(short[suffix[z]])
        for n, z in zip(parks["short_name_zh"], parks["zone_type"], strict=True)
    ]
    assert all(shorts)
    assert parks["name_zh"].str.contains(r"^[\u4e00-\u9fff0-9号]+$").all()
    assert not parks["name_en_generated"].any() and parks["name_en"].notna().all()
    assert parks["catalog_code"].isna().all()


def test_places_are_prefectures_of_any_province(big):
    prefectures = big.vocab["prefectures"].frame
    pairs = set(zip(prefectures["province"], prefectures["prefecture"], strict=True))
    parks = big.parks
    assert set(zip(parks["province"], parks["city"], strict=True)) <= pairs
    assert parks["province"].nunique() >= 25  # not only Hunan and Guangdong


def test_coordinates_lie_inside_their_province(big):
    parks = big.parks
    located = parks.dropna(subset=["lat", "lon"])
    assert 0.9 * len(parks) < len(located) < len(parks)  # a few parks have no coordinates
    assert parks.loc[parks["lat"].isna(), "location_precision"].isna().all()
    shapes = boundaries.province_shapes(boundaries.load_boundaries())
    outlined = located[located["province"].isin(set(shapes))]
    assert len(outlined) > 0.9 * len(located)
    for province, group in outlined.groupby("province"):
        points = shapely.points(group["lon"].to_numpy(float), group["lat"].to_numpy(float))
        outside = group[~shapely.intersects(shapes[province], points)]
        assert outside.empty, outside[["park_id", "city", "lat", "lon"]].head()


def test_every_known_level_is_a_dated_level_change(ds):
    changes = ds.level_changes
    conferred = set(ds.vocab["levels"].where("conferred"))
    dated = changes[changes["change"] != "listed"]
    assert set(dated["level_after"]) <= conferred
    ups = dated[dated["change"] == "upgraded"]
    assert len(ups) and (ups["level_before"] == "provincial").all()
    assert (ups["level_after"] == "national").all()
    year = dated.assign(year=dated["date"].str.slice(0, 4).astype(int))
    assert (year.groupby(["park_id", "year"]).size() == 1).all()  # no ties
    parks = ds.parks.set_index("park_id")
    known = parks[parks["level"] != "unknown"]
    assert set(known.index) <= set(changes["park_id"])


def test_known_levels_name_their_source_and_unknown_ones_none(ds):
    parks = ds.parks
    unknown = parks["level"] == "unknown"
    assert parks.loc[~unknown, ["level_source_id", "level_as_of"]].notna().all().all()
    assert parks.loc[unknown, "level_source_id"].isna().all()
    listed = ds.level_changes[ds.level_changes["change"] == "listed"]
    published = listed["source_id"].map(ds.sources.set_index("source_id")["published"])
    assert (listed["date"] == published).all()  # a level stated at its source's date


def test_targets_have_a_target_year_and_size_classes_no_range(big):
    ind = big.indicators
    actual = big.vocab["indicator_kinds"].where("counts_as_actual")
    targets = ~ind["kind"].isin(actual)
    assert ind.loc[targets, "target_year"].notna().all()
    assert ind.loc[~targets, "target_year"].isna().all()
    exact = big.vocab["qualifiers"].where("exact")
    assert ind.loc[~ind["qualifier"].isin(exact), "value_max"].isna().all()
    assert (ind["value_max"].dropna() > 0).all()


def test_sources_are_references_and_evidence_short(ds):
    assert set(ds.sources["kind"]) == {"reference"}
    for table in ("events", "indicators", "industries"):
        evidence = getattr(ds, table)["evidence"]
        assert evidence.notna().all() and (evidence.str.len() <= 40).all()
        assert getattr(ds, table)["source_id"].isin(ds.sources["source_id"]).all()


def test_some_facts_cover_a_whole_city(big):
    for table in ("events", "indicators", "industries"):
        frame = getattr(big, table)
        city_wide = frame[frame["park_id"].isna()]
        assert 0 < len(city_wide) < 0.2 * len(frame), table
        assert city_wide["region"].isin(big.parks["city"]).all()
        assert frame.loc[frame["park_id"].notna(), "region"].isna().all()


def test_dates_keep_mixed_precision_and_industries_their_year(ds):
    assert set(ds.events["date"].dropna().str.len()) == {4, 7, 10}
    assert ds.events["date"].isna().any()  # a few undated events
    assert ds.industries["year"].notna().all()


def test_same_seed_same_bytes(tmp_path):
    a = generate_package(50, tmp_path / "a", seed=1)
    b = generate_package(50, tmp_path / "b", seed=1)
    c = generate_package(50, tmp_path / "c", seed=2)
    for table in ("parks", "events", "indicators", "industries"):
        assert (a / f"{table}.csv").read_bytes() == (b / f"{table}.csv").read_bytes(), table
    assert (a / "parks.csv").read_bytes() != (c / "parks.csv").read_bytes()


def test_missing_cells_are_empty_not_zero(package):
    raw = pd.read_csv(package / "indicators.csv", dtype=str, keep_default_na=False)
    assert (raw["value_max"] == "").any() and not (raw["value_max"] == "0").any()
    assert not raw["year"].str.contains(r"\.").any()  # integers are written as integers
    parks = pd.read_csv(package / "parks.csv", dtype=str, keep_default_na=False)
    assert set(parks["name_en_generated"]) == {"false"}
    assert not (package / "parks.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_hostile_package_is_valid_and_carries_the_names(tmp_path):
    package = hostile_package(12, tmp_path / "hostile", seed=2)
    assert [str(p) for p in validate_package(package)] == []
    parks = read_frames(package).parks
    assert list(parks["name_zh"][: len(HOSTILE_NAMES)]) == [zh for zh, _ in HOSTILE_NAMES]
    assert list(parks["name_en"][: len(HOSTILE_NAMES)]) == [en for _, en in HOSTILE_NAMES]
