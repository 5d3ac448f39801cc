"""Names a reader would not use (issue 17, item 5), counted by category for the catalogue
build's REPORT and checked by tests/test_names.py. The checks on the package's own columns are
parkdata.data.names (also validation rules); the ones here need the build's name tables:

- misread: a place word written with the reading pypinyin gives where the tables say otherwise
  (马尾 Mayi for Mawei, 长岛 Zhangdao) or a one-character industry word swallowed by the local
  name before it (新山铝产业 -> Xinshanlü Industry);
- minority: a place the reviewed table (data/catalog_place_names.csv) or a conventional place
  word gives an established form for, written in pinyin (图木舒克 Tumushuke for Tumxuk, 柴达木
  Chaidamu for Qaidam);
- renamed: a renamed zone whose short name is still the old one, or which the search does not
  find by one of the names it has had (Chinese, short or English);
- county: a county of a zone without an English name in data/vocab/counties.csv.

The figures before are those of commit a730368 (before issue 17), measured with these checks
(BEFORE; tests/test_names.py recounts the ones that read only data)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import pandas as pd
from pypinyin import Style, lazy_pinyin

from parkdata.curate.catalog_names import PINYIN, Namer, _join_syllables
from parkdata.data.dataset import short_name, with_levels
from parkdata.data.names import county_keys, name_defects, stray
from parkdata.model.filters import name_mask

CATEGORIES = {
    "misread": "a character read or translated wrongly (马尾 Mayi, 新山铝 Xinshanlü)",
    "landscape": "an island or bay left as a pinyin syllable (… Dao, Changxingdao)",
    "doubled": "a word doubled (Industrial Industrial, Zone Zone A)",
    "minority": "a minority place in pinyin where an established English name exists "
    "(Tumushuke, Chaidamu)",
    "stray": "Chinese characters or bracket leftovers in an English name",
    "short": "a short name that is only a zone-type ending (吉林经济技术开发区 -> 经济技术开发区)",
    "renamed": "a renamed zone still shown by its old short name or not found by a former name",
    "county": "a county of a zone without an English name",
}
ZONE_CATEGORIES = ("misread", "landscape", "doubled", "minority", "stray", "short")
PLACE_CATEGORIES = ("misread", "minority", "stray")
# Commit a730368, before issue 17: zones (the three zone tables' names) and place labels
# (provinces, prefectures; counties had none), counted with these checks.
BEFORE_COMMIT = "a730368"
BEFORE: dict[str, Any] = {
    "zones": {"misread": 1, "landscape": 18, "doubled": 2, "minority": 49, "stray": 0, "short": 6},
    "places": {"misread": 0, "minority": 14, "stray": 0},
    "renamed": 29,  # of the 29 renamed zones: old English names were not searched
    "county": 1516,  # distinct counties of the zones; no county had an English name
}


def _plain(text: str) -> str:
    """pypinyin's own reading, without the tables: what the build wrote before an override."""
    return _join_syllables(lazy_pinyin(text, style=Style.NORMAL, v_to_u=True))


def _word(wrong: str, english: str) -> bool:
    """`wrong` is a whole word of `english` (the pinyin Gongga is not in Gonggar)."""
    return bool(re.search(rf"(?<![a-zü']){re.escape(wrong)}(?![a-zü'])", english))


