"""The plotly figures: traces per status or level in the vocabularies' order, colours and labels;
missing values left out (never 0) with a 'no data' mark; 'k/n' parks behind each bar; markers
with their labels; sector cells 'a/b', blank where a group has no data."""

import pandas as pd
import pytest

from parkdata.model import compare, levels, timeline
from parkdata.model.filters import Filters, apply_filters
from parkdata.present import charts
from parkdata.present.timeline import marker_labels

NA = pd.NA
T = pd.Timestamp
TODAY = T("2024-01-01")


def bars(fig) -> dict:
    return {t.name: t for t in fig.data if t.type == "bar"}


def scatters(fig) -> dict:
    return {t.name: t for t in fig.data if t.type == "scatter"}


# -- status timeline ---------------------------------------------------------------------------


@pytest.fixture
def history() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "park_id": ["a", "a", "b"],
            "status": ["provincial", "national", "established"],
            "start": [T("1992-01-01"), T("2012-08-19"), T("2006-08-01")],
            "end": [T("2012-08-19"), pd.NaT, pd.NaT],
            "start_precision": ["year", "day", "month"],
        }
    )


@pytest.fixture
def names() -> pd.Series:
    return pd.Series({"a": "衡阳高新区", "b": "<b>坏</b>名"}, dtype="string")


@pytest.fixture
def markers() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "park_id": ["a", "b", "b"],
            "date": [T("2020-07-20"), T("2025-01-01"), pd.NaT],
            "kind": ["award", "target", "renamed"],
            "label": ["荣誉", "<i>2025</i> 目标", "undated"],
        }
    )


def test_status_bars_one_trace_per_status_in_vocabulary_order_and_colour(
    history, names, markers, ds, zh
):
    fig = charts.status_timeline(history, markers, zh, names, today=TODAY)
    statuses = ds.vocab["statuses"]
    present = [s for s in statuses.codes() if s in set(history["status"])]
    assert list(bars(fig)) == [statuses.label(s, "zh") for s in present]
    assert list(bars(fig)) == ["已设立", "省级", "国家级"]
    for code in present:
        assert bars(fig)[statuses.label(code, "zh")].marker.color == statuses.colour(code)
    national = bars(fig)["国家级"]
    assert national.base[0].startswith("2012-08-19")
    assert national.x[0] == (TODAY - T("2012-08-19")).total_seconds() * 1000  # ongoing: to today
    assert national.customdata[0][1] == zh.term("ongoing") == "至今"
    assert bars(fig)["省级"].customdata[0][0] == "1992"  # year precision kept
    assert bars(fig)["已设立"].customdata[0][0] == "2006-08"  # month precision kept
    assert fig.layout.barmode == "overlay"


def test_status_timeline_escapes_names_and_orders_rows_by_start(history, names, zh):
    fig = charts.status_timeline(history, None, zh, names, today=TODAY)
    assert bars(fig)["已设立"].y[0] == "&lt;b&gt;坏&lt;/b&gt;名"
    # earliest start at the top: categoryarray is bottom-up
    assert list(fig.layout.yaxis.categoryarray) == ["&lt;b&gt;坏&lt;/b&gt;名", "衡阳高新区"]
    assert not scatters(fig)  # no markers given: none drawn


def test_status_timeline_markers_with_their_labels(history, names, markers, en):
    fig = charts.status_timeline(history, markers, en, names, today=TODAY)
    marks = scatters(fig)
    assert set(marks) == {en.term("event"), en.term("target")} == {"Event", "Target"}
    assert marks["Target"].marker.symbol == "star"
    assert marks["Event"].marker.symbol == "diamond"
    assert list(marks["Target"].text) == ["&lt;i&gt;2025&lt;/i&gt; 目标"]  # escaped
    assert list(marks["Event"].x) == ["2020-07-20T00:00:00"]  # the undated marker left out
    assert list(marks["Event"].y) == ["衡阳高新区"]


