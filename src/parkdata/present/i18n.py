"""The dashboard's own words in Chinese and English: UI strings, column headers and chart terms,
read from locale/zh.toml and locale/en.toml (one key, both files; tests/test_i18n.py checks).

Labels of codes (levels, zone types, units, places …) are data and come from the package's
vocabularies: see `parkdata.present.labels.Labels`, which joins both for one language. An unknown
key falls back to the key itself, so a missing text is visible rather than an exception."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"
LOCALE_DIR = Path(__file__).parent / "locale"
SECTIONS = ("ui", "columns", "column_help", "terms")


def _load(lang: str) -> dict[str, dict[str, str]]:
    with (LOCALE_DIR / f"{lang}.toml").open("rb") as handle:
        return tomllib.load(handle)


TEXT: dict[str, dict[str, dict[str, str]]] = {lang: _load(lang) for lang in LANGS}


def lang_or_default(lang: str | None) -> str:
    return lang if lang in LANGS else DEFAULT_LANG


def _get(section: str, key: str, lang: str) -> str:
    return TEXT[lang_or_default(lang)][section].get(key, key)


def t(name: str, lang: str, /, **values: object) -> str:
    """UI string `name` in `lang`, formatted with `values`; the name itself when unknown."""
    text = _get("ui", name, lang)
    return text.format(**values) if values else text


def column(name: str, lang: str) -> str:
    """A column header; the column name itself when it has none."""
    return _get("columns", name, lang)


def column_help(name: str, lang: str) -> str | None:
    """What a column's values are, where a header alone could mislead (level stated on is not
    an approval date); None for most columns."""
    return TEXT[lang_or_default(lang)].get("column_help", {}).get(name)


def term(name: str, lang: str) -> str:
    """A word on a chart or map (axis title, legend entry, tooltip line)."""
    return _get("terms", name, lang)


def colon(lang: str) -> str:
    """The label–value separator: a full-width colon in Chinese."""
    return "：" if lang == "zh" else ": "


# Parentheses stay as they are: escaped, "\\(" ... "\\)" would open Streamlit's inline LaTeX.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]#!|<>~$&])")


def escape_markdown(text: str) -> str:
    """Backslash-escape Markdown and HTML punctuation so user text renders as plain text."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def notice_text(notice: Any, lang: str) -> str:
    """A links.Notice (code, key, value, n) as a sentence in `lang`, safe as Markdown. The key
    is named as the sidebar names it (截至日期, not `date`) where it has a label."""
    key = escape_markdown(
        t(f"param_{notice.key}", lang)
        if f"param_{notice.key}" in TEXT[lang_or_default(lang)]["ui"]
        else str(notice.key)
    )
    value = escape_markdown(str(notice.value))
    return t(notice.code, lang, key=key, value=value, n=notice.n)
