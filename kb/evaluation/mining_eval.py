"""``python -m kb.evaluation.eval mining``: the real mining pipeline on any labelled inquiry file, scored.

    python -m kb.evaluation.eval mining --inquiries FILE --text-field F --label-field L [--lang-field F]
                             [--lang en] [--strip-spaces] [--skew zipf] [--model M] [--json]

Texts are redacted as at import and clustered exactly as the staff job clusters them (without
being told the number of intents). Reported: adjusted mutual information and V-measure against
the gold intents (an unclustered inquiry counts as its own cluster), purity of the clustered
inquiries, the share left unclustered, and top-K recall: how many of the K truly most frequent
intents are the majority intent of one of the top K suggestions (K = 10, 20), plus run time.
``--skew zipf`` first resamples the data so intent frequencies follow a Zipf law, as real logs do.
"""

from __future__ import annotations

import csv
import json
import random
import time
from collections import Counter
from collections.abc import Sequence

import numpy as np

from kb.mining import MiningConfig, cluster, rank, summarize
from kb.mining.model import DEFAULT_CONFIG
from kb.mining.redaction import redact


def read_labelled(
    path: str,
    text_field: str,
    label_field: str,
    lang_field: str | None = None,
    lang: str = "en",
    strip_spaces: bool = False,
) -> tuple[list[str], list[str], list[str]]:
    """(texts, labels, languages) from a CSV or JSONL file; rows without text or label are skipped."""
    texts, labels, langs = [], [], []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        records = (
            csv.DictReader(fh) if path.lower().endswith(".csv") else (json.loads(line) for line in fh if line.strip())
        )
        for rec in records:
            text, label = str(rec.get(text_field) or "").strip(), str(rec.get(label_field) or "").strip()
            if not text or not label:
                continue
            if strip_spaces:  # e.g. MASSIVE's Thai, which has spaces between words that real Thai has not
                text = text.replace(" ", "")
            code = str(rec.get(lang_field) or lang) if lang_field else lang
            texts.append(redact(text))
            labels.append(label)
            langs.append(code.replace("_", "-").split("-")[0].lower())
    return texts, labels, langs


def zipf_resample(texts, labels, langs, *, exponent: float = 1.0, seed: int = 0):
    """Keep ceil(n_max / rank^exponent) examples (as many as there are) of the intent at each random rank."""
    rng = random.Random(seed)
    by_label: dict[str, list[int]] = {}
    for i, label in enumerate(labels):
        by_label.setdefault(label, []).append(i)
    order = sorted(by_label)
    rng.shuffle(order)
    n_max = max(len(v) for v in by_label.values())  # the most frequent intent keeps every example
    keep = []
    for r, label in enumerate(order, start=1):
        rows = by_label[label][:]
        rng.shuffle(rows)
        keep += rows[: max(1, int(np.ceil(n_max / r**exponent)))]
    keep.sort()
    return [texts[i] for i in keep], [labels[i] for i in keep], [langs[i] for i in keep]


def score(labels: Sequence[str], clusters: list[np.ndarray], n: int) -> dict:
    """AMI, V-measure, purity, unclustered share and top-K recall of one clustering (clusters ranked)."""
    from sklearn.metrics import adjusted_mutual_info_score, v_measure_score

    pred = np.arange(n) + len(clusters)  # unclustered: a cluster of its own
    for c, members in enumerate(clusters):
        pred[members] = c
    clustered = sum(len(m) for m in clusters)
    majority = [Counter(labels[i] for i in m).most_common(1)[0] for m in clusters]
    frequent = [label for label, _ in Counter(labels).most_common()]
    out = {
        "ami": round(float(adjusted_mutual_info_score(labels, pred)), 4),
        "v_measure": round(float(v_measure_score(labels, pred)), 4),
        "purity": round(sum(c for _, c in majority) / max(clustered, 1), 4),
        "unclustered": round(1 - clustered / max(n, 1), 4),
        "clusters": len(clusters),
    }
    for k in (10, 20):
        top = {label for label, _ in majority[:k]}
        out[f"top{k}_recall"] = round(len(top & set(frequent[:k])) / max(min(k, len(frequent)), 1), 4)
    return out


def evaluate(
    texts: list[str], labels: list[str], langs: list[str], encoder, config: MiningConfig = DEFAULT_CONFIG
) -> dict:
    """Cluster, rank the clusters as suggestions (all are gaps here: no help center), score."""
    started = time.perf_counter()
    clustering = cluster(texts, langs, encoder, config)
    summaries = summarize(clustering, texts, langs, config)
    rank(summaries, None, config)
    result = score(labels, [s.members for s in summaries], len(texts))
    result.update(
        seconds=round(time.perf_counter() - started, 1),
        rows=len(texts),
        intents=len(set(labels)),
        dense_weights=clustering.dense_weights,
    )
    return result


def command(args) -> int:
    from kb.core import make_encoder
    from kb.settings import Settings

    settings = Settings.load()
    if args.model:
        settings = settings.replace(mining_model=args.model)
    texts, labels, langs = read_labelled(
        args.inquiries, args.text_field, args.label_field, args.lang_field, args.lang, args.strip_spaces
    )
    if not texts:
        print(f"error: no rows with both {args.text_field!r} and {args.label_field!r} in {args.inquiries}")
        return 2
    if args.skew == "zipf":
        texts, labels, langs = zipf_resample(texts, labels, langs, seed=args.seed)
    result = evaluate(texts, labels, langs, make_encoder(settings, settings.mining_model), MiningConfig(seed=args.seed))
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(
            f"{args.inquiries}: {result['rows']} inquiries, {result['intents']} intents"
            f"{' (zipf-skewed)' if args.skew else ''}, model {settings.mining_model}, "
            f"dense weights {result['dense_weights']}"
        )
        for key in ("ami", "v_measure", "purity", "unclustered", "clusters", "top10_recall", "top20_recall", "seconds"):
            print(f"  {key:13} {result[key]}")
    return 0


def add_parser(sub) -> None:
    m = sub.add_parser("mining", help="clustering quality of the mining pipeline on a labelled inquiry file")
    m.add_argument("--inquiries", required=True, help="CSV or JSONL file")
    m.add_argument("--text-field", required=True)
    m.add_argument("--label-field", required=True, help="the gold intent")
    m.add_argument("--lang-field", help="language of each row (e.g. MASSIVE's locale); default: --lang")
    m.add_argument("--lang", default="en", help="language of every row when there is no --lang-field")
    m.add_argument("--strip-spaces", action="store_true", help="remove spaces from the text (MASSIVE Thai)")
    m.add_argument("--skew", choices=("zipf",), help="resample so intent frequencies follow a Zipf law")
    m.add_argument("--model", help="embedding model (default: the KB_MINING_MODEL setting)")
    m.add_argument("--seed", type=int, default=0)
    m.add_argument("--json", action="store_true", help="print one JSON object")
    m.set_defaults(func=command)
