"""Spelling suggestions ("did you mean"): misspelt query words corrected from the reader's documents."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import compress

from .analysis import analyzer_for
from .lexical import LexicalIndex


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
    so are the words ``known`` calls real (``Encoder.whole_words``): a customer's "مدیر" (manager),
    which no Persian article uses, had been "corrected" to "مسیر" (route). Nor is a word whose analysed
    terms the documents hold: Indonesian "kirimnya" (its sending) is "kirim" to the index, which
    matches it as typed, and had been "corrected" to "kurirnya" (its courier).
    """
    analyzer = analyzer_for(li.lang)
    if analyzer.segments_words:
        return None, {}, set()
    words = list(analyzer.words(text))[:max_terms]
    norms = [analyzer.normalize(word) for word, _, _ in words]
    unseen = [
        n
        for n in dict.fromkeys(norms)
        if len(n) >= min_len
        and not n.isdigit()
        and not li.has_spelling(n, statuses)
        and not li.has_terms(analyzer.term_list(n), statuses)
    ]
    fixable = set(unseen) - set(compress(unseen, known(unseen))) if known and unseen else set(unseen)
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
