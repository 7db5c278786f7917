"""``python -m kb.evaluation.eval coverage``: does mining call answered what the help center answers?

    python -m kb.evaluation.eval coverage --stackfaq FILE [--model M] [--seed 0] [--json]
    python -m kb.evaluation.eval coverage --demo [--model M] [--json]

``--stackfaq``: StackFAQ's threads are split in two at random: one half becomes the help center's
articles (the question as title, the answers as body), the other is held out. The paraphrases of
*every* thread are then mined as an inquiry log with the real pipeline (clusters, evidence,
coverage against the indexed half). A cluster whose majority thread was indexed should come out
"answered", one of a held-out thread a "gap"; "partial" counts as wrong for both.

``--demo``: the bundled demo log (``demo/make_inquiries.py``, generated with its intents) mined
against the bundled articles; the generator knows which article answers each intent
(``covered_by``) and which intents are gaps. Clusters whose majority is noise (greetings, spam,
one-offs) are not counted.

Reported: the share of clusters correct, the share of inquiries whose cluster's verdict is right for
their own label (``inquiries_correct``: splitting clusters cannot raise it by itself), each half's verdicts, how often the nearest article shown is the one
that answers the cluster, the help center's reference similarity, and how far below it the two
halves would split best (to check the thresholds in MiningConfig).
"""

from __future__ import annotations

import importlib.util
import json
import random
from collections import Counter
from collections.abc import Sequence

import numpy as np

from kb.evaluation.corpus import read_stackfaq
from kb.mining import Answering, assess_coverage, cluster, split_by_answer, summarize_asking
from kb.mining.evidence import ClusterSummary
from kb.mining.model import MiningConfig
from search import Document, Encoder


def evaluate(path: str, encoder, config: MiningConfig, extra: Sequence[Encoder] = ()) -> dict:
    """StackFAQ: half the threads indexed, the paraphrases of all mined (``extra``: KB_MINING_EXTRA's models)."""
    corpus = read_stackfaq(path)["en"]
    rng = random.Random(config.seed)
    slugs = sorted({d.article for d in corpus.docs})
    indexed = set(rng.sample(slugs, len(slugs) // 2))
    docs = [d for d in corpus.docs if d.article in indexed]
    texts = [q for q, _ in corpus.queries]
    answer = {slug: slug if slug in indexed else None for slug in slugs}
    gold = [slug for _, slug in corpus.queries]
    return _mined(texts, ["en"] * len(texts), None, {"en": docs}, encoder, config, extra, gold, answer)


def evaluate_demo(encoder, config: MiningConfig, extra: Sequence[Encoder] = ()) -> dict:
    """The demo log against the demo help center, the generator's ``covered_by`` as the truth."""
    import csv
    import io

    from kb.content.articles import ArticleStore
    from kb.content.documents import documents_for
    from kb.settings import PROJECT_ROOT

    spec = importlib.util.spec_from_file_location("make_inquiries", PROJECT_ROOT / "demo" / "make_inquiries.py")
    if spec is None or spec.loader is None:
        raise FileNotFoundError("demo/make_inquiries.py is missing")
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    data, _ = generator.generate(with_intent=True)
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    answer = {i["id"]: i["covered_by"] for i in generator.INTENTS}
    texts = [r["text"] for r in rows]
    langs = [r["lang"] for r in rows]
    channels = [r["channel"] for r in rows]
    docs: dict[str, list[Document]] = {}
    for article in ArticleStore(PROJECT_ROOT / "articles").articles():
        docs.setdefault(article.lang, []).extend(documents_for(article, answering=True))  # as the pipeline does
    return _mined(texts, langs, channels, docs, encoder, config, extra, [r["intent"] for r in rows], answer)


def _mined(texts, langs, channels, docs, encoder, config, extra, gold, answer) -> dict:
    """Mine as the staff job does (clusters split by the article that answers them, evidence,
    topics: no thanks or spam, coverage) and score the verdicts."""
    clustering = cluster(texts, langs, encoder, config, channels=channels, extra=extra)
    answering = Answering.build(docs, langs, encoder, config)
    split_by_answer(clustering, answering, config)
    summaries = summarize_asking(clustering, texts, langs, encoder, config)
    assess_coverage(summaries, docs, answering, config)
    return verdicts(summaries, gold, answer, config)


def verdicts(
    summaries: list[ClusterSummary], gold: list[str], answer: dict[str, str | None], config: MiningConfig
) -> dict:
    """Score the clusters' verdicts: ``answer`` maps a gold label to the slug that answers it (None:
    a gap); clusters whose majority label is not in it (noise) are left out."""
    counts: dict[str, Counter[str]] = {"indexed": Counter(), "held_out": Counter()}
    scores: dict[str, list[float]] = {"indexed": [], "held_out": []}
    right_article = inquiries = inquiries_right = 0
    for s in summaries:
        label = Counter(gold[i] for i in s.members).most_common(1)[0][0]
        if label not in answer:
            continue
        # Each inquiry of the cluster by its own label: more, smaller clusters cannot inflate this one.
        own = [answer[gold[i]] is None for i in s.members if gold[i] in answer]
        inquiries += len(own)
        inquiries_right += sum(gap == (s.coverage == "gap") for gap in own) if s.coverage != "partial" else 0
        half = "held_out" if answer[label] is None else "indexed"
        counts[half][s.coverage] += 1
        scores[half].append(s.coverage_score - s.nearest.get("reference", 0.0))
        right_article += half == "indexed" and s.nearest.get("slug") == answer[label]
    correct = counts["indexed"]["answered"] + counts["held_out"]["gap"]
    total = sum(sum(v.values()) for v in counts.values())
    return {
        "clusters": total,
        "correct": round(correct / max(total, 1), 4),
        "inquiries_correct": round(inquiries_right / max(inquiries, 1), 4),
        "indexed": dict(counts["indexed"]),
        "held_out": dict(counts["held_out"]),
        "indexed_nearest_is_its_thread": round(right_article / max(sum(counts["indexed"].values()), 1), 4),
        "best_split": _best_split(scores["indexed"], scores["held_out"]),
        "reference": next((s.nearest["reference"] for s in summaries if "reference" in s.nearest), None),
        "thresholds": {"answered": config.answered, "partial": config.partial},
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
    from kb.core import extra_encoders, make_encoder
    from kb.settings import Settings

    if bool(args.stackfaq) == bool(args.demo):
        print("error: give one of --stackfaq FILE or --demo")
        return 2
    settings = Settings.load()
    model = args.model or settings.mining_model
    encoder = make_encoder(settings, model)
    extra = extra_encoders(settings, mining=True)
    config = MiningConfig(seed=args.seed)
    result = evaluate(args.stackfaq, encoder, config, extra) if args.stackfaq else evaluate_demo(encoder, config, extra)
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{args.stackfaq or 'the demo log'}: {result['clusters']} clusters, model {model}")
        for key, value in result.items():
            if key != "clusters":
                print(f"  {key:30} {value}")
    return 0


def add_parser(sub) -> None:
    c = sub.add_parser("coverage", help="mining's answered/gap verdicts against a help center that answers some")
    c.add_argument("--stackfaq", help="StackFAQ XML file: half its threads indexed, the paraphrases of all mined")
    c.add_argument("--demo", action="store_true", help="the demo log against the demo articles")
    c.add_argument("--model", help="embedding model (default: the KB_MINING_MODEL setting)")
    c.add_argument("--seed", type=int, default=0, help="which half of the threads is indexed; the clustering seed")
    c.add_argument("--json", action="store_true", help="print one JSON object")
    c.set_defaults(func=command)
