"""Quality evaluation commands other people can run on their own data.

    python -m kb.eval search --corpus DIR [--langs en,fa] [--json]
    python -m kb.eval search --stackfaq FILE [--json]
    python -m kb.eval search --xquad FILE [--json]
    python -m kb.eval mining --inquiries FILE --text-field F --label-field L [--skew zipf] [--json]

Reports per language Recall@1, Recall@5, MRR@10 and nDCG@10 for plain Whoosh (StandardAnalyzer,
default BM25F, default query parser: the baseline), our lexical side, our dense side and hybrid.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import sys
import tempfile
import time
from typing import Callable, Sequence

from search import Encoder, IndexStore, SearchConfig, SearchService, Weights

from . import mining_eval
from .corpus import Corpus, read_kb_corpus, read_stackfaq, read_xquad
from .indexing import make_encoder, search_config

MODES = ("whoosh_default", "lexical", "dense", "hybrid")


def metrics(ranked: Sequence[Sequence[str]], gold: Sequence[str]) -> dict:
    """Recall@1/5, MRR@10, nDCG@10 with one relevant item per query."""
    n = len(gold)
    r1 = r5 = mrr = ndcg = 0.0
    for ranking, g in zip(ranked, gold):
        ranking = list(ranking[:10])
        if g in ranking:
            pos = ranking.index(g) + 1
            r1 += pos == 1
            r5 += pos <= 5
            mrr += 1.0 / pos
            ndcg += 1.0 / math.log2(pos + 1)
    d = max(n, 1)
    return {"recall@1": round(r1 / d, 4), "recall@5": round(r5 / d, 4), "mrr@10": round(mrr / d, 4),
            "ndcg@10": round(ndcg / d, 4), "queries": n}


def whoosh_default_rankings(corpus: Corpus, workdir: str) -> Callable[[str], list[str]]:
    """The baseline: what a developer gets from Whoosh out of the box."""
    from whoosh import index
    from whoosh.fields import ID, TEXT, Schema
    from whoosh.qparser import OrGroup, QueryParser

    schema = Schema(slug=ID(stored=True), body=TEXT())
    path = os.path.join(workdir, f"plain-{corpus.lang}")
    os.makedirs(path, exist_ok=True)
    ix = index.create_in(path, schema)
    with ix.writer() as w:
        for slug, body in corpus.bodies.items():
            w.add_document(slug=slug, body=body)
    parser = QueryParser("body", schema, group=OrGroup)  # AND would score far below this baseline
    searcher = ix.searcher()

    def run(q: str) -> list[str]:
        try:
            return [h["slug"] for h in searcher.search(parser.parse(q), limit=10)]
        except Exception:  # noqa: BLE001 - the baseline's own failures count as misses
            return []

    return run


def evaluate(corpora: dict[str, Corpus], *, encoder: Encoder | None, weights: Weights | None = None,
             config: SearchConfig | None = None, modes: Sequence[str] = MODES) -> dict:
    out: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="kb-eval-") as tmp:
        store = IndexStore(os.path.join(tmp, "index"), weights=weights, encoder=encoder)
        store.build({lang: c.docs for lang, c in corpora.items()})
        service = SearchService(store, encoder, config)
        for lang, corpus in corpora.items():
            gold = [g for _, g in corpus.queries]
            res = out[lang] = {}
            for mode in modes:
                if mode == "whoosh_default":
                    run = whoosh_default_rankings(corpus, tmp)
                    ranked = [run(q) for q, _ in corpus.queries]
                elif mode != "lexical" and encoder is None:
                    continue
                else:
                    ranked = [[h.article for h in service.search(q, lang, limit=10, fallback=False, mode=mode).hits]
                              for q, _ in corpus.queries]
                res[mode] = metrics(ranked, gold)
            info = store.current().lang_info(lang)
            res["_index"] = {"articles": corpus.articles, "documents": len(corpus.docs),
                             "dense_weight": info.get("dense_weight"),
                             "representability": (info.get("representability") or {}).get("score")}
    return out


def _print_table(result: dict, title: str) -> None:
    print(f"\n{title}")
    print(f"{'lang':6} {'mode':15} {'R@1':>6} {'R@5':>6} {'MRR@10':>7} {'nDCG@10':>8} {'queries':>8}")
    for lang, modes in result.items():
        idx = modes.get("_index", {})
        for mode, m in modes.items():
            if mode.startswith("_"):
                continue
            print(f"{lang:6} {mode:15} {m['recall@1']:6.3f} {m['recall@5']:6.3f} {m['mrr@10']:7.3f} "
                  f"{m['ndcg@10']:8.3f} {m['queries']:8d}")
        if idx:
            print(f"{'':6} ({idx['articles']} articles, {idx['documents']} documents, dense weight "
                  f"{idx['dense_weight']}, tokenizer representability {idx['representability']})")


def _search_command(args: argparse.Namespace) -> int:
    from .settings import load_settings

    settings = load_settings()
    langs = [s for s in (args.langs or "").split(",") if s] or None
    corpora: dict[str, Corpus] = {}
    sources = []
    if args.corpus:
        corpora.update(read_kb_corpus(args.corpus, langs))
        sources.append(args.corpus)
    if args.stackfaq:
        corpora.update(read_stackfaq(args.stackfaq))
        sources.append(args.stackfaq)
    if args.xquad:
        corpora.update(read_xquad(args.xquad))
        sources.append(args.xquad)
    if not corpora:
        print("error: give --corpus DIR, --stackfaq FILE or --xquad FILE (with documents in the asked languages)",
              file=sys.stderr)
        return 2
    if args.model:
        settings["KB_EMBEDDING_MODEL"] = args.model
    if args.fusion:
        settings["KB_FUSION"] = args.fusion
    model = settings["KB_EMBEDDING_MODEL"]
    started = time.perf_counter()
    result = evaluate(corpora, encoder=make_encoder(settings), config=search_config(settings))
    if args.json:
        print(json.dumps({lang: {m: v for m, v in modes.items() if not m.startswith("_")}
                          for lang, modes in result.items()}, ensure_ascii=False))
    else:
        _print_table(result, f"{', '.join(sources)} (model: {model}; fusion: {settings['KB_FUSION']}; "
                             f"{time.perf_counter() - started:.0f} s)")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kb.eval", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("search", help="retrieval quality per language and mode")
    s.add_argument("--corpus", help="folder of <lang>/<slug>.md with front matter titles")
    s.add_argument("--langs", help="comma-separated languages to evaluate (default: all in the corpus)")
    s.add_argument("--stackfaq", help="StackFAQ XML file (paraphrased queries)")
    s.add_argument("--xquad", help="XQuAD JSON file named xquad.<lang>.json (question to paragraph)")
    s.add_argument("--model", help="embedding model (default: the KB_EMBEDDING_MODEL setting; 'none' for lexical only)")
    s.add_argument("--fusion", choices=("rrf", "convex"), help="fusion method (default: the KB_FUSION setting)")
    s.add_argument("--json", action="store_true", help="print one JSON object")
    s.set_defaults(func=_search_command)
    mining_eval.add_parser(sub)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
