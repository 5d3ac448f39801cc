"""Every page through streamlit.testing.v1.AppTest on the fixture package: default filters, a
narrow filter, an empty result and a shared URL, in both languages; and the downloads' bytes.

AppTest cannot look inside plotly or pydeck charts; the chart and map builders have their own
unit tests. Downloads are deferred callables (made on click), so the test records them from
Streamlit's media file manager and calls them."""

import io
import json
from pathlib import Path

import pandas as pd
import pytest
from app_fixture import write_package
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from parkdata.present.i18n import t

DASHBOARD = Path(__file__).resolve().parents[1] / "dashboard.py"
PAGES = ("overview", "map", "timeline", "compare", "table", "profile", "sources")
DEFERRED: dict[str, object] = {}


class RecordingMediaFileManager(MediaFileManager):
    def add_deferred(self, data_callable, *args, **kwargs):
        file_id = super().add_deferred(data_callable, *args, **kwargs)
        DEFERRED[file_id] = data_callable
        return file_id


@pytest.fixture(autouse=True)
def package(tmp_path_factory, monkeypatch):
    directory = tmp_path_factory.getbasetemp() / "app-package"
    if not directory.exists():
        write_package(directory)
    monkeypatch.setenv("PARKDATA_DATA_DIR", str(directory))
    monkeypatch.setattr("streamlit.testing.v1.app_test.MediaFileManager", RecordingMediaFileManager)
    return directory


def run(page: str = "overview", **params) -> AppTest:
    at = AppTest.from_file(str(DASHBOARD), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page != "overview":
        at.switch_page(f"pages/{page}_page.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest, kind: str) -> list[str]:
    return [str(e.value) for e in getattr(at, kind)]


def download(at: AppTest, key: str) -> bytes:
    button = at.get("download_button")
    proto = next(b.proto for b in button if b.proto.id.endswith(key) or key in b.proto.id)
    return DEFERRED[proto.deferred_file_id]()


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_with_default_filters(page, lang):
    at = run(page, lang=lang)
    title = "app_title" if page == "overview" else f"page_{page}"
    assert texts(at, "title") == [t(title, lang)]
    assert any("CC-BY-4.0" in c for c in texts(at, "caption"))  # footer: licence and sources
    assert t("n_parks_shown", lang, n=6, total=6) in texts(at.sidebar, "caption")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", [p for p in PAGES if p not in ("sources", "profile")])
def test_every_page_shows_the_empty_state(page, lang):
    at = run(page, lang=lang, q="没有这个园区")
    assert t("empty", lang) in texts(at, "info")
    assert not at.dataframe and not at.metric


def test_profile_without_a_park_under_an_empty_filter():
    at = run("profile", q="没有这个园区")
    assert t("empty", "zh") in texts(at, "info")


def test_sources_page_lists_sources_with_fact_counts():
    at = run("sources", lang="en")
    sources = at.dataframe[0].value
    counts = dict(zip(sources["source_id"], sources["n_facts"], strict=True))
    assert counts == {"art-a": 9, "ref-gb": 13}  # facts, park levels and locations


def test_overview_figures():
    at = run(lang="en")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Parks"] == "6" and metrics["National"] == "2"
    assert metrics["Provincial"] == "2"
    assert metrics["Total planned area (km²)"] == "514.5"  # 12.5 + 502.04; others not zero
    assert "4 parks unknown" in texts(at, "caption")
    assert metrics["Facts"] == "14" and metrics["Sources"] == "2"


def test_narrow_filter_on_table_and_overview():
    at = run("table", level="national")
    assert list(at.dataframe[0].value["park_id"]) == ["cs-hitech", "zj-etdz"]
    assert {m.label: m.value for m in run(level="national").metric}["园区"] == "2"


def test_shared_url_reproduces_the_view():
    at = run("table", lang="en", q="临武", table="events")
    frame = at.dataframe[0].value
    assert set(frame["park_id"]) == {"linwu"} and len(frame) == 3
    assert frame["date"].iloc[:2].tolist() == ["1996", "2006-08"]  # precision kept
    assert frame["date"].isna().sum() == 1  # undated: missing, not invented
    assert dict(at.query_params) == {"lang": "en", "q": "临武", "table": "events"}


def test_bad_url_values_show_notices_not_errors():
    at = run(
        lang="en",
        level=["national", "cosmic"],
        colour="red",
        date="2021-13",
        q="<script>alert(1)</script>",
    )
    warnings = texts(at, "warning")
    assert "Ignored unknown link parameter 'colour'." in warnings
    assert "Ignored invalid value 'cosmic' for link parameter 'level'." in warnings
    assert "Ignored invalid value '2021-13' for link parameter 'date'." in warnings
    assert {m.label: m.value for m in at.metric}.get("Parks") is None  # script text: no match
    assert t("empty", "en") in texts(at, "info")


def test_profile_from_url():
    at = run("profile", lang="en", park="linwu")
    assert [h.value for h in at.main.header] == ["Linwu Industrial Park"]
    events = at.dataframe[3].value
    assert set(events["source"]) == {"临武全力申报省级高新区"} and len(events) == 3
    assert dict(at.query_params)["park"] == "linwu"


def test_unknown_park_in_url_gives_a_notice():
    at = run(park="nowhere")
    assert "已忽略链接参数“park”的无效值“nowhere”。" in texts(at, "warning")


def test_language_switch_keeps_filters():
    at = run(level="provincial")
    at.button_group(key="lang").set_value("en").run()
    assert t("n_parks_shown", "en", n=2, total=6) in texts(at.sidebar, "caption")
    assert dict(at.query_params) == {"level": "provincial", "lang": "en"}


@pytest.mark.parametrize("kind", ["parks", "events", "industries", "indicators"])
def test_downloads_hold_exactly_the_filtered_rows(kind):
    at = run("table", level="provincial", table=kind)
    shown = at.dataframe[0].value
    csv = download(at, "dl_csv")
    assert csv.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(csv), encoding="utf-8-sig", dtype=str)
    assert len(back) == len(shown) > 0
    assert list(back.iloc[:, 0]) == list(shown["park_id"])
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(download(at, "dl_xlsx")))
    assert book["data"].max_row == len(shown) + 1
    meta = dict(list(book["metadata"].values)[1:])
    assert meta["filters"] == "级别=省级" and meta["licence"] == "CC-BY-4.0"
    geo = json.loads(download(at, "dl_geojson"))
    assert sorted(f["id"] for f in geo["features"]) == ["cz-etdz", "linwu"]
