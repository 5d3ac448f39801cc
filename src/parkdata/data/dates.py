"""Partial dates: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', kept at the precision the source gives."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def start(self) -> pd.Timestamp:
        """First day the date can mean."""
        return pd.Timestamp(self.year, self.month or 1, self.day or 1)

    def end(self) -> pd.Timestamp:
        """Last day the date can mean."""
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return pd.Timestamp(self.year, month, day)

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text


@lru_cache(maxsize=65536)
def parse_partial_date(text: str) -> PartialDate:
    """Parse a partial ISO date; raises ValueError for anything else (including 2021-02-30).
    Remembered per text: a column of dates repeats a few hundred distinct ones."""
    match = _PATTERN.match(str(text).strip())
    if not match:
        raise ValueError(f"not a date of the form YYYY, YYYY-MM or YYYY-MM-DD: {text!r}")
    year = int(match.group(1))
    month, day = (int(g) if g else None for g in match.groups()[1:])
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"month out of range: {text!r}")
    if day is not None and not 1 <= day <= calendar.monthrange(year, month or 1)[1]:
        raise ValueError(f"day out of range: {text!r}")
    return PartialDate(year, month, day)


def _parsed(dates: pd.Series) -> dict[str, PartialDate | None]:
    """Each distinct value parsed once (columns repeat few distinct dates); invalid ones → None."""
    out: dict[str, PartialDate | None] = {}
    for value in dates.dropna().unique():
        try:
            out[value] = parse_partial_date(value)
        except ValueError:
            out[value] = None
    return out


def date_starts(dates: pd.Series) -> pd.Series:
    """Start timestamps of a column of partial dates (<NA> and invalid dates become NaT)."""
    starts = {k: (v.start() if v else pd.NaT) for k, v in _parsed(dates).items()}
    return pd.to_datetime(dates.map(starts), errors="coerce")


def date_precisions(dates: pd.Series) -> pd.Series:
    """'year', 'month' or 'day' for each partial date (<NA> where missing or invalid)."""
    precision = {k: (v.precision if v else pd.NA) for k, v in _parsed(dates).items()}
    return dates.map(precision).astype("string")


def date_ends(dates: pd.Series) -> pd.Series:
    """Last days of a column of partial dates (2012-08 -> 2012-08-31; <NA> and invalid: NaT)."""
    ends = {k: (v.end() if v else pd.NaT) for k, v in _parsed(dates).items()}
    return pd.to_datetime(dates.map(ends), errors="coerce")
