"""Levels over time, status history and areas of one scope, on the fixture package (curated
parks and the catalogue merged: cs-hitech gains the catalogue's 1991-03 national approval and
its approved area). Every level is a dated row of the level changes."""

from __future__ import annotations

import pandas as pd
import pytest

from parkdata.data.package import load_package
from parkdata.model import levels
from parkdata.testing.fixtures import LEVEL_CHANGES, write_fixture


def test_the_levels_a_change_confers_come_from_the_vocabulary(ds):
    assert levels.approval_levels(ds) == tuple(ds.vocab["levels"].where("conferred"))
    assert levels.approval_levels(ds) == ("national", "provincial")


def test_level_at_follows_dated_changes(ds):
    assert levels.level_at(ds, "2006-07-31")["linwu"] == "unknown"
    assert levels.level_at(ds, "2006-08-01")["linwu"] == "provincial"  # 2006-08: from its 1st day
    assert levels.level_at(ds, "1991-02-28")["cs-hitech"] == "unknown"
    assert levels.level_at(ds, "1991-03-01")["cs-hitech"] == "national"  # the catalogue's row
    assert levels.level_at(ds, "2006-03-31")["s449001"] == "unknown"
    assert levels.level_at(ds, "2030")["s449001"] == "provincial"


def test_a_listed_level_holds_from_the_end_of_its_date(ds):
    """cz-etdz has only a source's statement of its level (listed, 2018): known by the end of
    2018, not before; a zone no row names stays unknown."""
    assert levels.level_at(ds, "2018-12-30")["cz-etdz"] == "unknown"
    assert levels.level_at(ds, "2018-12-31")["cz-etdz"] == "provincial"
    assert levels.level_at(ds, "2030")["longping"] == "unknown"
    assert levels.level_at(ds, "2005")["linwu"] == "unknown"


def test_level_at_covers_every_park(ds):
    held = levels.level_at(ds, "2030")
    assert set(held.index) == set(ds.parks["park_id"])
    assert held.to_dict() == dict(zip(ds.parks["park_id"], ds.parks["level"], strict=True))


def test_the_parks_levels_are_derived_with_their_date_source_and_confidence(ds):
    parks = ds.parks.set_index("park_id")
    linwu = parks.loc["linwu"]
    assert (linwu["level"], linwu["level_as_of"], linwu["level_source_id"]) == (
        "provincial", "2006-08", "art-a",
    )  # fmt: skip
    assert linwu["level_confidence"] == "one_source"
    assert parks.loc["cs-hitech", "level_change_id"] == "cs-hitech-l1"  # listed 2018 is newest
    assert pd.isna(parks.loc["longping", "level_as_of"]) and parks.loc["longping", "level"] == (
        "unknown"
    )


def test_first_dated_is_the_earliest_founding_or_change(ds):
    first = levels.first_dated(ds)
    assert first["linwu"] == pd.Timestamp("1996-01-01")  # founded before its approval
    assert first["cs-hitech"] == pd.Timestamp("1991-03-01")
    assert "longping" not in first.index and "cz-etdz" not in first.index  # cannot be placed


def test_status_history_segments(ds):
    history = levels.status_history(ds)
    linwu = history[history["park_id"] == "linwu"]
    assert list(linwu["status"]) == ["established", "provincial"]
    assert list(linwu["start"]) == [pd.Timestamp("1996-01-01"), pd.Timestamp("2006-08-01")]
    assert list(linwu["start_precision"]) == ["year", "month"]
    assert list(linwu["date"]) == ["1996", "2006-08"]  # as written
    assert linwu["end"].iloc[0] == pd.Timestamp("2006-08-01")
    assert pd.isna(linwu["end"].iloc[-1])  # ongoing
    assert list(linwu["change_id"]) == ["linwu-e1", "linwu-c2"]
    assert set(history["park_id"]) == {"linwu", "cs-hitech", "s449001", "g111001"}
    cs = history[history["park_id"] == "cs-hitech"]
    assert list(zip(cs["status"], cs["source_id"], strict=True)) == [("national", "cat_2018")]


def _with_changes(ds, *rows):
    base = {"description_zh": "x", "description_en": "x", "evidence": "x", "confidence": "official"}
    extra = pd.DataFrame([base | row for row in rows])
    changes = pd.concat([ds.level_changes, extra], ignore_index=True)
    return ds.replace(level_changes=changes.astype(ds.level_changes.dtypes))


def test_one_approval_told_by_two_sources_is_one_segment(ds):
    """The catalogue dates linwu's provincial approval to the year (2006), the article to the
    month (2006-08): the park became provincial once, and its history has one such segment."""
    extra = {"change_id": "s439056-c01", "park_id": "linwu", "date": "2006",
             "change": "approved", "level_after": "provincial",
             "source_id": "cat_2018"}  # fmt: skip
    history = levels.status_history(_with_changes(ds, extra))
    linwu = history[history["park_id"] == "linwu"]
    assert list(linwu["status"]) == ["established", "provincial"]


