"""Filters: applying them to a Dataset, and reading/writing them in the URL."""

import pandas as pd
import pytest
from app_fixture import write_package
from hypothesis import given, settings
from hypothesis import strategies as st

from parkdata.data.dataset import Dataset, read_frames
from parkdata.model.filters import (
    Filters,
    View,
    apply_filters,
    from_query_params,
    to_query_params,
    view_from_query_params,
)
from parkdata.present.i18n import notice_text


@pytest.fixture(scope="module")
def ds(tmp_path_factory) -> Dataset:
    return read_frames(write_package(tmp_path_factory.mktemp("pkg")))


def ids(frame: pd.DataFrame, col: str = "park_id") -> list:
    return sorted(frame[col].dropna())


def test_no_filter_keeps_everything(ds):
    out = apply_filters(ds, Filters())
    assert len(out.parks) == 6
    assert len(out.events) == len(ds.events) and len(out.indicators) == len(ds.indicators)


def test_level_filter_keeps_parks_and_their_facts_only(ds):
    out = apply_filters(ds, Filters(levels=("national",)))
    assert ids(out.parks) == ["cs-hitech", "zj-etdz"]
    assert ids(out.events, "event_id") == ["ev3", "ev4"]
    assert ids(out.indicators, "fact_id") == ["f4"]
    assert ids(out.industries, "industry_id") == ["i2", "i3"]


def test_city_filter_keeps_city_wide_facts_of_that_city(ds):
    out = apply_filters(ds, Filters(cities=("郴州市",)))
    assert ids(out.parks) == ["cz-etdz", "linwu"]
    assert "ev5" in set(out.events["event_id"]) and "f5" in set(out.indicators["fact_id"])


def test_park_specific_filter_drops_city_wide_facts(ds):
    out = apply_filters(ds, Filters(cities=("郴州市",), levels=("provincial",)))
    assert "ev5" not in set(out.events["event_id"])


@pytest.mark.parametrize("text", ["临武", "臨武", "LINWU", "  linwu ", "临武工业园区"])
def test_text_search_over_chinese_english_short_and_traditional(ds, text):
    assert ids(apply_filters(ds, Filters(text=text)).parks) == ["linwu"]


def test_sector_and_zone_filters(ds):
    assert ids(apply_filters(ds, Filters(sectors=("new_materials",))).parks) == ["linwu"]
    out = apply_filters(ds, Filters(zone_types=("industrial_park",)))
    assert ids(out.parks) == ["linwu", "longping"]


def test_levels_as_of_replace_current_level(ds):
    at_2000 = pd.Series({"linwu": "unknown", "cs-hitech": "national", "zj-etdz": "national"})
    out = apply_filters(ds, Filters(levels=("provincial",), as_of="2000"), levels=at_2000)
    assert out.parks.empty


def test_empty_result_is_empty_everywhere(ds):
    out = apply_filters(ds, Filters(text="不存在的园区"))
    assert out.parks.empty and out.events.empty and out.indicators.empty


def test_query_params_parse_and_round_trip(ds):
    params = {
        "level": ["national", "provincial"],
        "province": "湖南省",
        "q": "高新",
        "date": "2006-08",
    }
    f, notices = from_query_params(params, ds)
    assert notices == []
    assert f == Filters(
        provinces=("湖南省",), levels=("national", "provincial"), text="高新", as_of="2006-08"
    )
    assert from_query_params(to_query_params(f), ds) == (f, [])


def test_comma_separated_values_are_accepted(ds):
    f, _ = from_query_params({"level": "national,other"}, ds)
    assert f.levels == ("national", "other")


def test_bad_values_are_dropped_with_notices(ds):
    params = {
        "level": ["national", "<script>alert(1)</script>"],
        "colour": "red",
        "date": "2021-13",
        "city": "北京市",
    }
    f, notices = from_query_params(params, ds)
    assert f == Filters(levels=("national",))
    texts = [notice_text(n, "en") for n in notices]
    assert "Ignored unknown link parameter 'colour'." in texts
    assert "Ignored invalid value '2021-13' for link parameter 'date'." in texts
    assert any("\\<script\\>" in text for text in texts)  # shown as text, not as HTML
    assert len(notices) == 4


def test_long_search_is_cut_with_a_notice(ds):
    f, notices = from_query_params({"q": "园" * 10_000}, ds)
    assert len(f.text) == 80
    assert notice_text(notices[0], "zh") == "链接参数“q”过长，已截断为 80 个字符。"


def test_view_params(ds):
    view, notices = view_from_query_params({"lang": "en", "park": "linwu", "table": "x"}, ds)
    assert view == View(lang="en", park="linwu")
    assert [n.key for n in notices] == ["table"]
    assert to_query_params(Filters(), view) == {"lang": "en", "park": "linwu"}


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.text(max_size=30), st.one_of(st.text(max_size=300), st.lists(st.text(max_size=50)))
    )
)
def test_parsing_never_raises(ds, params):
    f, notices = from_query_params(params, ds)
    view, more = view_from_query_params(params, ds)
    assert isinstance(f, Filters) and isinstance(view, View)
    for notice in notices + more:
        notice_text(notice, "en")
