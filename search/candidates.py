"""Candidates: one ranked list's best document per article, before fusion."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from .documents import article_of, is_section, parse_doc_id

if TYPE_CHECKING:
    from .lexical import LexicalMatch


@dataclass
class Candidate:
    doc_id: str
    article: str
    rank: int
    score: float  # what ranks it
    evidence: float  # what the relevance floor weighs (the score, except for centred cross-language cosines)
    fields: dict[str, Any] | None = None  # Whoosh's stored fields
    lang: str = ""  # the language the hit is read in


def collapse(ranked: Iterable[tuple[str, float, Mapping[str, Any] | None]]) -> dict[str, Candidate]:
    """Best document per article, ranks counted over articles (insertion order = rank order)."""
    out: dict[str, Candidate] = {}
    for doc_id, score, fields in ranked:
        article = article_of(doc_id)
        if article not in out:
            out[article] = Candidate(
                doc_id, article, len(out) + 1, score, score, dict(fields) if fields else None, parse_doc_id(doc_id)[0]
            )
    return out


def from_matches(matches: Iterable[LexicalMatch]) -> dict[str, Candidate]:
    """:func:`collapse` of a keyword search's matches (with their stored fields)."""
    return collapse((m.id, m.score, m.fields) for m in matches)


def section_of(c: Candidate | None) -> Candidate | None:
    """``c`` when it is a section (not a whole article), else None."""
    return c if c is not None and is_section(c.doc_id) else None


class Elsewhere(NamedTuple):
    """The reader's words looked up in the keyword index of the site's fallback language, for the
    articles only other languages hold (:meth:`search.service.SearchService._elsewhere`)."""

    terms: list[str]
    found: dict[str, Candidate]


NOWHERE = Elsewhere([], {})  # read by explain, never changed
