from __future__ import annotations

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from parkdata.data.frames import isin

TEXT = st.lists(st.one_of(st.none(), st.sampled_from(["a", "b", "湖南", "", "x y"])), max_size=30)


@given(TEXT, st.lists(st.sampled_from(["a", "湖南", "z", ""]), max_size=5))
def test_isin_agrees_with_pandas_and_treats_missing_as_false(cells, values):
    series = pd.Series(cells, dtype="string", index=range(10, 10 + len(cells)))
    expected = series.isin(values).fillna(False).astype(bool)
    got = isin(series, values)
    assert got.dtype == bool
    assert got.index.equals(series.index)
    assert got.tolist() == expected.tolist()
    assert not got[series.isna()].any()


def test_isin_on_object_columns_falls_back_to_pandas():
    series = pd.Series(["a", None, "c"], dtype=object)
    assert isin(series, {"a", "c"}).tolist() == [True, False, True]


def test_isin_on_arrow_and_python_strings_alike():
    values = {f"p{i}" for i in range(0, 20_000, 2)}
    for storage in ("pyarrow", "python"):
        series = pd.Series(["p0", "p1", None, "p19998"], dtype=pd.StringDtype(storage))
        assert isin(series, values).tolist() == [True, False, False, True], storage
    assert isin(pd.Series([], dtype="string"), values).tolist() == []
