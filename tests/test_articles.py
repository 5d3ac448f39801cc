"""parkdata.curate.articles: header, navigation and repeated bodies, on made-up pages and the five
real articles (skipped when ../shared/articles is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from parkdata.curate.articles import normalized_text, parse_article
from parkdata.data.textnorm import simplified_text

ARTICLES = Path(__file__).resolve().parents[2] / "shared" / "articles"  # beside the repository
needs_articles = pytest.mark.skipif(
    not ARTICLES.is_dir(), reason=f"{ARTICLES} not found: the source articles sit beside the repo"
)

PAGE = """Network

當前位置:主頁 > 新聞中心 > 經(jīng)濟開發(fā)區(qū)新聞 >
- 高新院新聞
- 政策解讀
郴州經(jīng)開區(qū):跨越發(fā)展正當時
來源:未知 日期:2017-12-25 點擊:次
  2017年,郴州經(jīng)開區(qū)預計實現(xiàn)技工貿總收入580億元,,。
圖1 郴州經(jīng)開區(qū)
郴州經(jīng)開區(qū):跨越發(fā)展正當時
主頁 > 新闻中心 >
2017-12-25 來源:未知 點擊:
  2017年,郴州經(jīng)開區(qū)預計實現(xiàn)技工貿總收入580億元,,。
>>我要舉報
"""


def test_header_is_detected_and_unknown_publisher_is_missing():
    article = parse_article(PAGE)
    assert article.title == "郴州经开区:跨越发展正当时"
    assert article.date == "2017-12-25"
    assert article.publisher is None  # 来源:未知 is not a publisher


def test_navigation_captions_and_second_copy_are_removed():
    article = parse_article(PAGE)
    assert article.body == ["2017年,郴州经开区预计实现技工贸总收入580亿元。"]


def test_body_lines_are_substrings_of_simplified_text():
    text = simplified_text(PAGE)
    assert all(line in text for line in parse_article(PAGE).body)


def test_normalized_text_prints_header_first():
    out = normalized_text(PAGE).splitlines()
    assert out[:3] == [
        "标题 title: 郴州经开区:跨越发展正当时",
        "日期 date: 2017-12-25",
        "来源 publisher: (missing)",
    ]
    assert out[3] == ""
    assert "經" not in normalized_text(PAGE) and "(jīng)" not in normalized_text(PAGE)


def test_date_first_header_and_credit_line_publisher():
    raw = "标题一行\n2021-09-28 来源:高新院 achie.org 点击:\n正文。\n"
    assert parse_article(raw).publisher == "高新院 achie.org"
    assert parse_article(raw).date == "2021-09-28"
    no_header = "产业园区奋进时代\n正文一段。\n(文字整理 长沙晚报全媒体记者 伍玲)\n"
    article = parse_article(no_header)
    assert (article.title, article.date, article.publisher) == (
        "产业园区奋进时代",
        None,
        "长沙晚报",
    )


EXPECTED_HEADERS = {
    "000_4d7476f4c18d9f5e.txt": (
        "全力申报省级高新区,临武坚定高质量建设好湖南“南大门”",
        "2021-09-28",
        "高新院 achie.org",
    ),
    "001_b860dba5ce0ec7a0.txt": (
        "抢抓“十四五”发展新机遇,衡阳高新区加速产业集群化发展",
        "2020-07-21",
        "中国高新院 achie.org",
    ),
    "002_68f309989658621a.txt": ("郴州经开区:跨越发展正当时", "2017-12-25", None),
    "003_45407759de97f162.txt": (
        "“1+N”新格局启航!湛江产业园区这样跑出“加速度”→",
        "2021-12-03",
        "高新院 achie.org",
    ),
    "004_20507ea46bee513c.txt": ("产业园区奋进“五好”园区时代", None, "长沙晚报"),
}


@needs_articles
@pytest.mark.parametrize("name", sorted(EXPECTED_HEADERS))
def test_real_article_headers(name):
    article = parse_article((ARTICLES / name).read_text(encoding="utf-8"))
    assert (article.title, article.date, article.publisher) == EXPECTED_HEADERS[name]


@needs_articles
@pytest.mark.parametrize("name", sorted(EXPECTED_HEADERS))
def test_real_article_bodies_are_clean(name):
    raw = (ARTICLES / name).read_text(encoding="utf-8")
    article = parse_article(raw)
    assert len(article.body) == len(set(article.body))  # the repeated copy is gone
    assert not any(
        line.startswith(("- ", "当前位置", "主页", "图1", "图2")) for line in article.body
    )
    assert "Network" not in article.body and "(jīng)" not in article.text
    text = simplified_text(raw)
    assert all(line in text for line in article.body)


@needs_articles
def test_repeated_body_is_kept_once():
    raw = (ARTICLES / "000_4d7476f4c18d9f5e.txt").read_text(encoding="utf-8")
    assert raw.count("设立于1996年") == 2
    assert parse_article(raw).text.count("设立于1996年") == 1
