"""All locale logic: which codes are valid, URL code vs Babel code, direction, fallback chain."""

from __future__ import annotations

import datetime
import functools
import re
import unicodedata
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


@functools.lru_cache(maxsize=1024)
def language_name(code: str, reader: str) -> str:
    """The language ``code`` named in the ``reader``'s language ("en" for a Thai reader: "อังกฤษ").

    In a sentence a reader expects their own word for the language, not its own name for itself.
    """
    from babel import Locale, UnknownLocaleError

    try:
        names = Locale.parse(babel_code(reader)).languages
    except (UnknownLocaleError, ValueError):
        return display_name(code)
    return names.get(babel_code(code)) or names.get(code.split("-", maxsplit=1)[0]) or display_name(code)


# Babel knows each locale's numbering system (CLDR: Persian writes "arabext") but not that system's
# digits; Unicode names them. These are the systems CLDR makes some locale's default.
_DIGIT_NAMES = {
    "adlm": "ADLAM",
    "arab": "ARABIC-INDIC",
    "arabext": "EXTENDED ARABIC-INDIC",
    "beng": "BENGALI",
    "cakm": "CHAKMA",
    "deva": "DEVANAGARI",
    "hmnp": "NYIAKENG PUACHUE HMONG",
    "mtei": "MEETEI MAYEK",
    "mymr": "MYANMAR",
    "nkoo": "NKO",
    "olck": "OL CHIKI",
    "thai": "THAI",
    "tibt": "TIBETAN",
}


@functools.lru_cache(maxsize=256)
def _digits(code: str) -> dict[int, int]:
    """str.translate table from ASCII digits to the language's own (empty where it writes 0-9)."""
    from babel import Locale, UnknownLocaleError

    try:
        system = Locale.parse(babel_code(code)).default_numbering_system
    except (UnknownLocaleError, ValueError):
        return {}
    if system not in _DIGIT_NAMES:
        return {}
    zero = ord(unicodedata.lookup(f"{_DIGIT_NAMES[system]} DIGIT ZERO"))  # Unicode keeps 0-9 in a row
    return str.maketrans("0123456789", "".join(chr(zero + i) for i in range(10)))


def format_number(number: float, code: str) -> str:
    """A number as the language writes it: CLDR's separators and its own digits ("fa": "۱٬۲۳۴")."""
    from babel.numbers import format_decimal

    return format_decimal(number, locale=babel_code(code), numbering_system="default").translate(_digits(code))


def format_date(date: datetime.date, code: str) -> str:
    """A date in the language's long form (Gregorian, CLDR's default) with its own digits."""
    from babel.dates import format_date as babel_format_date

    return babel_format_date(date, format="long", locale=babel_code(code)).translate(_digits(code))


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
