"""Names for the catalogue build: the short Chinese form and a generated English name, and the
English names of places (the place vocabularies' name_en).

The English name is built from the Chinese one, left to right, longest match first, from four
curated tables and the places of the zone's province:
- data/vocab/name_suffixes.csv: zone-type endings (suffix_zh, short_zh, name_en), which also
  give the short form (经济技术开发区 -> 经开区);
- data/catalog_name_words.csv: words with a fixed English form (kind term: 临港 -> Port; kind
  place: a conventional English place name, 内蒙古 -> Inner Mongolia, 柴达木 -> Qaidam), pinyin
  overrides for polyphonic place characters pypinyin reads wrongly (kind pinyin: 长治 -> chang
  zhi), landscape words (kind feature: 岛 -> Island, 湾 -> Bay; 湖, 山 … stay in the pinyin
  word), the English of division suffixes (kind division: 县 -> County, 自治 -> Autonomous) and
  of the ethnic groups in autonomous areas' names (kind ethnic: 蒙古 -> Mongol);
- data/catalog_place_names.csv: the reviewed English names of divisions in minority areas
  (name_core_zh -> name_en, by province, with their basis: 图木舒克 -> Tumxuk);
- the adcode places of the province (and every province's own name): written in pinyin, one
  capitalised word per place, its 县/区/旗 written County/District/Banner (市 dropped).
Text no table knows is written in pinyin as one capitalised word (a local name: 杏林 -> Xinglin).
A landscape word with an English form ends a local name of two or more syllables in English
(长兴岛 -> Changxing Island, 大亚湾 -> Daya Bay; after a place: 杭州湾 -> Hangzhou Bay); after
one syllable it stays in the pinyin word (前湾 -> Qianwan, GB/T 17693.1). A word the name
repeats at a seam (工业 + 产业集聚区: Industrial Industrial Cluster Zone) is written once.

A county's English (`county_en`, for data/vocab/counties.csv) is its core name (the reviewed
form, else pinyin) with its whole suffix in English: 临武县 -> Linwu County, 雷州市 -> Leizhou
City, 围场满族蒙古族自治县 -> Weichang Manchu and Mongol Autonomous County.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from pypinyin import Style, lazy_pinyin

from parkdata.curate.catalog_places import Gazetteer, stem

_SHORT_ADMIN = ("县", "区", "旗")  # written in a zone's name after its place; 市 is dropped
_DASHES = "—–－-·"
_PARENS = re.compile(r"（([^）]*)）|\(([^)]*)\)")
_HAN = re.compile(r"[\u3400-\u9fff]")
_DOUBLED = re.compile(r"\b(\w+)(?: \1\b)+", re.IGNORECASE)
KINDS = ("term", "place", "pinyin", "feature", "division", "ethnic")
PINYIN = "pinyin"  # the basis of a name written by the rules, not taken from a table
CONVENTIONAL = "conventional"


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
    kind: str  # one of KINDS
    pinyin: str
    name_en: str


@dataclass(frozen=True)
class PlaceName:
    """A reviewed English name of a division's core name (data/catalog_place_names.csv)."""

    adcode: str
    name_zh: str
    province: str
    core_zh: str
    name_en: str
    basis: str


PLACE_NAME_COLUMNS = [
    "adcode", "name_zh", "province", "name_core_zh", "name_en", "basis", "source_url", "note",
]  # fmt: skip


def _read(path: Path, columns: list[str]) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != columns:
            raise NameTableError(f"{path}: columns must be {columns}, found {reader.fieldnames}")
        return list(reader)


def load_suffixes(path: Path) -> list[Suffix]:
    """The suffix table, which must list longer suffixes first."""
    rows = _read(path, ["suffix_zh", "short_zh", "name_en", "short_en"])
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
        kind = r["kind"]
        if kind not in KINDS:
            raise NameTableError(f"{path} row {number}: kind must be one of {', '.join(KINDS)}")
        pinyin_ok = (kind == "pinyin") == bool(r["pinyin"])
        english_ok = kind == "feature" or (kind != "pinyin") == bool(r["name_en"])
        if not (pinyin_ok and english_ok):
            raise NameTableError(
                f"{path} row {number}: kind pinyin needs pinyin only, other kinds name_en only "
                "(a feature's name_en may be empty)"
            )
        words.append(Word(r["word_zh"], kind, r["pinyin"], r["name_en"]))
    keys = [(w.word_zh, w.kind in ("division", "ethnic")) for w in words]
    if len(set(keys)) != len(keys):
        raise NameTableError(f"{path}: a word is listed twice")
    return words


