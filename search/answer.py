"""A direct answer: the one to three contiguous sentences of a section that answer a question.

:func:`quote` splits the section into sentences (punctuation in most scripts; spaces in Thai, which
has no sentence punctuation), scores every window of 1-3 contiguous sentences by the query terms it
covers, each weighted by how rare it is *within this text* (a word found in every sentence tells
none of them apart), and returns the best window verbatim with its offsets, so the caller can link
to the section and highlight the quote. No corpus statistics are needed: it runs on one section.

Cost is bounded whatever the input: at most ``MAX_SCAN`` characters and ``MAX_UNITS`` sentences are
looked at, and every pattern is linear in the text. About 0.3 ms per call on an XQuAD paragraph
(``python -m kb.evaluation.eval answer`` reports it).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Protocol

import numpy as np
import numpy.typing as npt
import regex

from .analysis import Analyzer

MAX_SCAN = 20_000  # characters of a section looked at; an answer past that is not worth the time
MAX_UNITS = 1_000  # sentences considered; hostile input (10,000 "a." sentences) stops here
MAX_ENCODED = 12  # sentences given to an encoder: the lexically best ones, to keep queries fast

# Each extra sentence in a window must add more than this share of the query's weight.
EXTRA_SENTENCE_COST = 0.02
# A quote must say something the question did not: at least this many of its words (stop words left
# out) beyond the question's own ("See Pay in instalments." restates "pay in instalments?").
MIN_NEW_TERMS = 2
# Questions that ask for a quantity or a date prefer a window holding a digit (+0.2-0.7 points on
# XQuAD; the answer to "how many" is a number).
DIGIT_BONUS = 0.1
# Weight of sentence-embedding similarity (min-max normalised within the text) when an encoder is
# given. Measured on XQuAD: e5-small +0.025 on Thai, MiniLM -0.005 on English, at 200-1,000 ms a
# call on 2 busy cores; so the caller should leave the encoder out unless it has time to spare.
SIMILARITY_WEIGHT = 0.5

# Thai sentences end at a space, but so do many phrases: pieces shorter than this are merged, and a
# quote whose matches sit at its edge takes in the neighbouring piece (the answer is often the
# phrase just before or after the question's words). Tuned on XQuAD th questions 1-600.
THAI_MIN_CHARS = 80
THAI_EDGE_CHARS = 15
_SPACE_SPLIT = ("th", "lo")

_ENDERS = ".!?…؟۔।॥។။።"
# A run of sentence punctuation followed by a space or the end (closing quotes and brackets belong
# to the sentence), or CJK full-width punctuation, which needs no space. The look-behind lets only
# the first character of a run start a match, and possessive quantifiers never backtrack, so a
# megabyte of dots costs linear time.
_END_RE = regex.compile(rf"(?<![{_ENDERS}])[{_ENDERS}]++[\"'»”’)\]]*+(?=\s|$)|(?<![。！？])[。！？]++[\"'»”’)\]」』]*+")
_SPACE_RE = regex.compile(r"\s+")
_CLAUSE_RE = regex.compile(r"[,;:،؛、，；]\s|\s[–—-]\s")
_THAI_CHAR_RE = regex.compile(r"[\p{Thai}\p{Lao}]")
_DIGIT_RE = regex.compile(r"\p{N}")

# Words that end in a period without ending a sentence (lower case, final period dropped). One list
# for every language: a false match only costs a missed split.
ABBREVIATIONS = frozenset(
    # English
    "mr mrs ms dr prof sr jr st mt vs fig figs approx dept est inc ltd co corp no nos vol pp ca "  # noqa: SIM905 - a word list reads best as one string
    "jan feb mar apr jun jul aug sep sept oct nov dec gen col lt sgt capt rev gov sen rep "
    # Latvian: piemēram, un tā tālāk, gadā, gadsimtā, numurs, apmēram, skatīt, tūkstoši, lappuse
    "piem utt g gs nr apm sk tūkst milj mljrd lpp "
    # Indonesian: dan lain-lain, dan sebagainya, dan seterusnya, yang terhormat, halaman, jalan
    "dll dsb dst yth hlm tsb jl bpk sdr "
    # German, French, Spanish, Russian
    "bzw evtl ggf usw mme mlle sra dra стр др".split()
)

# Question words asking for a quantity, a date or a time, on normalised surface words (stop words
# included). In Thai, a word-segmenting script, they are matched as substrings of the query.
QUANTITY_CUES = {
    "en": (
        "how many",
        "how much",
        "how long",
        "how old",
        "how far",
        "how often",
        "what year",
        "which year",
        "what percentage",
        "what percent",
        "when",
        "what date",
        "what time",
    ),
    "th": ("กี่", "เท่าไร", "เท่าไหร่", "ปีใด", "ปีไหน", "ปีอะไร", "เมื่อไร", "เมื่อไหร่", "เมื่อใด"),
    "fa": ("چند", "چقدر", "چه سالی", "کی", "چه زمانی", "چه مدت"),
    "id": ("berapa", "kapan"),
    "lv": ("cik", "kad", "kurā gadā"),
}


class SentenceEncoder(Protocol):
    """What :func:`quote` needs of an encoder (``search.Encoder`` fits)."""

    def encode_query(self, text: str) -> npt.NDArray[np.float32]: ...

    def encode(self, texts: Sequence[str]) -> npt.NDArray[np.float32]: ...


@dataclass(frozen=True)
class Quote:
    """Contiguous sentences of a text, verbatim: ``text == source[start:end]``."""

    text: str
    start: int
    end: int
    score: float  # 0..1: share of the query's terms (weighted by rarity in the text) the quote holds


def quote(
    query: str,
    text: str,
    analyzer: Analyzer,
    *,
    max_sentences: int = 3,
    max_chars: int = 400,
    encoder: SentenceEncoder | None = None,
) -> Quote | None:
    """The 1..max_sentences contiguous sentences of ``text`` that best answer ``query``; None if none."""
    if not query or not query.strip() or not text:
        return None
    q_terms = set(analyzer.term_list(query[:1000]))
    if not q_terms:
        return None
    scan = text[:MAX_SCAN]
    spans = split_sentences(scan, analyzer.primary, max_chars=max_chars)
    if not spans:
        return None
    n = len(spans)
    found: list[set[str]] = [set() for _ in spans]
    new: list[set[str] | None] = [None] * n  # the words beyond the question's; None: not read (Thai, CJK)
    first_hit, last_hit = [-1] * n, [-1] * n
    for k, (s, e) in enumerate(spans):
        sentence = scan[s:e]
        # Word segmentation (Thai, CJK) is the slow part, and a segmenting language's terms are
        # unstemmed normalised words: a sentence that lacks every term as a substring is skipped.
        if analyzer.segments_words:
            folded = analyzer.normalize(sentence)
            if not any(t in folded for t in q_terms):
                continue
        new[k] = other = set()
        for term, ts, te in analyzer.terms(sentence):
            if term in q_terms:
                found[k].add(term)
                first_hit[k] = s + ts if first_hit[k] < 0 else first_hit[k]
                last_hit[k] = s + te
            else:
                other.add(term)
    df: dict[str, int] = {}
    for terms in found:
        for t in terms:
            df[t] = df.get(t, 0) + 1
    if not df:
        return None
    # A query term the text lacks weighs as much as the rarest one, so that a text answering half
    # of the question scores about one half.
    weight = {t: math.log(1.0 + n / df.get(t, 1)) for t in q_terms}
    total = sum(weight.values())
    digits = [bool(_DIGIT_RE.search(scan, s, e)) for s, e in spans] if _asks_quantity(query, analyzer) else None
    sims = None
    if encoder is not None:
        sims = _similarities(query, scan, spans, [sum(weight[t] for t in f) for f in found], encoder)

    span_max = max(1, max_sentences)
    best: tuple[float, int, int, int, float] | None = None  # (rank, -chars, first, last, coverage)
    for i in range(n):
        covered: set[str] = set()
        added: set[str] = set()
        unread = False  # a sentence holding no query term, so not segmented: words of its own
        has_digit = False
        sim = 0.0
        for j in range(i, min(n, i + span_max)):
            if j > i and spans[j][1] - spans[i][0] > max_chars:
                break
            covered |= found[j]
            more = new[j]
            if more is None:
                unread = True
            else:
                added |= more
            has_digit = has_digit or (digits is not None and digits[j])
            sim = max(sim, sims[j]) if sims is not None else 0.0
            if not covered or (len(added) < MIN_NEW_TERMS and not unread):
                continue
            coverage = sum(weight[t] for t in covered) / total
            rank = coverage - EXTRA_SENTENCE_COST * (j - i) + DIGIT_BONUS * has_digit + SIMILARITY_WEIGHT * sim
            cand = (rank, spans[i][0] - spans[j][1], i, j, coverage)
            if best is None or cand[:2] > best[:2]:
                best = cand
    if best is None:
        return None
    _, _, i, j, coverage = best
    if analyzer.primary in _SPACE_SPLIT and j - i + 1 < span_max:
        i, j = _pad(spans, first_hit, last_hit, i, j, max_chars=max_chars)
    start, end = spans[i][0], spans[j][1]
    return Quote(text=text[start:end], start=start, end=end, score=round(min(1.0, max(0.0, coverage)), 4))


def _pad(
    spans: list[tuple[int, int]], first_hit: list[int], last_hit: list[int], i: int, j: int, *, max_chars: int
) -> tuple[int, int]:
    """Take in the neighbouring piece on the side where the matches touch the quote's edge."""
    head = min(first_hit[k] for k in range(i, j + 1) if first_hit[k] >= 0) - spans[i][0]
    tail = spans[j][1] - max(last_hit[k] for k in range(i, j + 1))
    if head <= THAI_EDGE_CHARS and head <= tail and i > 0 and spans[j][1] - spans[i - 1][0] <= max_chars:
        return i - 1, j
    if tail <= THAI_EDGE_CHARS and j + 1 < len(spans) and spans[j + 1][1] - spans[i][0] <= max_chars:
        return i, j + 1
    return i, j


