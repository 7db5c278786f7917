"""All locale logic: which codes are valid, URL code vs Babel code, direction, fallback chain."""

from __future__ import annotations

import functools
import re
from collections.abc import Collection

# BCP 47 as used in URLs and folder names: "en", "fa", "pt-BR", "zh-Hant". Nothing else is ever
# used to build a path or a URL.
_CODE_RE = re.compile(r"[a-z]{2,3}(?:-(?:[A-Z][a-z]{3}|[A-Z]{2}|[0-9]{3}))?")


def valid_code(code: object) -> bool:
    return isinstance(code, str) and bool(_CODE_RE.fullmatch(code))


def babel_code(code: str) -> str:
    """URL code -> Babel/gettext locale identifier ("pt-BR" -> "pt_BR")."""
    return code.replace("-", "_")


@functools.lru_cache(maxsize=256)
def text_direction(code: str) -> str:
    """ "rtl" or "ltr", from CLDR through Babel; unknown codes are left-to-right."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(babel_code(code)).text_direction
    except (UnknownLocaleError, ValueError):
        return "ltr"


@functools.lru_cache(maxsize=256)
def display_name(code: str) -> str:
    """The language's own name for itself ("ไทย", "فارسی", "latviešu")."""
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(babel_code(code)).get_display_name(babel_code(code)) or code
    except (UnknownLocaleError, ValueError):
        return code
    return name[:1].upper() + name[1:]


def fallback_chain(requested: str, available: Collection[str], default: str) -> list[str]:
    """Languages to try, best first: the requested one, its base language, then the default.

    >>> fallback_chain("pt-BR", ["pt", "en"], "en")
    ['pt', 'en']
    """
    chain = [requested]
    base = requested.split("-", maxsplit=1)[0]
    if base != requested:
        chain.append(base)
    chain.append(default)
    return [c for c in dict.fromkeys(chain) if c in available]
