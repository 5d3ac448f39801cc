"""`Labels`: everything a page, chart, map or export says, for one language: the UI text
(`parkdata.present.i18n`) joined with the labels, colours and order of the package's
vocabularies, so that a new level or zone type shows everywhere from one data row."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from parkdata.data.schema import LEVEL_NATIONAL
from parkdata.data.vocab import Vocabularies
from parkdata.present import i18n

PLACE_VOCABULARIES = ("provinces", "prefectures", "counties")


@dataclass(frozen=True, eq=False)
class Labels:
    vocab: Vocabularies
    lang: str

    # -- the dashboard's own words
    def t(self, key: str, /, **values: object) -> str:
        return i18n.t(key, self.lang, **values)

    def column(self, name: str) -> str:
        return i18n.column(name, self.lang)

    def column_help(self, name: str) -> str | None:
        return i18n.column_help(name, self.lang)

    def term(self, key: str) -> str:
        return i18n.term(key, self.lang)

    @property
    def colon(self) -> str:
        return i18n.colon(self.lang)

    def line(self, key: str, value: object) -> str:
        """'级别：国家级' / 'Level: National': one fact of a tooltip or caption."""
        return f"{self.term(key)}{self.colon}{value}"

    # -- codes
    def code(self, vocabulary: str, code: object) -> str:
        """A code's label ('' for missing, the code itself when the table does not know it)."""
        return self.vocab[vocabulary].label(code, self.lang)

    def codes(self, vocabulary: str, values: pd.Series) -> pd.Series:
        """Labels of a column of codes; missing stays missing."""
        labels = self.vocab[vocabulary].labels(self.lang)
        out = values.astype("string").map(lambda v: labels.get(v, v), na_action="ignore")
        return out.astype("string")

    def zone_types(self, types: pd.Series, levels: pd.Series) -> pd.Series:
        """Labels of zone types, a national zone under its kind's national name where the
        vocabulary gives one (经济技术开发区 against 经济开发区); missing stays missing."""
        out = self.codes("zone_types", types)
        column = f"label_{'en' if self.lang == 'en' else 'zh'}_national"
        national = (
            self.vocab["zone_types"].column(column)
            if column in self.vocab["zone_types"].frame
            else {}
        )
        named = {code: label for code, label in national.items() if label}
        if not named:
            return out
        override = types.astype("string").map(named).astype("string")
        at_national = (levels.astype("string") == LEVEL_NATIONAL).fillna(False).to_numpy(bool)
        return out.mask(at_national & override.notna().to_numpy(bool), override)

    def zone_type(self, code: object, level: object) -> str:
        """One zone's type label at its level (see `zone_types`)."""
        label = self.zone_types(pd.Series([code], dtype="string"), pd.Series([level]))[0]
        return "" if pd.isna(label) else str(label)

    def order(self, vocabulary: str) -> tuple[str, ...]:
        return self.vocab[vocabulary].codes()

    def colour(self, vocabulary: str, code: object) -> str:
        return self.vocab[vocabulary].colour(code)

    def options(self, vocabulary: str) -> Mapping[str, str]:
        """code -> label, in the vocabulary's order (for widgets)."""
        return self.vocab[vocabulary].labels(self.lang)

    # -- free-text terms
    def glossed(self, values: pd.Series) -> pd.Series:
        """Free-text terms (an indicator's period, a level change's document) as shown: in
        English their reviewed English (vocab/terms.csv), in Chinese the text itself; missing
        stays missing."""
        if self.lang != "en" or "terms" not in self.vocab:
            return values.astype("string")
        english = self.vocab["terms"].column("term_en")
        return (
            values.map(english, na_action="ignore").astype("string").fillna(values.astype("string"))
        )

    # -- places
    def place_en(self, name: object) -> str | None:
        """English name of a province, a prefecture or a county keyed by its prefecture
        (湛江市廉江市 -> Lianjiang City; a list 湛江市霞山区、赤坎区 -> Xiashan District,
        Chikan District); None when the vocabularies lack one."""
        if not isinstance(name, str):
            return None
        for vocabulary in PLACE_VOCABULARIES:
            if vocabulary not in self.vocab:
                continue
            english = self.vocab[vocabulary].column("name_en").get(name)
            if isinstance(english, str) and english:
                return english
        if "、" in name:
            return self._places_en(name.split("、"))
        return None

    def _places_en(self, parts: list[str]) -> str | None:
        """'湛江市霞山区', '赤坎区' -> the counties of one prefecture, the first naming it."""
        first = self.county_place(parts[0])
        if first is None:
            return None
        names = [self.place_en(parts[0])] + [self.place_en(first[0] + p) for p in parts[1:]]
        return ", ".join(n for n in names if n) if all(names) else None

    def county_place(self, key: str) -> tuple[str, str] | None:
        """(prefecture, county) of a counties key; None when the vocabulary lacks it."""
        if "counties" not in self.vocab:
            return None
        county = self.vocab["counties"].column("county").get(key)
        if not isinstance(county, str):
            return None
        return key[: -len(county)], county

    def counties_en(self, frame: pd.DataFrame) -> pd.Series:
        """English name of each row's county (by its city, else its province, and county)."""
        key = frame["city"].astype("string").fillna(frame["province"].astype("string"))
        key = key + frame["county"].astype("string")
        return key.map(self.place_en, na_action="ignore").astype("string")

    def place(self, name: object) -> str:
        """'湖南省' in zh, 'Hunan' in en (English mode shows no Chinese but a zone's own name;
        the Chinese name only where no English one is known); '' for missing."""
        return self.place_short(name)

    def place_short(self, name: object) -> str:
        """'湖南省' in zh, 'Hunan' in en (the Chinese name where no English one is known)."""
        if not isinstance(name, str) or not name:
            return ""
        return (self.place_en(name) if self.lang == "en" else None) or name

    def places(self, values: Iterable[object]) -> list[str]:
        return [self.place(v) for v in values]

    # -- parks
    def park_name(self, row: Mapping[str, object]) -> str:
        """English name when asked for English and one exists; otherwise the Chinese name."""
        name_en = row.get("name_en")
        if self.lang == "en" and isinstance(name_en, str) and name_en:
            return name_en
        return str(row.get("name_zh"))

    def park_names(self, parks: pd.DataFrame) -> pd.Series:
        """park_id -> display name."""
        names = parks["name_zh"]
        if self.lang == "en":
            names = parks["name_en"].fillna(parks["name_zh"])
        return pd.Series(names.to_numpy(), index=parks["park_id"].to_numpy(), dtype="string")
