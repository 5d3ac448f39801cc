"""Checks of zone names a reader would not use (issue 17), on the package's own columns: an
English name with a word doubled, Chinese characters or bracket leftovers, or an island or bay
left as a pinyin syllable; a short name that is only a zone-type ending; a county without an
English name. The rules (parkdata.data.rules) report each as a problem; the catalogue build
counts them in its REPORT. Checks that need the build's name tables (a misread character, a
minority place left in pinyin) are parkdata.curate.name_checks."""

from __future__ import annotations

import re

import pandas as pd

DOUBLED = re.compile(r"\b(\w+) \1\b", re.IGNORECASE)
_HAN = re.compile(r"[\u3400-\u9fff]")
_PARENS = re.compile(r"（[^）]*）|\([^)]*\)")
_GENERIC = re.compile(r"\b(Island|Islands|Bay|Gulf)\b")
LANDSCAPE = "岛湾"  # written in English after a name of two or more syllables, or after a place
_ADMIN = re.compile(r"(?:市|县|区|旗|盟|省|地区|林区|新区|自治州|自治县|自治旗|自治区)$")


def doubled(name_en: object) -> bool:
    """'Jiaozuo Industrial Industrial Cluster Zone', '… Bonded Zone Zone A'."""
    return isinstance(name_en, str) and bool(DOUBLED.search(name_en))


def stray(name_en: object) -> bool:
    """Chinese characters, full-width brackets or unbalanced or empty brackets."""
    if not isinstance(name_en, str):
        return False
    if _HAN.search(name_en) or "（" in name_en or "）" in name_en or "()" in name_en:
        return True
    depth = 0
    for char in name_en:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return True
    return depth != 0


def _place_forms(places: list[object]) -> list[str]:
    forms = []
    for place in places:
        if isinstance(place, str) and place:
            forms += [place, _ADMIN.sub("", place)]
            forms.append(re.sub(r"(?:.{1,4}族)+(?:自治[州县旗区]|区)$", "", place))
    return sorted({f for f in forms if len(f) >= 2}, key=len, reverse=True)


def landscape_left_in_pinyin(name_zh: object, name_en: object, places: list[object]) -> bool:
    """An island or bay of the name (岛, 湾 outside the names of its province, city and county)
    whose English has no Island, Bay or Gulf: 长兴岛 -> Changxingdao, 生态科技岛 -> … Dao. A
    one-syllable name keeps the generic in its word (青岛前湾 -> Qianwan)."""
    if not (isinstance(name_zh, str) and isinstance(name_en, str)):
        return False
    text = _PARENS.sub("", name_zh)
    covered = [False] * len(text)
    for form in _place_forms(places):
        for match in re.finditer(re.escape(form), text):
            covered[match.start() : match.end()] = [True] * len(form)
    for i, char in enumerate(text):
        if char not in LANDSCAPE or covered[i]:
            continue
        length = 0
        while i - length - 1 >= 0 and not covered[i - length - 1]:
            length += 1
        if length != 1 and not _GENERIC.search(name_en):
            return True
    return False


def short_is_only_an_ending(short: object, endings: set[str]) -> bool:
    """A short name that is only a zone-type ending (经济技术开发区, 经开区): it lost its place."""
    return isinstance(short, str) and (not short.strip() or short in endings)


def county_keys(parks: pd.DataFrame) -> pd.Series:
    """The counties vocabulary's key of each park with a county: city (else province) and
    county, 湛江市廉江市."""
    city = parks["city"].astype("string").fillna(parks["province"].astype("string"))
    return (city + parks["county"].astype("string")).where(parks["county"].notna())


def name_defects(parks: pd.DataFrame, endings: set[str]) -> dict[str, pd.Series]:
    """category -> boolean mask over `parks` (doubled, stray, landscape, short)."""
    where = parks[["province", "city", "county"]]
    places = where.astype(object).where(where.notna(), None)
    return {
        "doubled": parks["name_en"].map(doubled).astype(bool),
        "stray": parks["name_en"].map(stray).astype(bool),
        "landscape": pd.Series(
            [
                # only a name with 岛 or 湾 can leave one in pinyin (most have neither)
                isinstance(zh, str)
                and any(c in zh for c in LANDSCAPE)
                and landscape_left_in_pinyin(zh, en, list(pl))
                for zh, en, pl in zip(
                    parks["name_zh"],
                    parks["name_en"],
                    places.itertuples(index=False),
                    strict=True,
                )  # fmt: skip
            ],
            index=parks.index,
            dtype=bool,
        ),
        "short": parks["short_name_zh"].map(lambda s: short_is_only_an_ending(s, endings)),
    }
