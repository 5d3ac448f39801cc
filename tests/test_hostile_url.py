"""Hostile URLs: unknown keys, wrong types, very long values, script tags and random strings in
the query string never raise; the dashboard renders with a notice naming what it dropped.

The query string is read on a session's first run (dashboard.py), so each case runs the app once
with the hostile parameters on the fixture package, checks the notices, then visits every page
with the state that survived. Pure parsing (parkdata.model.links) is checked with hypothesis
over many more strings."""

from __future__ import annotations

import pytest
from apptest import DASHBOARD, SCRIPTS, use_package
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parkdata.model import links
from parkdata.model.filters import MAX_TEXT, valid_date
from parkdata.present.i18n import notice_text

SCRIPT = "<script>alert(1)</script>"
LONG = "长" * 20_000

# name -> (query params, substrings one of the notices must contain)
CASES: dict[str, tuple[dict[str, list[str]], tuple[str, ...]]] = {
    "unknown_key": ({"nosuch": ["1"]}, ("nosuch",)),
    "script_in_level": ({"level": [SCRIPT, "national"]}, ("级别",)),
    "script_as_key": ({SCRIPT: ["x"]}, ("script",)),
    "wrong_type_date": ({"date": ["yesterday"]}, ("yesterday",)),
    "impossible_date": ({"date": ["2021-13-45"]}, ("2021-13-45",)),
    "unknown_origin": ({"origin": ["wikipedia"]}, ("wikipedia",)),
    "unknown_language": ({"lang": ["tlh"]}, ("tlh",)),
    "unknown_park": ({"park": ["../../etc/passwd"]}, ("passwd",)),
    "unknown_table": ({"table": ["sqlite_master; DROP TABLE parks"]}, ("DROP TABLE parks",)),
    "long_search": ({"q": [LONG]}, ("80",)),
    "long_level": ({"level": ["a" * 50_000]}, ("级别",)),
    "many_values": ({"city": [f"城{i}" for i in range(500)]}, ("城0",)),
    "control_characters": ({"province": ["湖南省\x00\u202e\r\n"]}, ("湖南省",)),
}


@pytest.fixture(autouse=True)
def package(fixture_dir, monkeypatch):
    use_package(monkeypatch, fixture_dir)


def run_app(params: dict[str, list[str]]):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(DASHBOARD), default_timeout=120)
    for key, values in params.items():
        at.query_params[key] = values
    return at.run()


def notices(at) -> list[str]:
    return [str(w.value) for w in at.warning] + [str(w.value) for w in at.sidebar.warning]


@pytest.mark.pages
@pytest.mark.parametrize("name", CASES)
def test_hostile_query_renders_with_a_notice(name):
    params, words = CASES[name]
    at = run_app(params)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, "the page rendered"
    found = notices(at)
    assert any(all(w in n for w in words) for n in found), found
    assert len(found) == 1  # one notice, however many parameters were bad
    for text in found:  # echoed values are escaped markdown and cut short
        assert "<script>" not in text
        assert all(len(line) < 400 for line in text.split("\n"))
        assert len(text.split("\n")) <= 5  # a heading, three, and how many more


@pytest.mark.pages
@pytest.mark.parametrize("name", ["script_in_level", "long_search", "unknown_park", "many_values"])
def test_every_page_survives_the_hostile_state(name):
    at = run_app(CASES[name][0])
    for script in SCRIPTS.values():
        at.switch_page(script).run()
        assert not at.exception, (script, [e.value for e in at.exception])


@pytest.mark.pages
def test_valid_values_survive_beside_hostile_ones():
    at = run_app({"level": [SCRIPT, "national"], "nosuch": ["x"]})
    assert at.session_state["s:levels"] == ["national"]
    assert dict(at.query_params).get("level") in ("national", ["national"])
    assert "nosuch" not in at.query_params


@pytest.mark.pages
def test_a_catalogue_id_in_the_url_opens_its_curated_park():
    at = run_app({"park": ["g431001"]})
    assert not at.exception and not notices(at)
    assert at.session_state["s:park"] == "cs-hitech"


# -- the parser over random strings ---------------------------------------------------------------


KEYS = st.one_of(
    st.sampled_from(sorted(links.FILTER_KEYS) + list(links.VIEW_KEYS)), st.text(max_size=30)
)
VALUES = st.lists(st.text(max_size=300), max_size=8)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(params=st.dictionaries(KEYS, VALUES, max_size=8))
def test_parsing_any_query_string_keeps_only_valid_options(ds, params):
    f, notices_ = links.from_query_params(params, ds)
    view, view_notices = links.view_from_query_params(params, ds)
    assert set(f.levels) <= set(ds.vocab["levels"].codes())
    assert set(f.zone_types) <= set(ds.vocab["zone_types"].codes())
    assert set(f.origins) <= set(ds.vocab["origins"].codes())
    assert set(f.provinces) <= set(ds.parks["province"])
    assert set(f.cities) <= set(ds.parks["city"].dropna())
    assert len(f.text) <= MAX_TEXT
    assert f.as_of == "" or valid_date(f.as_of)
    assert view.lang in links.LANGS
    assert view.table in ds.vocab["table_kinds"].codes()
    assert view.park == "" or view.park in set(ds.parks["park_id"])
    unknown = set(params) - set(links.FILTER_KEYS) - set(links.VIEW_KEYS)
    codes = [n.code for n in notices_ + view_notices]
    assert not unknown or "notice_unknown_key" in codes  # keys are echoed sanitised
    for notice in notices_ + view_notices:
        text = notice_text(notice, "zh")
        assert "<script>" not in text and len(text) < 400


@pytest.mark.pages
@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(params=st.dictionaries(KEYS, VALUES, min_size=1, max_size=4))
def test_the_app_survives_random_query_strings(params):
    at = run_app({k: v for k, v in params.items() if k and v})
    assert not at.exception, [e.value for e in at.exception]
