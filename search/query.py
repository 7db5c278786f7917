"""Anonymous query text -> something safe to analyze: bounded length, no control characters.

There is no query language to escape: queries never reach Whoosh's parser (see lexical.py), so
``status:draft``, ``?*``, ``body:[a TO z]`` and nested parentheses are just words or nothing.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex

MAX_CHARS = 256
MAX_TERMS = 32

_CONTROL_RE = regex.compile(r"[\p{Cc}\p{Cs}\p{Co}\p{Cn}]+")
_SPACE_RE = regex.compile(r"\s+")


@dataclass(frozen=True)
class CleanQuery:
    text: str
    truncated: bool


def clean(raw: str | None, max_chars: int = MAX_CHARS) -> CleanQuery:
    """NFC, no NUL/control/surrogate/unassigned code points, whitespace collapsed, capped."""
    if not raw:
        return CleanQuery("", False)
    # Cap before any other work so a megabyte of input costs nothing.
    truncated = len(raw) > max_chars * 4
    text = raw[: max_chars * 4]
    text = text.encode("utf-8", "ignore").decode("utf-8")  # drops lone surrogates
    text = unicodedata.normalize("NFC", text)
    text = _SPACE_RE.sub(" ", _CONTROL_RE.sub(" ", text)).strip()
    if len(text) > max_chars:
        cut = text.rfind(" ", 0, max_chars)
        text = text[: cut if cut > max_chars // 2 else max_chars].rstrip()
        truncated = True
    return CleanQuery(text, truncated)
