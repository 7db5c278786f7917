"""Answers for other channels (chat bots, WhatsApp and email auto-replies, agents writing a reply):
a customer's message in; its language, its topic and the best articles with a quoted passage out.

No Flask here: the API view (kb/web/api.py) only checks the token and turns a :class:`Reply` into
JSON, and the evaluation (``python -m kb.evaluation.eval answers``) calls :func:`answer` directly.
Nothing the customer wrote is stored.
"""

from __future__ import annotations

import functools
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any, Literal

from kb.content.articles import ArticleNotFound
from kb.core import HelpCenter
from kb.mining import triage
from kb.mining.langdetect import LanguageDetector
from kb.mining.wording import clean_wording
from search import Hit
from search.analysis import analyzer_for
from search.answer import quote, split_sentences

CHANNELS = ("web", "chat", "whatsapp", "email", "other")
MAX_TEXT_CHARS = 2000  # longer than any chat message or the question part of an email
MAX_ANSWERS = 3
OPENING_SENTENCES = 2  # what a passage shows when no sentence of the section holds the question's words
# How far the first answer's fused score must lead the second's for "high": on the demo's 179 natural
# queries the first answer is right for 0.81 of those leading by 0.2 or more (a third of them) and
# 0.35 of the rest; neither the best cosine nor the quick answer's coverage told them apart as well
# (python -m kb.evaluation.eval answer-api; chosen on those same queries).
HIGH_MARGIN = 0.2

Confidence = Literal["high", "medium", "low"]


class InvalidInquiry(ValueError):
    """What is wrong with a request body, in words a client's developer can act on."""


@dataclass(frozen=True)
class Inquiry:
    text: str
    lang: str | None = None  # None: detected among the site's languages
    channel: str = "other"


@dataclass(frozen=True)
class Passage:
    """One answer: an article's best section for the message, and the sentences of it to quote."""

    article: str
    lang: str  # the language the article is read in (the customer's where it exists)
    title: str
    section: str
    anchor: str
    quote: str  # 1-3 sentences of the section, verbatim
    coverage: float  # share of the message's (rarity-weighted) words the quote holds; 0: the section's opening
    score: float  # search's fused score, 0..1, relative to the other answers of this reply
    confidence: Confidence
    fallback: bool  # not available in the customer's language


@dataclass(frozen=True)
class Reply:
    lang: str
    lang_detected: bool
    topic: str
    channel: str
    answers: list[Passage] = field(default_factory=list)
    nothing_relevant: bool = False  # search found articles, but none cleared the relevance floor


def parse_inquiry(payload: Any, languages: Collection[str]) -> Inquiry:
    """A request body checked field by field.

    :raise InvalidInquiry: naming the first field that is wrong.
    """
    if not isinstance(payload, dict):
        raise InvalidInquiry('the body must be a JSON object: {"text": ..., "lang": ..., "channel": ...}')
    unknown = sorted(set(payload) - {"text", "lang", "channel"})
    if unknown:
        raise InvalidInquiry(f"unknown field {', '.join(map(repr, unknown))}; expected text, lang, channel")
    text = payload.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InvalidInquiry("text is required: the customer's message as a non-empty string")
    if len(text) > MAX_TEXT_CHARS:
        raise InvalidInquiry(f"text is {len(text)} characters; at most {MAX_TEXT_CHARS}")
    lang = payload.get("lang")
    if lang is not None and (not isinstance(lang, str) or lang not in languages):
        raise InvalidInquiry(f"lang must be one of {', '.join(sorted(languages))}, or left out to detect it")
    channel = payload.get("channel", "other")
    if channel not in CHANNELS:
        raise InvalidInquiry(f"channel must be one of {', '.join(CHANNELS)}")
    return Inquiry(text.strip(), lang, channel)


@functools.lru_cache(maxsize=8)
def _detector(langs: tuple[str, ...], default: str) -> LanguageDetector:
    return LanguageDetector(list(langs), default)


def detect_language(hc: HelpCenter, text: str) -> str:
    """The site language ``text`` is written in (the default language when unsure)."""
    return _detector(tuple(hc.articles.languages()), hc.settings.default_language).detect(text)


def answer(hc: HelpCenter, inquiry: Inquiry, limit: int = MAX_ANSWERS) -> Reply:
    """Language, topic and the best ``limit`` answers for a customer's message.

    :raise IndexUnavailable: like :meth:`HelpCenter.search`.
    """
    lang = inquiry.lang or detect_language(hc, inquiry.text)
    # Greetings, names and order numbers would only dilute the search (it reads the first 256 characters).
    query = clean_wording(inquiry.text, lang).text.strip() or inquiry.text
    result = hc.search(query, lang, limit=limit)
    hits = result.hits[:limit]
    scores = [h.score for h in hits] + [0.0]
    passages = []
    for rank, hit in enumerate(hits):
        level: Confidence = "low" if rank else "high" if scores[0] - scores[1] >= HIGH_MARGIN else "medium"
        passages.append(_passage(hc, result.query, hit, level, hc.service.config.answer_max_chars))
    return Reply(
        lang=lang,
        lang_detected=inquiry.lang is None,
        topic=triage.topic_of(inquiry.text, hc.mining_encoder),
        channel=inquiry.channel,
        answers=passages,
        nothing_relevant=bool(result.below_floor) and not result.hits,
    )


def _passage(hc: HelpCenter, query: str, hit: Hit, level: Confidence, max_chars: int) -> Passage:
    """The hit with its quote: the sentences of its section that best answer ``query``, else its opening."""
    text = _section_text(hc, hit)
    found = quote(query, text, analyzer_for(hit.lang), max_sentences=3, max_chars=max_chars)
    if found is not None:
        excerpt, coverage = found.text, found.score
    else:  # a section in another language than the message, or matched by meaning alone
        spans = split_sentences(text, hit.lang, max_chars=max_chars)[:OPENING_SENTENCES]
        excerpt, coverage = (text[spans[0][0] : spans[-1][1]] if spans else hit.summary), 0.0
    return Passage(
        article=hit.article,
        lang=hit.lang,
        title=hit.title,
        section=hit.section,
        anchor=hit.anchor,
        quote=excerpt,
        coverage=coverage,
        score=round(hit.score, 4),
        confidence=level,
        fallback=hit.fallback,
    )


def _section_text(hc: HelpCenter, hit: Hit) -> str:
    """The plain text search indexed for the hit's section (the whole article when it has no anchor)."""
    try:
        rendered = hc.articles.get(hit.lang, hit.article).rendered
    except ArticleNotFound:  # deleted since the index was built
        return hit.summary
    if hit.anchor:
        for section in rendered.sections:
            if section.anchor == hit.anchor:
                return section.text
    return rendered.text
