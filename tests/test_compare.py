"""Compare-page derivations on the fixture package: counts, indicator totals in one unit, size
classes left out, sector mix, targets against actuals. The levels are always passed in (the
levels vocabulary's order); nothing here knows a level code."""

from __future__ import annotations

import pandas as pd
import pytest

from parkdata.model import compare


@pytest.fixture(scope="module")
def order(ds) -> tuple[str, ...]:
    return ds.vocab["levels"].codes()


@pytest.fixture(scope="module")
def inexact(ds) -> tuple[str, ...]:
    """Qualifiers that are no exact figure (qualifiers.exact false): the size class."""
    return compare.inexact_qualifiers(ds.vocab)


@pytest.fixture(scope="module")
def kinds(ds) -> tuple[str, ...]:
    """Indicator kinds that count as a park's value: actual and estimate, never a target."""
    return compare.actual_kinds(ds.vocab)


def with_rows(ds, table: str, *rows: dict):
    frame = getattr(ds, table)
    extra = pd.DataFrame(list(rows))
    return ds.replace(**{table: pd.concat([frame, extra], ignore_index=True).astype(frame.dtypes)})


def fact(fid, park, indicator, value, unit, kind="actual", year=2020, **more) -> dict:
    return {
        "fact_id": fid,
        "park_id": park,
        "indicator": indicator,
        "year": year,
        "value": value,
        "unit": unit,
        "kind": kind,
        "qualifier": "exact",
        "source_id": "art-a",
        "description_en": "x",
    } | more


def test_counts_by_province_have_every_level_in_the_vocabularys_order(ds, order):
    counts = compare.counts_by(ds.parks, ["province"], order)
    assert list(counts.columns) == ["province", "level", "n"]
    assert len(counts) == 3 * len(order)  # 3 provinces × every level
    got = counts.set_index(["province", "level"])["n"]
    assert (got[("湖南省", "national")], got[("湖南省", "provincial")]) == (1, 2)
    assert (got[("广东省", "unknown")], got[("湖南省", "other")]) == (2, 0)
    assert got[("北京市", "national")] == 1  # a catalogue zone counts like any zone
    assert list(counts[counts["province"] == "湖南省"]["level"]) == list(order)
    assert dict(zip(order, compare.counts_by(ds.parks, [], order)["n"], strict=True)) == {
        "national": 3, "provincial": 3, "other": 0, "removed": 0, "unknown": 3,
    }  # fmt: skip


def test_levels_passed_in_decide_the_order_and_the_rest_is_unknown(ds):
    counts = compare.counts_by(ds.parks, [], ("provincial", "national", "unknown"))
    assert list(counts["level"]) == ["provincial", "national", "unknown"]
    assert list(counts["n"]) == [3, 3, 3]


def test_groups_by_size_puts_the_biggest_first(ds, order):
    counts = compare.counts_by(ds.parks, ["province"], order)
    assert compare.groups_by_size(counts, "province") == ["广东省", "湖南省", "北京市"]


def test_levels_present_drops_a_level_no_park_holds_and_keeps_true_zeros(ds, order):
    kept = compare.levels_present(compare.counts_by(ds.parks, ["province"], order))
    assert set(kept["level"]) == {"national", "provincial", "unknown"}  # no park is 'other'
    beijing = kept[kept["province"] == "北京市"].set_index("level")["n"]
    assert beijing.to_dict() == {"national": 1, "provincial": 0, "unknown": 0}


def test_park_values_convert_hectares_to_the_base_unit(ds, kinds, inexact):
    values = compare.park_values(
        ds.indicators, ds.units, "approved_area", kinds=kinds, inexact=inexact
    ).set_index("park_id")
    assert values["value"].to_dict() == pytest.approx(
        {"cs-hitech": 11.17, "s449001": 2.105, "g111001": 39.8}
    )
    assert set(values["base_unit"]) == {"km2"} and set(values["unit"]) == {"hectare"}
    assert values.loc["cs-hitech", "fact_id"] == "g431001-i01"  # the catalogue's, re-pointed


