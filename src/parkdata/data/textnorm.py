"""Chinese text normalisation: traditional to simplified (OpenCC), pinyin annotations removed,
garbled punctuation mended. Used for evidence matching and by `parkdata normalize`."""

from __future__ import annotations

import re
from functools import lru_cache

import opencc

# A pinyin annotation such as 經(jīng) or 區(qū): lower-case Latin letters, with or without tone
# marks, in ASCII or full-width parentheses right after a Han character.
_TONE_LETTERS = "a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
PINYIN_ANNOTATION = re.compile(rf"(?<=[\u3400-\u9fff])[(（][{_TONE_LETTERS}]{{1,7}}[)）]")

# Punctuation doubled or mixed by a broken conversion: ",," ",。" ",、" ",?" and the like.
_DOUBLED = re.compile(r"[,，]+(?=[,，。、？?！!；;：:])|(?<=[。、？?！!；;：:])[,，]+")


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def strip_pinyin(text: str) -> str:
    """Remove pinyin annotations in parentheses after Han characters."""
    return PINYIN_ANNOTATION.sub("", text)


def to_simplified(text: str) -> str:
    """Convert traditional characters to simplified with OpenCC (t2s)."""
    return _converter().convert(text)


def mend_punctuation(text: str) -> str:
    """Collapse doubled or mixed punctuation left by broken encodings."""
    return _DOUBLED.sub("", text)


def simplified_text(raw: str) -> str:
    """The text evidence fragments are matched against: pinyin removed, simplified, mended."""
    return mend_punctuation(to_simplified(strip_pinyin(raw)))