def _asks_quantity(query: str, analyzer: Analyzer) -> bool:
    """Does the question ask for a number, a date or a time (so the answer holds a digit)?"""
    cues = QUANTITY_CUES.get(analyzer.primary)
    if not cues:
        return False
    if analyzer.segments_words:
        folded = analyzer.normalize(query[:1000])
        return any(c in folded for c in cues)
    words = " " + " ".join(analyzer.normalize(w) for w, _, _ in analyzer.words(query[:1000])) + " "
    return any(f" {c} " in words for c in cues)


def _similarities(
    query: str, scan: str, spans: list[tuple[int, int]], lexical: list[float], encoder: SentenceEncoder
) -> list[float]:
    """Query-sentence cosine, min-max normalised; only the lexically best sentences are encoded."""
    order = sorted(sorted(range(len(spans)), key=lambda k: -lexical[k])[:MAX_ENCODED])
    sims = [0.0] * len(spans)
    if len(order) < 2:
        return sims
    q = np.asarray(encoder.encode_query(query), dtype=np.float32)
    rows = np.asarray(encoder.encode([scan[spans[k][0] : spans[k][1]] for k in order]), dtype=np.float32)
    vals = rows @ q
    # Cosine scales differ by model (e5 puts unrelated texts near 0.8): only the order within this
    # text is comparable, so rescale to 0..1.
    lo, hi = float(vals.min()), float(vals.max())
    if hi > lo:
        for k, v in zip(order, (vals - lo) / (hi - lo), strict=True):
            sims[k] = float(v)
    return sims


