"""``python -m kb.evaluation.eval coverage``: does mining call answered what the help center answers?

    python -m kb.evaluation.eval coverage --stackfaq FILE [--model M] [--seed 0] [--json]

StackFAQ's threads are split in two at random: one half becomes the help center's articles (the
question as title, the answers as body), the other is held out. The paraphrases of *every* thread
are then mined as an inquiry log with the real pipeline (clusters, evidence, coverage against the
indexed half). A cluster whose majority thread was indexed should come out "answered", one of a
held-out thread a "gap"; "partial" counts as wrong for both. Reported: the share correct, each
half's verdicts, and the coverage score at which the two halves would split best (to check the
thresholds in MiningConfig, which were not tuned on this set).
"""

from __future__ import annotations

import json
import random
from collections import Counter

import numpy as np

from kb.evaluation.corpus import read_stackfaq
from kb.mining import assess_coverage, cluster, summarize
from kb.mining.model import MiningConfig


def evaluate(path: str, encoder, config: MiningConfig) -> dict:
    corpus = read_stackfaq(path)["en"]
    rng = random.Random(config.seed)
    slugs = sorted({d.article for d in corpus.docs})
    indexed = set(rng.sample(slugs, len(slugs) // 2))
    docs = [d for d in corpus.docs if d.article in indexed]
    texts = [q for q, _ in corpus.queries]
    gold = [slug for _, slug in corpus.queries]
    langs = ["en"] * len(texts)
    summaries = summarize(cluster(texts, langs, encoder, config), texts, langs, config)
    assess_coverage(summaries, {"en": docs}, encoder, config)
    verdicts: dict[str, Counter[str]] = {"indexed": Counter(), "held_out": Counter()}
    scores: dict[str, list[float]] = {"indexed": [], "held_out": []}
    right_article = 0
    for s in summaries:
        thread = Counter(gold[i] for i in s.members).most_common(1)[0][0]
        half = "indexed" if thread in indexed else "held_out"
        verdicts[half][s.coverage] += 1
        scores[half].append(s.coverage_score)
        right_article += half == "indexed" and s.nearest.get("slug") == thread
    correct = verdicts["indexed"]["answered"] + verdicts["held_out"]["gap"]
    total = sum(sum(v.values()) for v in verdicts.values())
    return {
        "clusters": total,
        "correct": round(correct / max(total, 1), 4),
        "indexed": dict(verdicts["indexed"]),
        "held_out": dict(verdicts["held_out"]),
        "indexed_nearest_is_its_thread": round(right_article / max(sum(verdicts["indexed"].values()), 1), 4),
        "best_split": _best_split(scores["indexed"], scores["held_out"]),
        "thresholds": {"answered": config.answered[0], "partial": config.partial[0]},
    }


def _best_split(positive: list[float], negative: list[float]) -> dict:
    """The score threshold that best separates the two lists, and the share it gets right."""
    values = sorted(set(positive) | set(negative))
    if not values:
        return {}
    pos, neg = np.asarray(positive), np.asarray(negative)
    total = max(len(pos) + len(neg), 1)
    best = max(values, key=lambda t: (int((pos >= t).sum()) + int((neg < t).sum()), -t))
    return {
        "at": round(float(best), 3),
        "correct": round((int((pos >= best).sum()) + int((neg < best).sum())) / total, 4),
    }


def command(args) -> int:
    from kb.core import make_encoder
    from kb.settings import Settings

    settings = Settings.load()
    model = args.model or settings.mining_model
    result = evaluate(args.stackfaq, make_encoder(settings, model), MiningConfig(seed=args.seed))
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{args.stackfaq}: {result['clusters']} clusters, model {model}")
        for key, value in result.items():
            if key != "clusters":
                print(f"  {key:30} {value}")
    return 0


def add_parser(sub) -> None:
    c = sub.add_parser("coverage", help="mining's answered/gap verdicts against a help center that answers half")
    c.add_argument("--stackfaq", required=True, help="StackFAQ XML file")
    c.add_argument("--model", help="embedding model (default: the KB_MINING_MODEL setting)")
    c.add_argument("--seed", type=int, default=0, help="which half of the threads is indexed")
    c.add_argument("--json", action="store_true", help="print one JSON object")
    c.set_defaults(func=command)
