"""parkdata.data.units: real amounts from the articles, properties (hypothesis), and agreement with
the package's units and qualifiers vocabularies (vocab/units.csv, vocab/qualifiers.csv, as the
fixture package holds them)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parkdata.data.units import (
    QUALIFIERS,
    UNITS,
    YEARS,
    Amount,
    convert,
    find_amounts,
    parse_amount,
    parse_chinese_number,
    to_chinese_number,
    to_km2,
)

# Written as in the articles -> (value, value_max, unit, qualifier)
REAL_EXAMPLES = [
    ("技工贸总收入580亿元", 580, None, "cny_100m", "exact"),
    ("外贸进出口总额12亿美元", 12, None, "usd_100m", "exact"),
    ("实缴税金5.5亿元", 5.5, None, "cny_100m", "exact"),
    ("园区先期规划了3000亩土地", 3000, None, "mu", "exact"),
    ("规划面积170.57平方公里", 170.57, None, "km2", "exact"),
    ("以4000余亩的开发面积", 4000, None, "mu", "more_than"),
    ("形成千亿级电子信息产业集群", 1000, None, "cny_100m", "size_class"),
    ("五百亿级生物医药", 500, None, "cny_100m", "size_class"),
    ("培育上市企业3-5家", 3, 5, "count", "exact"),
    ("外贸总额同比增长103%", 103, None, "percent", "exact"),
    ("实现总投资100亿元以上", 100, None, "cny_100m", "at_least"),
    ("规模工业产值突破1000亿元", 1000, None, "cny_100m", "more_than"),
    ("税收达到40亿元", 40, None, "cny_100m", "exact"),
    ("引进了十余个全球知名跨国集团", 10, None, "count", "more_than"),
    ("计划用2-3年时间", 2, 3, YEARS, "exact"),
    ("力争通过3至5年的努力", 3, 5, YEARS, "exact"),
    ("用3到5年时间打造", 3, 5, YEARS, "exact"),
    ("力争三五年“再造一个隆平园”", 3, 5, YEARS, "approx"),
    ("全市园区共入驻企业1136家", 1136, None, "count", "exact"),
    ("引进和培育100名领军人才", 100, None, "count", "exact"),
    ("全市40%园区达到“七通一平”标准", 40, None, "percent", "exact"),
    ("加快实现百亿企业", 100, None, "cny_100m", "size_class"),
    ("近3万亩", 30000, None, "mu", "nearly"),
    ("约50公顷", 50, None, "hectare", "approx"),
    ("投资5000万元", 5000, None, "cny_10k", "exact"),
    ("两三个项目", 2, 3, "count", "approx"),
]


@pytest.mark.parametrize(("text", "value", "value_max", "unit", "qualifier"), REAL_EXAMPLES)
def test_real_examples(text, value, value_max, unit, qualifier):
    assert parse_amount(text) == Amount(value, value_max, unit, qualifier)


@pytest.mark.parametrize(
    "text",
    ["2016年以来", "第二个", "实现5G基站园区全覆盖", "“4+2+3”产业链", "世界500强企业", "一批"],
)
def test_not_amounts(text):
    """Calendar years, ordinals, product names, ranks and a lone 一 are no amounts."""
    assert [a for _, _, a in find_amounts(text) if a.unit != YEARS] == []


def test_find_amounts_gives_places_in_order():
    text = "实缴税金5.5亿元、招商引资总额49亿元、外贸进出口总额12亿美元"
    found = find_amounts(text)
    assert [text[s:e] for s, e, _ in found] == ["5.5亿元", "49亿元", "12亿美元"]
    assert [a.unit for _, _, a in found] == ["cny_100m", "cny_100m", "usd_100m"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("三千", 3000),
        ("五百", 500),
        ("十", 10),
        ("十三", 13),
        ("两", 2),
        ("一万零一十", 10010),
        ("三亿五千万", 350_000_000),
        ("二〇二五", 2025),
        ("3.5", 3.5),
    ],
)
def test_chinese_numbers(text, value):
    assert parse_chinese_number(text) == value


def test_mu_to_km2_uses_666_67_square_metres():
    assert to_km2(1, "mu") == pytest.approx(666.67e-6)
    assert to_km2(4000, "mu") == pytest.approx(2.66668)
    assert to_km2(100, "hectare") == pytest.approx(1.0)
    assert convert(1, "cny_100m", "cny_10k") == pytest.approx(10_000)


def test_convert_refuses_other_families():
    with pytest.raises(ValueError, match="cannot convert"):
        convert(1, "mu", "cny_100m")


def test_factors_agree_with_the_units_vocabulary(ds):
    """Every pair of units of one family converts by the same ratio as vocab/units.csv says."""
    units = ds.units
    assert set(units["unit"]) == set(UNITS)
    factor = dict(zip(units["unit"], units["to_base"].astype(float), strict=True))
    fam = dict(zip(units["unit"], units["family"], strict=True))
    for a in UNITS:
        assert UNITS[a][0] == fam[a]
        for b in UNITS:
            if fam[a] == fam[b]:
                assert convert(1.0, a, b) == pytest.approx(factor[a] / factor[b], rel=1e-9)


def test_qualifiers_agree_with_the_qualifiers_vocabulary(ds):
    assert set(QUALIFIERS) == set(ds.vocab["qualifiers"].codes())
    found = {parse_amount(text).qualifier for text, *_ in REAL_EXAMPLES}  # type: ignore[union-attr]
    assert found <= set(ds.vocab["qualifiers"].codes())
    assert "size_class" not in ds.vocab["qualifiers"].where("exact")  # 千亿级 is no exact figure


def test_amounts_are_in_units_of_the_vocabulary(ds):
    codes = set(ds.vocab["units"].codes())
    for text, _, _, unit, _ in REAL_EXAMPLES:
        assert unit == YEARS or unit in codes, text


# --------------------------------------------------------------------------- properties


def written(x: float) -> str:
    """A number as an article writes it: 3000, 5.5, 170.57."""
    return f"{x:.2f}".rstrip("0").rstrip(".")


numbers = st.decimals(min_value=0, max_value=99999, places=2, allow_nan=False).map(float)
MULTIPLIED = {
    "亿元": ("cny_100m", 1.0),
    "万元": ("cny_10k", 1.0),
    "亿美元": ("usd_100m", 1.0),
    "平方公里": ("km2", 1.0),
    "亩": ("mu", 1.0),
    "万亩": ("mu", 1e4),
    "公顷": ("hectare", 1.0),
    "%": ("percent", 1.0),
    "家": ("count", 1.0),
}


@given(numbers, st.sampled_from(sorted(MULTIPLIED)))
def test_formatted_amount_parses_back(value, written_unit):
    unit, factor = MULTIPLIED[written_unit]
    if value == 1 and unit == "count":
        value = 2  # a lone 1 is read as the article "一", not a count
    amount = parse_amount(f"总额{written(value)}{written_unit}")
    assert amount is not None
    assert amount.unit == unit
    assert math.isclose(amount.value, value * factor, rel_tol=1e-9)
    assert amount.value_max is None and amount.qualifier == "exact"


@given(st.integers(0, 99_999_999))
def test_chinese_numerals_round_trip(n):
    assert parse_chinese_number(to_chinese_number(n)) == n


@given(
    numbers, numbers, st.sampled_from(["-", "至", "到", "~"]), st.sampled_from(["家", "亿元", "亩"])
)
def test_ranges_keep_both_ends_in_order(a, b, sep, unit):
    if a == b:
        b = round(a + 1, 2)
    amount = parse_amount(f"{written(a)}{sep}{written(b)}{unit}")
    assert amount is not None and amount.value_max is not None
    assert amount.value <= amount.value_max
    assert {amount.value, amount.value_max} == {a, b}


@given(st.sampled_from(["余", "多"]), st.integers(2, 9999), st.sampled_from(["亩", "家", "亿元"]))
def test_approximate_words_kept_as_qualifier(word, n, unit):
    amount = parse_amount(f"{n}{word}{unit}")
    assert amount is not None and amount.value == n and amount.qualifier == "more_than"


@given(
    st.floats(min_value=0, max_value=1e9, allow_nan=False),
    st.sampled_from([(a, b) for a in UNITS for b in UNITS if UNITS[a][0] == UNITS[b][0]]),
)
def test_conversions_round_trip(value, pair):
    a, b = pair
    assert math.isclose(convert(convert(value, a, b), b, a), value, rel_tol=1e-9, abs_tol=1e-9)