def load_place_names(path: Path) -> list[PlaceName]:
    rows = _read(path, PLACE_NAME_COLUMNS)
    names = []
    for number, r in enumerate(rows, start=2):
        if not (r["name_en"] and r["basis"] and r["name_zh"].startswith(r["name_core_zh"])):
            raise NameTableError(
                f"{path} row {number}: needs name_en, basis and a core that begins name_zh"
            )
        names.append(
            PlaceName(
                r["adcode"],
                r["name_zh"],
                r["province"],
                r["name_core_zh"],
                r["name_en"],
                r["basis"],
            )  # fmt: skip
        )
    if len({(n.province, n.name_zh) for n in names}) != len(names):
        raise NameTableError(f"{path}: a division is listed twice")
    return names


def _join_syllables(syllables: list[str]) -> str:
    """['xi', 'an'] -> "Xi'an": one word, an apostrophe before a, o, e after the first."""
    text = ""
    for syllable in syllables:
        if text and syllable[:1] in ("a", "o", "e"):
            text += "'"
        text += syllable
    return text[:1].upper() + text[1:]


def undouble(text: str) -> str:
    """'Industrial Industrial Cluster Zone' -> 'Industrial Cluster Zone'."""
    return _DOUBLED.sub(lambda m: m.group(1), text)


