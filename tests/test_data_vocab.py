"""Vocabularies (parkdata.data.vocab) as the fixture package holds them: every coded value once,
with its labels, order and colour; a gap shows as the code itself, never as an exception."""

from __future__ import annotations

import pandas as pd

from parkdata.data.schema import CATALOG, LEVEL_UNKNOWN, TARGET, read_descriptor, vocab_names
from parkdata.data.vocab import GREY, Vocabulary, ordered


def test_every_vocabulary_resource_is_loaded(ds, fixture_dir):
    assert list(ds.vocab) == list(vocab_names(read_descriptor(fixture_dir)))
    for name in ("levels", "zone_types", "event_kinds", "units", "provinces", "prefectures"):
        assert name in ds.vocab, name
    assert ds.sectors is ds.vocab["sectors"].frame and ds.units is ds.vocab["units"].frame


def test_codes_follow_the_order_column(ds):
    assert ds.vocab["levels"].codes() == ("national", "provincial", "other", "removed", "unknown")
    frame = pd.DataFrame({"level": ["b", "a", "c"], "order": [2, 1, 2]})
    assert Vocabulary("levels", ordered(frame)).codes() == ("a", "b", "c")  # stable
    unordered = pd.DataFrame({"sector": ["z", "a"]})
    assert Vocabulary("sectors", ordered(unordered)).codes() == ("z", "a")  # as written


def test_labels_in_both_languages(ds):
    levels = ds.vocab["levels"]
    assert (levels.label("national", "zh"), levels.label("national", "en")) == (
        "国家级",
        "National",
    )
    assert ds.vocab.label("origins", "catalog_2018", "en") == "National catalogue"
    assert levels.labels("en")["unknown"] == "Level unknown"


def test_a_missing_code_is_empty_and_an_unknown_code_shows_itself(ds):
    levels = ds.vocab["levels"]
    for missing in (None, pd.NA, float("nan")):
        assert levels.label(missing, "zh") == ""
    assert levels.label("galactic", "en") == "galactic"
    assert "galactic" not in levels and "national" in levels and 1 not in levels


def test_an_exact_qualifier_has_an_empty_label(ds):
    assert ds.vocab["qualifiers"].label("exact", "zh") == ""  # 580 亿元, not "exact 580 亿元"
    assert ds.vocab["qualifiers"].label("size_class", "en") == "size class (at least)"


def test_places_are_labelled_by_their_english_names(ds):
    provinces = ds.vocab["provinces"]
    assert provinces.label("湖南省", "en") == "Hunan"
    assert provinces.label("湖南省", "zh") == "湖南省"  # the code is the Chinese name
    assert ds.vocab["prefectures"].label("湛江市", "en") == "Zhanjiang"


def test_colours_and_grey_for_a_code_without_one(ds):
    levels = ds.vocab["levels"]
    assert levels.colour("national") == "#0072b2"
    assert levels.colour("galactic") == GREY
    assert ds.vocab["zone_types"].colour("high_tech_zone") == "#0072b2"
    assert ds.vocab["statuses"].colour("no-such-status") == GREY
    assert set(levels.colours()) == set(levels.codes())


def test_flag_columns_select_codes(ds):
    event_kinds = ds.vocab["event_kinds"]
    assert ds.vocab["levels"].where("conferred") == ("national", "provincial")
    assert ds.vocab["change_confidences"].where("marked") == ("one_source", "inferred")
    assert "award" in event_kinds.where("timeline_marker")
    assert "meeting" not in event_kinds.where("timeline_marker")
    assert ds.vocab["indicator_kinds"].where("counts_as_actual") == ("actual", "estimate")
    assert "size_class" not in ds.vocab["qualifiers"].where("exact")
    assert ds.vocab["location_precisions"].where("at_park") == ("park", "approximate")


def test_prefecture_centres_are_numbers_in_china(ds):
    places = ds.vocab["prefectures"].frame
    assert places["lat"].dtype == "Float64" and places["lon"].dtype == "Float64"
    located = places.dropna(subset=["lat", "lon"])
    assert len(located) == len(places)
    assert located["lat"].between(15, 54).all() and located["lon"].between(73, 136).all()
    assert set(places["province"]) <= set(ds.vocab["provinces"].codes())


def test_the_codes_the_model_names_are_rows_of_the_vocabularies(ds):
    """The few codes the code spells (schema.CATALOG, LEVEL_UNKNOWN, TARGET) are vocabulary rows,
    so renaming one in a CSV fails here instead of silently matching nothing."""
    assert LEVEL_UNKNOWN in ds.vocab["levels"].codes()
    assert CATALOG in ds.vocab["origins"].codes()
    kinds = ds.vocab["indicator_kinds"].frame.set_index("kind")
    assert str(kinds.loc[TARGET, "counts_as_actual"]).lower() == "false"
