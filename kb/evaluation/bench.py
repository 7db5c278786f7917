"""Speed benchmarks other people can run on their own data.

    python -m kb.evaluation.bench search --corpus DIR --lang en --docs 1000,10000 [--json]
    python -m kb.evaluation.bench search --xquad ../shared/data/xquad/xquad.th.json --docs 10000 [--json]
    python -m kb.evaluation.bench site [--users 50] [--seconds 60] [--think 1-3] [--json]
    python -m kb.evaluation.bench mining [--rows 100000] [--json]
    python -m kb.evaluation.bench editor [--lang fa] [--kb 20] [--runs 50] [--json]

For each size and mode (plain Whoosh, our lexical, our hybrid with the query embedding included)
it builds an index in a fresh process and reports the build rate, query latency p50/p95 over
the corpus titles as queries, and the process's peak RSS. Documents are of one language, so the
figure is not flattered by per-language partitions; a corpus smaller than asked is scaled up with
real sentences from the same corpus, and the output says so; the hybrid mode then gives each
synthetic document the mean vector of its (real, encoded) sentences instead of encoding it.
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
from collections.abc import Sequence
from typing import cast

from kb.evaluation import editor_bench, embed_bench, mining_bench

MODES = ("whoosh_default", "lexical", "hybrid")


def _scaled_documents(source: str, lang: str, size: int, seed: int = 7):
    """``size`` article documents: the real ones, then synthetic ones built from real sentences.

    ``source`` is a KB corpus folder or an XQuAD file (``xquad.<lang>.json``: paragraphs are the
    documents, questions the queries). Returns (documents, queries, synthetic count, sentences
    of each synthetic document by its text).
    """
    from kb.evaluation.corpus import read_kb_corpus, read_xquad
    from search import Document

    try:
        corpora = read_xquad(source) if source.endswith(".json") else read_kb_corpus(source, [lang])
    except (OSError, ValueError) as exc:
        raise SystemExit(f"error: {exc}") from None
    corpus = corpora.get(lang)
    if corpus is None:
        raise SystemExit(f"error: no {lang} documents in {source}")
    real = [d for d in corpus.docs if not d.anchor]
    queries = [q for q, _ in corpus.queries]
    docs = real[:size]
    parts: dict[str, list[str]] = {}
    if len(docs) < size:
        # Thai writes no sentence punctuation: spaces separate its sentences and clauses.
        splitter = r"\s+" if lang == "th" else r"(?<=[.!?。])\s+"
        sentences = sorted({s.strip() for d in real for s in re.split(splitter, d.body) if len(s.strip()) > 20})
        if not sentences:
            raise SystemExit(
                f"error: {source} has {len(real)} {lang} documents and no sentence over 20 characters to build "
                f"more from; ask for --docs {len(real)} or fewer"
            )
        rng = random.Random(seed)
        while len(docs) < size:
            picked = [rng.choice(sentences) for _ in range(rng.randint(4, 14))]
            body = " ".join(picked)
            docs.append(Document(lang=lang, article=f"synthetic-{len(docs)}", title="", body=body))
            parts[docs[-1].dense_text()] = picked
    return docs, queries, len(parts), parts


class _SentenceMeanEncoder:
    """The real encoder, except that a synthetic document's vector is the normalised mean of its
    sentences' vectors (each real sentence encoded once): encoding 100,000 texts would take hours
    here, and only the query latency over a matrix that size is being measured."""

    def __init__(self, encoder, parts: dict[str, list[str]]):
        self._enc = encoder
        self._parts = parts
        self.encode_query = encoder.encode_query

    def __getattr__(self, name):
        return getattr(self._enc, name)

    def encode(self, texts, **kw):
        import numpy as np

        real = [t for t in texts if t not in self._parts]
        sentences = sorted({s for t in texts if t in self._parts for s in self._parts[t]})
        vecs = dict(zip(real, self._enc.encode(real, **kw), strict=True))
        svec = dict(zip(sentences, self._enc.encode(sentences, **kw), strict=True))
        out = np.zeros((len(texts), self._enc.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            v = vecs[t] if t in vecs else np.mean([svec[s] for s in self._parts[t]], axis=0)
            out[i] = v / max(float(np.linalg.norm(v)), 1e-12)
        return out


def _percentile(values: list[float], pct: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(pct / 100 * (len(values) - 1)))]


def _run_one(corpus: str, lang: str, size: int, mode: str, queries_n: int) -> dict:
    docs, queries, synthetic, parts = _scaled_documents(corpus, lang, size)
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
            from kb.core import extra_encoders, make_encoder
            from kb.settings import Settings
            from search import Encoder, IndexStore, SearchService

            settings = Settings.load()
            encoders: list[Encoder] = []
            if mode == "hybrid":
                primary = make_encoder(settings)
                if primary is None:
                    raise SystemExit("error: the hybrid mode needs an embedding model; KB_EMBEDDING_MODEL is 'none'")
                encoders = [primary, *extra_encoders(settings)]
            for enc in encoders:
                enc.encode_query("warm up")  # loading the model is not indexing
            if parts:  # a stand-in with the Encoder interface that the store and the service use
                encoders = [cast(Encoder, _SentenceMeanEncoder(enc, parts)) for enc in encoders]
            encoder = encoders[0] if encoders else None
            store = IndexStore(tmp, encoder=encoder, extra_encoders=encoders[1:])
            started = time.perf_counter()
            store.build({lang: docs})
            build = time.perf_counter() - started
            service = SearchService(store, encoder)
            for enc in encoders:
                enc.encode_query.cache_clear()  # every timed query pays for its embedding

            def search(q: str):
                return service.search(q, lang, fallback=False)

        for q in queries[:10]:
            search(q + " warmup")
        times = []
        for q in queries:
            t = time.perf_counter()
            search(q)
            times.append((time.perf_counter() - t) * 1000)
    return {
        "build_docs_per_s": round(len(docs) / build, 1),
        "p50_ms": round(statistics.median(times), 2),
        "p95_ms": round(_percentile(times, 95), 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "documents": len(docs),
        "synthetic_documents": synthetic,
        "queries": len(times),
    }


def _search_command(args: argparse.Namespace) -> int:
    if not (args.corpus or args.xquad):
        print("error: give --corpus DIR or --xquad FILE", file=sys.stderr)
        return 2
    lang = args.lang
    if args.xquad:
        m = re.search(r"xquad\.([A-Za-z-]+)\.json$", args.xquad)
        lang = m.group(1) if m else lang
    sizes = [int(s) for s in args.docs.split(",") if s.strip()]
    out: dict[str, dict] = {}
    for size in sizes:
        out[str(size)] = {}
        for mode in args.modes.split(","):
            cmd = [
                sys.executable,
                "-m",
                "kb.evaluation.bench",
                "_one",
                "--corpus",
                args.corpus or args.xquad,
                "--lang",
                lang,
                "--size",
                str(size),
                "--mode",
                mode,
                "--queries",
                str(args.queries),
            ]
            proc = subprocess.run(
                cmd,
                capture_output=True,
                text=True,
                check=False,
                env={**os.environ, "HF_HUB_OFFLINE": "1"},
            )
            if proc.returncode != 0:
                print(proc.stderr, file=sys.stderr)
                return proc.returncode
            out[str(size)][mode] = json.loads(proc.stdout.strip().splitlines()[-1])
            if not args.json:
                r = out[str(size)][mode]
                note = (
                    f" ({r['synthetic_documents']} synthetic from real sentences)" if r["synthetic_documents"] else ""
                )
                print(
                    f"{size:>7} docs{note:40} {mode:15} build {r['build_docs_per_s']:8.1f} docs/s  "
                    f"p50 {r['p50_ms']:7.2f} ms  p95 {r['p95_ms']:7.2f} ms  peak RSS {r['peak_rss_mb']:7.1f} MB"
                    + (
                        "  (synthetic vectors: mean of their sentences')"
                        if mode == "hybrid" and r["synthetic_documents"]
                        else ""
                    ),
                    flush=True,
                )
    if args.json:
        print(json.dumps(out))
    return 0


def _site_command(args: argparse.Namespace) -> int:
    from kb.evaluation.loadtest import run_site_benchmark

    low, _, high = args.think.partition("-")
    report = run_site_benchmark(
        users=args.users, seconds=args.seconds, workers=args.workers, think=(float(low), float(high or low))
    )
    if args.json:
        print(json.dumps(report))
    else:
        print(
            f"gunicorn {args.workers} workers, {args.users} users, think {args.think} s, {args.seconds} s: "
            f"{report['requests']} requests, {report['rps']} req/s, {report['errors']} errors"
        )
        for kind, r in report["kinds"].items():
            print(
                f"  {kind:8} {r['count']:6d} requests  p50 {r['p50_ms']:7.1f} ms  p95 {r['p95_ms']:7.1f} ms  "
                f"p99 {r['p99_ms']:7.1f} ms  errors {r['errors']}"
            )
    return 0 if report["errors"] == 0 else 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kb.evaluation.bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("search", help="index build rate, query latency and memory")
    s.add_argument("--corpus", help="folder of <lang>/<slug>.md with front matter titles")
    s.add_argument("--xquad", help="XQuAD file xquad.<lang>.json: paragraphs as documents, questions as queries")
    s.add_argument("--lang", default="en")
    s.add_argument("--docs", default="1000,10000", help="comma-separated index sizes")
    s.add_argument("--queries", type=int, default=300, help="timed queries per run")
    s.add_argument("--modes", default=",".join(MODES), help=f"comma-separated, of {', '.join(MODES)}")
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
    embed_bench.add_parser(sub)
    editor_bench.add_parser(sub)
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
