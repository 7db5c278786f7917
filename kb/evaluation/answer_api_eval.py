"""``python -m kb.evaluation.eval answer-api``: how often the answer API's first answer is the right article.

    python -m kb.evaluation.eval answer-api [--articles articles] [--queries demo/queries.jsonl]
                                            [--declared-lang] [--index-dir DIR] [--json]

Each ``{"lang", "query", "slug"}`` line is sent to :func:`kb.answers.answer` as a bot would send it:
the message alone, its language detected (``--declared-lang``: given), over the help center as the
site indexes it with the configured models. Reported per language and overall: top-1 (the first
answer is the gold article), top-3, no answer, how often the language was detected right, top-1
among first answers of each confidence level, and the latency of one call (mean, p95; models
loaded beforehand, so the first call's loading is not counted).
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Sequence

import numpy as np

from kb import answers
from kb.core import HelpCenter

LEVELS = ("high", "medium", "low")


def read_queries(path: str) -> list[tuple[str, str, str]]:
    """``(lang, query, slug)`` per line of a JSONL file."""
    rows = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                rows.append((str(row["lang"]), str(row["query"]), str(row["slug"])))
            except (ValueError, KeyError, TypeError) as exc:
                raise ValueError(f'{path}, line {n}: expected {{"lang", "query", "slug"}} ({exc})') from exc
    return rows


def _summary(outcomes: list[dict]) -> dict:
    n = max(len(outcomes), 1)
    by_level = {}
    for level in LEVELS:
        mine = [o for o in outcomes if o["confidence"] == level]
        if mine:
            by_level[level] = {
                "share": round(len(mine) / n, 4),
                "top1": round(sum(o["top1"] for o in mine) / len(mine), 4),
            }
    ms = np.array([o["ms"] for o in outcomes] or [0.0])
    return {
        "queries": len(outcomes),
        "top1": round(sum(o["top1"] for o in outcomes) / n, 4),
        "top3": round(sum(o["top3"] for o in outcomes) / n, 4),
        "no_answer": round(sum(o["confidence"] is None for o in outcomes) / n, 4),
        "lang_right": round(sum(o["lang_right"] for o in outcomes) / n, 4),
        "by_confidence": by_level,
        "ms_mean": round(float(ms.mean()), 1),
        "ms_p95": round(float(np.percentile(ms, 95)), 1),
    }


def evaluate(hc: HelpCenter, rows: Sequence[tuple[str, str, str]], *, declared: bool = False) -> dict:
    """Per language and ``overall``: top-1, top-3, no answer, language detected right, top-1 by confidence, latency."""
    outcomes: dict[str, list[dict]] = {}
    for lang, query, slug in rows:
        inquiry = answers.Inquiry(query, lang if declared else None, "other")
        started = time.perf_counter()
        reply = answers.answer(hc, inquiry)
        ms = (time.perf_counter() - started) * 1000
        found = [p.article for p in reply.answers]
        outcomes.setdefault(lang, []).append(
            {
                "top1": found[:1] == [slug],
                "top3": slug in found[:3],
                "confidence": reply.answers[0].confidence if reply.answers else None,
                "lang_right": reply.lang == lang,
                "ms": ms,
            }
        )
    out = {lang: _summary(o) for lang, o in sorted(outcomes.items())}
    out["overall"] = _summary([o for group in outcomes.values() for o in group])
    return out


def command(args) -> int:
    from kb.settings import Settings

    rows = read_queries(args.queries)
    with tempfile.TemporaryDirectory(prefix="kb-eval-answers-") as tmp:
        settings = Settings.load({"KB_ARTICLES_DIR": args.articles, "KB_INDEX_DIR": args.index_dir or f"{tmp}/index"})
        hc = HelpCenter(settings)
        started = time.perf_counter()
        hc.rebuild()
        built = time.perf_counter() - started
        answers.answer(hc, answers.Inquiry("warm up: where is my parcel"))  # loads every model once
        result = evaluate(hc, rows, declared=args.declared_lang)
    if args.json:
        print(json.dumps(result))
        return 0
    models = (
        f"search {settings.embedding_model} (+ {settings.embedding_extra or 'no extra'}), topic {settings.mining_model}"
    )
    print(f"{args.queries} against {args.articles}: {len(rows)} queries; {models}; index built in {built:.0f} s")
    print(f"language {'declared' if args.declared_lang else 'detected'}")
    print(
        f"{'lang':8} {'queries':>7} {'top1':>6} {'top3':>6} {'none':>6} {'lang ok':>7} {'mean ms':>8} {'p95 ms':>7}  top-1 by confidence"
    )
    for lang, r in result.items():
        levels = ", ".join(f"{k} {v['top1']:.2f} ({v['share']:.0%})" for k, v in r["by_confidence"].items())
        print(
            f"{lang:8} {r['queries']:>7} {r['top1']:>6.3f} {r['top3']:>6.3f} {r['no_answer']:>6.3f} "
            f"{r['lang_right']:>7.3f} {r['ms_mean']:>8.1f} {r['ms_p95']:>7.1f}  {levels}"
        )
    return 0


def add_parser(sub) -> None:
    a = sub.add_parser("answer-api", help="the answer API's first answer against each query's gold article")
    a.add_argument("--articles", default="articles", help="the help center's articles folder")
    a.add_argument("--queries", default="demo/queries.jsonl", help='JSONL of {"lang", "query", "slug"}')
    a.add_argument("--declared-lang", action="store_true", help="send each query's language instead of detecting it")
    a.add_argument("--index-dir", help="keep the index here, so a re-run reuses its vectors")
    a.add_argument("--json", action="store_true", help="print one JSON object")
    a.set_defaults(func=command)