def split_sentences(text: str, lang: str = "en", *, max_chars: int = 400) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of ``text``, without surrounding whitespace.

    Line breaks and sentence punctuation end sentences (not after abbreviations, initials, or before
    a lower-case word); in Thai and Lao, spaces between words of the script do too, short pieces
    merged. A sentence longer than ``max_chars`` is cut at clause punctuation, else at a space.
    At most ``MAX_UNITS`` spans are returned.
    """
    primary = lang.split("-", maxsplit=1)[0].split("_", maxsplit=1)[0].lower()
    spans: list[tuple[int, int]] = []
    for start, end in _lines(text):
        for s, e in _punctuated(text, start, end):
            if primary in _SPACE_SPLIT:
                spans.extend(_thai_pieces(text, s, e))
            else:
                spans.append((s, e))
        if len(spans) >= MAX_UNITS:
            break
    out: list[tuple[int, int]] = []
    for s, e in spans[:MAX_UNITS]:
        out.extend(_fit(text, s, e, max(max_chars, 20)) if e - s > max_chars else [(s, e)])
        if len(out) >= MAX_UNITS:
            break
    return out[:MAX_UNITS]


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _lines(text: str) -> list[tuple[int, int]]:
    """Non-blank lines: a line break always ends a sentence (list items, headings, table cells)."""
    out: list[tuple[int, int]] = []
    pos = 0
    while pos < len(text) and len(out) < MAX_UNITS:
        nl = text.find("\n", pos)
        stop = len(text) if nl < 0 else nl
        s, e = _strip(text, pos, stop)
        if e > s:
            out.append((s, e))
        pos = stop + 1
    return out


def _punctuated(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """One line split at sentence punctuation."""
    out: list[tuple[int, int]] = []
    pos = start
    for m in _END_RE.finditer(text, start, end):
        if _continues(text, m.start(), m.end(), end):
            continue
        s, e = _strip(text, pos, m.end())
        if e > s:
            out.append((s, e))
        pos = m.end()
        if len(out) >= MAX_UNITS:
            return out
    s, e = _strip(text, pos, end)
    if e > s:
        out.append((s, e))
    return out


def _continues(text: str, mark: int, stop: int, end: int) -> bool:
    """True when the punctuation at ``mark`` does not end the sentence."""
    nxt = stop
    while nxt < end and text[nxt].isspace():
        nxt += 1
    if nxt >= end:
        return False
    # Lower case after the stop: "e.g. the", "approx. five", "2010. gadā" (caseless scripts split).
    if text[nxt].islower():
        return True
    if text[mark] != ".":
        return False
    begin = mark
    while begin > max(0, mark - 40) and (text[begin - 1].isalnum() or text[begin - 1] == "."):
        begin -= 1
    word = text[begin:mark].rstrip(".").casefold()
    if not word:
        return False
    if "." in word:  # dotted abbreviations: "e.g.", "U.S.", "t.i."
        return True
    if len(word) == 1 and word.isalpha():  # an initial: "J. R. R. Tolkien"
        return True
    return word in ABBREVIATIONS


def _thai_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Thai: a space between two Thai letters may end a sentence; short pieces join the next one.

    Spaces next to digits or Latin words ("คะแนน 308 ได้") are orthography, not boundaries.
    """
    cuts = [start]
    for m in _SPACE_RE.finditer(text, start, end):
        if m.end() < end and _THAI_CHAR_RE.match(text[m.start() - 1]) and _THAI_CHAR_RE.match(text[m.end()]):
            cuts.append(m.start())
    cuts.append(end)
    out: list[tuple[int, int]] = []
    for a, b in pairwise(cuts):
        s, e = _strip(text, a, b)
        if e <= s:
            continue
        if out and out[-1][1] - out[-1][0] < THAI_MIN_CHARS:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    if len(out) > 1 and out[-1][1] - out[-1][0] < THAI_MIN_CHARS:  # a short tail joins the piece before
        tail = out.pop()
        out[-1] = (out[-1][0], tail[1])
    return out


def _fit(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """An over-long sentence in pieces of at most ``max_chars``: cut at clauses, else at spaces."""
    out: list[tuple[int, int]] = []
    pos = start
    while end - pos > max_chars and len(out) < MAX_UNITS:
        limit = pos + max_chars
        cut = -1
        for m in _CLAUSE_RE.finditer(text, pos + max_chars // 4, limit):
            cut = m.start() + 1
        if cut < 0:
            space = text.rfind(" ", pos + max_chars // 4, limit)
            cut = space if space > pos else limit
        s, e = _strip(text, pos, cut)
        if e > s:
            out.append((s, e))
        pos = cut
    s, e = _strip(text, pos, end)
    if e > s:
        out.append((s, e))
    return out
