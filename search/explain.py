"""What staff see of one hit in "explain a search": each list's rank and score for its article."""

from __future__ import annotations

from typing import Any

from .candidates import Candidate
from .generation import Generation


def explain_hit(
    gen: Generation,
    lang: str,
    doc_id: str,
    terms: list[str],
    *,
    fusion: str,
    lex: Candidate | None,
    dense: Candidate | None,
    asked: Candidate | None,
    weights: tuple[float, float, float],
) -> dict[str, Any]:
    """The lists' evidence for the hit ``doc_id`` of a search in ``lang``. ``lex`` is its keyword
    match, in the reader's language or, for an untranslated article, in the language it is read in
    (``terms`` are that language's); BM25F is split by field."""
    lex_weight, dense_weight, asked_weight = weights
    out: dict[str, Any] = {
        "doc": doc_id,
        "fusion": fusion,
        "weights": {"lexical": lex_weight, "dense": round(dense_weight, 3), "asked": round(asked_weight, 3)},
    }
    if lex is not None:
        out["lexical"] = {
            "rank": lex.rank,
            "bm25f": round(lex.score, 4),
            "fields": gen.lexical(lex.lang or lang).field_scores(lex.doc_id, terms),
            "lang": lex.lang or lang,
        }
    for name, cand in (("dense", dense), ("asked", asked)):
        if cand is not None:
            out[name] = {"rank": cand.rank, "cosine": round(cand.score, 4)}
    return out