def test_status_timeline_of_the_fixture(ds, en):
    history = timeline.history(ds)
    marks = marker_labels(timeline.markers(ds), en)
    fig = charts.status_timeline(history, marks, en, en.park_names(ds.parks), today=TODAY)
    assert {name: list(bar.y) for name, bar in bars(fig).items()} == {
        "Established": ["Linwu Industrial Park"],
        "Provincial": ["Linwu Industrial Park", "Guangdong Suixi Economic Development Zone"],
        "National": [
            "Changsha Hi-tech Zone",
            ds.parks.set_index("park_id").at["g111001", "name_en"],
        ],
    }
    provincial = bars(fig)["Provincial"]
    assert [list(c) for c in provincial.customdata] == [
        ["2006-08", "ongoing"],
        ["2006-04", "ongoing"],
    ]
    assert bars(fig)["National"].customdata[0][0] == "1991-03"  # the catalogue's month
    assert list(fig.layout.yaxis.categoryarray)[-1] == "Changsha Hi-tech Zone"  # 1991: on top
    event, target = scatters(fig)["Event"], scatters(fig)["Target"]
    assert list(event.text) == [
        "2021-09-28 Upgrade application: Applied to become a provincial high-tech zone"
    ]
    assert list(event.x) == ["2021-09-28T00:00:00"]
    assert list(target.x) == ["2025-01-01T00:00:00"] and list(target.y) == ["Linwu Industrial Park"]
    assert list(target.text) == [
        "2025 Target: Total revenue (technology, industry, trade) 200 100 million yuan"
    ]


def test_status_segment_end_keeps_the_precision_of_the_next_change(ds, zh):
    """Linwu was established in 1996 and became provincial in 2006-08 (a month): the
    established segment ends '2006-08', not on a day the source never gave."""
    fig = charts.status_timeline(timeline.history(ds), None, zh, zh.park_names(ds.parks))
    assert list(bars(fig)["已设立"].customdata[0]) == ["1996", "2006-08"]


# -- marker labels ------------------------------------------------------------------------------


def test_marker_labels_in_both_languages(ds, zh, en):
    marks = timeline.markers(ds)
    assert list(marker_labels(marks, zh)["label"]) == [
        "2021-09-28 申报升级：提出升级申请",
        "2025 目标：技工贸总收入 200 亿元",  # 200.0 written as 200
    ]
    assert marker_labels(marks, en)["label"].tolist()[0].startswith("2021-09-28 Upgrade")


def test_marker_labels_qualifier_and_missing_value(zh, en):
    marks = pd.DataFrame(
        {
            "park_id": ["a", "a"],
            "date": [T("2025-01-01"), T("2030-01-01")],
            "when": ["2025", "2030"],
            "kind": ["target", "target"],
            "indicator": ["total_revenue", "total_revenue"],
            "value": pd.array([5.5, NA], dtype="Float64"),
            "unit": ["cny_100m", "cny_100m"],
            "qualifier": ["more_than", "exact"],
        }
    )
    assert list(marker_labels(marks, zh)["label"]) == [
        "2025 目标：技工贸总收入 超过5.5 亿元",
        "2030 目标：技工贸总收入 ? 亿元",  # missing value: '?', never 0
    ]
    assert marker_labels(marks, en)["label"][0].endswith(
        "Total revenue (technology, industry, trade) more than 5.5 100 million yuan"
    )


def test_marker_labels_of_parks_without_markers(ds, zh):
    """Guangdong's zones have no timeline markers (the Timeline once crashed on this)."""
    marks = timeline.markers(apply_filters(ds, Filters(provinces=("广东省",))))
    labelled = marker_labels(marks, zh)
    assert labelled.empty and "label" in labelled.columns


# -- level counts -------------------------------------------------------------------------------


def test_level_counts_chart_of_the_fixture(ds, en):
    fig = charts.level_counts_chart(levels.level_counts_over_time(ds), en)
    assert [t.name for t in fig.data] == ["National", "Provincial"]
    national, provincial = fig.data
    assert list(national.x) == [
        "1991-03-01T00:00:00",
        "1994-08-01T00:00:00",
        "2006-04-01T00:00:00",
        "2006-08-01T00:00:00",
    ]
    assert list(national.y) == [1, 2, 2, 2] and list(provincial.y) == [0, 0, 1, 2]
    assert national.line.color == ds.vocab["levels"].colour("national")
    assert provincial.line.color == ds.vocab["levels"].colour("provincial")
    assert national.line.shape == "hv"
    assert fig.layout.yaxis.title.text == en.term("n_parks_axis")


def test_level_counts_chart_follows_the_vocabulary_order(ds, zh):
    counts = pd.DataFrame(
        {
            "date": [T("2012-08-19")] * 2 + [T("2010-01-01")] * 2,
            "level": ["provincial", "national", "provincial", "national"],
            "n": [3, 4, 4, 3],
        }
    )
    fig = charts.level_counts_chart(counts, zh)
    assert [t.name for t in fig.data] == ["国家级", "省级"]
    assert list(fig.data[0].y) == [3, 4]  # by date


