"""Compare-page derivations: counts, indicator totals in one unit, sector mix, targets."""

import pandas as pd
import pytest

from parkdata.model import compare

NA = pd.NA


@pytest.fixture
def units() -> pd.DataFrame:
    return (
        pd.DataFrame(
            {
                "unit": ["km2", "mu", "hectare", "cny_100m", "cny_10k", "usd_100m", "count"],
                "family": ["area", "area", "area", "money_cny", "money_cny", "money_usd", "count"],
                "base_unit": ["km2", "km2", "km2", "cny_100m", "cny_100m", "usd_100m", "count"],
                "to_base": [1.0, 666.67e-6, 0.01, 1.0, 1e-4, 1.0, 1.0],
            }
        )
        .astype({"to_base": "Float64"})
        .convert_dtypes()
    )


@pytest.fixture
def parks() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "park_id": ["n1", "n2", "p1", "p2", "p3", "u1"],
            "province": ["湖南省", "广东省", "湖南省", "湖南省", "广东省", "广东省"],
            "city": ["长沙市", "湛江市", "长沙市", "衡阳市", "湛江市", "湛江市"],
            "level": ["national", "national", "provincial", "provincial", "provincial", NA],
        }
    ).convert_dtypes()


def fact(fid, park, indicator, value, unit, kind="actual", year=2020, region=NA, target=NA):
    return {
        "fact_id": fid,
        "park_id": park,
        "region": region,
        "indicator": indicator,
        "year": year,
        "value": value,
        "unit": unit,
        "kind": kind,
        "target_year": target,
    }


@pytest.fixture
def indicators() -> pd.DataFrame:
    rows = [
        fact("f1", "n1", "planned_area", 140.0, "km2"),
        fact("f2", "n2", "planned_area", 15_000.0, "mu"),  # 10.00005 km²
        fact("f3", "p1", "planned_area", 500.0, "hectare"),  # 5 km²
        fact("f4", "p1", "planned_area", 4.0, "km2", year=2010),  # older: not used
        fact("f5", "p2", "planned_area", 9.0, "km2", kind="target"),  # a target, not actual
        fact("f6", "n1", "tax_revenue", 20.0, "cny_100m", year=2019),
        fact("f7", "n1", "tax_revenue", 30.0, "cny_100m", kind="target", year=2019, target=2025),
        fact("f8", "p1", "tax_revenue", 50_000.0, "cny_10k", kind="target", target=2022),
        fact("f9", NA, "signed_projects", 12.0, "count", region="湛江市"),
        fact("f10", NA, "signed_projects", 20.0, "count", kind="target", region="湛江市"),
    ]
    frame = pd.DataFrame(rows)
    return frame.astype(
        {
            "value": "Float64",
            "year": "Int64",
            "target_year": "Int64",
            "park_id": "string",
            "region": "string",
        }
    ).convert_dtypes()


def test_counts_by_province_has_every_level_and_counts_unknown(parks):
    counts = compare.counts_by(parks, ["province"])
    assert list(counts.columns) == ["province", "level", "n"]
    assert len(counts) == 8  # 2 provinces × 4 levels
    got = counts.set_index(["province", "level"])["n"]
    assert got[("湖南省", "national")] == 1 and got[("湖南省", "provincial")] == 2
    assert got[("广东省", "unknown")] == 1 and got[("湖南省", "other")] == 0
    assert list(compare.counts_by(parks)["n"]) == [2, 3, 0, 1]


def test_unit_conversion_mu_and_hectare(indicators, units):
    values = compare.park_values(indicators, units, "planned_area").set_index("park_id")
    assert values.loc["n2", "value"] == pytest.approx(15_000 * 0.00066667)
    assert values.loc["p1", "value"] == pytest.approx(5.0)  # latest year, 500 ha
    assert values.loc["p1", "fact_id"] == "f3"
    assert set(values["base_unit"]) == {"km2"}
    assert "p2" not in values.index  # target only


def test_indicator_by_level_totals_counts_and_missing(indicators, parks, units):
    out = compare.indicator_by_level(indicators, parks, units, "planned_area").set_index("level")
    assert list(out.index) == ["national", "provincial", "other", "unknown"]
    assert out.loc["national", "total"] == pytest.approx(140 + 10.00005)
    assert out.loc["national", "median"] == pytest.approx((140 + 10.00005) / 2)
    assert (out.loc["national", "n_parks"], out.loc["national", "n_missing"]) == (2, 0)
    assert out.loc["provincial", "total"] == pytest.approx(5.0)
    assert (out.loc["provincial", "n_parks"], out.loc["provincial", "n_missing"]) == (1, 2)
    # nobody has a value: missing, never 0
    assert pd.isna(out.loc["unknown", "total"]) and pd.isna(out.loc["unknown", "median"])
    assert (out.loc["unknown", "n_parks"], out.loc["unknown", "n_missing"]) == (0, 1)
    assert pd.isna(out.loc["other", "total"]) and out.loc["other", "n_missing"] == 0
    assert out.loc["national", "base_unit"] == "km2"


def test_indicator_by_province_and_level(indicators, parks, units):
    out = compare.indicator_by_level(
        indicators, parks, units, "planned_area", by=["province", "level"]
    )
    assert len(out) == 8
    got = out.set_index(["province", "level"])
    assert got.loc[("广东省", "national"), "total"] == pytest.approx(10.00005)
    assert pd.isna(got.loc[("广东省", "provincial"), "total"])
    assert got.loc[("广东省", "provincial"), "n_missing"] == 1