def test_park_values_take_the_latest_year_and_only_the_kinds_asked_for(ds, kinds, inexact):
    newer = fact("x1", "cs-hitech", "planned_area", 4000.0, "mu", year=2023)
    target = fact("x2", "linwu", "planned_area", 9.0, "km2", kind="target")
    values = compare.park_values(
        with_rows(ds, "indicators", newer, target).indicators,
        ds.units,
        "planned_area",
        kinds=kinds,
        inexact=inexact,
    ).set_index("park_id")
    assert values.loc["cs-hitech", "value"] == pytest.approx(4000 * 0.00066667)
    assert values.loc["cs-hitech", "fact_id"] == "x1"
    assert "linwu" not in values.index  # a target is not a value the park has
    revenue = compare.park_values(
        ds.indicators, ds.units, "total_revenue", kinds=kinds, inexact=inexact
    )
    assert revenue.set_index("park_id")["value"].to_dict() == {"linwu": 100.0}  # the estimate
    actual_only = compare.park_values(
        ds.indicators, ds.units, "total_revenue", kinds=("actual",), inexact=inexact
    )
    assert actual_only.empty


def test_indicator_by_level_totals_counts_and_missing(ds, order, kinds, inexact):
    out = compare.indicator_by_level(
        ds.indicators, ds.parks, ds.units, "approved_area", order, kinds=kinds, inexact=inexact
    ).set_index("level")
    assert list(out.index) == list(order)
    assert out.loc["national", "total"] == pytest.approx(11.17 + 39.8)
    assert out.loc["national", "median"] == pytest.approx((11.17 + 39.8) / 2)
    assert (out.loc["national", "n_parks"], out.loc["national", "n_missing"]) == (2, 1)
    assert out.loc["provincial", "total"] == pytest.approx(2.105)
    assert (out.loc["provincial", "n_parks"], out.loc["provincial", "n_missing"]) == (1, 2)
    # nobody has a value: missing, never 0
    assert pd.isna(out.loc["unknown", "total"]) and pd.isna(out.loc["unknown", "median"])
    assert (out.loc["unknown", "n_parks"], out.loc["unknown", "n_missing"]) == (0, 3)
    assert pd.isna(out.loc["other", "total"]) and out.loc["other", "n_missing"] == 0
    assert out.loc["national", "base_unit"] == "km2"


def test_indicator_by_province_and_level(ds, order, kinds, inexact):
    out = compare.indicator_by_level(
        ds.indicators,
        ds.parks,
        ds.units,
        "approved_area",
        order,
        by=["province", "level"],
        kinds=kinds,
        inexact=inexact,
    )
    assert len(out) == 3 * len(order)
    got = out.set_index(["province", "level"])
    assert got.loc[("广东省", "provincial"), "total"] == pytest.approx(2.105)
    assert pd.isna(got.loc[("广东省", "national"), "total"])  # zj-etdz: another scope only
    assert got.loc[("广东省", "national"), "n_missing"] == 1


def test_values_from_a_series(ds, order):
    area = pd.Series({"cs-hitech": 140.0, "linwu": 31.77}, dtype="Float64")
    out = compare.values_by_level(area, ds.parks, order, base_unit="km2").set_index("level")
    assert out.loc["provincial", "total"] == pytest.approx(31.77)
    assert out.loc["provincial", "n_missing"] == 2
    assert set(out["base_unit"]) == {"km2"}


def test_a_size_class_is_never_summed(ds, order, kinds, inexact):
    """千亿级 is a class (at least 1000 亿元), not the exact figure 1000: with the qualifiers
    the vocabulary marks as not exact left out, no total, median or value reads it, while an
    exact figure of the same indicator still counts."""
    assert inexact == ("size_class",)
    exact = fact("x1", "linwu", "cluster_output", 320.0, "cny_100m")
    both = with_rows(ds, "indicators", exact).indicators
    values = compare.park_values(both, ds.units, "cluster_output", kinds=kinds, inexact=inexact)
    assert values["park_id"].tolist() == ["linwu"] and values["value"].iloc[0] == 320
    out = compare.indicator_by_level(
        both, ds.parks, ds.units, "cluster_output", order, kinds=kinds, inexact=inexact
    ).set_index("level")
    assert pd.isna(out.loc["national", "total"]) and out.loc["national", "n_missing"] == 3
    assert out.loc["provincial", "total"] == pytest.approx(320)
    classes = ds.indicators.loc[ds.indicators["qualifier"].isin(inexact), "fact_id"]
    assert set(classes) == {"cs-i2"}
    assert not set(values["fact_id"]) & set(classes)


def test_mixed_families_are_refused(ds, kinds, inexact):
    bad = with_rows(ds, "indicators", fact("x1", "linwu", "approved_area", 3.0, "count"))
    with pytest.raises(ValueError, match="mixes unit families"):
        compare.park_values(bad.indicators, ds.units, "approved_area", kinds=kinds, inexact=inexact)