def test_approvals_per_year_chart_of_the_fixture(ds, en):
    fig = charts.approvals_per_year_chart(levels.approvals_per_year(ds), en)
    assert {t.name: (list(t.x), list(t.y)) for t in fig.data} == {
        "National": ([1991, 1994], [1, 1]),
        "Provincial": ([2006], [2]),  # Linwu 2006-08 and Suixi 2006-04
    }
    for trace, code in zip(fig.data, ("national", "provincial"), strict=True):
        assert trace.marker.color == ds.vocab["levels"].colour(code)
    assert fig.layout.barmode == "group"
    assert fig.layout.xaxis.title.text == en.term("year")


# -- compare bars -------------------------------------------------------------------------------


@pytest.fixture
def compared() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "province": ["湖南省", "湖南省", "湖南省", "广东省", "广东省", "广东省"],
            "level": ["national", "provincial", "other", "national", "provincial", "other"],
            "total": [403.87, 52.14, NA, NA, 180.4, NA],
            "n_parks": [4, 1, 0, 0, 3, 0],
            "n_missing": [4, 6, 0, 1, 1, 0],
        }
    ).astype({"total": "Float64"})


def test_compare_bar_says_k_of_n_and_marks_missing(compared, ds, en):
    fig = charts.compare_bar(compared, "province", "total", en)
    assert list(bars(fig)) == ["National", "Provincial"]  # 'other' has no parks at all: no trace
    national = bars(fig)["National"]
    assert list(national.x) == ["Hunan", "Guangdong"]
    assert national.y[0] == pytest.approx(403.87)
    assert national.y[1] is None  # missing stays missing, never 0
    assert list(national.text) == ["4/8", ""]  # 4 of the group's 8 parks have a value
    assert list(bars(fig)["Provincial"].text) == ["1/7", "3/4"]
    assert national.marker.color == ds.vocab["levels"].colour("national")
    assert bars(fig)["Provincial"].marker.color == ds.vocab["levels"].colour("provincial")
    marks = [t for t in fig.data if t.type == "scatter"]
    assert len(marks) == 1 and list(marks[0].x) == ["Guangdong"]
    assert list(marks[0].y) == [0] and list(marks[0].text) == [en.term("no_data")] == ["no data"]
    assert marks[0].offsetgroup == "national" and marks[0].showlegend is False
    assert fig.layout.barmode == "group"


def test_compare_bar_no_mark_where_a_group_has_no_parks(compared, zh):
    frame = compared.copy()
    frame.loc[3, "n_missing"] = 0  # Guangdong has no national park at all
    fig = charts.compare_bar(frame, "province", "total", zh)
    assert not [t for t in fig.data if t.type == "scatter"]
    assert list(bars(fig)["国家级"].x) == ["湖南省", "广东省"]  # places as named in Chinese


def test_compare_bar_counts_of_the_fixture_draw_a_real_zero(ds, zh):
    order = zh.order("levels")
    counts = compare.levels_present(compare.counts_by(ds.parks, ["province"], order))
    fig = charts.compare_bar(counts, "province", "n", zh, n_col="n", y_title=zh.t("counts"))
    assert list(bars(fig)) == ["国家级", "省级", "级别未知"]  # no park is 'other': left out
    provincial = bars(fig)["省级"]
    assert list(provincial.x) == ["北京市", "广东省", "湖南省"]
    assert list(provincial.y) == [0.0, 1.0, 2.0]  # Beijing has no provincial zone: a real 0
    assert list(provincial.text) == ["n=0", "n=1", "n=2"]
    assert not [t for t in fig.data if t.type == "scatter"]  # counts are never missing
    assert fig.layout.yaxis.title.text == zh.t("counts")


def test_compare_bar_areas_of_the_fixture(ds, en):
    order = en.order("levels")
    area = levels.area_km2(ds, "approved_area")
    values = compare.values_by_level(area, ds.parks, order, ["province"], base_unit="km2")
    fig = charts.compare_bar(values, "province", "median", en, y_title="km²")
    national = bars(fig)["National"]
    assert list(national.x) == ["Beijing", "Guangdong", "Hunan"]
    assert national.y[0] == pytest.approx(39.8) and national.y[2] == pytest.approx(11.17)
    assert national.y[1] is None and list(national.text) == ["1/1", "", "1/1"]
    no_data = {t.name: list(t.x) for t in fig.data if t.type == "scatter"}
    assert no_data == {
        "National – no data": ["Guangdong"],  # Zhanjiang ETDZ: no approved area
        "Provincial – no data": ["Hunan"],
        "Level unknown – no data": ["Guangdong", "Hunan"],
    }
    assert all(v is None for v in bars(fig)["Level unknown"].y)