class Checker:
    """The table-based checks, built once from a Namer's tables."""

    def __init__(self, namer: Namer):
        self.misreadings = [
            (word, _plain(word).lower())
            for word, syllables in namer.overrides.items()
            if len(word) > 1 and _plain(word) != _join_syllables(syllables)
        ]
        self.swallowed = []  # (term, pattern): 铝产业 -> r"\wlü Aluminium"… see below
        for word, entry in namer.words.items():
            head, rest = word[:1], word[1:]
            if entry.kind != "term" or len(word) < 2 or head not in namer.words:
                continue
            tail = namer.words[rest].name_en if rest in namer.words else ""
            tail = tail or (namer.suffix_by_zh[rest].name_en if rest in namer.suffix_by_zh else "")
            if namer.words[head].kind == "term" and tail:
                plain = re.escape(_plain(head).lower())
                self.swallowed.append((word, re.compile(rf"\w{plain} {re.escape(tail.lower())}")))
        self.established: list[tuple[str, str, str]] = [  # (province or '', word, pinyin)
            (province, core, _plain(core).lower())
            for (province, core), entry in namer.reviewed.items()
            if entry.basis != PINYIN and _plain(core) != entry.name_en
        ]
        self.established += [
            ("", word, _plain(word).lower())
            for word, english in namer.place_words.items()
            if _plain(word) != english
        ]

    def misread(self, name_zh: object, name_en: object) -> bool:
        if not (isinstance(name_zh, str) and isinstance(name_en, str)):
            return False
        english = name_en.lower()
        if any(word in name_zh and _word(wrong, english) for word, wrong in self.misreadings):
            return True
        return any(word in name_zh and p.search(english) for word, p in self.swallowed)

    def minority(self, name_zh: object, name_en: object, province: object) -> bool:
        if not (isinstance(name_zh, str) and isinstance(name_en, str)):
            return False
        english = name_en.lower()
        return any(
            word in name_zh and where in ("", province) and _word(wrong, english)
            for where, word, wrong in self.established
        )


def zone_counts(
    tables: Iterable[pd.DataFrame], checker: Checker, endings: set[str]
) -> dict[str, int]:
    """Zones of each ZONE_CATEGORIES category over the zone tables."""
    counts = dict.fromkeys(ZONE_CATEGORIES, 0)
    for parks in tables:
        for category, mask in name_defects(parks, endings).items():
            counts[category] += int(mask.sum())
        rows = zip(parks["name_zh"], parks["name_en"], parks["province"], strict=True)
        for zh, en, province in rows:
            counts["misread"] += checker.misread(zh, en)
            counts["minority"] += checker.minority(zh, en, province)
    return counts


def place_counts(places: Iterable[tuple[pd.Series, pd.Series, pd.Series]], checker: Checker):
    """Place labels (Chinese name, English name, province) of each PLACE_CATEGORIES category."""
    counts = dict.fromkeys(PLACE_CATEGORIES, 0)
    for names, english, provinces in places:
        for zh, en, province in zip(names, english, provinces, strict=True):
            counts["misread"] += checker.misread(zh, en)
            counts["minority"] += checker.minority(zh, en, province)
            counts["stray"] += stray(en)
    return counts


def counties_without_english(tables: Iterable[pd.DataFrame], counties: pd.DataFrame) -> int:
    """Distinct counties of the zones (by city and name) without an English name."""
    known = set(counties.loc[counties["name_en"].fillna("") != "", "place"])
    keys = {k for parks in tables for k in county_keys(parks).dropna()}
    return len(keys - known)


def renamed_not_found(
    parks: pd.DataFrame, changes: pd.DataFrame, suffixes: tuple[tuple[str, str], ...]
) -> list[str]:
    """Renamed zones (a change with name_after) whose short name is not that of the current
    name, or which a search for one of their names (the park row's Chinese, short and English
    name, every name_after and name_en_after) does not find."""
    forms = tuple(sorted(suffixes, key=lambda pair: -len(pair[0])))
    derived = with_levels(parks, changes, forms)
    renamed = changes.loc[changes["name_after"].notna(), "park_id"].dropna().unique()
    own = parks.set_index("park_id")
    failing = []
    for park_id in renamed:
        if park_id not in own.index:
            continue
        row = derived[derived["park_id"] == park_id].iloc[0]
        names = [own.at[park_id, c] for c in ("name_zh", "short_name_zh", "name_en")]
        mine = changes[changes["park_id"] == park_id]
        names += [*mine["name_after"].dropna(), *mine["name_en_after"].dropna()]
        found = all(
            bool(name_mask(derived, str(n), suffixes)[row.name])
            for n in names
            if isinstance(n, str) and n
        )
        if not found or row["short_name_zh"] != short_name(str(row["name_zh"]), forms):
            failing.append(str(park_id))
    return failing
