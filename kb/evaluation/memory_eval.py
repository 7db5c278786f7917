"""``python -m kb.evaluation.memory_eval``: where the translation memory's near-match threshold lies,
and how much of the demo's missing translations the memory fills.

    python -m kb.evaluation.memory_eval [--articles articles] [--json]

Threshold: the demo's source paragraphs (default language, distinct after normalisation) are
encoded as e5 queries, as :mod:`kb.translation.memory` does. *Unrelated*: each paragraph against its
nearest paragraph of another article (the hardest pair a real paragraph meets). *Near duplicates*:
each paragraph of at least six words against small edits of itself, the edits a source gets between
two versions: a number changed, one word replaced, one word deleted, a sentence added, the last
sentence dropped. Reported: both distributions, and for a grid of thresholds the share of edits kept
and of unrelated pairs let through.

Demo: for every (language, article) with no translation, the source paragraphs the memory pre-fills
exactly (count and share), and the near matches it offers at :data:`NEAR_THRESHOLD`.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
from typing import TYPE_CHECKING, Any

import numpy as np

from kb.content.articles import ArticleNotFound, ArticleStore
from kb.translation import memory, status

if TYPE_CHECKING:
    from search import Encoder

_NUM_RE = re.compile(r"\d+")
_WORD_RE = re.compile(r"[A-Za-z]{4,}")
_SENT_RE = re.compile(r"(?<=[.!?])\s+")
GRID_DEMO = (0.93, 0.95, 0.96, 0.97, 0.98)
ADDED = "Keep your order number ready when you contact us."


def edits(text: str) -> list[str]:
    """Small, realistic edits of a paragraph (the kinds a source gets between two versions)."""
    out = []
    m = _NUM_RE.search(text)
    if m:
        out.append(text[: m.start()] + str(int(m.group()) + 7) + text[m.end() :])
    words = list(_WORD_RE.finditer(text))
    if words:
        w = max(words, key=lambda m: len(m.group()))
        out.append(text[: w.start()] + "something" + text[w.end() :])
        w = words[len(words) // 2]
        out.append(text[: w.start()] + text[w.end() :].lstrip())
    out.append(text.rstrip() + " " + ADDED)
    sentences = _SENT_RE.split(text.strip())
    if len(sentences) > 1:
        out.append(" ".join(sentences[:-1]))
    return [e for e in out if memory.normalise(e) != memory.normalise(text)]


def source_paragraphs(store: ArticleStore) -> list[tuple[str, str]]:
    """(slug, paragraph) of every published source article, distinct after normalisation."""
    seen: set[str] = set()
    out = []
    for article in store.articles(store.default_lang):
        if not article.published:
            continue
        for p in status.paragraphs(article.body):
            key = memory.normalise(p)
            if key not in seen and not p.startswith(("```", "~~~")):
                seen.add(key)
                out.append((article.slug, p))
    return out


def threshold_study(store: ArticleStore, encoder: Encoder) -> dict[str, Any]:
    paras = source_paragraphs(store)
    texts = [p for _, p in paras]
    vecs = memory.embed(encoder, texts)
    sims = vecs @ vecs.T
    slugs = np.array([s for s, _ in paras])
    sims[slugs[:, None] == slugs[None, :]] = -1.0  # only pairs from different articles
    nearest_all = sims.max(axis=1)
    # The nearest paragraph of another article is sometimes the same text lightly edited (a heading
    # one level deeper, a sentence reworded): pairs sharing half their words are not "unrelated".
    overlap = np.array([_word_ratio(texts[i], texts[int(sims[i].argmax())]) for i in range(len(texts))])
    nearest = nearest_all[overlap < 0.5]
    unrelated_idx = np.flatnonzero(overlap < 0.5)
    top = unrelated_idx[np.argsort(-nearest_all[unrelated_idx])[:6]]
    hardest = [
        {"score": round(float(nearest_all[i]), 4), "a": texts[i], "b": texts[int(sims[i].argmax())]} for i in top
    ]
    pos: list[float] = []
    for p in texts:
        if len(p.split()) < 6 or p.startswith("#"):
            continue
        variants = edits(p)
        if variants:
            pos.extend((memory.embed(encoder, variants) @ memory.embed(encoder, [p])[0]).tolist())
    pos_a, neg_a = np.array(pos), nearest
    grid = [round(t, 3) for t in np.arange(0.90, 0.991, 0.005)]
    return {
        "paragraphs": len(texts),
        "edits": len(pos),
        "unrelated_pairs": len(nearest),
        "near_duplicate_pairs_between_articles": int((overlap >= 0.5).sum()),
        "unrelated_nearest": _dist(neg_a),
        "near_duplicates": _dist(pos_a),
        "grid": [
            {
                "threshold": t,
                "edits_kept": round(float((pos_a >= t).mean()), 3),
                "unrelated_let_through": round(float((neg_a >= t).mean()), 3),
            }
            for t in grid
        ],
        "hardest_unrelated": hardest,
    }


def _word_ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio()


def _dist(a: np.ndarray) -> dict[str, float]:
    q = np.percentile(a, [1, 5, 50, 95, 99])
    return {
        "min": round(float(a.min()), 4),
        "p1": round(float(q[0]), 4),
        "p5": round(float(q[1]), 4),
        "median": round(float(q[2]), 4),
        "p95": round(float(q[3]), 4),
        "p99": round(float(q[4]), 4),
        "max": round(float(a.max()), 4),
    }


def demo_fill(store: ArticleStore, encoder: Encoder | None, threshold: float = memory.NEAR_THRESHOLD) -> dict:
    """For each missing translation: paragraphs pre-filled exactly, and near matches offered."""
    rows: list[dict[str, Any]] = []
    at = dict.fromkeys(GRID_DEMO, 0)
    default = store.default_lang
    for lang in store.languages():
        if lang == default:
            continue
        mem = memory.build(store, lang)
        for source in store.articles(default):
            if not source.published:
                continue
            try:
                store.get(lang, source.slug)
                continue
            except ArticleNotFound:
                pass
            paras = status.paragraphs(source.body)
            _, filled = memory.prefill(source.body, mem)
            rest = {i: p for i, p in enumerate(paras) if i not in filled}
            low = min(threshold, *GRID_DEMO)
            every = memory.near(mem, rest, encoder, threshold=low)
            sugg = [s for s in every if s.score >= threshold]
            for t in GRID_DEMO:
                at[t] += sum(1 for s in every if s.score >= t)
            rows.append(
                {
                    "lang": lang,
                    "slug": source.slug,
                    "paragraphs": len(paras),
                    "prefilled": len(filled),
                    "prefilled_share": round(len(filled) / len(paras), 3) if paras else 0.0,
                    "prefilled_indexes": filled,
                    "near_paragraphs": len({s.index for s in sugg}),
                    "near_suggestions": len(sugg),
                    "near_best": [
                        {"index": s.index, "score": round(s.score, 4), "from": s.entry.slug}
                        for s in sugg
                        if s.score < 1.0
                    ],
                    "memory_size": len(mem),
                }
            )
    total = sum(r["paragraphs"] for r in rows)
    filled_n = sum(r["prefilled"] for r in rows)
    return {
        "threshold": threshold,
        "missing": rows,
        "paragraphs": total,
        "prefilled": filled_n,
        "prefilled_share": round(filled_n / total, 3) if total else 0.0,
        "near_paragraphs": sum(r["near_paragraphs"] for r in rows),
        "near_suggestions": sum(r["near_suggestions"] for r in rows),
        "near_suggestions_at": {str(t): n for t, n in at.items()},
    }


def main(argv: list[str] | None = None) -> int:
    from search import Encoder

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", default="articles")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    store = ArticleStore(args.articles)
    encoder = Encoder()
    report = {"threshold_study": threshold_study(store, encoder), "demo": demo_fill(store, encoder)}
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    study = report["threshold_study"]
    print(f"{study['paragraphs']} source paragraphs, {study['edits']} edits")
    print(
        f"unrelated (nearest paragraph of another article, sharing < half the words; "
        f"{study['unrelated_pairs']} pairs):",
        study["unrelated_nearest"],
    )
    print("near duplicates (edits):          ", study["near_duplicates"])
    for g in study["grid"]:
        print(
            f"  >= {g['threshold']:.2f}: edits kept {g['edits_kept']:.3f}, unrelated {g['unrelated_let_through']:.3f}"
        )
    for h in study["hardest_unrelated"]:
        print(f"  {h['score']:.4f}  {h['a'][:70]!r} ~ {h['b'][:70]!r}")
    demo = report["demo"]
    for r in demo["missing"]:
        print(
            f"{r['lang']}/{r['slug']}: {r['prefilled']}/{r['paragraphs']} pre-filled ({r['prefilled_share']:.0%}), "
            f"{r['near_suggestions']} near matches for {r['near_paragraphs']} paragraphs (memory {r['memory_size']})"
        )
    print("near matches offered at other thresholds:", demo["near_suggestions_at"])
    print(
        f"all: {demo['prefilled']}/{demo['paragraphs']} pre-filled ({demo['prefilled_share']:.1%}); "
        f"{demo['near_suggestions']} near matches >= {demo['threshold']} for {demo['near_paragraphs']} paragraphs"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
