"""Provenance: every article fact's evidence is found in its article; every background fact's
evidence is a quote of the reference file. Skipped, with the reason, where ../shared is absent."""

from __future__ import annotations

import csv

import pytest

from parkdata.curate.evidence import check_evidence
from parkdata.data.package import load_package
from parkdata.data.schema import DATA_DIR

SHARED = DATA_DIR.parent.parent / "shared"
ARTICLES = SHARED / "articles"
REFERENCE = SHARED / "reference" / "park_facts.csv"

needs_articles = pytest.mark.skipif(
    not ARTICLES.is_dir(),
    reason=f"{ARTICLES} not found: the five source articles sit beside the repository in CI",
)
needs_reference = pytest.mark.skipif(not REFERENCE.is_file(), reason=f"{REFERENCE} not found")


@needs_articles
def test_every_article_evidence_is_in_its_article():
    problems = check_evidence(DATA_DIR, ARTICLES)
    assert [str(p) for p in problems] == []


@needs_articles
def test_the_check_catches_a_fragment_that_is_not_there(tmp_path):
    ds = load_package(DATA_DIR)
    events = ds.events.copy()
    events.loc[0, "evidence"] = "临武工业园区设立于1997年"
    problems = check_evidence(ds.replace(events=events), ARTICLES)
    assert [(p.file, p.row, p.column) for p in problems] == [("events.csv", 2, "evidence")]


@needs_reference
def test_every_reference_evidence_is_a_quote_of_the_reference_file():
    quotes = [row["quote"] for row in csv.DictReader(REFERENCE.open(encoding="utf-8"))]
    ds = load_package(DATA_DIR)
    refs = set(ds.sources.loc[ds.sources["kind"] == "reference", "source_id"])
    missing = []
    for table in ("events", "indicators", "industries"):
        frame = getattr(ds, table)
        for evidence in frame.loc[frame["source_id"].isin(refs), "evidence"]:
            if not any(evidence in quote for quote in quotes):
                missing.append((table, evidence))
    parks = ds.parks[ds.parks["level_source_id"].isin(refs)]
    missing += [("parks", e) for e in parks["level_evidence"] if not any(e in q for q in quotes)]
    assert missing == []


@needs_articles
def test_a_description_copied_from_its_article_is_found():
    """check_evidence (run by `parkdata validate --articles`) compares each description_zh with
    the whole normalised article, so a run copied from outside the evidence fragment counts."""
    ds = load_package(DATA_DIR)
    events = ds.events.copy()
    row = events.index[events["event_id"] == "linwu_ip-e01"][0]
    events.loc[row, "description_zh"] = (
        "园区位于临武县城东南面,2006年8月"  # the article's next clause
    )
    problems = check_evidence(ds.replace(events=events), ARTICLES)
    assert [(p.file, p.row, p.column) for p in problems] == [
        ("events.csv", row + 2, "description_zh")
    ]


@needs_articles
def test_article_fragments_are_matched_after_normalisation():
    """Article 004 is traditional with pinyin and doubled punctuation; its fragments are quoted
    from the normalised text (OpenCC t2s, pinyin removed, ',,' and ',。' collapsed)."""
    raw = (ARTICLES / "004_20507ea46bee513c.txt").read_text(encoding="utf-8")
    assert ",," in raw and ",。" in raw
    ds = load_package(DATA_DIR)
    fragment = ds.events.set_index("event_id").loc["liuyang_etdz-e01", "evidence"]
    assert fragment == "6月3日,全省产业园区高质量发展推进会在浏阳召开"
    assert fragment not in raw
    assert check_evidence(ds, ARTICLES) == []
