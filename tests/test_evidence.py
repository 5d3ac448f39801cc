"""Provenance (parkdata.curate.evidence): every fact from an article carries a fragment found in
the article's normalised text, and describes it in its own words. On the fixture package, with
its article (art-a, 000.txt) written here from its own fragments, in traditional characters with
a pinyin annotation and doubled punctuation, as the real pages come. (The real data against the
real articles: tests/test_package.py.)"""

from __future__ import annotations

import shutil
from pathlib import Path

import opencc
import pandas as pd
import pytest

from parkdata.curate.evidence import check_evidence
from parkdata.data.dataset import read_parts
from parkdata.testing.fixtures import EVENTS, INDICATORS, INDUSTRIES, LEVEL_CHANGES

FRAGMENTS = [
    row["evidence"]
    for row in EVENTS + INDICATORS + INDUSTRIES + LEVEL_CHANGES
    if row["source_id"] == "art-a"
]


def article_text() -> str:
    """The fixture's article as a saved page would hold it: traditional characters, 區(qū),
    ',,。' where a conversion doubled the punctuation."""
    body = "。".join(opencc.OpenCC("s2t").convert(f) for f in FRAGMENTS)
    body = body.replace("區", "區(qū)", 1).replace("。", ",,。", 1)
    return f"臨武全力申報省級高新區\n來源:高新院 日期:2021-09-28 點擊:\n{body}。\n"


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("articles")
    (folder / "000.txt").write_text(article_text(), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def curated(fixture_dir):
    return read_parts(fixture_dir)["articles"]


def test_every_article_evidence_is_in_its_article(curated, articles, fixture_dir):
    raw = (articles / "000.txt").read_text(encoding="utf-8")
    assert "(qū)" in raw and ",,。" in raw
    assert not any(fragment in raw for fragment in FRAGMENTS[:3])  # only once normalised
    assert check_evidence(curated, articles) == []
    assert check_evidence(fixture_dir, articles) == []  # a folder is read as a package


def test_a_fragment_that_is_not_there_is_found(curated, articles):
    events = curated.events.copy()
    events.loc[0, "evidence"] = "湖南临武工业园区设立于1997年"
    problems = check_evidence(curated.replace(events=events), articles)
    assert [(p.file, p.row, p.column) for p in problems] == [("events.csv", 2, "evidence")]
    assert "1997" in problems[0].message and "art-a" in problems[0].message


def test_a_missing_fragment_is_found(curated, articles):
    industries = curated.industries.copy()
    industries.loc[2, "evidence"] = pd.NA
    problems = check_evidence(curated.replace(industries=industries), articles)
    assert [(p.file, p.row, p.column) for p in problems] == [("industries.csv", 4, "evidence")]


def test_a_level_evidence_is_checked_too(curated, articles):
    changes = curated.level_changes.copy()
    row = changes.index[changes["change_id"] == "linwu-c2"][0]
    changes.loc[row, "evidence"] = "2006年9月经省政府批准"
    problems = check_evidence(curated.replace(level_changes=changes), articles)
    assert [(p.file, p.row, p.column) for p in problems] == [
        ("level_changes.csv", row + 2, "evidence")
    ]


def test_reference_facts_are_not_matched_against_articles(curated, articles):
    indicators = curated.indicators.copy()
    row = indicators.index[indicators["source_id"] == "ref-gb"][0]
    indicators.loc[row, "evidence"] = "任何参考资料的引文"
    assert check_evidence(curated.replace(indicators=indicators), articles) == []


def test_a_description_copied_from_its_article_is_found(curated, articles):
    """Each description_zh is compared with the whole normalised article, so a run copied from
    outside the fact's own fragment counts (13 characters of another sentence here)."""
    events = curated.events.copy()
    events.loc[0, "description_zh"] = "园区：月2日召开全市产业园区发展"
    problems = check_evidence(curated.replace(events=events), articles)
    assert [(p.file, p.row, p.column) for p in problems] == [("events.csv", 2, "description_zh")]
    # 12 in a row, among words of our own: allowed
    events.loc[0, "description_zh"] = "我们读到的是这样一句话：园区：月2日召开全市产业园区发"
    assert check_evidence(curated.replace(events=events), articles) == []


def test_a_description_of_its_sources_words_rearranged_is_found(curated, articles):
    """No run is longer than 12, but most of the description is the article's words in runs of
    4 or more: found (liuyang_etdz-e03 was “先建后验”改革在全省率先试点, from
    打造更多像“先建后验”改革这样的全省率先试点). A phrase shorter than 10 Chinese characters
    is not held to it."""
    events = curated.events.copy()
    events.loc[0, "description_zh"] = "全市产业园区发展大会：月2日召开"
    problems = check_evidence(curated.replace(events=events), articles)
    assert [(p.file, p.row, p.column) for p in problems] == [("events.csv", 2, "description_zh")]
    assert "rearranged" in problems[0].message
    events.loc[0, "description_zh"] = "产业园区发展大会"  # a phrase
    assert check_evidence(curated.replace(events=events), articles) == []


def test_an_article_file_that_is_missing_or_unnamed_is_named(curated, articles, tmp_path):
    problems = check_evidence(curated, tmp_path)
    assert [str(p) for p in problems] == [
        f"sources.csv:2:article_file: no file 000.txt in {tmp_path}"
    ]
    sources = curated.sources.copy()
    sources.loc[0, "article_file"] = pd.NA
    problems = check_evidence(curated.replace(sources=sources), articles)
    assert [(p.file, p.row, p.column) for p in problems] == [("sources.csv", 2, "article_file")]


def test_an_edited_article_is_read_again(curated, articles, tmp_path):
    folder = tmp_path / "articles"
    shutil.copytree(articles, folder)
    assert check_evidence(curated, folder) == []
    path = folder / "000.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("1996", "1997"), encoding="utf-8")
    problems = check_evidence(curated, folder)
    assert {(p.file, p.row) for p in problems} == {("events.csv", 2)}
