"""Hostile URLs: unknown keys, wrong types, very long values, script tags and random strings in
the query string never raise; the dashboard renders with a notice naming what it dropped.

The query string is read on a session's first run (dashboard.py), so each case runs the app once
with the hostile parameters, checks the notices, then visits every page with the state that
survived. Pure parsing is checked with hypothesis over many more strings."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parkdata.data.package import load_package
from parkdata.model import filters as flt

ROOT = Path(__file__).resolve().parents[1]
DASHBOARD = ROOT / "dashboard.py"
PAGES = sorted(p for p in (ROOT / "pages").glob("*.py") if not p.name.startswith("_"))
SCRIPT = "<script>alert(1)</script>"
LONG = "长" * 20_000

pytestmark = pytest.mark.skipif(not DASHBOARD.exists(), reason="dashboard.py does not exist yet")

# name -> (query params, substrings one of the notices must contain)
CASES: dict[str, tuple[dict[str, list[str]], tuple[str, ...]]] = {
    "unknown_key": ({"nosuch": ["1"]}, ("nosuch",)),
    "script_in_level": ({"level": [SCRIPT, "national"]}, ("level",)),
    "script_as_key": ({SCRIPT: ["x"]}, ("script",)),
    "wrong_type_date": ({"date": ["yesterday"]}, ("date",)),
    "impossible_date": ({"date": ["2021-13-45"]}, ("date",)),
    "unknown_language": ({"lang": ["tlh"]}, ("lang",)),
    "unknown_park": ({"park": ["../../etc/passwd"]}, ("park",)),
    "unknown_table": ({"table": ["sqlite_master; DROP TABLE parks"]}, ("table",)),
    "long_search": ({"q": [LONG]}, ("q",)),
    "long_level": ({"level": ["a" * 50_000]}, ("level",)),
    "many_values": ({"city": [f"城{i}" for i in range(500)]}, ("city",)),
    "control_characters": ({"province": ["湖南省\x00\u202e\r\n"]}, ("province",)),
}


def run_app(params: dict[str, list[str]]):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(DASHBOARD), default_timeout=120)
    for key, values in params.items():
        at.query_params[key] = values
    return at.run()


def notices(at) -> list[str]:
    return [str(w.value) for w in at.warning] + [str(w.value) for w in at.sidebar.warning]


@pytest.mark.parametrize("name", CASES)
def test_hostile_query_renders_with_a_notice(name):
    params, words = CASES[name]
    at = run_app(params)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, "the page rendered"
    found = notices(at)
    assert any(all(w in n for w in words) for n in found), found
    for text in found:  # echoed values are escaped markdown and cut short
        assert "<script>" not in text
        assert len(text) < 400


@pytest.mark.parametrize("name", ["script_in_level", "long_search", "unknown_park", "many_values"])
def test_every_page_survives_the_hostile_state(name):
    at = run_app(CASES[name][0])
    for page in PAGES:
        at.switch_page(str(page.relative_to(ROOT))).run()
        assert not at.exception, (page.name, [e.value for e in at.exception])


def test_valid_values_survive_beside_hostile_ones():
    at = run_app({"level": [SCRIPT, "national"], "nosuch": ["x"]})
    assert at.session_state["f_level"] == ["national"]
    assert dict(at.query_params).get("level") in ("national", ["national"])
    assert "nosuch" not in at.query_params


# -- the parser over random strings ---------------------------------------------------------------


@pytest.fixture(scope="module")
def real():
    return load_package()


KEYS = st.one_of(
    st.sampled_from(sorted(flt.FILTER_KEYS) + list(flt.VIEW_KEYS)), st.text(max_size=30)
)
VALUES = st.lists(st.text(max_size=300), max_size=8)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(params=st.dictionaries(KEYS, VALUES, max_size=8))
def test_parsing_any_query_string_keeps_only_valid_options(real, params):
    f, notices_ = flt.from_query_params(params, real)
    view, view_notices = flt.view_from_query_params(params, real)
    assert set(f.levels) <= set(flt.LEVELS)
    assert set(f.zone_types) <= set(flt.ZONE_TYPES)
    assert set(f.provinces) <= set(real.parks["province"])
    assert len(f.text) <= flt.MAX_TEXT
    assert f.as_of == "" or flt.valid_date(f.as_of)
    assert view.lang in ("zh", "en")
    assert view.table in flt.TABLE_KINDS
    assert view.park == "" or view.park in set(real.parks["park_id"])
    unknown = set(params) - set(flt.FILTER_KEYS) - set(flt.VIEW_KEYS)
    codes = [n.code for n in notices_ + view_notices]
    assert not unknown or "notice_unknown_key" in codes  # keys are echoed sanitised


@settings(max_examples=6, deadline=None)
@given(params=st.dictionaries(KEYS, VALUES, min_size=1, max_size=4))
def test_the_app_survives_random_query_strings(params):
    at = run_app({k: v for k, v in params.items() if k and v})
    assert not at.exception, [e.value for e in at.exception]