def test_values_from_a_series(parks):
    area = pd.Series({"n1": 140.0, "p3": 31.77}, dtype="Float64")
    out = compare.values_by_level(area, parks, base_unit="km2").set_index("level")
    assert out.loc["provincial", "total"] == pytest.approx(31.77)
    assert out.loc["provincial", "n_missing"] == 2


def test_a_size_class_is_never_summed(indicators, parks, units):
    """千亿级 is a class (at least 1000 亿元), not the exact figure 1000: no total, median or
    per-park value reads it; an exact figure of the same indicator still counts."""
    classed = pd.DataFrame(
        [
            fact("c1", "n1", "cluster_output", 1000.0, "cny_100m") | {"qualifier": "size_class"},
            fact("c2", "n2", "cluster_output", 500.0, "cny_100m") | {"qualifier": "size_class"},
            fact("c3", "p1", "cluster_output", 320.0, "cny_100m") | {"qualifier": "exact"},
        ]
    ).astype({"value": "Float64", "year": "Int64"})
    both = pd.concat([indicators.assign(qualifier="exact"), classed], ignore_index=True)
    values = compare.park_values(both, units, "cluster_output")
    assert list(values["park_id"]) == ["p1"] and values["value"].iloc[0] == pytest.approx(320)
    out = compare.indicator_by_level(both, parks, units, "cluster_output").set_index("level")
    assert pd.isna(out.loc["national", "total"]) and out.loc["national", "n_missing"] == 2
    assert out.loc["provincial", "total"] == pytest.approx(320)
    # the real package's size classes (浏阳's 千亿级, 五百亿级) stay out of every total
    from parkdata.data.package import load_package

    real = load_package()
    assert (real.indicators["qualifier"] == "size_class").any()
    real_values = compare.park_values(real.indicators, real.units, "cluster_output")
    classes = real.indicators.loc[real.indicators["qualifier"] == "size_class", "fact_id"]
    assert not set(real_values["fact_id"]) & set(classes)


def test_mixed_families_are_refused(indicators, units):
    bad = pd.concat(
        [indicators, pd.DataFrame([fact("x", "n2", "planned_area", 3.0, "count")])],
        ignore_index=True,
    )
    with pytest.raises(ValueError, match="mixes unit families"):
        compare.park_values(bad, units, "planned_area")


def test_sector_mix_shares_over_parks_with_data(parks):
    industries = pd.DataFrame(
        {
            "park_id": ["n1", "n1", "n2", "p1", "p1", NA],
            "sector": ["electronics", "electronics", "automotive", "electronics", NA, "energy"],
            "role": ["leading", "featured", "leading", "leading", "leading", "leading"],
        }
    ).convert_dtypes()
    sectors = pd.DataFrame(
        {
            "sector": ["electronics", "automotive", "energy"],
            "label_zh": ["电子信息", "汽车", "能源"],
            "label_en": ["Electronics", "Automotive", "Energy"],
        }
    )
    out = compare.sector_mix(industries, parks, sectors).set_index(["level", "sector"])
    assert out.loc[("national", "electronics"), "n_parks"] == 1  # n1 once, not twice
    assert out.loc[("national", "electronics"), "share"] == pytest.approx(0.5)
    assert out.loc[("provincial", "electronics"), "n_with_data"] == 1  # only p1 has data
    assert out.loc[("provincial", "electronics"), "share"] == pytest.approx(1.0)
    assert out.loc[("national", "energy"), "n_parks"] == 0  # city-wide row left out
    assert pd.isna(out.loc[("unknown", "energy"), "share"])  # no data: missing, not 0


def test_targets_paired_with_actuals_where_both_exist(indicators, units):
    out = compare.targets_vs_actuals(indicators, units)
    assert set(out["target_fact_id"]) == {"f7", "f10"}  # f8 has no actual; f5 neither
    tax = out.set_index("target_fact_id").loc["f7"]
    assert (tax["actual_fact_id"], tax["target_year"]) == ("f6", 2025)
    assert tax["ratio"] == pytest.approx(20 / 30)
    city = out.set_index("target_fact_id").loc["f10"]
    assert city["region"] == "湛江市" and pd.isna(city["park_id"])
    assert city["actual_value"] == 12.0
    assert "ratio" not in compare.targets_vs_actuals(indicators).columns


def test_levels_present_drops_a_level_no_park_holds_and_keeps_true_zeros():
    from parkdata.model.compare import counts_by, levels_present

    provinces = ["湖南省", "湖南省", "广东省"]
    levels = ["national", "provincial", "national"]
    parks = pd.DataFrame({"province": provinces, "level": levels}).astype("string")
    kept = levels_present(counts_by(parks, ["province"]))
    assert set(kept["level"]) == {"national", "provincial"}
    guangdong = kept[kept["province"] == "广东省"].set_index("level")["n"]
    assert guangdong.to_dict() == {"national": 1, "provincial": 0}


def test_a_size_class_target_says_so_beside_its_value():
    """Chenzhou's 2019 千亿园区 goal pairs with the 2017 estimate; its value 1000 is the lower
    bound of a class, and the pair carries the qualifier that says so."""
    from parkdata.data.package import load_package

    real = load_package()
    pairs = compare.targets_vs_actuals(real.indicators, real.units).set_index("target_fact_id")
    goal = pairs.loc["chenzhou_edz-i10"]
    assert (goal["target_qualifier"], goal["target_year"]) == ("size_class", 2019)
    assert (goal["actual_fact_id"], goal["actual_value"]) == ("chenzhou_edz-i01", 580)
