"""Spelling suggestions ("did you mean"): misspelt query words corrected from the reader's documents."""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable, Sequence

from .analysis import analyzer_for
from .lexical import LexicalIndex

# wordfreq's Zipf scale (log10 of occurrences per billion words): 3 is once per million words.
# Misspellings such as "refnd", "pengirman", "recieved" score 0 in its small lists; the real words
# customers type that no article uses, Latvian "pusgada" (half a year) or Indonesian "udah"
# (already), score 4-5 (README, "How a query flows").
COMMON_ZIPF = 3.0


def did_you_mean(
    li: LexicalIndex,
    text: str,
    statuses: tuple[str, ...],
    *,
    max_terms: int,
    min_len: int,
    factor: float,
    known: Callable[[Sequence[str]], Sequence[bool]] | None = None,
) -> tuple[str | None, dict[str, float], set[str]]:
    """A "did you mean" string, the corrected terms to add (at weight ``factor``), and the terms they replace.

    Words come from the documents the reader may see (``statuses``), the most frequent first; words
    shorter than ``min_len``, numbers and languages without spaces between words are left alone, and
    so are real words: common in the language (:func:`common_words`) or called real by ``known``
    (``Encoder.whole_words``): a customer's "مدیر" (manager), which no Persian article uses, had been
    "corrected" to "مسیر" (route), Latvian "pusgada" (half a year) to "piegāda" (delivery). Nor is a word whose analysed
    terms the documents hold: Indonesian "kirimnya" (its sending) is "kirim" to the index, which
    matches it as typed, and had been "corrected" to "kurirnya" (its courier).
    """
    analyzer = analyzer_for(li.lang)
    if analyzer.segments_words:
        return None, {}, set()
    words = list(analyzer.words(text))[:max_terms]
    norms = [analyzer.normalize(word) for word, _, _ in words]
    typed: dict[str, str] = {}  # normalised -> lower case as the models read it (diacritics kept or restored)
    for (word, _, _), norm in zip(words, norms, strict=True):
        typed.setdefault(norm, analyzer.encoder_text(unicodedata.normalize("NFKC", word).casefold()))
    unseen = [
        n
        for n in typed
        if len(n) >= min_len
        and not n.isdigit()
        and not li.has_spelling(n, statuses)
        and not li.has_terms(analyzer.term_list(n), statuses)
    ]
    as_typed = [typed[n] for n in unseen]
    real = common_words(li.lang, as_typed)
    if known and unseen:
        real = [a or b for a, b in zip(real, known(as_typed), strict=True)]
    fixable = {n for n, is_real in zip(unseen, real, strict=True) if not is_real}
    pieces: list[str] = []
    extra: dict[str, float] = {}
    replaced: set[str] = set()
    changed = False
    last = 0
    for (word, start, end), norm in zip(words, norms, strict=True):
        fix = None
        if norm in fixable:
            fix = li.spelling(norm, maxdist=1 if len(norm) < 7 else 2, statuses=statuses)
        pieces.append(text[last:start])
        pieces.append(fix or word)
        last = end
        if fix:
            changed = True
            replaced.update(analyzer.term_list(word))
            for term in analyzer.term_list(fix):
                extra[term] = factor
    pieces.append(text[last:])
    return ("".join(pieces) if changed else None), extra, replaced


def common_words(lang: str, words: Sequence[str]) -> list[bool]:
    """Per word, whether it is common in ``lang`` (wordfreq's small list, ``COMMON_ZIPF``): a real
    word, whatever the articles hold. All False in a language wordfreq does not list."""
    listed = _wordfreq_lang(lang)
    if listed is None:
        return [False] * len(words)
    from wordfreq import zipf_frequency

    return [zipf_frequency(w, listed, wordlist="small") >= COMMON_ZIPF for w in words]


@functools.cache
def _wordfreq_lang(lang: str) -> str | None:
    from wordfreq import available_languages

    primary = analyzer_for(lang).primary
    listed = available_languages("small")
    if primary in listed:
        return primary
    return "sh" if primary in ("hr", "bs", "sr") and "sh" in listed else None  # Serbo-Croatian as one
