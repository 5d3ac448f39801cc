"""The structure of a saved news article: header (title, date, publisher) and body.

Saved pages carry site navigation (breadcrumbs, category lists), figure captions that repeat the
title, and sometimes the whole body twice. `parse_article` keeps the first copy of every line and
drops the rest. It only removes whole lines and leading/trailing blanks, so every fragment of a
body line is still a substring of `simplified_text(raw)` (which evidence is matched against)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from parkdata.data.textnorm import simplified_text

_DATE = r"(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})日?"
# "来源:高新院 achie.org 日期:2021-09-28 点击:" or "2021-09-28 来源:高新院 achie.org 点击:"
_HEADER = re.compile(rf"来源[:：]\s*(?P<pub>.*?)\s*(?:日期[:：]\s*(?P<date>{_DATE}))?\s*点击")
_HEADER_DATE_FIRST = re.compile(rf"^(?P<date>{_DATE})\s+来源[:：]\s*(?P<pub>.*?)\s*点击")
_BREADCRUMB = re.compile(r"(当前位置|主页\s*>|首页\s*>|>\s*$)")
_NAV_ITEM = re.compile(r"^[-•·*]\s*\S{1,16}$")
_CAPTION = re.compile(r"^图\s*\d+\s")
_BOILERPLATE = {"Network", ">>我要举报", "我要举报", "编者按"}
# Credits such as "(文字整理 长沙晚报全媒体记者 …)": the paper is the publisher.
_CREDIT_PUBLISHER = re.compile(
    r"([\u4e00-\u9fff]{2,8}(?:晚报|日报|时报|商报|新闻网|电视台))"
    r"(?:全媒体)?(?:记者|通讯员)"
)
_UNKNOWN = {"未知", "佚名", ""}


@dataclass(frozen=True)
class Article:
    """A parsed article. Missing header parts are None, never guessed."""

    title: str | None
    date: str | None  # YYYY-MM-DD as printed on the page
    publisher: str | None
    body: list[str]  # clean lines, first copy only

    @property
    def text(self) -> str:
        return "\n".join(self.body)


def parse_article(raw: str) -> Article:
    """Header and de-duplicated body of a raw article (traditional or simplified)."""
    lines = [line.strip() for line in simplified_text(raw).splitlines()]
    title, date, publisher, header_at = _find_header(lines)
    body, seen = [], set()
    for i, line in enumerate(lines):
        if i == header_at or _is_navigation(line, title) or line in seen:
            continue
        if _HEADER.search(line) or _HEADER_DATE_FIRST.search(line):
            continue  # the header of a repeated copy
        seen.add(line)
        body.append(line)
    if publisher is None:
        publisher = _credit_publisher(body)
    return Article(title, date, publisher, body)


def _find_header(lines: list[str]) -> tuple[str | None, str | None, str | None, int | None]:
    for i, line in enumerate(lines):
        m = _HEADER_DATE_FIRST.search(line) or _HEADER.search(line)
        if m:
            title = _previous_text_line(lines, i)
            date = _iso(m) if m["date"] else None
            pub = m["pub"].strip()
            return title, date, None if pub in _UNKNOWN else pub, i
    # No header line: the first short line that is not navigation is the title.
    for line in lines:
        if line and not _is_navigation(line, None) and len(line) <= 40:
            return line, None, None, None
    return None, None, None, None


def _iso(m: re.Match[str]) -> str:
    y, mo, d = re.match(_DATE, m["date"]).groups()  # type: ignore[union-attr]
    return f"{int(y):04d}-{int(mo):02d}-{int(d):02d}"


def _previous_text_line(lines: list[str], i: int) -> str | None:
    for line in reversed(lines[:i]):
        if line and not _is_navigation(line, None):
            return line
    return None


def _is_navigation(line: str, title: str | None) -> bool:
    """Blank lines, breadcrumbs, menu items, captions, and the title repeated in the body."""
    return (
        not line
        or line in _BOILERPLATE
        or bool(_BREADCRUMB.search(line))
        or bool(_NAV_ITEM.match(line))
        or bool(_CAPTION.match(line))
        or (title is not None and line == title)
    )


def _credit_publisher(body: list[str]) -> str | None:
    for line in reversed(body):
        m = _CREDIT_PUBLISHER.search(line)
        if m:
            return m[1]
    return None


def header_text(article: Article) -> str:
    """The header block `parkdata normalize` prints first; missing parts are shown as missing."""
    missing = "(missing)"
    return "\n".join(
        [
            f"标题 title: {article.title or missing}",
            f"日期 date: {article.date or missing}",
            f"来源 publisher: {article.publisher or missing}",
        ]
    )


def normalized_text(raw: str) -> str:
    """Header, a blank line, then the clean body: what `parkdata normalize` prints."""
    article = parse_article(raw)
    return header_text(article) + "\n\n" + article.text + "\n"
