"""Names for the catalogue build: the short Chinese form and a generated English name.

The English name is built from the Chinese one, left to right, longest match first, from three
curated tables and the places of the zone's province:
- data/vocab/name_suffixes.csv: zone-type endings (suffix_zh, short_zh, name_en), which also
  give the short form (经济技术开发区 -> 经开区);
- data/catalog_name_words.csv: words with a fixed English form (kind term: 临港 -> Port; kind
  place: a conventional English place name, 内蒙古 -> Inner Mongolia) and pinyin overrides for
  polyphonic place characters pypinyin reads wrongly (kind pinyin: 长治 -> chang zhi);
- the adcode places of the province (and every province's own name): written in pinyin, one
  capitalised word per place, its 县/区/旗 written County/District/Banner (市 dropped).
Text no table knows is written in pinyin as one capitalised word (a local name: 杏林 -> Xinglin).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from pypinyin import Style, lazy_pinyin

from parkdata.curate.catalog_places import Gazetteer, stem

_ADMIN_EN = {"县": "County", "区": "District", "旗": "Banner", "市": ""}
_DASHES = "—–－-·"
_FEATURES = set("湖湾山岛渠河峡")  # one-character landscape words that belong to a place name
_PARENS = re.compile(r"（([^）]*)）|\(([^)]*)\)")
_HAN = re.compile(r"[\u3400-\u9fff]")


class NameTableError(ValueError):
    """A curated name table is malformed."""


@dataclass(frozen=True)
class Suffix:
    suffix_zh: str
    short_zh: str
    name_en: str


@dataclass(frozen=True)
class Word:
    word_zh: str
    kind: str  # term, place, pinyin
    pinyin: str
    name_en: str


def _read(path: Path, columns: list[str]) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != columns:
            raise NameTableError(f"{path}: columns must be {columns}, found {reader.fieldnames}")
        return list(reader)


def load_suffixes(path: Path) -> list[Suffix]:
    """The suffix table, which must list longer suffixes first."""
    rows = _read(path, ["suffix_zh", "short_zh", "name_en"])
    suffixes = [Suffix(r["suffix_zh"], r["short_zh"], r["name_en"]) for r in rows]
    lengths = [len(s.suffix_zh) for s in suffixes]
    if lengths != sorted(lengths, reverse=True):
        raise NameTableError(f"{path}: suffixes must be listed longest first")
    if len({s.suffix_zh for s in suffixes}) != len(suffixes):
        raise NameTableError(f"{path}: a suffix is listed twice")
    return suffixes


def load_words(path: Path) -> list[Word]:
    rows = _read(path, ["word_zh", "kind", "pinyin", "name_en", "note"])
    words = []
    for number, r in enumerate(rows, start=2):
        if r["kind"] not in ("term", "place", "pinyin"):
            raise NameTableError(f"{path} row {number}: kind must be term, place or pinyin")
        if (r["kind"] == "pinyin") != bool(r["pinyin"]) or (r["kind"] != "pinyin") != bool(
            r["name_en"]
        ):
            raise NameTableError(
                f"{path} row {number}: kind pinyin needs pinyin only, other kinds name_en only"
            )
        words.append(Word(r["word_zh"], r["kind"], r["pinyin"], r["name_en"]))
    if len({w.word_zh for w in words}) != len(words):
        raise NameTableError(f"{path}: a word is listed twice")
    return words


def _join_syllables(syllables: list[str]) -> str:
    """['xi', 'an'] -> "Xi'an": one word, an apostrophe before a, o, e after the first."""
    text = ""
    for syllable in syllables:
        if text and syllable[:1] in ("a", "o", "e"):
            text += "'"
        text += syllable
    return text[:1].upper() + text[1:]


class Namer:
    """Short Chinese names and English names of catalogue zones."""

    def __init__(self, gazetteer: Gazetteer, suffixes: list[Suffix], words: list[Word]):
        self.gazetteer = gazetteer
        self.suffixes = suffixes
        self.suffix_by_zh = {s.suffix_zh: s for s in suffixes}
        self.words = {w.word_zh: w for w in words}
        self.overrides = {w.word_zh: w.pinyin.split() for w in words if w.kind == "pinyin"}
        self.place_words = {w.word_zh: w.name_en for w in words if w.kind == "place"}
        self.used_overrides: set[str] = set()
        self.unknown_runs: dict[str, str] = {}  # Chinese run -> its pinyin word (for the report)

    # -- pinyin ---------------------------------------------------------------------------

    def syllables(self, text: str) -> list[str]:
        """Pinyin syllables of `text`, override words first (longest match)."""
        out: list[str] = []
        i = 0
        plain = ""
        while i < len(text):
            for length in range(len(text) - i, 1, -1):
                piece = text[i : i + length]
                if piece in self.overrides:
                    out += lazy_pinyin(plain, style=Style.NORMAL, v_to_u=True) if plain else []
                    plain = ""
                    out += self.overrides[piece]
                    self.used_overrides.add(piece)
                    i += length
                    break
            else:
                plain += text[i]
                i += 1
        out += lazy_pinyin(plain, style=Style.NORMAL, v_to_u=True) if plain else []
        return out

    def romanize(self, text: str) -> str:
        """A place or local name as one capitalised pinyin word (or its conventional form)."""
        if text in self.place_words:
            return self.place_words[text]
        if not _HAN.search(text):
            return text
        if text in self.overrides:  # also a one-character place: 单 (单县) -> Shan
            self.used_overrides.add(text)
            return _join_syllables(self.overrides[text])
        return _join_syllables(self.syllables(text))

    def place_en(self, name: str) -> str:
        """汉寿县 -> Hanshou County, 衡阳市 -> Hengyang, 雨花区 -> Yuhua District."""
        if name in self.place_words:
            return self.place_words[name]
        if len(name) == 2 and name[1] == "县":  # 云县 -> Yun County
            return f"{self.romanize(name[0])} County"
        base = stem(name)
        word = self.romanize(base)
        rest = name[len(base) :]
        suffix = _ADMIN_EN.get(rest, "")
        return f"{word} {suffix}".strip()

    # -- segmentation ---------------------------------------------------------------------

    def _place_keys(self, province: str) -> dict[str, str]:
        """Place keys of the province (and every province's name), each with a full name."""
        keys = {k: found[0].name for k, found in self.gazetteer.keys.get(province, {}).items()}
        for name in self.gazetteer.provinces:
            keys.setdefault(name, name)
            keys.setdefault(stem(name), name)
        return keys

    def segment(self, text: str, province: str) -> list[str]:
        """English words of `text`: table words, suffixes, places, or pinyin of the unknown."""
        places = self._place_keys(province)
        out: list[str] = []
        unknown = ""
        last_place = -1

        def flush() -> None:
            nonlocal unknown
            if unknown:
                word = self.romanize(unknown)
                self.unknown_runs[unknown] = word
                out.append(word)
                unknown = ""

        i = 0
        while i < len(text):
            char = text[i]
            if char in _DASHES:
                flush()
                out.append("-")
                i += 1
                continue
            if char == "、":
                flush()
                out.append(",")
                i += 1
                continue
            found = ""
            is_place = False
            # A one-character word or suffix (港, 园, 区) only starts a token or ends the name;
            # inside a run of unknown text it belongs to the local name (临港, 花园口).
            shortest = 2 if unknown and i < len(text) - 1 else 1
            for length in range(len(text) - i, shortest - 1, -1):
                piece = text[i : i + length]
                if piece in self.words and self.words[piece].kind in ("term", "place"):
                    found = self.words[piece].name_en
                elif piece in self.suffix_by_zh:
                    found = self.suffix_by_zh[piece].name_en
                elif length >= 2 and piece in places:
                    # 肃南县 for 肃南裕固族自治县: the name's own 县/市/区/旗 goes with the place
                    admin = text[i + length : i + length + 1]
                    if admin in _ADMIN_EN and piece == stem(places[piece]) != places[piece]:
                        piece += admin
                        length += 1
                    found = self.place_en(piece)
                    is_place = True
                if found:
                    flush()
                    out.append(found)
                    if is_place:
                        last_place = len(out) - 1
                    i += length
                    break
            else:
                unknown += char
                i += 1
                # A lake, bay, hill … right after a place joins it: 大冶湖 -> Dayehu.
                if unknown in _FEATURES and out and last_place == len(out) - 1:
                    if i >= len(text) or self._starts_token(text, i, places):
                        out[-1] = out[-1] + self.romanize(unknown).lower()
                        unknown = ""
        flush()
        return out

    def _starts_token(self, text: str, i: int, places: dict[str, str]) -> bool:
        for length in range(len(text) - i, 0, -1):
            piece = text[i : i + length]
            if (
                piece in self.words
                or piece in self.suffix_by_zh
                or (length >= 2 and piece in places)
            ):
                return True
        return text[i] in _DASHES or text[i] == "、"

    def english(self, name: str, province: str) -> str:
        """The generated English name of a catalogue zone."""
        main = _PARENS.sub("", name)
        parens = [a or b for a, b in _PARENS.findall(name)]
        words = self.segment(main, province)
        text = " ".join(words)
        for inner in parens:
            text += " (" + " ".join(self.segment(inner, province)) + ")"
        text = re.sub(r" - ", "-", text)
        text = re.sub(r" ,", ",", text)
        return re.sub(r"\s+", " ", text).strip()

    # -- short Chinese name ---------------------------------------------------------------

    def short(self, name: str, province_prefix: str, has_place: bool) -> str:
        """Province prefix dropped (kept as its stem when the name names no place below the
        province) and the zone-type suffix abbreviated: 湖南汉寿高新技术产业园区 -> 汉寿高新区."""
        main = _PARENS.sub("", name)
        body = main[len(province_prefix) :] if province_prefix else main
        if province_prefix and not has_place:
            body = stem(province_prefix) + body
        for suffix in self.suffixes:
            if body.endswith(suffix.suffix_zh) and len(body) > len(suffix.suffix_zh):
                return body[: -len(suffix.suffix_zh)] + suffix.short_zh
        return body
