"""The plain values search/ takes in and gives back: nothing here knows Flask, Markdown or Whoosh."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any

# BM25F fields, in the order they are explained to staff.
TEXT_FIELDS = ("title", "questions", "headings", "body", "tags")


def make_doc_id(lang: str, article: str, anchor: str = "") -> str:
    """The one format of a document id: ``lang/slug`` for a whole article, ``lang/slug#anchor`` for a section."""
    return f"{lang}/{article}#{anchor}" if anchor else f"{lang}/{article}"


def parse_doc_id(doc_id: str) -> tuple[str, str, str]:
    """``lang/slug#anchor`` -> ``(lang, slug, anchor)``; the anchor is "" for a whole article."""
    lang, _, rest = doc_id.partition("/")
    article, _, anchor = rest.partition("#")
    return lang, article, anchor


def article_of(doc_id: str) -> str:
    """``lang/slug#anchor`` -> ``slug``."""
    return parse_doc_id(doc_id)[1]


def is_section(doc_id: str) -> bool:
    return bool(parse_doc_id(doc_id)[2])


@dataclass(frozen=True)
class Document:
    """One searchable unit: an article as a whole (``anchor == ""``) or one of its sections."""

    lang: str
    article: str  # the slug: hits are collapsed per article
    title: str  # the article's title
    body: str  # plain text of the article or section
    anchor: str = ""
    section: str = ""  # the section heading, "" for the whole article
    questions: tuple[str, ...] = ()
    headings: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    category: str = ""
    status: str = "published"
    summary: str = ""
    updated: str = ""

    @property
    def id(self) -> str:
        return make_doc_id(self.lang, self.article, self.anchor)

    def content_hash(self) -> str:
        """Changes whenever anything indexed about the document changes."""
        payload = json.dumps(asdict(self), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(payload.encode()).hexdigest()[:20]

    def asked(self) -> tuple[str, ...]:
        """What a customer asks that a whole article answers: its title and front-matter questions
        (a section: nothing). They are matched question to question (search/dense.py)."""
        if self.anchor:
            return ()
        return tuple(dict.fromkeys(t for t in (q.strip() for q in (self.title, *self.questions)) if t))

    def dense_text(self) -> str:
        """What the embedding model reads: the most informative text first (models truncate)."""
        head = " — ".join(p for p in (self.title, self.section) if p)
        parts = [head, self.summary if not self.anchor else "", " ".join(self.questions), self.body]
        return "\n".join(p for p in parts if p)


def question_hash(text: str) -> str:
    """Identifies one asked question's vector (reused while the text is unchanged)."""
    return hashlib.sha256(("question\n" + text).encode()).hexdigest()[:20]


@dataclass
class Hit:
    """One article in a result list, pointing at its best-matching section."""

    lang: str
    article: str
    title: str
    anchor: str
    section: str
    category: str
    summary: str
    score: float
    fallback: bool = False  # True when the hit is in another language than requested
    outdated: bool = False  # set by the caller: this translation has not followed its source's changes
    snippet: list[tuple[str, bool]] = field(default_factory=list)  # (text, highlighted)
    explain: dict[str, Any] | None = None  # staff "explain" view: JSON-like, see SearchService._explain


@dataclass(frozen=True)
class Answer:
    """The sentences of the best section that answer the question, verbatim, and where they are."""

    lang: str
    article: str
    title: str
    anchor: str
    section: str
    text: str
    score: float  # share of the question's terms the quote holds (0..1)


@dataclass
class SearchResult:
    """Hits plus what the page needs to say about them."""

    query: str
    lang: str
    hits: list[Hit]
    suggestion: str | None = None  # "did you mean"
    corrected: bool = False  # True when hits are for the suggestion because the query found nothing
    fallback_used: bool = False
    truncated: bool = False  # the query was cut to the length or term cap
    dense_used: bool = False
    confidence: dict[str, float] = field(default_factory=dict)  # what the relevance floor was compared with
    below_floor: list[Hit] = field(default_factory=list)  # hits held back as not relevant (the closest pages)
    evidence: float | None = None  # hybrid relevance evidence (Calibration.evidence); None where lexical alone
    # What each witness added (Calibration.evidence_parts), and the language whose readers' evidence it
    # is where not the reader's (a query typed in the fallback language's script: SearchService.search).
    evidence_parts: dict[str, float] = field(default_factory=dict)
    evidence_lang: str | None = None
    floor: float | None = None  # what ``evidence`` was weighed against (Calibration.floor)
    answer: Answer | None = None  # a direct answer, when search is confident
