"""Evidence fragments and descriptions checked against their articles.

A fact whose source is an article (sources.kind == "article") carries an `evidence` fragment that
must be a verbatim substring of `simplified_text()` of the article file (sources.article_file):
pinyin annotations removed, OpenCC t2s, doubled punctuation mended. Its `description_zh` must be
in the curator's own words: no run of more than `rules.MAX_SHARED_RUN` characters of the article.
`check_evidence` reports every fragment and description that fails, as a Problem naming file, row
and column. (Whether a fragment holds the fact's number or year needs no article: see `rules`.)"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd

from parkdata.data.dataset import Dataset, read_frames
from parkdata.data.problems import Problem
from parkdata.data.rules import article_descriptions_in_own_words
from parkdata.data.textnorm import simplified_text

# table -> (source column, evidence column, required): every fragment is verbatim in its article
EVIDENCE_COLUMNS = (
    ("events", "source_id", "evidence", True),
    ("events", "source_id", "date_evidence", False),  # the date, where `evidence` lacks it
    ("indicators", "source_id", "evidence", True),
    ("industries", "source_id", "evidence", True),
    ("level_changes", "source_id", "evidence", True),
)


def check_evidence(ds_or_dir: Dataset | Path | str, articles_dir: Path | str) -> list[Problem]:
    """Every evidence fragment of an article-sourced row that its article does not contain, and
    every description_zh that copies more than a short run of its article."""
    ds = ds_or_dir if isinstance(ds_or_dir, Dataset) else read_frames(Path(ds_or_dir))
    texts, problems = _article_texts(ds.sources, Path(articles_dir))
    for table, source_col, evidence_col, required in EVIDENCE_COLUMNS:
        frame = getattr(ds, table)
        problems += _check_table(frame, table, source_col, evidence_col, texts, required)
    return problems + article_descriptions_in_own_words(ds, texts)


def _article_texts(
    sources: pd.DataFrame, articles_dir: Path
) -> tuple[dict[str, str], list[Problem]]:
    """source_id -> simplified text of its article; a Problem for each unreadable file."""
    texts, problems = {}, []
    for i, row in enumerate(sources.itertuples(index=False), start=2):
        if row.kind != "article":
            continue
        name = row.article_file
        if pd.isna(name) or not str(name).strip():
            problems.append(
                Problem("sources.csv", i, "article_file", "article source names no file")
            )
            continue
        path = articles_dir / str(name)
        if not path.is_file():
            problems.append(
                Problem("sources.csv", i, "article_file", f"no file {name} in {articles_dir}")
            )
            continue
        texts[str(row.source_id)] = _simplified(path)
    return texts, problems


@cache
def _simplified_cached(path: str, mtime: float) -> str:
    return simplified_text(Path(path).read_text(encoding="utf-8"))


def _simplified(path: Path) -> str:
    return _simplified_cached(str(path), path.stat().st_mtime)


def _check_table(
    frame: pd.DataFrame,
    table: str,
    source_col: str,
    evidence_col: str,
    texts: dict[str, str],
    required: bool = True,
) -> list[Problem]:
    problems: list[Problem] = []
    if source_col not in frame or evidence_col not in frame:
        return problems
    for i, (source, fragment) in enumerate(
        zip(frame[source_col], frame[evidence_col], strict=True)
    ):
        if pd.isna(source) or str(source) not in texts:
            continue
        row = i + 2
        if (pd.isna(fragment) or not str(fragment).strip()) and not required:
            continue
        if pd.isna(fragment) or not str(fragment).strip():
            problems.append(
                Problem(
                    f"{table}.csv", row, evidence_col, f"no evidence for article source {source}"
                )
            )
        elif str(fragment) not in texts[str(source)]:
            problems.append(
                Problem(
                    f"{table}.csv",
                    row,
                    evidence_col,
                    f"evidence not found in the article of {source}: {str(fragment)[:40]!r}",
                )
            )
    return problems