def test_compare_bar_categories_can_be_labelled(compared, zh):
    frame = compared[compared["province"] == "湖南省"]
    fig = charts.compare_bar(frame, "province", "n_parks", zh, x_labels={"湖南省": "湘"})
    assert list(bars(fig)["国家级"].x) == ["湘"]


def test_compare_bar_groups_in_the_order_asked(compared, zh):
    fig = charts.compare_bar(compared, "province", "total", zh, categories=["广东省", "湖南省"])
    assert list(bars(fig)["省级"].x) == ["广东省", "湖南省"]
    assert list(bars(fig)["省级"].text) == ["3/4", "1/7"]
    unknown_first = charts.compare_bar(compared, "province", "total", zh, categories=["北京市"])
    assert list(bars(unknown_first)["省级"].x) == ["湖南省", "广东省"]  # absent groups ignored


def test_compare_bar_with_many_groups_keeps_counts_in_the_hover(ds, zh):
    provinces = ds.vocab["provinces"].codes()[:13]
    frame = pd.DataFrame({"province": provinces, "level": "national", "n": range(1, 14)})
    bar = bars(charts.compare_bar(frame, "province", "n", zh, n_col="n"))["国家级"]
    assert bar.textposition == "none" and bar.text[12] == "n=13"
    # 31 provinces read as rows: horizontal bars, the names written level, largest on top
    assert bar.orientation == "h" and list(bar.y)[:2] == [zh.place(p) for p in provinces[:2]]
    few = bars(charts.compare_bar(frame.iloc[:12], "province", "n", zh, n_col="n"))["国家级"]
    assert few.textposition == "outside"


# -- sector heatmap -----------------------------------------------------------------------------


def test_sector_heatmap_of_the_fixture(ds, en):
    order = en.order("levels")
    mix = compare.sector_mix(ds.industries, ds.parks, ds.sectors, order, ["province"])
    fig = charts.sector_heatmap(mix, "province", en)
    assert [a.text for a in fig.layout.annotations] == ["National", "Provincial"]
    national, provincial = fig.data
    sectors = ("agri_food", "electronics", "equipment", "automotive")
    assert list(national.y) == [en.code("sectors", s) for s in en.order("sectors") if s in sectors]
    assert list(national.x) == ["Beijing", "Guangdong", "Hunan"]
    cells = dict(zip(national.y, (list(row) for row in national.text), strict=True))
    assert cells[en.code("sectors", "automotive")] == ["1/1", "", "0/1"]
    assert cells[en.code("sectors", "electronics")] == ["0/1", "", "1/1"]
    # Guangdong's national zone has no industry data: blank cells, never 0 %
    assert [row[1] for row in national.z] == [None] * 4
    assert national.z[1][2] == 100.0
    provincial_cells = dict(zip(provincial.y, (list(r) for r in provincial.text), strict=True))
    assert provincial_cells[en.code("sectors", "agri_food")] == ["", "1/1", "0/1"]
    assert provincial_cells[en.code("sectors", "equipment")] == ["", "0/1", "1/1"]


def test_sector_heatmap_skips_levels_and_sectors_without_data(zh):
    mix = pd.DataFrame(
        {
            "province": ["湖南省"] * 6,
            "level": ["national", "national", "provincial", "provincial", "other", "other"],
            "sector": ["electronics", "energy"] * 3,
            "n_parks": [2, 0, 1, 0, 0, 0],
            "n_with_data": [4, 4, 2, 2, 0, 0],
            "share": pd.array([0.5, 0.0, 0.5, 0.0, NA, NA], dtype="Float64"),
        }
    )
    fig = charts.sector_heatmap(mix, "province", zh)
    assert [a.text for a in fig.layout.annotations] == ["国家级", "省级"]
    assert list(fig.data[0].y) == [zh.code("sectors", "electronics")]  # energy: no park has it
    assert [list(r) for r in fig.data[0].text] == [["2/4"]]
    assert [list(r) for r in fig.data[0].z] == [[50.0]]
    assert [list(r) for r in fig.data[1].text] == [["1/2"]]


def test_sector_heatmap_without_any_data_is_empty(zh):
    mix = pd.DataFrame(
        {
            "province": ["湖南省"],
            "level": ["national"],
            "sector": ["electronics"],
            "n_parks": [0],
            "n_with_data": [0],
            "share": pd.array([NA], dtype="Float64"),
        }
    )
    assert len(charts.sector_heatmap(mix, "province", zh).data) == 0


