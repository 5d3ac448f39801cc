"""Small helpers over pandas frames that the hot paths share.

`isin`: membership of a column in a large set of ids. pandas 3 keeps text as pyarrow-backed
strings, and `Series.isin` with tens of thousands of values checks them in Python
(111,000 industry rows against 50,000 park ids: 400 ms); `pyarrow.compute.is_in` does the
same in C (7 ms)."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc


def _arrow_strings(series: pd.Series) -> bool:
    dtype = series.dtype
    return isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow"


def isin(series: pd.Series, values: Iterable[object]) -> pd.Series:
    """Boolean Series: whether each cell is one of `values`; a missing cell is False."""
    if not _arrow_strings(series):
        return series.isin(list(values)).fillna(False).astype(bool)
    value_set = pa.array([v for v in values if isinstance(v, str)], type=pa.large_string())
    column = pa.array(series.array).cast(pa.large_string())
    found = pc.is_in(column, value_set=value_set).fill_null(False)
    return pd.Series(found.to_numpy(zero_copy_only=False), index=series.index, dtype=bool)
