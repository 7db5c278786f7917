"""Persian as customers type it: Arabic letter variants folded, and affixes typed joined split off.

Persian writes the verb prefix "می" / "نمی" and the plural and comparative suffixes ("ها", "های",
"تر", ...) apart from their word with a zero-width non-joiner: "می‌خواهم" (I want), "پل‌ها"
(bridges). The Unicode word pattern splits there, so the index holds "خواهم" and "پل". Customers
often type them joined ("میخواهم", "پلها"): one word that no article holds. :func:`segments` splits
such a word where the language writes it apart, by wordfreq's Persian list: where the form with the
non-joiner is a written word ("می‌شود"), or where the joined word is not one and its stem is
("پلها": "پل"). A word that merely starts or ends like an affix stays whole: "تنها" (alone; "تن‌ها"
is not written), "میلاد" (birth), "دفتر" (notebook).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

import regex

# Arabic letter variants to Persian, Arabic/Persian digits to ASCII.
_PERSIAN_MAP = str.maketrans(
    {
        "\u064a": "\u06cc",  # Arabic yeh -> Persian yeh
        "\u0649": "\u06cc",  # alef maksura -> Persian yeh
        "\u0643": "\u06a9",  # Arabic kaf -> Persian keheh
        "\u0629": "\u0647",  # teh marbuta -> heh
        "\u0624": "\u0648",  # waw with hamza -> waw
        "\u0623": "\u0627",
        "\u0625": "\u0627",
        "\u0671": "\u0627",  # alef variants -> alef
        "\u0640": None,  # tatweel
        **{chr(0x06F0 + i): str(i) for i in range(10)},
        **{chr(0x0660 + i): str(i) for i in range(10)},
    }
)
_ARABIC_MARKS_RE = regex.compile(r"[\u064B-\u065F\u0670\u06D6-\u06ED]")

ZWNJ = "\u200c"
PREFIXES = ("نمی", "می")  # the present and continuous verb prefix, negated first
SUFFIXES = ("هایمان", "هایتان", "هایشان", "هایی", "هایم", "هایت", "هایش", "های", "ها", "ترین", "تر")
MIN_STEM = 2  # letters that must remain


def normalize_persian(word: str) -> str:
    """Arabic yeh/kaf to Persian, harakat and tatweel removed, digits to ASCII."""
    folded: str = _ARABIC_MARKS_RE.sub("", word.translate(_PERSIAN_MAP))  # regex is untyped
    return folded


def segments(span: str) -> Iterator[tuple[str, int, int]]:
    """One Unicode word as (piece, start, end): split at a joined affix (module docstring), else whole."""
    norm = normalize_persian(span)
    cut = _joined_at(norm) if len(norm) == len(span) else 0  # tatweel or harakat removed: offsets would shift
    if cut:
        yield span[:cut], 0, cut
        yield span[cut:], cut, len(span)
    else:
        yield span, 0, len(span)


@functools.lru_cache(maxsize=50_000)
def _joined_at(word: str) -> int:
    """Where ``word`` (normalised) joins an affix the language writes apart; 0: nowhere."""
    for prefix in PREFIXES:
        if word.startswith(prefix):
            return len(prefix) if _written_apart(word, prefix, word[len(prefix) :]) else 0
    for suffix in SUFFIXES:
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            return len(stem) if _written_apart(word, stem, suffix) else 0
    return 0


def _written_apart(word: str, first: str, second: str) -> bool:
    from wordfreq import zipf_frequency

    stem = second if first in PREFIXES else first
    if len(stem) < MIN_STEM:
        return False
    if zipf_frequency(first + ZWNJ + second, "fa", wordlist="small") > 0:
        return True
    return zipf_frequency(word, "fa", wordlist="small") == 0 and zipf_frequency(stem, "fa", wordlist="small") > 0
