"""``python -m kb.evaluation.eval answer``: how often the direct answer's quote holds the gold answer.

    python -m kb.evaluation.eval answer --xquad FILE [--xquad FILE2] [--limit N] [--model M [--quote-encoder]] [--json]

The XQuAD paragraphs are indexed exactly as ``kb.evaluation.eval search`` indexes them; every question is
searched, the top hit's paragraph is quoted with :func:`search.answer.quote`, and the quote counts
when the gold answer text (the first one given) lies inside it. Reported per language:

* ``answer_in_quote``: share of questions whose answer is in the quote of the top hit (the end-to-end
  number a customer sees; a wrong top hit or no quote is a miss),
* ``retrieval_top1``: share whose top hit is the right paragraph,
* ``quote_given_right_paragraph``: share whose answer is in the quote of the right paragraph, the
  quoting alone, whatever retrieval did,
* ``mean_quote_chars``, and the time one ``quote()`` call takes (mean and p95, in ms).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Sequence

from kb.core import make_encoder, search_config
from kb.evaluation.corpus import read_xquad
from kb.settings import Settings
from search import Encoder, IndexStore, SearchConfig, SearchService, analyzer_for
from search.answer import Quote, SentenceEncoder, quote
from search.service import Mode


def read_xquad_answers(path: str | os.PathLike) -> list[tuple[str, str, str]]:
    """(question, paragraph slug, first gold answer) in read_xquad's order and slugs."""
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    out, n = [], 0
    for article in data["data"]:
        for para in article["paragraphs"]:
            slug = f"p{n}"
            n += 1
            for qa in para["qas"]:
                answers = qa.get("answers") or [{"text": ""}]
                out.append((qa["question"], slug, answers[0]["text"]))
    return out


def _contains(q: Quote | None, answer: str) -> bool:
    return bool(q is not None and answer.strip() and answer.strip() in q.text)


def evaluate_answers(
    path: str | os.PathLike,
    *,
    encoder: Encoder | None = None,
    config: SearchConfig | None = None,
    limit: int | None = None,
    max_sentences: int = 3,
    max_chars: int = 400,
    quote_encoder: SentenceEncoder | None = None,
) -> dict:
    """Per language: answer_in_quote, questions, retrieval_top1, quote_given_right_paragraph, ...

    ``encoder`` is the search encoder (None: lexical retrieval, as ``kb.evaluation.eval search --model none``);
    ``quote_encoder`` is passed to :func:`quote` (None: lexical quoting, the default on the site).
    """
    corpora = read_xquad(path)
    ((lang, corpus),) = corpora.items()
    items = read_xquad_answers(path)
    if [(q, s) for q, s, _ in items] != corpus.queries:  # the two readers must agree on slugs
        raise ValueError(f"{path}: questions do not line up with kb.evaluation.corpus.read_xquad")
    if limit:
        items = items[:limit]
    analyzer = analyzer_for(lang)
    in_quote = top1 = given_right = 0
    chars: list[int] = []
    times: list[float] = []

    def timed_quote(question: str, text: str) -> Quote | None:
        t = time.perf_counter()
        q = quote(question, text, analyzer, max_sentences=max_sentences, max_chars=max_chars, encoder=quote_encoder)
        times.append(time.perf_counter() - t)
        return q

    with tempfile.TemporaryDirectory(prefix="kb-eval-answer-") as tmp:
        store = IndexStore(os.path.join(tmp, "index"), encoder=encoder)
        store.build({lang: corpus.docs})
        service = SearchService(store, encoder, config)
        mode: Mode = "hybrid" if encoder is not None else "lexical"
        for question, slug, answer in items:
            hits = service.search(question, lang, limit=1, fallback=False, mode=mode).hits
            right = timed_quote(question, corpus.bodies[slug])
            given_right += _contains(right, answer)
            if not hits:
                continue
            top1 += hits[0].article == slug
            q = right if hits[0].article == slug else timed_quote(question, corpus.bodies[hits[0].article])
            if q is not None:
                chars.append(len(q.text))
                in_quote += _contains(q, answer)
    n = max(len(items), 1)
    times.sort()
    return {
        lang: {
            "answer_in_quote": round(in_quote / n, 4),
            "questions": len(items),
            "retrieval_top1": round(top1 / n, 4),
            "quote_given_right_paragraph": round(given_right / n, 4),
            "mean_quote_chars": round(sum(chars) / max(len(chars), 1), 1),
            "quote_ms_mean": round(1000 * sum(times) / max(len(times), 1), 2),
            "quote_ms_p95": round(1000 * times[int(0.95 * (len(times) - 1))], 2) if times else 0.0,
        }
    }


def command(args: argparse.Namespace) -> int:
    """Run the evaluation on each --xquad file and print a table or one JSON object."""
    settings = Settings.load().replace(embedding_model=args.model or "none")  # lexical unless a model is asked for
    encoder = make_encoder(settings)
    result: dict[str, dict] = {}
    started = time.perf_counter()
    for path in args.xquad:
        result.update(
            evaluate_answers(
                path,
                encoder=encoder,
                config=search_config(settings),
                limit=args.limit,
                quote_encoder=encoder if args.quote_encoder else None,
            )
        )
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return 0
    print(
        f"\nDirect answers on {', '.join(args.xquad)} (retrieval: {'hybrid' if encoder else 'lexical'}; "
        f"{time.perf_counter() - started:.0f} s)"
    )
    print(
        f"{'lang':6} {'in quote':>9} {'top-1':>7} {'given right':>12} {'chars':>7} {'ms mean':>8} "
        f"{'ms p95':>7} {'questions':>10}"
    )
    for lang, r in result.items():
        print(
            f"{lang:6} {r['answer_in_quote']:9.3f} {r['retrieval_top1']:7.3f} "
            f"{r['quote_given_right_paragraph']:12.3f} {r['mean_quote_chars']:7.1f} {r['quote_ms_mean']:8.2f} "
            f"{r['quote_ms_p95']:7.2f} {r['questions']:10d}"
        )
    return 0


def _add_arguments(a: argparse.ArgumentParser) -> None:
    a.add_argument(
        "--xquad", required=True, action="append", help="XQuAD JSON file named xquad.<lang>.json (repeatable)"
    )
    a.add_argument("--limit", type=int, help="only the first N questions of each file")
    a.add_argument("--model", help="embedding model for retrieval (default: none, lexical retrieval)")
    a.add_argument(
        "--quote-encoder", action="store_true", help="also give the --model encoder to quote() (sentence similarity)"
    )
    a.add_argument("--json", action="store_true", help="print one JSON object")
    a.set_defaults(func=command)


def add_parser(sub) -> None:
    """Register ``answer`` on kb.evaluation.eval's subcommands."""
    _add_arguments(
        sub.add_parser("answer", help="share of questions whose gold answer lies in the direct-answer quote")
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Stand-alone entry point, the same options as ``python -m kb.evaluation.eval answer``."""
    parser = argparse.ArgumentParser(
        prog="python -m kb.evaluation.answer_eval",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_arguments(parser)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
