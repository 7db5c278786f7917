"""Quality evaluation commands other people can run on their own data.

    python -m kb.evaluation.eval search --corpus DIR [--langs en,fa] [--against en] [--distractors DIR2] [--learn] [--json]
    python -m kb.evaluation.eval search --corpus articles --queries demo/queries.jsonl [--json]
    python -m kb.evaluation.eval search --stackfaq FILE [--json]
    python -m kb.evaluation.eval search --xquad FILE [--json]
    python -m kb.evaluation.eval answer --xquad FILE [--json]
    python -m kb.evaluation.eval answer-api [--articles articles] [--queries demo/queries.jsonl] [--json]
    python -m kb.evaluation.eval mining --inquiries FILE --text-field F --label-field L [--skew zipf] [--json]

Reports per language Recall@1, Recall@5, MRR@10 and nDCG@10 for plain Whoosh (StandardAnalyzer,
default BM25F, default query parser: the baseline), our lexical side, our dense side and hybrid.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import os
import sys
import tempfile
import time
import zlib
from collections.abc import Callable, Mapping, Sequence
from typing import Literal

from kb.core import extra_encoders, make_encoder, search_config
from kb.evaluation import answer_api_eval, answer_eval, coverage_eval, mining_eval, triage_eval
from kb.evaluation.corpus import (
    Corpus,
    read_help_center,
    read_kb_corpus,
    read_stackfaq,
    read_xquad,
    translated_part,
)
from kb.feedback import closest_pages
from kb.translation.catalogs import interface_strings
from search import Encoder, IndexStore, SearchConfig, SearchResult, SearchService, Weights
from search.learning import learned_dense_factor, learned_query_mean, learned_raise, taught
from search.service import Mode

EvalMode = Literal["whoosh_default", "lexical", "dense", "hybrid"]  # the baseline, then search's own modes
MODES: tuple[EvalMode, ...] = ("whoosh_default", "lexical", "dense", "hybrid")


def metrics(ranked: Sequence[Sequence[str]], gold: Sequence[str]) -> dict:
    """Recall@1/5/10, MRR@10, nDCG@10 with one relevant item per query."""
    n = len(gold)
    r1 = r5 = r10 = mrr = ndcg = 0.0
    for ranking, g in zip(ranked, gold, strict=True):
        top = list(ranking[:10])
        if g in top:
            pos = top.index(g) + 1
            r1 += pos == 1
            r5 += pos <= 5
            r10 += 1
            mrr += 1.0 / pos
            ndcg += 1.0 / math.log2(pos + 1)
    d = max(n, 1)
    return {
        "recall@1": round(r1 / d, 4),
        "recall@5": round(r5 / d, 4),
        "recall@10": round(r10 / d, 4),
        "mrr@10": round(mrr / d, 4),
        "ndcg@10": round(ndcg / d, 4),
        "queries": n,
    }


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


def evaluate(
    corpora: dict[str, Corpus],
    *,
    encoder: Encoder | None,
    extra: Sequence[Encoder] = (),
    weights: Weights | None = None,
    config: SearchConfig | None = None,
    modes: Sequence[EvalMode] = MODES,
    against: dict[str, Corpus] | None = None,
    distractors: dict[str, list[str]] | None = None,
    index_dir: str | None = None,
    cross_language: bool = False,
    reader_samples: Mapping[str, Sequence[str]] | None = None,
    learn: tuple[float, bool] | None = None,
) -> dict:
    """Per query language and mode: the metrics, plus ``out_of_domain`` when distractors are given.

    ``against``: index only those documents (another language) and query them with ``corpora``'s
    queries. ``index_dir``: keep the index there between runs, so vectors are reused by content hash.
    ``reader_samples``: the site's interface strings per language (IndexStore), as the site passes them.
    ``learn``: (the share of answered searches the floor may hide, whether dense weights learn: the
    settings ``KB_FLOOR_CLICK_SHARE``, ``KB_LEARN_WEIGHTS``): adds ``learned``, search as the site's
    clicks would teach it (:func:`learned`).
    Same-language runs switch cross-language matching off unless asked: a translation of the gold
    article in another language would otherwise count as the answer.
    """
    config = config or SearchConfig()
    config = dataclasses.replace(config, cross_language=cross_language or against is not None)
    indexed = against or corpora
    out: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="kb-eval-") as tmp:
        store = IndexStore(
            index_dir or os.path.join(tmp, "index"),
            weights=weights,
            encoder=encoder,
            extra_encoders=extra,
            reader_samples=reader_samples,
        )
        store.build({lang: c.docs for lang, c in indexed.items()})
        service = SearchService(store, encoder, config)
        for lang, corpus in corpora.items():
            gold = [g for _, g in corpus.queries]
            res = out[lang] = {}
            for mode in modes:
                if mode == "whoosh_default":
                    plain = against[next(iter(against))] if against else corpus
                    run = whoosh_default_rankings(plain, tmp)
                    ranked = [run(q) for q, _ in corpus.queries]
                elif mode != "lexical" and encoder is None:
                    continue
                else:
                    found = [
                        service.search(q, lang, limit=10, fallback=against is not None, mode=mode)
                        for q, _ in corpus.queries
                    ]
                    # The floor is the product's (hybrid) answer; the single sides are measured as rankings.
                    ranked = [
                        [h.article for h in (r.hits if mode == "hybrid" else r.hits or r.below_floor)] for r in found
                    ]
                    if config.relevance_floor and mode == "hybrid":
                        unfloored = [[h.article for h in (r.hits or r.below_floor)] for r in found]
                        res["hybrid_without_floor"] = metrics(unfloored, gold)
                        hybrid = found
                res[mode] = metrics(ranked, gold)
            ood = (distractors or {}).get(lang, [])
            if distractors is not None:
                ood_mode: Mode = "hybrid" if "hybrid" in res else "lexical"
                answered = sum(bool(service.search(q, lang, limit=10, fallback=False, mode=ood_mode).hits) for q in ood)
                res["out_of_domain"] = {"answered_share": round(answered / max(len(ood), 1), 4), "queries": len(ood)}
            if learn is not None and "hybrid" in res and config.relevance_floor:
                res["learned"] = learned(
                    service, lang, [q for q, _ in corpus.queries], gold, hybrid, ood, learn[0], weights=learn[1]
                )
            info = store.current().lang_info((against and next(iter(against))) or lang)
            res["_index"] = {
                "articles": len(indexed[next(iter(against))].bodies) if against else corpus.articles,
                "documents": sum(len(c.docs) for c in indexed.values()) if against else len(corpus.docs),
                "dense_weight": info.get("dense_weight"),
                "representability": (info.get("representability") or {}).get("score"),
            }
    return out


def learned(
    service: SearchService,
    lang: str,
    queries: Sequence[str],
    gold: Sequence[str],
    found: Sequence[SearchResult],
    ood: Sequence[str],
    share: float,
    *,
    weights: bool,
) -> dict:
    """What clicks teach search, as the site learns it (``kb.learning.learn``),
    simulated: a reader opens the gold article when it is among the hits or the closest pages shown
    below the floor (``found``: the searches as they are). The queries are split in two halves (by a
    hash of their text); each half is searched again with the floor and the dense weight the other
    half taught (and, for a reader language without articles, where it asks: its searches' mean),
    and the out-of-domain queries with each half's in turn (the mean share answered).
    ``raise``: the floor all the clicks together teach."""
    folds = [zlib.crc32(q.encode()) % 2 for q in queries]
    opened = [
        i
        for i, (r, g) in enumerate(zip(found, gold, strict=True))
        if g in [h.article for h in r.hits + closest_pages(r)]
    ]
    evidence = [(e, folds[i]) for i in opened if (e := found[i].evidence) is not None]
    raise_by = [learned_raise([e for e, f in evidence if f == half], share) for half in (0, 1)]
    factor_by = [
        learned_dense_factor(service, lang, [(queries[i], gold[i]) for i in opened if folds[i] == half])
        if weights
        else 1.0
        for half in (0, 1)
    ]
    # A reader language without articles (--against): where it asks, from the half's searches.
    without_articles = lang not in service.store.current().langs
    means_by = [
        learned_query_mean(service.encoder, lang, [q for q, f in zip(queries, folds, strict=True) if f == half])
        if without_articles
        else None
        for half in (0, 1)
    ]
    halves = [
        taught(service, {lang: raise_by[half]}, {lang: factor_by[half]}, {} if m is None else {lang: m})
        for half, m in enumerate(means_by)
    ]
    ranked = [
        [h.article for h in halves[1 - f].search(q, lang, limit=10, fallback=False).hits]
        for q, f in zip(queries, folds, strict=True)
    ]
    answered = [bool(t.search(q, lang, limit=10, fallback=False).hits) for t in halves for q in ood]
    return {
        "clicks": len(opened),
        "raise": learned_raise([e for e, _ in evidence], share),
        "raise_by_half": raise_by,
        "dense_factor_by_half": factor_by,
        "hybrid": metrics(ranked, gold),
        "out_of_domain_answered_share": round(sum(answered) / len(answered), 4) if answered else None,
    }


def _print_table(result: dict, title: str) -> None:
    print(f"\n{title}")
    print(f"{'lang':6} {'mode':21} {'R@1':>6} {'R@5':>6} {'R@10':>6} {'MRR@10':>7} {'nDCG@10':>8} {'queries':>8}")
    for lang, modes in result.items():
        idx = modes.get("_index", {})
        for mode, m in modes.items():
            if mode.startswith("_"):
                continue
            if mode == "out_of_domain":
                print(f"{lang:6} out-of-domain queries still answered: {m['answered_share']:.3f} of {m['queries']}")
                continue
            name, row = mode, m
            if mode == "learned":
                ood = m["out_of_domain_answered_share"]
                print(
                    f"{lang:6} learnt from {m['clicks']} clicks: floor raised {m['raise']:.3f} (halves "
                    f"{m['raise_by_half'][0]:.3f} / {m['raise_by_half'][1]:.3f}), dense weight x "
                    f"{m['dense_factor_by_half'][0]} / {m['dense_factor_by_half'][1]}"
                    + (f", out-of-domain still answered {ood:.3f}" if ood is not None else "")
                )
                name, row = "hybrid, learnt", m["hybrid"]
            print(
                f"{lang:6} {name:21} {row['recall@1']:6.3f} {row['recall@5']:6.3f} {row['recall@10']:6.3f} "
                f"{row['mrr@10']:7.3f} {row['ndcg@10']:8.3f} {row['queries']:8d}"
            )
        if idx:
            print(
                f"{'':6} ({idx['articles']} articles, {idx['documents']} documents, dense weight "
                f"{idx['dense_weight']}, tokenizer representability {idx['representability']})"
            )


def _search_command(args: argparse.Namespace) -> int:
    from kb.settings import Settings

    settings = Settings.load()
    langs = [s for s in (args.langs or "").split(",") if s] or None
    corpora: dict[str, Corpus] = {}
    sources = []
    try:
        if args.corpus and args.queries:
            corpora.update(
                {k: v for k, v in read_help_center(args.corpus, args.queries).items() if not langs or k in langs}
            )
            sources.append(f"{args.corpus} + {args.queries}")
        elif args.corpus:
            corpora.update(read_kb_corpus(args.corpus, langs))
            sources.append(args.corpus)
        if args.stackfaq:
            corpora.update(read_stackfaq(args.stackfaq))
            sources.append(args.stackfaq)
        if args.xquad:
            corpora.update(read_xquad(args.xquad))
            sources.append(args.xquad)
        against = distractors = None
        if args.against:
            if not args.corpus or args.queries:
                raise ValueError("--against needs --corpus (a KB corpus folder), without --queries")
            against = read_kb_corpus(args.corpus, [args.against])
            if not against:
                raise ValueError(f"{args.corpus} has no documents in {args.against!r}")
            corpora = {k: v for k, v in corpora.items() if k != args.against}
            sources.append(f"against {args.against}")
            if args.translated:
                corpora, against = translated_part(corpora, against, args.translated)
                sources.append(f"{args.translated:.0%} translated")
        elif args.translated:
            raise ValueError("--translated goes with --against")
        if args.distractors:
            distractors = {
                lang: [q for q, _ in c.queries]
                for lang, c in read_kb_corpus(args.distractors, list(corpora) or None).items()
            }
            sources.append(f"distractors {args.distractors}")
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not corpora:
        print(
            "error: give --corpus DIR, --stackfaq FILE or --xquad FILE (with documents in the asked languages)",
            file=sys.stderr,
        )
        return 2
    settings = settings.replace(
        **{
            k: v
            for k, v in {"embedding_model": args.model, "fusion": args.fusion, "embedding_extra": args.extra}.items()
            if v is not None
        }
    )
    model = settings.embedding_model
    started = time.perf_counter()
    result = evaluate(
        corpora,
        encoder=make_encoder(settings),
        extra=extra_encoders(settings),
        config=search_config(settings),
        against=against,
        distractors=distractors,
        index_dir=args.index_dir,
        cross_language=bool(args.queries) or args.cross_language,
        reader_samples=interface_strings(settings.translations_dir),
        learn=(settings.floor_click_share, settings.learn_weights) if args.learn else None,
    )
    if args.json:
        print(
            json.dumps(
                {lang: {m: v for m, v in modes.items() if not m.startswith("_")} for lang, modes in result.items()},
                ensure_ascii=False,
            )
        )
    else:
        _print_table(
            result,
            f"{', '.join(sources)} (model: {model}; fusion: {settings.fusion}; {time.perf_counter() - started:.0f} s)",
        )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kb.evaluation.eval", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("search", help="retrieval quality per language and mode")
    s.add_argument("--corpus", help="folder of <lang>/<slug>.md with front matter titles")
    s.add_argument("--langs", help="comma-separated languages to evaluate (default: all in the corpus)")
    s.add_argument("--stackfaq", help="StackFAQ XML file (paraphrased queries)")
    s.add_argument("--xquad", help="XQuAD JSON file named xquad.<lang>.json (question to paragraph)")
    s.add_argument(
        "--queries",
        help='with --corpus ARTICLES: JSONL of {"lang", "query", "slug"} (e.g. a search log '
        "with the clicked article) against the whole articles, as the site indexes them",
    )
    s.add_argument(
        "--against",
        metavar="LANG",
        help="cross-language: index only LANG's bodies, query them with the titles of --langs (gold: the same slug)",
    )
    s.add_argument(
        "--translated",
        metavar="SHARE",
        type=float,
        default=0.0,
        help="with --against: that share of the articles (by a hash of the slug) is indexed in --langs too, as "
        "translations; the other articles' titles are the queries",
    )
    s.add_argument(
        "--distractors",
        metavar="DIR",
        help="another KB corpus whose titles (same languages) are "
        "out-of-domain queries; reports the share that still got answers",
    )
    s.add_argument(
        "--learn",
        action="store_true",
        help="also score hybrid with the relevance floor and the dense weight learnt from simulated clicks "
        "(KB_FLOOR_CLICK_SHARE, KB_LEARN_WEIGHTS), each half of the queries with what the other half taught",
    )
    s.add_argument("--index-dir", help="keep the evaluation index here, so a re-run reuses its vectors")
    s.add_argument(
        "--cross-language",
        action="store_true",
        help="match every indexed language as the site does "
        "(an article's translations pool their evidence; it is still shown in the query's language)",
    )
    s.add_argument("--model", help="embedding model (default: the KB_EMBEDDING_MODEL setting; 'none' for lexical only)")
    s.add_argument("--fusion", choices=("rrf", "convex"), help="fusion method (default: the KB_FUSION setting)")
    s.add_argument("--extra", help="second-opinion models (default: the KB_EMBEDDING_EXTRA setting; '' for none)")
    s.add_argument("--json", action="store_true", help="print one JSON object")
    s.set_defaults(func=_search_command)
    mining_eval.add_parser(sub)
    coverage_eval.add_parser(sub)
    triage_eval.add_parser(sub)
    answer_eval.add_parser(sub)
    answer_api_eval.add_parser(sub)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
