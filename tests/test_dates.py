from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from parkdata.data.dates import parse_partial_date


@pytest.mark.parametrize(
    "text, precision, start, end",
    [
        ("2006-08", "month", "2006-08-01", "2006-08-31"),
        ("1996", "year", "1996-01-01", "1996-12-31"),
        ("2012-08-19", "day", "2012-08-19", "2012-08-19"),
        ("2024-02", "month", "2024-02-01", "2024-02-29"),
    ],
)
def test_precision_is_kept(text, precision, start, end):
    date = parse_partial_date(text)
    assert (date.precision, str(date)) == (precision, text)
    assert (date.start(), date.end()) == (pd.Timestamp(start), pd.Timestamp(end))


@pytest.mark.parametrize("text", ["2021-02-30", "2021-13", "21-01", "2021/01", "", "二〇二一"])
def test_bad_dates_are_refused(text):
    with pytest.raises(ValueError):
        parse_partial_date(text)


@given(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
    st.sampled_from(["year", "month", "day"]),
)
def test_round_trip(day, precision):
    text = {"year": f"{day:%Y}", "month": f"{day:%Y-%m}", "day": f"{day:%Y-%m-%d}"}[precision]
    parsed = parse_partial_date(text)
    assert str(parsed) == text
    assert parsed.start() <= pd.Timestamp(day) <= parsed.end()


def test_columns_of_partial_dates_start_on_their_first_day_and_keep_their_precision():
    from parkdata.data.dates import date_precisions, date_starts

    dates = pd.Series(
        ["2006-08", "1996", None, "2021-09-28", "2021-02-30", "2006-08"], dtype="string"
    )
    starts = date_starts(dates)
    assert list(starts[:2]) == [pd.Timestamp("2006-08-01"), pd.Timestamp("1996-01-01")]
    assert pd.isna(starts[2]) and pd.isna(starts[4])  # missing and impossible: no day
    assert starts[3] == pd.Timestamp("2021-09-28")
    precisions = date_precisions(dates)
    assert list(precisions.fillna("-")) == ["month", "year", "-", "day", "-", "month"]
    assert precisions.dtype == "string"
