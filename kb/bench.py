"""Speed benchmarks other people can run on their own data.

    python -m kb.bench search --corpus DIR --lang en --docs 1000,10000 [--json]
    python -m kb.bench site [--users 50] [--seconds 60] [--think 1-3] [--json]
    python -m kb.bench mining [--rows 100000] [--json]

For each size and mode (plain Whoosh, our lexical, our hybrid with the query embedding included)
it builds an index in a fresh process and reports the build rate, query latency p50/p95 over
the corpus titles as queries, and the process's peak RSS. Documents are of one language, so the
figure is not flattered by per-language partitions; a corpus smaller than asked is scaled up with
real sentences from the same corpus, and the output says so.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Sequence

from . import mining_bench

MODES = ("whoosh_default", "lexical", "hybrid")


def _scaled_documents(corpus_dir: str, lang: str, size: int, seed: int = 7):
    """``size`` article documents: the real ones, then synthetic ones built from real sentences."""
    from search import Document

    from .corpus import read_kb_corpus

    corpus = read_kb_corpus(corpus_dir, [lang]).get(lang)
    if corpus is None:
        raise SystemExit(f"error: no {lang} articles under {corpus_dir}")
    real = [d for d in corpus.docs if not d.anchor]
    queries = [q for q, _ in corpus.queries]
    docs = [d for d in real[:size]]
    synthetic = 0
    if len(docs) < size:
        sentences = [s.strip() for d in real for s in re.split(r"(?<=[.!?。])\s+", d.body) if len(s.strip()) > 20]
        rng = random.Random(seed)
        while len(docs) < size:
            body = " ".join(rng.choice(sentences) for _ in range(rng.randint(4, 14)))
            docs.append(Document(lang=lang, article=f"synthetic-{len(docs)}", title="", body=body))
            synthetic += 1
    return docs, queries, synthetic


def _percentile(values: list[float], pct: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(pct / 100 * (len(values) - 1))))]


def _run_one(corpus: str, lang: str, size: int, mode: str, queries_n: int) -> dict:
    docs, queries, synthetic = _scaled_documents(corpus, lang, size)
    queries = (queries * (queries_n // max(1, len(queries)) + 1))[:queries_n]
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as tmp:
        if mode == "whoosh_default":
            from whoosh import index
            from whoosh.fields import ID, TEXT, Schema
            from whoosh.qparser import OrGroup, QueryParser

            schema = Schema(id=ID(stored=True), body=TEXT())
            started = time.perf_counter()
            ix = index.create_in(tmp, schema)
            with ix.writer(limitmb=64) as w:
                for d in docs:
                    w.add_document(id=d.id, body=d.body)
            build = time.perf_counter() - started
            parser = QueryParser("body", schema, group=OrGroup)
            searcher = ix.searcher()

            def search(q: str):
                try:
                    return searcher.search(parser.parse(q), limit=10)
                except Exception:  # noqa: BLE001 - the baseline's own failures still cost their time
                    return None
        else:
            from search import Encoder, IndexStore, SearchService

            encoder = Encoder() if mode == "hybrid" else None
            if encoder is not None:
                encoder.encode_query("warm up")  # loading the model is not indexing
            store = IndexStore(tmp, encoder=encoder)
            started = time.perf_counter()
            store.build({lang: docs})
            build = time.perf_counter() - started
            service = SearchService(store, encoder)
            if encoder is not None:
                encoder.encode_query.cache_clear()  # every timed query pays for its embedding

            def search(q: str):
                return service.search(q, lang, fallback=False)
        for q in queries[:10]:
            search(q + " warmup")
        times = []
        for q in queries:
            t = time.perf_counter()
            search(q)
            times.append((time.perf_counter() - t) * 1000)
    return {"build_docs_per_s": round(len(docs) / build, 1), "p50_ms": round(statistics.median(times), 2),
            "p95_ms": round(_percentile(times, 95), 2),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "documents": len(docs), "synthetic_documents": synthetic, "queries": len(times)}


def _search_command(args: argparse.Namespace) -> int:
    sizes = [int(s) for s in args.docs.split(",") if s.strip()]
    out: dict[str, dict] = {}
    for size in sizes:
        out[str(size)] = {}
        for mode in MODES:
            cmd = [sys.executable, "-m", "kb.bench", "_one", "--corpus", args.corpus, "--lang", args.lang,
                   "--size", str(size), "--mode", mode, "--queries", str(args.queries)]
            proc = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "HF_HUB_OFFLINE": "1"})
            if proc.returncode != 0:
                print(proc.stderr, file=sys.stderr)
                return proc.returncode
            out[str(size)][mode] = json.loads(proc.stdout.strip().splitlines()[-1])
            if not args.json:
                r = out[str(size)][mode]
                note = f" ({r['synthetic_documents']} synthetic from real sentences)" if r["synthetic_documents"] else ""
                print(f"{size:>7} docs{note:40} {mode:15} build {r['build_docs_per_s']:8.1f} docs/s  "
                      f"p50 {r['p50_ms']:7.2f} ms  p95 {r['p95_ms']:7.2f} ms  peak RSS {r['peak_rss_mb']:7.1f} MB",
                      flush=True)
    if args.json:
        print(json.dumps(out))
    return 0


def _site_command(args: argparse.Namespace) -> int:
    from .loadtest import run_site_benchmark

    low, _, high = args.think.partition("-")
    report = run_site_benchmark(users=args.users, seconds=args.seconds, workers=args.workers,
                                think=(float(low), float(high or low)))
    if args.json:
        print(json.dumps(report))
    else:
        print(f"gunicorn {args.workers} workers, {args.users} users, think {args.think} s, {args.seconds} s: "
              f"{report['requests']} requests, {report['rps']} req/s, {report['errors']} errors")
        for kind, r in report["kinds"].items():
            print(f"  {kind:8} {r['count']:6d} requests  p50 {r['p50_ms']:7.1f} ms  p95 {r['p95_ms']:7.1f} ms  "
                  f"p99 {r['p99_ms']:7.1f} ms  errors {r['errors']}")
    return 0 if report["errors"] == 0 else 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kb.bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("search", help="index build rate, query latency and memory")
    s.add_argument("--corpus", required=True, help="folder of <lang>/<slug>.md with front matter titles")
    s.add_argument("--lang", default="en")
    s.add_argument("--docs", default="1000,10000", help="comma-separated index sizes")
    s.add_argument("--queries", type=int, default=300, help="timed queries per run")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=_search_command)
    site = sub.add_parser("site", help="load test of the site under gunicorn on 127.0.0.1")
    site.add_argument("--users", type=int, default=50)
    site.add_argument("--seconds", type=float, default=60)
    site.add_argument("--workers", type=int, default=2)
    site.add_argument("--think", default="1-3", help="seconds each user waits between requests, MIN-MAX; 0 saturates")
    site.add_argument("--json", action="store_true")
    site.set_defaults(func=_site_command)
    mining_bench.add_parsers(sub)
    one = sub.add_parser("_one")  # one measurement in a fresh process, so peak RSS is its own
    for a in ("--corpus", "--lang", "--mode"):
        one.add_argument(a, required=True)
    one.add_argument("--size", type=int, required=True)
    one.add_argument("--queries", type=int, default=300)
    one.set_defaults(func=lambda a: print(json.dumps(_run_one(a.corpus, a.lang, a.size, a.mode, a.queries))) or 0)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