def test_an_upgrade_and_a_revocation_move_the_level_and_the_counts(ds):
    upgrade = {
        "change_id": "u1",
        "park_id": "s449001",
        "date": "2021-06",
        "change": "upgraded",
        "level_before": "provincial",
        "level_after": "national",
        "source_id": "ref-gb",
    }
    revoked = {"change_id": "r1", "park_id": "g111001", "date": "2020-01-17",
               "change": "revoked", "level_before": "national", "level_after": "removed",
               "source_id": "ref-gb"}  # fmt: skip
    moved = _with_changes(ds, upgrade, revoked)
    assert levels.level_at(moved, "2021-05-31")["s449001"] == "provincial"
    assert levels.level_at(moved, "2021-06-01")["s449001"] == "national"
    assert levels.level_at(moved, "2020-01-16")["g111001"] == "national"
    assert levels.level_at(moved, "2020-01-17")["g111001"] == "removed"
    wide = levels.level_counts_over_time(moved).pivot(index="date", columns="level", values="n")
    assert wide.loc[pd.Timestamp("2020-01-17")].to_dict() == {"national": 1, "provincial": 2}
    assert wide.loc[pd.Timestamp("2021-06-01")].to_dict() == {"national": 2, "provincial": 1}
    ups = levels.upgrades(moved)
    assert list(zip(ups["park_id"], ups["date"], strict=True)) == [("s449001", "2021-06")]
    assert levels.first_reached(moved)["national"].at["s449001", "date"] == "2021-06"
    assert levels.first_reached(moved)["provincial"].at["s449001", "date"] == "2006-04"


def test_level_counts_over_time(ds):
    counts = levels.level_counts_over_time(ds)
    assert list(counts.columns) == ["date", "level", "n"]
    wide = counts.pivot(index="date", columns="level", values="n")
    assert list(wide.columns) == ["national", "provincial"]  # conferred levels only
    assert wide.loc[pd.Timestamp("1991-03-01")].to_dict() == {"national": 1, "provincial": 0}
    assert wide.loc[pd.Timestamp("1994-08-01")].to_dict() == {"national": 2, "provincial": 0}
    assert wide.loc[pd.Timestamp("2006-04-01")].to_dict() == {"national": 2, "provincial": 1}
    assert wide.iloc[-1].to_dict() == {"national": 2, "provincial": 2}
    assert list(levels.parks_without_dated_level(ds)) == ["cz-etdz", "zj-etdz"]


def test_level_counts_without_any_change_are_an_empty_frame(ds):
    counts = levels.level_counts_over_time(ds.replace(level_changes=ds.level_changes.iloc[:0]))
    assert counts.empty and list(counts.columns) == ["date", "level", "n"]


def test_a_new_conferred_level_is_one_vocabulary_row(tmp_path):
    """A level a change can confer (here a city level) is counted over time everywhere,
    without a line of code: one row of the levels vocabulary, one level change."""
    city = {"level": "city", "label_zh": "市级", "label_en": "City", "order": 3,
            "colour": "#56b4e9", "conferred": True, "description_zh": "市级园区",
            "description_en": "A city-level zone"}  # fmt: skip
    change = {
        "change_id": "longping-c1",
        "park_id": "longping",
        "date": "2015-05",
        "change": "approved",
        "level_after": "city",
        "description_zh": "获市级认可",
        "description_en": "Approved by the city",
        "source_id": "art-a",
        "evidence": "2015年5月获批市级园区",
        "confidence": "one_source",
    }
    package = write_fixture(
        tmp_path / "pkg",
        tables={"level_changes": [*LEVEL_CHANGES, change]},
        vocab_rows={"levels": [city]},
    )
    ds = load_package(package)
    assert "city" in levels.approval_levels(ds)
    assert levels.level_at(ds, "2015-04-30")["longping"] == "unknown"
    assert levels.level_at(ds, "2015-05-01")["longping"] == "city"
    counts = levels.level_counts_over_time(ds)
    last = counts[counts["date"] == counts["date"].max()].set_index("level")["n"]
    assert last.to_dict() == {"national": 2, "provincial": 2, "city": 1}


def test_approved_area_is_the_approved_scope_only_and_converts_units(ds):
    area = levels.area_km2(ds, "approved_area")
    assert area.name == "approved_area" and area.dtype == "Float64"
    assert area.to_dict() == pytest.approx({"cs-hitech": 11.17, "s449001": 2.105, "g111001": 39.8})
    # zj-etdz has only an administrative area (502.04 km²): no approved area, never 0
    assert "zj-etdz" not in area.index


def test_area_km2_never_mixes_scopes(ds):
    planned = levels.area_km2(ds, "planned_area")
    assert planned.to_dict() == {"cs-hitech": 12.5}  # not its approved 11.17 km²
    administrative = levels.area_km2(ds, "administrative_area")
    assert administrative.to_dict() == {"zj-etdz": 502.04}
    facts = levels.area_facts(ds, "approved_area")
    assert set(facts["indicator"]) == {"approved_area"}
    assert facts.set_index("park_id").loc["cs-hitech", "fact_id"] == "g431001-i01"
    assert levels.area_km2(ds, "managed_area").empty


def _with_planned(ds, *rows):
    base = {"indicator": "planned_area", "qualifier": "exact", "description_en": "x"}
    extra = pd.DataFrame([base | row for row in rows])
    indicators = pd.concat([ds.indicators, extra], ignore_index=True)
    return ds.replace(indicators=indicators.astype(ds.indicators.dtypes))


def test_area_prefers_the_article_then_actual_then_the_latest_year(ds):
    reference = {
        "fact_id": "x1",
        "park_id": "cs-hitech",
        "value": 30.0,
        "unit": "km2",
        "kind": "actual",
        "year": 2023,
        "source_id": "ref-gb",
    }
    assert levels.area_km2(_with_planned(ds, reference), "planned_area")["cs-hitech"] == 12.5
    target = reference | {"fact_id": "x2", "kind": "target", "source_id": "art-a"}
    assert levels.area_km2(_with_planned(ds, target), "planned_area")["cs-hitech"] == 12.5
    newer = reference | {"fact_id": "x3", "source_id": "art-a", "unit": "mu", "value": 3000.0}
    area = levels.area_km2(_with_planned(ds, newer), "planned_area")
    assert area["cs-hitech"] == pytest.approx(3000 * 0.00066667)  # 2023 beats 2020; mu -> km²