def test_unknown_units_are_refused(ds, kinds, inexact):
    bad = with_rows(ds, "indicators", fact("x1", "linwu", "approved_area", 3.0, "acre"))
    with pytest.raises(ValueError, match="unknown unit"):
        compare.park_values(bad.indicators, ds.units, "approved_area", kinds=kinds, inexact=inexact)


def test_sector_mix_shares_over_parks_with_data(ds, order):
    again = {
        "industry_id": "x1",
        "park_id": "cs-hitech",
        "industry_zh": "集成电路",
        "sector": "electronics",
        "role": "featured",
        "source_id": "art-a",
        "evidence": "集成电路",
    }
    industries = with_rows(ds, "industries", again).industries
    out = compare.sector_mix(industries, ds.parks, ds.sectors, order).set_index(["level", "sector"])
    assert out.loc[("national", "electronics"), "n_parks"] == 1  # cs-hitech once, not twice
    assert out.loc[("national", "electronics"), "n_with_data"] == 2  # zj-etdz has no rows
    assert out.loc[("national", "electronics"), "share"] == pytest.approx(0.5)
    assert out.loc[("provincial", "equipment"), "share"] == pytest.approx(0.5)
    assert out.loc[("national", "steel_petrochem"), "n_parks"] == 0  # the city-wide row
    assert pd.isna(out.loc[("unknown", "electronics"), "share"])  # no data: missing, not 0
    assert out.loc[("national", "electronics"), "label_en"] == "Electronics and information"
    leading = compare.sector_mix(industries, ds.parks, ds.sectors, order, roles=("leading",))
    got = leading.set_index(["level", "sector"])
    assert got.loc[("national", "electronics"), "n_parks"] == 1


def test_sector_mix_by_province(ds, order):
    out = compare.sector_mix(ds.industries, ds.parks, ds.sectors, order, ["province"])
    got = out.set_index(["province", "level", "sector"])
    assert got.loc[("北京市", "national", "automotive"), "share"] == 1.0
    assert got.loc[("湖南省", "national", "automotive"), "n_parks"] == 0


def test_targets_paired_with_actuals_where_both_exist(ds, kinds):
    city = [
        fact("x1", pd.NA, "signed_projects", 12.0, "count", region="湛江市"),
        fact("x2", pd.NA, "signed_projects", 20.0, "count", kind="target", region="湛江市"),
        fact("x3", "cz-etdz", "tax_revenue", 5.0, "cny_100m", kind="target", target_year=2025),
    ]
    indicators = with_rows(ds, "indicators", *city).indicators
    both = compare.targets_with_actuals(indicators, ds.units, kinds=kinds)
    assert set(both["target_fact_id"]) == {"linwu-i2", "x2", "x3"}
    out = compare.targets_vs_actuals(indicators, ds.units, kinds=kinds).set_index("target_fact_id")
    assert set(out.index) == {"linwu-i2", "x2"}  # x3 has no actual
    revenue = out.loc["linwu-i2"]
    assert (revenue["actual_fact_id"], revenue["target_year"]) == ("linwu-i1", 2025)
    assert revenue["ratio"] == pytest.approx(100 / 200)  # the estimate against the target
    city_row = out.loc["x2"]
    assert city_row["region"] == "湛江市" and pd.isna(city_row["park_id"])
    assert city_row["actual_value"] == 12.0 and city_row["ratio"] == pytest.approx(0.6)


def test_a_target_and_an_actual_of_other_units_are_compared_in_the_base_unit(ds, kinds):
    actual = fact("x1", "cz-etdz", "tax_revenue", 5000.0, "cny_10k")
    target = fact("x2", "cz-etdz", "tax_revenue", 1.0, "cny_100m", kind="target")
    out = compare.targets_vs_actuals(
        with_rows(ds, "indicators", actual, target).indicators, ds.units, kinds=kinds
    ).set_index("target_fact_id")
    assert out.loc["x2", "ratio"] == pytest.approx(0.5)
    assert out.loc["x2", "base_unit"] == "cny_100m"


def test_a_size_class_target_says_so_beside_its_value(ds, kinds):
    goal = fact("x1", "linwu", "total_revenue", 1000.0, "cny_100m", kind="target")
    goal |= {"qualifier": "size_class", "target_year": 2019}
    pairs = compare.targets_vs_actuals(
        with_rows(ds, "indicators", goal).indicators, ds.units, kinds=kinds
    ).set_index("target_fact_id")
    assert (pairs.loc["x1", "target_qualifier"], pairs.loc["x1", "target_year"]) == (
        "size_class",
        2019,
    )
    assert pairs.loc["linwu-i2", "target_qualifier"] == "exact"
