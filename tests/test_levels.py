"""Levels over time, status history and planned area, on small frames with known answers."""

from __future__ import annotations

import pandas as pd
import pytest

from parkdata.data.package import Dataset, load_package
from parkdata.data.schema import DATA_DIR
from parkdata.model import levels


def _frame(rows, columns):
    return pd.DataFrame(rows, columns=columns).astype("string")


@pytest.fixture
def ds() -> Dataset:
    parks = _frame(
        [("a", "national", "2018"), ("b", "provincial", "2025"), ("c", "unknown", None)],
        ["park_id", "level", "level_as_of"],
    )
    events = _frame(
        [
            ("a", "1990", "established", None, "s1"),
            ("a", "1992-06", "provincial_approval", "provincial", "s1"),
            ("a", "2012-08-19", "national_approval", "national", "s1"),
            ("c", "2001", "meeting", None, "s1"),
            (None, "2005", "meeting", None, "s1"),
        ],
        ["park_id", "date", "event", "level_after", "source_id"],
    )
    indicators = pd.DataFrame(
        {
            "fact_id": ["f1", "f2", "f3", "f4", "f5"],
            "park_id": ["a", "a", "b", "c", "c"],
            "indicator": [
                "planned_area",
                "approved_area",
                "planned_area",
                "tax_revenue",
                "administrative_area",
            ],
            "value": [10.0, 12.0, 3000.0, 5.0, 154.06],
            "unit": ["km2", "km2", "mu", "cny_100m", "km2"],
            "kind": ["actual", "actual", "actual", "actual", "actual"],
            "year": pd.array([2010, 2020, None, 2021, 2022], dtype="Int64"),
            "source_id": ["s1", "s1", "s2", "s1", "s1"],
        }
    ).astype({"value": "Float64"})
    sources = _frame([("s1", "article"), ("s2", "reference")], ["source_id", "kind"])
    units = pd.DataFrame({"unit": ["km2", "mu", "cny_100m"], "to_base": [1.0, 0.00066667, 1.0]})
    empty = pd.DataFrame()
    return Dataset(
        sources=sources,
        parks=parks,
        events=events,
        indicators=indicators,
        industries=empty,
        sectors=empty,
        indicator_types=empty,
        units=units,
    )


def test_level_at_follows_dated_approvals(ds):
    assert levels.level_at(ds, "1992-05-31")["a"] == "unknown"
    assert levels.level_at(ds, "1992-06-01")["a"] == "provincial"
    assert levels.level_at(ds, "2012-08-18")["a"] == "provincial"
    assert levels.level_at(ds, "2012-08-19")["a"] == "national"


def test_level_at_uses_the_dated_level_source_without_approvals(ds):
    assert levels.level_at(ds, "2024-12-31")["b"] == "unknown"
    assert levels.level_at(ds, "2025-01-01")["b"] == "provincial"
    assert levels.level_at(ds, "2030")["c"] == "unknown"


def test_status_history_segments(ds):
    history = levels.status_history(ds)
    a = history[history["park_id"] == "a"]
    assert list(a["status"]) == ["established", "provincial", "national"]
    assert list(a["start"]) == [
        pd.Timestamp("1990-01-01"),
        pd.Timestamp("1992-06-01"),
        pd.Timestamp("2012-08-19"),
    ]
    assert list(a["start_precision"]) == ["year", "month", "day"]
    assert a["end"].iloc[0] == pd.Timestamp("1992-06-01")
    assert pd.isna(a["end"].iloc[-1])  # ongoing
    assert set(history["park_id"]) == {"a"}


def test_level_counts_over_time(ds):
    counts = levels.level_counts_over_time(ds)
    last = counts[counts["date"] == counts["date"].max()].set_index("level")["n"]
    assert last.to_dict() == {"national": 1, "provincial": 0}
    first = counts[counts["date"] == pd.Timestamp("1992-06-01")].set_index("level")["n"]
    assert first.to_dict() == {"national": 0, "provincial": 1}
    assert list(levels.parks_without_dated_level(ds)) == ["b"]


def test_planned_area_is_the_planned_scope_only_and_converts_units(ds):
    area = levels.planned_area_km2(ds)
    assert area["a"] == pytest.approx(10.0)  # the later approved area (12 km²) is another scope
    assert area["b"] == pytest.approx(2.00001)  # 3000 mu
    assert "c" not in area.index  # only an administrative area: no planned area, never 0
    facts = levels.planned_area_facts(ds)
    assert set(facts["indicator"]) == {"planned_area"}


def test_planned_area_prefers_articles(ds):
    indicators = ds.indicators.copy()
    indicators.loc[indicators["fact_id"] == "f2", "indicator"] = "planned_area"  # reference, 2020
    indicators.loc[indicators["fact_id"] == "f2", "source_id"] = "s2"
    area = levels.planned_area_km2(ds.replace(indicators=indicators))
    assert area["a"] == pytest.approx(10.0)  # the article's 2010 figure beats the later reference


def test_real_dataset_histories():
    real = load_package(DATA_DIR)
    history = levels.status_history(real)
    hengyang = history[history["park_id"] == "hengyang_htz"]
    assert list(hengyang["status"]) == ["provincial", "national"]
    assert hengyang["start"].iloc[1] == pd.Timestamp("2012-08-19")
    at_2022 = levels.level_at(real, "2022-11-30")
    at_2023 = levels.level_at(real, "2023-01-01")
    assert (at_2022["ningxiang_htz"], at_2023["ningxiang_htz"]) == ("provincial", "national")
    area = levels.planned_area_km2(real)
    assert area["hengyang_htz"] == pytest.approx(170.57)
    # approved, administrative or managed areas never stand in for a planned one
    for park in ("ningxiang_htz", "zhanjiang_etdz", "wuchuan_airport_zone", "leizhou_edz"):
        assert park not in area.index, park
    assert area["changsha_airport_zone"] == pytest.approx(140)  # its plan's area, not managed