def test_format_partial():
    assert charts.format_partial(T("2006-08-01"), "month") == "2006-08"
    assert charts.format_partial(T("2006-01-01"), "year") == "2006"
    assert charts.format_partial(T("2021-09-28"), "day") == "2021-09-28"
    assert charts.format_partial(pd.NaT, "day") == ""


def test_compare_bar_leaves_out_groups_without_any_value_and_names_them(compared, zh, en):
    frame = pd.concat(
        [
            compared,
            pd.DataFrame(
                {"province": "北京市", "level": ["national", "provincial"], "total": [NA, NA],
                 "n_parks": [0, 0], "n_missing": [2, 3]}
            ).astype({"total": "Float64"}),
        ],
        ignore_index=True,
    )  # fmt: skip
    fig = charts.compare_bar(frame, "province", "total", zh)
    assert list(bars(fig)["国家级"].x) == ["湖南省", "广东省"]  # Beijing: no bar, no mark
    assert all("北京市" not in list(t.x) for t in fig.data)
    assert charts.without_values_note(frame, "province", "total", zh) == (
        "1 个分组没有数据，未画柱：北京市。"
    )
    assert charts.without_values_note(frame, "province", "total", en) == (
        "1 groups have no value and draw no bar: Beijing."
    )
    assert charts.without_values_note(compared, "province", "total", zh) is None


def test_without_values_note_names_the_first_few_then_counts(zh):
    provinces = zh.order("provinces")[:15]
    frame = pd.DataFrame({"province": provinces, "level": "national", "total": NA})
    frame["total"] = frame["total"].astype("Float64")
    note = charts.without_values_note(frame, "province", "total", zh, limit=12)
    assert note.startswith("15 个分组没有数据，未画柱：" + "、".join(provinces[:12]))
    assert note.endswith("等另 3 个。")


def test_compare_bar_with_many_groups_marks_missing_with_a_cross(ds, zh):
    provinces = ds.vocab["provinces"].codes()[:13]
    frame = pd.DataFrame(
        {"province": provinces * 2, "level": ["national"] * 13 + ["provincial"] * 13,
         "total": [NA] + [1.0] * 25, "n_parks": [0] + [1] * 25, "n_missing": [2] + [0] * 25}
    ).astype({"total": "Float64"})  # fmt: skip
    fig = charts.compare_bar(frame, "province", "total", zh)  # 13 groups: dense, horizontal
    (mark,) = [t for t in fig.data if t.type == "scatter"]
    assert mark.mode == "markers" and mark.marker.symbol == "x-thin-open"
    assert list(mark.y) == [zh.place(provinces[0])] and list(mark.x) == [0]
    assert list(mark.text) == ["无数据"]  # read in the hover
    assert mark.offsetgroup == "national"
    assert mark.showlegend and mark.name == "无数据"  # the cross is named in the legend
    few = charts.compare_bar(frame[frame["province"].isin(provinces[:3])], "province", "total", zh)
    (words,) = [t for t in few.data if t.type == "scatter"]
    assert words.mode == "text" and list(words.text) == ["无数据"]


def test_compare_bar_hover_says_the_unit_and_names_the_unknown_group(ds, en):
    frame = pd.DataFrame(
        {"city": ["长沙市", NA], "level": "national", "median": [7.905, 3.0],
         "n_parks": [2, 1], "n_missing": [0, 0]}
    ).astype({"median": "Float64"})  # fmt: skip
    fig = charts.compare_bar(frame, "city", "median", en, unit="km²")
    (bar,) = [t for t in fig.data if t.type == "bar"]
    assert list(bar.x) == ["Changsha", "unknown"]  # zones without a city, never a bare dash
    assert "%{y:,.4~g} km²" in bar.hovertemplate


def test_sector_heatmap_with_many_groups_puts_them_down_the_side(ds, zh):
    provinces = list(ds.vocab["provinces"].codes()[:13])
    mix = pd.DataFrame(
        {"province": provinces, "level": "national", "sector": "automotive", "share": 0.5,
         "n_parks": 1, "n_with_data": 2}
    )  # fmt: skip
    (cells,) = charts.sector_heatmap(mix, "province", zh).data
    assert list(cells.y) == [zh.place(p) for p in provinces]  # a row per province
    assert list(cells.x) == [zh.code("sectors", "automotive")]
    assert cells.texttemplate == ""  # no smeared figures: 1/2 is in the hover
    assert list(cells.text[0]) == ["1/2"]