class Namer:
    """Short Chinese names and English names of catalogue zones and of places."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        suffixes: list[Suffix],
        words: list[Word],
        place_names: list[PlaceName] = (),  # type: ignore[assignment]
    ):
        self.gazetteer = gazetteer
        self.suffixes = suffixes
        self.suffix_by_zh = {s.suffix_zh: s for s in suffixes}
        self.words = {w.word_zh: w for w in words if w.kind in ("term", "place", "pinyin")}
        self.overrides = {w.word_zh: w.pinyin.split() for w in words if w.kind == "pinyin"}
        self.place_words = {w.word_zh: w.name_en for w in words if w.kind == "place"}
        self.features = {w.word_zh: w.name_en for w in words if w.kind == "feature"}
        self.divisions = {w.word_zh: w.name_en for w in words if w.kind == "division"}
        ethnic = {w.word_zh: w.name_en for w in words if w.kind == "ethnic"}
        self.ethnic = dict(sorted(ethnic.items(), key=lambda kv: -len(kv[0])))
        self.reviewed = {(n.province, n.core_zh): n for n in place_names}
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

    def romanize(self, text: str, province: str = "") -> str:
        """A place or local name as one capitalised pinyin word (or its reviewed or
        conventional form)."""
        return self.core(text, province)[0]

    def core(self, text: str, province: str = "") -> tuple[str, str]:
        """(English, basis) of a place's core name or a local name."""
        reviewed = self.reviewed.get((province, text))
        if reviewed is not None:
            return reviewed.name_en, reviewed.basis
        if text in self.place_words:
            return self.place_words[text], CONVENTIONAL
        if not _HAN.search(text):
            return text, PINYIN
        if text in self.overrides:  # also a one-character place: 单 (单县) -> Shan
            self.used_overrides.add(text)
            return _join_syllables(self.overrides[text]), PINYIN
        return _join_syllables(self.syllables(text)), PINYIN

    def place_en(self, name: str, province: str = "") -> str:
        """A place as a zone's name or a label writes it: 汉寿县 -> Hanshou County, 衡阳市 ->
        Hengyang, 雨花区 -> Yuhua District, 楚雄彝族自治州 -> Chuxiong."""
        if name in self.place_words:
            return self.place_words[name]
        if len(name) == 2 and name[1] == "县":  # 云县 -> Yun County
            return f"{self.romanize(name[0], province)} County"
        base = stem(name)
        word = self.romanize(base, province)
        rest = name[len(base) :]
        suffix = self.divisions.get(rest, "") if rest in _SHORT_ADMIN else ""
        return f"{word} {suffix}".strip()

    def county_en(self, name: str, province: str) -> tuple[str, str]:
        """(English, basis) of a county-level division, its whole suffix in English: 临武县 ->
        Linwu County, 雷州市 -> Leizhou City, 城区 -> Chengqu District, 管城回族区 -> Guancheng
        Hui District, 围场满族蒙古族自治县 -> Weichang Manchu and Mongol Autonomous County."""
        if name in self.place_words:
            return self.place_words[name], CONVENTIONAL
        base = stem(name)
        if base == name and len(name) == 2 and name[1] in self.divisions:
            base = name[0] if name[1] == "县" else name  # 云县 -> Yun County; 城区 -> Chengqu
        elif base == name:  # no division suffix: 西沙群岛 -> Xisha Islands
            return " ".join(self.segment(name, province)), PINYIN
        english, basis = self.core(base, province)
        suffix = self.suffix_en(name[len(base) :] or name[-1])
        return f"{english} {suffix}".strip(), basis

    def suffix_en(self, suffix: str) -> str:
        """县 -> County, 自治县 -> Autonomous County, 回族土族自治县 -> Hui and Tu Autonomous
        County, 回族区 -> Hui District."""
        if suffix in self.divisions:
            return self.divisions[suffix]
        groups: list[str] = []
        rest = suffix
        while rest and not rest.startswith(("自治", "区")):
            for zh, en in self.ethnic.items():
                if rest.startswith(zh):
                    groups.append(en)
                    rest = rest[len(zh) :]
                    break
            else:
                if not rest.startswith("族"):
                    raise NameTableError(f"no English for the division suffix {suffix}")
            rest = rest.removeprefix("族")
        kind = rest.removeprefix("自治")
        if kind == "区" and rest.startswith("自治"):
            division = "Region"
        elif kind in self.divisions:
            division = self.divisions[kind]
        else:
            raise NameTableError(f"no English for the division suffix {suffix}")
        words = [" and ".join([", ".join(groups[:-1]), groups[-1]] if groups[:-1] else groups)]
        words = [w for w in words if w]
        if rest.startswith("自治"):
            words.append(self.divisions["自治"])
        return " ".join([*words, division])

    # -- segmentation ---------------------------------------------------------------------

    def _place_keys(self, province: str) -> dict[str, str]:
        """Place keys of the province (and every province's name), each with a full name."""
        keys = {k: found[0].name for k, found in self.gazetteer.keys.get(province, {}).items()}
        for name in self.gazetteer.provinces:
            keys.setdefault(name, name)
            keys.setdefault(stem(name), name)
        return keys

    def _local(self, run: str, province: str) -> str:
        """A run of text no table knows: a local name in pinyin, a landscape word with an
        English form after two or more syllables in English (长兴岛 -> Changxing Island)."""
        generic = self.features.get(run[-1], "")
        if generic and len(run) == 1:
            return generic  # 生态科技岛: the island of the words before it
        if generic and len(run) >= 3:
            return f"{self.romanize(run[:-1], province)} {generic}"
        return self.romanize(run, province)

    def segment(self, text: str, province: str) -> list[str]:
        """English words of `text`: table words, suffixes, places, or pinyin of the unknown."""
        places = self._place_keys(province)
        out: list[str] = []
        unknown = ""
        last_place = -1

        def flush() -> None:
            nonlocal unknown
            if unknown:
                word = self._local(unknown, province)
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
                    if (
                        admin in ("市", *_SHORT_ADMIN)
                        and piece == stem(places[piece]) != (places[piece])
                    ):
                        piece += admin
                        length += 1
                    found = self.place_en(piece, province)
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
                # A lake, bay, hill … right after a place joins it: 大冶湖 -> Dayehu; a word
                # with an English form follows it: 杭州湾 -> Hangzhou Bay.
                if unknown in self.features and out and last_place == len(out) - 1:
                    if i >= len(text) or self._starts_token(text, i, places):
                        generic = self.features[unknown]
                        if generic:
                            out[-1] = f"{out[-1]} {generic}"
                        else:
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
        return undouble(re.sub(r"\s+", " ", text).strip())

    # -- short Chinese name ---------------------------------------------------------------

    def short(self, name: str, province_prefix: str, has_place: bool) -> str:
        """Province prefix dropped (kept as its stem when the name names no place below the
        province, or when the place it names is the province's stem itself: 吉林经济技术开发区
        -> 吉林经开区) and the zone-type suffix abbreviated: 湖南汉寿高新技术产业园区 ->
        汉寿高新区."""
        main = _PARENS.sub("", name)
        body = main[len(province_prefix) :] if province_prefix else main
        if province_prefix and (not has_place or not body or body in self.suffix_by_zh):
            body = stem(province_prefix) + body
        for suffix in self.suffixes:
            if body.endswith(suffix.suffix_zh) and len(body) > len(suffix.suffix_zh):
                return body[: -len(suffix.suffix_zh)] + suffix.short_zh
        return body
