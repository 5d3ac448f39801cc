"""Numbers and units as Chinese articles write them: 580亿元, 12亿美元, 4000余亩, 千亿级, 3-5家.

`parse_amount` reads one amount into an `Amount` (value in the source unit, upper end of a range,
unit code of data/units.csv, qualifier of indicators.qualifier: 千亿级 is 1000 亿元 `size_class`,
the lower bound of a class, never an exact figure); `find_amounts` finds every amount
in a text with its place. `convert` and `to_km2` convert within a unit family with the same factors
as the data package's units.csv (1 亩 = 666.67 m²)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# unit code -> (family, factor to the family's base unit). Keep in step with data/units.csv
# (tests/test_units.py checks that every ratio agrees).
UNITS: dict[str, tuple[str, float]] = {
    "cny_100m": ("money_cny", 1.0),
    "cny_10k": ("money_cny", 1e-4),
    "usd_100m": ("money_usd", 1.0),
    "km2": ("area", 1.0),
    "mu": ("area", 666.67e-6),
    "hectare": ("area", 0.01),
    "count": ("count", 1.0),
    "percent": ("percent", 1.0),
    "rank": ("rank", 1.0),  # a position in a ranking (1 = first): never summed
}
# Not a data-package unit: a duration such as 2-3年 or 三五年, kept for `period`.
YEARS = "years"

QUALIFIERS = ("exact", "approx", "more_than", "at_least", "up_to", "nearly", "size_class")

DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10_000, "亿": 100_000_000}

_CN_NUM = "零〇一二两三四五六七八九十百千"
_NUM = rf"(?:\d+(?:\.\d+)?|[{_CN_NUM}]+)"
_COUNT_WORDS = "家个块名项座所户人批"

# One amount: [prefix qualifier] number [-|至|到 number] [余|多] [万|亿 multiplier] [余|多] unit
# [以上|左右|以下|以内].
AMOUNT_RE = re.compile(
    rf"""(?P<pre>近|约|大约|超过|突破|逾|达到|不超过|不到)?
    (?P<num>{_NUM})
    (?:(?P<sep>[-－—~～至到])(?P<num2>{_NUM}))?
    (?P<more1>余|多)?
    (?P<mult>万|亿|千万|百万)?
    (?P<more2>余|多)?
    (?P<unit>亿美元|万美元|美元|亿元|万元|元|级|(?=企业|产业|园区)|平方公里|平方千米|km²|km2|万亩|亩|公顷
        |%|％|年|[{_COUNT_WORDS}])
    (?P<post>以上|左右|以下|以内)?""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class Amount:
    """An amount in its source unit. `value_max` is the upper end of a range, else None."""

    value: float
    value_max: float | None
    unit: str
    qualifier: str = "exact"


def parse_chinese_number(text: str) -> float:
    """三千 -> 3000, 十余 is not a number (strip 余 first), 五百 -> 500, 3.5 -> 3.5, 两 -> 2.

    Digit strings without positional characters (二〇二五) read digit by digit."""
    text = text.strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    if not text or any(
        ch not in DIGITS and ch not in SMALL_UNITS and ch not in BIG_UNITS for ch in text
    ):
        raise ValueError(f"not a number: {text!r}")
    if all(ch in DIGITS for ch in text):
        return float(int("".join(str(DIGITS[ch]) for ch in text)))
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in DIGITS:
            digit = DIGITS[ch]
        elif ch in SMALL_UNITS:
            section += (1 if digit is None else digit) * SMALL_UNITS[ch]
            digit = None
        elif ch == "万":
            total += (section + (digit or 0)) * 10_000
            section, digit = 0, None
        else:  # 亿
            total = (total + section + (digit or 0)) * 100_000_000
            section, digit = 0, None
    return float(total + section + (digit or 0))


