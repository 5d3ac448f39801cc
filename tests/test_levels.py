"""Levels over time, status history and areas of one scope, on the fixture package (curated
parks and the catalogue merged: cs-hitech gains the catalogue's 1991-03 national approval and
its approved area)."""

from __future__ import annotations

import pandas as pd
import pytest

from parkdata.data.package import load_package
from parkdata.model import levels
from parkdata.testing.fixtures import EVENTS, PARKS, write_fixture


def test_approvals_and_the_levels_they_confer_come_from_the_vocabulary(ds):
    confers = ds.vocab["event_kinds"].column("confers_level")
    assert set(levels.approval_kinds(ds)) == set(confers)
    assert confers["national_approval"] == "national"


def test_level_at_follows_dated_approvals(ds):
    assert levels.level_at(ds, "2006-07-31")["linwu"] == "unknown"
    assert levels.level_at(ds, "2006-08-01")["linwu"] == "provincial"  # 2006-08: from its 1st day
    assert levels.level_at(ds, "1991-02-28")["cs-hitech"] == "unknown"
    assert levels.level_at(ds, "1991-03-01")["cs-hitech"] == "national"  # the catalogue's event
    assert levels.level_at(ds, "2006-03-31")["s449001"] == "unknown"
    assert levels.level_at(ds, "2030")["s449001"] == "provincial"


def test_level_at_uses_the_dated_level_source_without_approvals(ds):
    assert levels.level_at(ds, "2017-12-31")["cz-etdz"] == "unknown"
    assert levels.level_at(ds, "2018-01-01")["cz-etdz"] == "provincial"
    assert levels.level_at(ds, "2030")["longping"] == "unknown"
    # dated history wins: linwu's level source (2021) does not stand in before its approval
    assert levels.level_at(ds, "2005")["linwu"] == "unknown"


def test_level_at_covers_every_park(ds):
    held = levels.level_at(ds, "2030")
    assert set(held.index) == set(ds.parks["park_id"])
    assert held.to_dict() == dict(zip(ds.parks["park_id"], ds.parks["level"], strict=True))


def test_first_dated_is_the_earliest_founding_or_approval(ds):
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
    assert list(linwu["event_id"]) == ["linwu-e1", "linwu-e2"]
    assert set(history["park_id"]) == {"linwu", "cs-hitech", "s449001", "g111001"}
    cs = history[history["park_id"] == "cs-hitech"]
    assert list(zip(cs["status"], cs["source_id"], strict=True)) == [("national", "cat_2018")]


def test_one_approval_told_by_two_sources_is_one_segment(ds):
    """The catalogue dates linwu's provincial approval to the year (2006), the article to the
    month (2006-08): the park became provincial once, and its history has one such segment."""
    extra = {
        "event_id": "s439056-e01",
        "park_id": "linwu",
        "date": "2006",
        "event": "provincial_approval",
        "level_after": "provincial",
        "source_id": "cat_2018",
    }
    events = pd.concat([ds.events, pd.DataFrame([extra])], ignore_index=True)
    history = levels.status_history(ds.replace(events=events.astype(ds.events.dtypes)))
    linwu = history[history["park_id"] == "linwu"]
    assert list(linwu["status"]) == ["established", "provincial"]


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


def test_level_counts_without_any_approval_are_an_empty_frame(ds):
    counts = levels.level_counts_over_time(ds.replace(events=ds.events.iloc[:0]))
    assert counts.empty and list(counts.columns) == ["date", "level", "n"]


def test_a_new_approval_kind_is_one_vocabulary_row(tmp_path):
    """An event kind that confers a level (here a city approval conferring 'other') is an
    approval everywhere, without a line of code."""
    city_approval = {
        "event": "city_approval",
        "label_zh": "批准为市级",
        "label_en": "City approval",
        "order": 14,
        "confers_level": "other",
        "timeline_marker": False,
    }
    event = {
        "event_id": "longping-e1",
        "park_id": "longping",
        "date": "2015-05",
        "event": "city_approval",
        "level_after": "other",
        "description_zh": "获市级认可",
        "description_en": "Approved by the city",
        "source_id": "art-a",
        "evidence": "2015年5月获批市级园区",
    }
    parks = [
        p
        | {"level": "other", "level_as_of": "2015-05", "level_source_id": "art-a"}
        | {"level_evidence": "2015年5月获批市级园区"}
        if p["park_id"] == "longping"
        else p
        for p in PARKS
    ]
    package = write_fixture(
        tmp_path / "pkg",
        tables={"parks": parks, "events": [*EVENTS, event]},
        vocab_rows={"event_kinds": [city_approval]},
    )
    ds = load_package(package)
    assert "city_approval" in levels.approval_kinds(ds)
    assert levels.level_at(ds, "2015-04-30")["longping"] == "unknown"
    assert levels.level_at(ds, "2015-05-01")["longping"] == "other"
    counts = levels.level_counts_over_time(ds)
    assert list(counts["level"].unique()) == ["national", "provincial", "other"]  # levels' order
    last = counts[counts["date"] == counts["date"].max()].set_index("level")["n"]
    assert last.to_dict() == {"national": 2, "provincial": 2, "other": 1}


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
