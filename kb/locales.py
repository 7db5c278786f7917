"""All locale logic: which codes are valid, URL code vs Babel code, direction, calendar, collation, fallback chain."""

from __future__ import annotations

import datetime
import functools
import re
import unicodedata
from collections.abc import Callable, Collection

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


def _icu_locale(code: str):  # -> icu.Locale
    """The ICU locale of a URL code; an invalid code gets the root locale (CLDR's defaults)."""
    import icu

    return icu.Locale.forLanguageTag(code) if valid_code(code) else icu.Locale.getRoot()


def calendar_type(code: str) -> str:
    """The calendar the language's readers expect: CLDR's preference for its (likely) region, through ICU.

    "th" (Thailand): "buddhist"; "fa" (Iran) and "fa-AF": "persian"; most others, and unknown codes: "gregorian".
    """
    import icu

    return icu.Calendar.createInstance(_icu_locale(code)).getType()


def format_date(date: datetime.date, code: str) -> str:
    """A date in the language's long form, in its readers' calendar (calendar_type) and its own digits.

    "fa": "۱۳ آذر ۱۴۰۵" (solar hijri), "th": "4 ธันวาคม 2569" (Buddhist era), "en": "December 4, 2026".
    """
    import icu

    if isinstance(date, datetime.datetime):
        date = date.date()  # the day as written, like Babel: no time zone conversion
    # ICU picks the calendar from the locale (CLDR calendarPreferenceData for its likely region). A new
    # DateFormat per call (~10 µs): ICU's formatters are not safe to share between threads.
    fmt = icu.DateFormat.createDateInstance(icu.DateFormat.kLong, _icu_locale(code))
    fmt.setTimeZone(icu.TimeZone.getGMT())  # a date is a day, not an instant: midnight UTC read in UTC
    seconds = (date - datetime.date(1970, 1, 1)).days * 86400.0  # PyICU's UDate is in seconds
    return fmt.format(seconds).translate(_digits(code))


@functools.lru_cache(maxsize=256)
def _collator(code: str):  # -> icu.Collator
    import icu

    # ICU falls back along the locale's parents to the root collation (CLDR's default order for every
    # script) for a language it has no tailoring for; it never fails for a well-formed locale.
    return icu.Collator.createInstance(_icu_locale(code))


def collation_key(code: str) -> Callable[[str], bytes]:
    """A sort key for text in the language's alphabetical order (CLDR collation through ICU), not code points.

    Latvian puts "Čeki" between "Cena" and "Dati"; Thai orders "เก" (leading vowel) by its consonant, before "ขา".

    >>> sorted(["Dati", "Čeki", "Cena"], key=collation_key("lv"))
    ['Cena', 'Čeki', 'Dati']
    """
    # One collator per language, shared: ICU collators are safe for concurrent const use (getSortKey).
    return _collator(code).getSortKey


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
