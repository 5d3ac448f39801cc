"""The view in the URL (parkdata.model.links) on the fixture package: filters and page state as
query parameters and back, bad values dropped with a notice, a catalogue id that opens its
curated park."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parkdata.model.filters import Filters, options
from parkdata.model.links import (
    FILTER_KEYS,
    MAX_VALUES,
    VIEW_KEYS,
    View,
    from_query_params,
    park_aliases,
    to_query_params,
    view_from_query_params,
)
from parkdata.present.i18n import notice_text


def test_query_params_parse_and_round_trip(ds):
    params = {
        "level": ["national", "provincial"],
        "province": "湖南省",
        "origin": "catalog_2018",
        "q": "高新",
        "date": "2006-08",
    }
    f, notices = from_query_params(params, ds)
    assert notices == []
    assert f == Filters(
        provinces=("湖南省",),
        levels=("national", "provincial"),
        origins=("catalog_2018",),
        text="高新",
        as_of="2006-08",
    )
    assert from_query_params(to_query_params(f), ds) == (f, [])


def test_every_filter_round_trips(ds):
    opts = options(ds)
    f = Filters(
        provinces=("广东省",),
        cities=("湛江市",),
        levels=opts["levels"][:2],
        zone_types=("industrial_park",),
        sectors=("equipment", "automotive"),
        origins=opts["origins"],
        approved=(1990, 2010),
        text="园",
        as_of="2021-09-28",
    )
    params = to_query_params(f)
    assert set(params) == set(FILTER_KEYS)
    assert params["approved"] == "1990-2010"
    assert from_query_params(params, ds) == (f, [])


def test_only_what_differs_from_the_defaults_is_written(ds):
    assert to_query_params(Filters()) == {}
    assert to_query_params(Filters(), View()) == {}
    view = View(lang="en", park="linwu", basemap=True)
    assert to_query_params(Filters(), view) == {"lang": "en", "park": "linwu", "basemap": "1"}
    assert view_from_query_params(to_query_params(Filters(), view), ds) == (view, [])


def test_comma_separated_values_are_accepted(ds):
    f, _ = from_query_params({"level": "national,other", "origin": "articles, catalog_2018"}, ds)
    assert f.levels == ("national", "other")
    assert f.origins == ("articles", "catalog_2018")


def test_bad_values_are_dropped_with_notices(ds):
    params = {
        "level": ["national", "<script>alert(1)</script>"],
        "colour": "red",
        "date": "2021-13",
        "origin": "wikipedia",
        "approved": "1990-19",
    }
    f, notices = from_query_params(params, ds)
    assert f == Filters(levels=("national",))
    texts = [notice_text(n, "en") for n in notices]
    assert "Ignored unknown link parameter 'colour'." in texts
    assert "Ignored invalid value '2021-13' for link parameter 'As of date'." in texts
    assert "Ignored invalid value 'wikipedia' for link parameter 'Source of zone'." in texts
    assert any("\\<script\\>" in text for text in texts)  # shown as text, not as HTML
    assert [n.key for n in notices] == ["level", "colour", "date", "origin", "approved"]


def test_a_city_must_lie_in_the_chosen_provinces(ds):
    f, notices = from_query_params({"province": "湖南省", "city": ["长沙市", "湛江市"]}, ds)
    assert (f.provinces, f.cities) == (("湖南省",), ("长沙市",))
    assert [(n.key, n.value) for n in notices] == [("city", "湛江市")]


def test_values_are_kept_once_and_at_most_max_values(ds):
    many = ["national"] * 3 + ["provincial"]
    f, notices = from_query_params({"level": many}, ds)
    assert f.levels == ("national", "provincial") and notices == []
    sectors = list(options(ds)["sectors"])
    assert len(sectors) < MAX_VALUES  # the cap is above any vocabulary the package has


def test_long_search_is_cut_with_a_notice(ds):
    f, notices = from_query_params({"q": "园" * 10_000}, ds)
    assert len(f.text) == 80
    assert notice_text(notices[0], "zh") == "链接参数“搜索”过长，已截断为 80 个字符。"


def test_view_params(ds):
    view, notices = view_from_query_params(
        {"lang": "en", "park": "linwu", "table": "x", "by": "zone_type"}, ds
    )
    assert view == View(lang="en", park="linwu", by="zone_type")
    assert [n.key for n in notices] == ["table"]
    tables = ds.vocab["table_kinds"].codes()
    for table in tables:
        assert view_from_query_params({"table": table}, ds)[0].table == table


def test_a_catalogue_id_opens_its_curated_park(ds):
    """g431001 (G431001 in the catalogue) is the curated cs-hitech: a link made with either
    id opens the same park, and the link written back uses the curated id."""
    assert park_aliases(ds) == {"g431001": "cs-hitech"}
    view, notices = view_from_query_params({"park": "g431001"}, ds)
    assert (view.park, notices) == ("cs-hitech", [])
    assert to_query_params(Filters(), view) == {"park": "cs-hitech"}
    assert view_from_query_params({"park": "s449001"}, ds)[0].park == "s449001"  # not linked
    view, notices = view_from_query_params({"park": "g999999"}, ds)
    assert view.park == "" and [n.key for n in notices] == ["park"]


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.dictionaries(
        st.one_of(st.sampled_from([*FILTER_KEYS, *VIEW_KEYS]), st.text(max_size=30)),
        st.one_of(st.text(max_size=300), st.lists(st.text(max_size=50))),
    )
)
def test_parsing_never_raises(ds, params):
    f, notices = from_query_params(params, ds)
    view, more = view_from_query_params(params, ds)
    assert isinstance(f, Filters) and isinstance(view, View)
    for notice in notices + more:
        assert notice_text(notice, "en")