def to_chinese_number(n: int) -> str:
    """Write a whole number below 10^8 in Chinese numerals (the inverse of parse_chinese_number)."""
    if n < 0 or n >= 100_000_000:
        raise ValueError(n)
    if n == 0:
        return "零"
    out = ""
    if n >= 10_000:
        out = _below_10k(n // 10_000) + "万"
        n %= 10_000
        if n and n < 1000:
            out += "零"
    return out + (_below_10k(n) if n else "")


def _below_10k(n: int) -> str:
    names = "零一二三四五六七八九"
    out, zero = "", False
    for power, word in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // power % 10
        if d:
            if zero:
                out += "零"
            out += names[d] + word
            zero = False
        elif out:
            zero = True
    return out


_PRE_QUALIFIER = {
    "近": "nearly",
    "约": "approx",
    "大约": "approx",
    "超过": "more_than",
    "突破": "more_than",
    "逾": "more_than",
    "达到": "exact",
    "不超过": "up_to",
    "不到": "up_to",
}
_POST_QUALIFIER = {"以上": "at_least", "左右": "approx", "以下": "up_to", "以内": "up_to"}
_MULT = {"万": 1e4, "亿": 1e8, "千万": 1e7, "百万": 1e6}


def _unit_and_factor(mult: str | None, unit: str, num_text: str) -> tuple[str, float] | None:
    """Unit code and the factor that takes the written number into it; None if not an amount."""
    mult_factor = _MULT.get(mult or "", 1.0)
    if unit in ("亿元", "亿美元"):
        code = "cny_100m" if unit == "亿元" else "usd_100m"
        return code, mult_factor
    if unit in ("级", ""):  # 千亿级, 五百亿级, 百亿企业, 千亿园区: only with 亿 as multiplier
        return ("cny_100m", mult_factor / 1e8) if mult == "亿" else None
    if unit in ("万元", "元"):
        base = mult_factor * (1e4 if unit == "万元" else 1.0)
        return ("cny_100m", base / 1e8) if base >= 1e8 else ("cny_10k", base / 1e4)
    if unit in ("万美元", "美元"):
        return "usd_100m", mult_factor * (1e4 if unit == "万美元" else 1.0) / 1e8
    if unit in ("平方公里", "平方千米", "km²", "km2"):
        return "km2", mult_factor
    if unit in ("亩", "万亩"):
        return "mu", mult_factor * (1e4 if unit == "万亩" else 1.0)
    if unit == "公顷":
        return "hectare", mult_factor
    if unit in ("%", "％"):
        return "percent", mult_factor
    if unit == "年":
        return YEARS, mult_factor
    return "count", mult_factor


def _amount(m: re.Match[str]) -> Amount | None:
    num_text, mult = m["num"], m["mult"]
    adjacent = _adjacent_range(num_text)
    try:
        value = parse_chinese_number(num_text) if adjacent is None else adjacent[0]
        value_max = parse_chinese_number(m["num2"]) if m["num2"] else None
    except ValueError:
        return None
    if adjacent is not None:
        value_max = adjacent[1]
    if m["num2"] is None and m["sep"]:
        return None
    found = _unit_and_factor(mult, m["unit"], num_text)
    if found is None:
        return None
    unit, factor = found
    qualifier = "exact"
    if m["pre"]:
        qualifier = _PRE_QUALIFIER[m["pre"]]
    if m["more1"] or m["more2"]:
        qualifier = "more_than"
    if m["post"]:
        qualifier = _POST_QUALIFIER[m["post"]]
    if adjacent is not None and qualifier == "exact":
        qualifier = "approx"
    if m["unit"] in ("级", ""):  # 千亿级, 百亿企业: a size class, never an exact figure
        qualifier = "size_class"
    value = _clean(value * factor)
    value_max = None if value_max is None else _clean(value_max * factor)
    if value_max is not None and value_max < value:
        value, value_max = value_max, value
    return Amount(value, value_max, unit, qualifier)


def _clean(x: float) -> float:
    """Drop float noise from multiplying (5.5 * 1e4 / 1e4)."""
    return float(round(x, 10))


def _adjacent_range(num: str) -> tuple[float, float] | None:
    """三五 (年), 两三 (个): two adjacent small numerals mean a rough range."""
    if len(num) == 2 and all(ch in DIGITS for ch in num):
        low, high = DIGITS[num[0]], DIGITS[num[1]]
        if 0 < low < high <= low + 2:
            return float(low), float(high)
    return None


def parse_amount(text: str) -> Amount | None:
    """The first amount in `text`, or None. 580亿元 -> Amount(580, None, 'cny_100m', 'exact')."""
    found = find_amounts(text)
    return found[0][2] if found else None


def find_amounts(text: str) -> list[tuple[int, int, Amount]]:
    """Every amount in `text` as (start, end, Amount), in order. Ordinals (第三个), calendar years
    (2025年), sub-amounts of 千亿级 and lone 一个 are skipped."""
    out = []
    for m in AMOUNT_RE.finditer(text):
        start = m.start()
        if start > 0 and text[start - 1] in "第周" or _is_calendar_year(m):
            continue
        if start > 0 and re.match(r"[\d.]", text[start - 1]):
            continue
        amount = _amount(m)
        if amount is None or (amount.unit == "count" and _is_lone_one(m)):
            continue
        out.append((start, m.end(), amount))
    return out


def _is_calendar_year(m: re.Match[str]) -> bool:
    return (
        m["unit"] == "年"
        and bool(re.fullmatch(r"\d{4}", m["num"]))
        and not m["num2"]
        or (m["unit"] == "年" and bool(m["num2"]) and len(m["num"]) == 4)
    )


def _is_lone_one(m: re.Match[str]) -> bool:
    return m["num"] in ("一", "1") and not m["num2"] and not m["mult"]


def family(unit: str) -> str:
    return UNITS[unit][0]


def convert(value: float, unit_from: str, unit_to: str) -> float:
    """Convert within one family (mu -> km2, cny_10k -> cny_100m); ValueError across families."""
    fam_from, f_from = UNITS[unit_from]
    fam_to, f_to = UNITS[unit_to]
    if fam_from != fam_to:
        raise ValueError(f"cannot convert {unit_from} ({fam_from}) to {unit_to} ({fam_to})")
    return value * f_from / f_to


def to_km2(value: float, unit: str) -> float:
    """An area in km² (1 亩 = 666.67 m², 1 公顷 = 0.01 km²)."""
    return convert(value, unit, "km2")


def format_amount(amount: Amount) -> str:
    """A short display string: 580 亿元, 3–5 家, 4000 亩 (more than)."""
    labels = {
        "cny_100m": "亿元",
        "cny_10k": "万元",
        "usd_100m": "亿美元",
        "km2": "平方公里",
        "mu": "亩",
        "hectare": "公顷",
        "count": "",
        "percent": "%",
        YEARS: "年",
    }
    num = f"{amount.value:g}"
    if amount.value_max is not None:
        num += f"–{amount.value_max:g}"
    return f"{num}{labels[amount.unit]}"
