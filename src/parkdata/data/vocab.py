"""Vocabularies: the coded values of the package (levels, zone types, event kinds, units,
sectors, places …), each with its zh/en labels, its order and, where one is drawn, its colour.

They are tables of the data package (data/vocab/*.csv); the code reads them and never spells a
list of values out again. `Vocabulary.label(code, lang)` gives a code's label ('' for a missing
code, the code itself for one the table does not know, so a gap is visible)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

import pandas as pd

GREY = "#999999"


@dataclass(frozen=True)
class Vocabulary:
    """One vocabulary table: its first column holds the codes; rows in `order` when it has one."""

    name: str
    frame: pd.DataFrame
    # lookups built once per table (the frame is never changed after loading)
    _memo: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def key(self) -> str:
        return str(self.frame.columns[0])

    def codes(self) -> tuple[str, ...]:
        if "codes" not in self._memo:
            self._memo["codes"] = tuple(str(c) for c in self.frame[self.key])
        return self._memo["codes"]

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self.codes()

    def column(self, name: str) -> dict[str, object]:
        """code -> value of `name` (missing cells left out)."""
        memo = ("column", name)
        if memo not in self._memo:
            values = self.frame.set_index(self.key)[name].dropna()
            self._memo[memo] = {str(k): v for k, v in values.items()}
        return self._memo[memo]

    def labels(self, lang: str) -> dict[str, str]:
        """code -> label in `lang` ('' where the table leaves it empty, e.g. an exact value)."""
        memo = ("labels", lang)
        if memo not in self._memo:
            col = f"label_{'en' if lang == 'en' else 'zh'}"
            if col not in self.frame:
                col = "name_en" if lang == "en" and "name_en" in self.frame else self.key
            labels = self.frame[col].astype("string").fillna("")
            self._memo[memo] = dict(zip(self.codes(), labels.tolist(), strict=True))
        return self._memo[memo]

    def label(self, code: object, lang: str) -> str:
        if code is None or code is pd.NA or (isinstance(code, float) and code != code):
            return ""
        return self.labels(lang).get(str(code), str(code))

    def colour(self, code: object) -> str:
        """Hex colour of a code; grey for a code without one."""
        return str(self.column("colour").get(str(code), GREY)) if "colour" in self.frame else GREY

    def colours(self) -> dict[str, str]:
        return {code: self.colour(code) for code in self.codes()}

    def where(self, column: str) -> tuple[str, ...]:
        """Codes whose boolean `column` is true, in order."""
        flags = self.frame[column].astype("boolean").fillna(False)
        return tuple(str(c) for c in self.frame.loc[flags.to_numpy(bool), self.key])


@dataclass(frozen=True)
class Vocabularies(Mapping[str, Vocabulary]):
    """All vocabularies of a package by resource name (`ds.vocab["levels"]`)."""

    tables: Mapping[str, Vocabulary]

    def __getitem__(self, name: str) -> Vocabulary:
        return self.tables[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.tables)

    def __len__(self) -> int:
        return len(self.tables)

    def label(self, name: str, code: object, lang: str) -> str:
        return self[name].label(code, lang)


def ordered(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows by their `order` column when there is one (stable), else as written."""
    if "order" not in frame:
        return frame.reset_index(drop=True)
    return frame.sort_values("order", kind="stable").reset_index(drop=True)
