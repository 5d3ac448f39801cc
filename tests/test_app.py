"""Every page through streamlit.testing.v1.AppTest on the fixture package: what each shows by
default, a narrow filter, an empty result, a shared URL, both languages, the as-of date, the
downloads' bytes. (AppTest cannot look inside plotly or pydeck charts; their builders have their
own tests. The sweep over every filter value is tests/test_page_sweep.py.)"""

import io
import json

import pandas as pd
import pytest
from apptest import PAGE_PATHS, download, open_page, texts, use_package
from openpyxl import load_workbook

from pages._app import state
from parkdata.present.i18n import t

pytestmark = pytest.mark.pages


@pytest.fixture(autouse=True)
def package(fixture_dir, monkeypatch):
    use_package(monkeypatch, fixture_dir)
    return fixture_dir


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def shown(lang: str, n: int, total: int = 9) -> str:
    return t("n_parks_shown", lang, n=f"{n:,}", total=f"{total:,}")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGE_PATHS)
def test_every_page_renders_with_default_filters(page, lang):
    at = open_page(page, lang=lang)
    assert not at.exception, [e.value for e in at.exception]
    title = "app_title" if page == "overview" else f"page_{page}"
    assert texts(at, "title") == [t(title, lang)]
    assert any("CC-BY-4.0" in c for c in texts(at, "caption"))  # footer: licence and sources
    assert shown(lang, 9) in texts(at.sidebar, "caption")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", [p for p in PAGE_PATHS if p != "sources"])
def test_every_page_shows_the_empty_state(page, lang):
    at = open_page(page, lang=lang, q="没有这个园区")
    assert t("empty", lang) in texts(at, "info")
    assert not at.dataframe and not at.metric


def test_overview_figures_count_both_origins_and_one_area_scope():
    at = open_page(lang="en")
    figures = metrics(at)
    # 7 curated parks + 3 catalogue zones, one of which is the curated Changsha zone: 9
    assert figures["Zones"] == "9"
    assert figures["National development zones"] == "3"
    assert figures["Provincial development zones"] == "3"
    # approved areas only (11.17, 2.105, 39.8 km²): the planned 12.5 and administrative
    # 502.04 km² are other scopes and never mixed in
    assert figures["Median area (km²)"] == "11.17"
    assert t("m_area_known", "en", scope="Approved area", n="3", of="9") in texts(at, "caption")
    newest = t("m_newest_source", "en", date="2021-09-28")
    assert newest in texts(at, "caption")


def test_overview_lists_past_events_newest_first_and_dates_as_written():
    at = open_page(lang="en")
    changes = at.dataframe[1].value  # the latest level changes, newest first
    assert list(changes["date"][:3]) == ["2006-08", "2006-04", "1994-08"]
    assert changes["confidence"].iloc[0] == "One source"  # linwu's approval, from its article
    past = at.dataframe[2].value
    assert list(past["date"][:3]) == ["2021-12-02", "2021-09-28", "1996"]
    assert past["name"].iloc[0] == "Zhanjiang"  # a city-wide fact names its city
    assert past["source"].iloc[1].startswith("“Linwu goes all out")  # a citation, not an id


def test_narrow_filter_on_table_and_overview():
    at = open_page("table", level="national")
    frame = at.dataframe[0].value
    assert sorted(frame["park_id"]) == ["cs-hitech", "g111001", "zj-etdz"]
    assert list(frame.columns[:1]) == ["name"] and frame.columns[-1] == "park_id"
    assert metrics(open_page(level="national"))["园区"] == "3"


def test_shared_url_reproduces_the_view():
    at = open_page("table", lang="en", q="临武", table="events")
    frame = at.dataframe[0].value
    assert set(frame["park_id"]) == {"linwu"} and len(frame) == 3
    assert frame["date"].dropna().tolist() == ["1996", "2021-09-28"]  # precision kept
    assert frame["date"].isna().sum() == 1  # undated: missing, not invented
    assert dict(at.query_params) == {"lang": "en", "q": "临武", "table": "events"}


def test_search_finds_the_full_name_by_its_short_form():
    at = open_page("table", q="长沙高新区")
    assert list(at.dataframe[0].value["park_id"]) == ["cs-hitech"]
    at = open_page("table", q="北京经开区")  # 北京经济技术开发区
    assert list(at.dataframe[0].value["park_id"]) == ["g111001"]


def test_bad_url_values_show_notices_named_as_the_sidebar_names_them():
    at = open_page(
        lang="en",
        level=["national", "cosmic"],
        colour="red",
        date="2021-13",
        q="<script>alert(1)</script>",
    )
    (notice,) = texts(at, "warning")  # one notice for the whole link
    lines = notice.split("\n")
    assert lines[0] == "The link was corrected (3):"
    assert "- Ignored unknown link parameter 'colour'." in lines
    assert "- Ignored invalid value 'cosmic' for link parameter 'Level'." in lines
    assert "- Ignored invalid value '2021-13' for link parameter 'As of date'." in lines
    assert t("empty", "en") in texts(at, "info")


