"""The plotly figures: traces, colours, missing values left out (never 0), n behind each bar."""

import pandas as pd
import pytest

from parkdata.present import charts, palette

NA = pd.NA
T = pd.Timestamp


@pytest.fixture
def history() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "park_id": ["a", "a", "b"],
            "park_name": ["衡阳高新区", "衡阳高新区", "<b>坏</b>名"],
            "status": ["provincial", "national", "established"],
            "start": [T("1992-01-01"), T("2012-08-19"), T("2006-08-01")],
            "end": [T("2012-08-19"), pd.NaT, pd.NaT],
            "start_precision": ["year", "day", "month"],
        }
    )


@pytest.fixture
def markers() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "park_id": ["a", "b", "b"],
            "park_name": ["衡阳高新区", "<b>坏</b>名", "<b>坏</b>名"],
            "date": [T("2020-07-20"), T("2025-01-01"), pd.NaT],
            "kind": ["survey", "target", "meeting"],
            "label": ["调研", "<i>2025</i> 目标", "undated"],
        }
    )


def test_status_timeline_bars_by_status_in_palette_colours(history, markers):
    fig = charts.status_timeline(history, markers, "zh", today=T("2024-01-01"))
    bars = {t.name: t for t in fig.data if t.type == "bar"}
    assert list(bars) == ["已设立", "省级", "国家级"]
    assert bars["国家级"].marker.color == palette.STATUS_HEX["national"]
    assert bars["省级"].marker.color == palette.LEVEL_HEX["provincial"]
    national = bars["国家级"]
    assert national.base[0].startswith("2012-08-19")
    assert national.x[0] == (T("2024-01-01") - T("2012-08-19")).total_seconds() * 1000
    assert national.customdata[0][1] == "至今"  # ongoing
    assert bars["省级"].customdata[0][0] == "1992"  # year precision kept
    assert bars["已设立"].customdata[0][0] == "2006-08"  # month precision kept
    assert bars["已设立"].y[0] == "&lt;b&gt;坏&lt;/b&gt;名"
    assert list(fig.layout.yaxis.categoryarray) == ["&lt;b&gt;坏&lt;/b&gt;名", "衡阳高新区"]


def test_status_timeline_markers(history, markers):
    fig = charts.status_timeline(history, markers, "en", today=T("2024-01-01"))
    scatter = {t.name: t for t in fig.data if t.type == "scatter"}
    assert set(scatter) == {"Event", "Target"}
    assert scatter["Target"].marker.symbol == "star"
    assert list(scatter["Target"].text) == ["&lt;i&gt;2025&lt;/i&gt; 目标"]
    assert list(scatter["Event"].x) == ["2020-07-20T00:00:00"]  # undated marker left out


def test_level_counts_chart():
    counts = pd.DataFrame(
        {
            "date": [T("2010-01-01")] * 2 + [T("2012-08-19")] * 2,
            "level": ["national", "provincial", "national", "provincial"],
            "n": [3, 4, 4, 3],
        }
    )
    fig = charts.level_counts_chart(counts, "en")
    assert [t.name for t in fig.data] == ["National", "Provincial"]
    assert list(fig.data[0].y) == [3, 4]
    assert fig.data[0].line.color == palette.LEVEL_HEX["national"]
    assert fig.data[0].line.shape == "hv"


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


def test_compare_bar_leaves_missing_out_and_marks_it(compared):
    fig = charts.compare_bar(compared, "province", "total", lang="en")
    bars = {t.name: t for t in fig.data if t.type == "bar"}
    assert list(bars) == ["National", "Provincial"]  # 'other' has no parks at all: no trace
    national = bars["National"]
    assert list(national.x) == ["Hunan (湖南省)", "Guangdong (广东省)"]
    assert national.y[0] == pytest.approx(403.87)
    assert national.y[1] is None  # missing stays missing, never 0
    assert list(national.text) == ["n=4", ""]
    assert national.marker.color == palette.LEVEL_HEX["national"]
    assert [list(c) for c in national.customdata] == [[4, 4], [0, 1]]
    marks = [t for t in fig.data if t.type == "scatter"]
    assert len(marks) == 1 and list(marks[0].x) == ["Guangdong (广东省)"]
    assert list(marks[0].text) == ["no data"] and marks[0].offsetgroup == "national"
    assert fig.layout.barmode == "group"


def test_compare_bar_by_level_in_chinese(compared):
    frame = compared[compared["province"] == "湖南省"]
    fig = charts.compare_bar(frame, "level", "n_parks", color="province", lang="zh")
    assert list(fig.data[0].x) == ["国家级", "省级", "其他"]
    assert list(fig.data[0].y) == [4.0, 1.0, 0.0]  # a real count of 0 is drawn as 0


def test_sector_mix_chart_skips_levels_without_data():
    mix = pd.DataFrame(
        {
            "level": ["national", "national", "provincial", "provincial", "other", "other"],
            "sector": ["electronics", "energy"] * 3,
            "label_zh": ["电子信息", "能源"] * 3,
            "label_en": ["Electronics", "Energy"] * 3,
            "n_parks": [2, 0, 1, 0, 0, 0],
            "n_with_data": [4, 4, 2, 2, 0, 0],
            "share": [0.5, 0.0, 0.5, 0.0, NA, NA],
        }
    ).astype({"share": "Float64"})
    fig = charts.sector_mix_chart(mix, "en")
    assert [t.name for t in fig.data] == ["National (n=4)", "Provincial (n=2)"]
    assert list(fig.data[0].y) == ["Electronics"]  # a sector no park has is left out
    assert list(fig.data[0].x) == [50.0] and list(fig.data[0].text) == ["2/4"]
    assert fig.data[1].marker.color == palette.LEVEL_HEX["provincial"]


def test_format_partial():
    assert charts.format_partial(T("2006-08-01"), "month") == "2006-08"
    assert charts.format_partial(T("2006-01-01"), "year") == "2006"
    assert charts.format_partial(pd.NaT, "day") == ""
