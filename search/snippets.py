"""Query-dependent snippets as (text, highlighted) fragments; the caller escapes and marks them up."""

from __future__ import annotations

import unicodedata

from .analysis import Analyzer

MAX_SCAN = 20_000  # characters searched for matches; long bodies are cut, not scanned whole


def snippet(text: str, analyzer: Analyzer, terms: set[str], width: int = 220) -> list[tuple[str, bool]]:
    """The window of ``text`` with the most query terms, matches flagged for highlighting."""
    if not text:
        return []
    full_length = len(text)
    text = text[:MAX_SCAN]
    matches = [(s, e) for t, s, e in analyzer.terms(text, stop=False) if t in terms] if terms else []
    if not matches:
        cut = _cut(text, 0, width, analyzer)
        return [(cut, False)]
    # Slide a window over match starts and keep the one covering the most matches.
    best_i, best_n, j = 0, 0, 0
    for i, (start, _) in enumerate(matches):
        while j < len(matches) and matches[j][1] - start <= width:
            j += 1
        if j - i > best_n:
            best_i, best_n = i, j - i
    first = matches[best_i][0]
    begin = max(0, first - width // 4)
    # Start at a word boundary so the snippet does not open mid-word.
    if begin > 0:
        space = text.rfind(" ", 0, begin)
        begin = space + 1 if space >= 0 and begin - space < 20 else begin
    begin = _cluster_start(text, begin)
    end = _word_end(text, begin, _cluster_start(text, min(len(text), begin + width)), analyzer)
    out: list[tuple[str, bool]] = []
    pos = begin
    for start, e in matches:
        if start < begin or e > end or e <= pos:
            continue
        s = max(start, pos)  # overlapping matches (CJK bigrams): only the part not shown yet
        if s > pos:
            out.append((text[pos:s], False))
        if out and out[-1][1] and s == pos:
            out[-1] = (out[-1][0] + text[s:e], True)  # one highlight for adjacent matches
        else:
            out.append((text[s:e], True))
        pos = e
    tail = text[pos:end]
    if tail:
        out.append((tail, False))
    if begin > 0:
        out.insert(0, ("… ", False))
    if end < full_length:
        out.append((" …", False))
    return out


def _cut(text: str, begin: int, width: int, analyzer: Analyzer | None = None) -> str:
    if len(text) <= begin + width:
        return text[begin:]
    return text[begin : _word_end(text, begin, _cluster_start(text, begin + width), analyzer)].rstrip() + " …"


def _word_end(text: str, begin: int, end: int, analyzer: Analyzer | None = None) -> int:
    """``end`` moved back to the start of the word it would cut, so a snippet does not stop mid-word
    ("deliv …"): to the space before it when one lies within a word's length, else (Thai, written
    without spaces) to where ``analyzer`` segments the word."""
    if end >= len(text) or text[end].isspace() or text[end - 1].isspace():
        return end
    space = text.rfind(" ", begin + 1, end)
    if space > begin and end - space < 20:
        return space
    if analyzer is not None:
        lo = max(begin, end - 40)
        for _, start, stop in analyzer.words(text[lo : end + 40]):
            if lo + start < end < lo + stop:
                return lo + start if lo + start > begin else end
    return end


def _cluster_start(text: str, i: int) -> int:
    """``i`` moved back to the start of the character it falls in: a cut never separates a Thai tone
    mark or vowel sign (combining marks) from its consonant, or a joiner from what it joins."""
    while 0 < i < len(text) and (unicodedata.category(text[i]).startswith("M") or text[i - 1] == "\u200d"):
        i -= 1
    return i