def test_a_typed_date_that_is_not_a_date_says_so_in_the_sidebar():
    at = open_page(lang="en")
    at.text_input(key=state._widget_key("as_of", "en")).set_value("2021-13").run()
    assert t("as_of_invalid", "en", value="2021-13") in texts(at.sidebar, "warning")
    assert shown("en", 9) in texts(at.sidebar, "caption")  # nothing applied


def test_as_of_moves_levels_counts_and_leaves_out_later_zones():
    at = open_page(lang="en", date="2000")
    figures = metrics(at)
    # by 2000: Changsha (1991) and Beijing (1994) national; Linwu founded 1996, provincial only
    # from 2006; Suixi approved 2006 is left out; undated parks stay with their level unknown
    assert figures["National development zones"] == "2"
    assert figures["Provincial development zones"] == "0"
    banner = next(
        c for c in texts(at, "caption") if c.startswith(t("as_of_banner", "en", date="2000"))
    )
    assert t("levels_as_of", "en", date="1994-08") in banner  # the newest change by then
    assert dict(at.query_params)["date"] == "2000"


def test_profile_from_url_with_citations_and_evidence_beside_level_changes():
    at = open_page("profile", lang="en", park="linwu")
    assert [h.value for h in at.main.header] == ["Linwu Industrial Park"]
    history = at.dataframe[0].value  # every level fact of the zone with its source
    assert list(history["date"]) == ["2006-08"]
    assert (history["change"].iloc[0], history["level_after"].iloc[0]) == ("Approved", "Provincial")
    assert history["confidence"].iloc[0] == "One source"
    assert history["evidence"].iloc[0] == "2006年8月经省政府批准为省级工业园区"
    assert history["source"].iloc[0].startswith("“Linwu goes all out")  # its English title
    assert dict(at.query_params)["park"] == "linwu"


def test_a_catalogue_id_in_a_link_opens_the_curated_park_it_is_merged_into():
    at = open_page("profile", lang="en", park="g431001")
    assert [h.value for h in at.main.header] == ["Changsha Hi-tech Zone"]
    indicators = at.dataframe[1].value
    assert set(indicators["indicator"]) >= {"Planned area", "Approved area"}  # both scopes


def test_unknown_park_in_url_gives_a_notice():
    at = open_page(park="nowhere")
    assert texts(at, "warning") == [
        "链接已更正（1 处）：\n- 已忽略链接参数“园区”的无效值“nowhere”。"
    ]


def test_language_switch_keeps_filters_and_reaches_the_url_at_once():
    at = open_page(level="provincial")
    at.button_group(key="lang").set_value("en").run()
    assert shown("en", 3) in texts(at.sidebar, "caption")
    assert dict(at.query_params) == {"level": "provincial", "lang": "en"}
    levels = at.multiselect(key=state._widget_key("levels", "en"))
    assert levels.value == ["provincial"] and "Provincial" in levels.options


@pytest.mark.parametrize("kind", ["parks", "events", "industries", "indicators"])
def test_downloads_hold_exactly_the_filtered_rows(kind):
    at = open_page("table", level="provincial", table=kind)
    frame = at.dataframe[0].value
    csv = download(at, "dl_csv")
    assert csv.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(csv), encoding="utf-8-sig", dtype=str)
    assert len(back) == len(frame) > 0
    assert list(back.iloc[:, -1]) == list(frame["park_id"])
    book = load_workbook(io.BytesIO(download(at, "dl_xlsx")))
    assert book["data"].max_row == len(frame) + 1
    meta = dict(list(book["metadata"].values)[1:])
    assert meta["filters"] == "级别=省级" and meta["licence"] == "CC-BY-4.0"
    geo = json.loads(download(at, "dl_geojson"))
    assert sorted(f["id"] for f in geo["features"]) == ["cz-etdz", "linwu", "s449001"]


def test_an_early_as_of_date_says_why_areas_are_missing():
    at = open_page(lang="en", date="2000")
    captions = texts(at, "caption")
    assert any(c.startswith("As of 2000: facts dated later are left out") for c in captions)
    assert not any("facts dated later" in c for c in texts(open_page(lang="en"), "caption"))


def test_switching_parks_writes_the_new_parks_peer_type_to_the_url():
    """Issue 18: after another park is picked, the link says that park's own peer type, as
    the page shows it (it kept the previous park's)."""
    at = open_page("profile", lang="en", park="linwu", peer_type="industrial_park")
    assert at.query_params["peer_type"] == "industrial_park"
    at.selectbox(key=state._widget_key("park", "en")).set_value("cz-etdz").run()
    assert at.query_params["park"] == "cz-etdz"
    assert at.query_params["peer_type"] == "economic_development_zone"
