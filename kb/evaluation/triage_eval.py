"""``python -m kb.evaluation.eval triage``: how often mining's topic is the inquiry's real one.

    python -m kb.evaluation.eval triage --inquiries FILE [--text-field instruction]
                                        [--label-field category] [--model M] [--json]
    python -m kb.evaluation.eval triage --inquiries FILE --text-field F --shares
                                        [--lang-field locale --strip-spaces]

Each inquiry's topic (:func:`kb.mining.triage.row_topics`: the nearest prototype questions of
triage.yml, word lists adding a margin) against its gold category mapped to mining's topics. The
default mapping is for Bitext's ``category`` (README "Mining" shows it) and follows the topic
definitions at the top of kb/mining/triage.yml: a cancellation fee is about cancelling an order
(order); FEEDBACK, complaints included, asks for no money back (other, like CONTACT and NEWSLETTER).
A category not in the mapping is skipped. Reported: accuracy per inquiry, per gold topic, and the
most frequent confusions. ``--shares`` reads no gold and reports the share of inquiries per topic:
on real customers' questions, the "thanks", "greeting" and "spam" shares are what mining would
wrongly leave out.

The prototypes are written from the topic definitions, never from the evaluated texts: the score
must hold for logs we do not have.
"""

from __future__ import annotations

import json
from collections import Counter

from kb.evaluation.mining_eval import read_labelled
from kb.mining.triage import row_topics

BITEXT = {  # Bitext category -> mining topic
    "ACCOUNT": "account",
    "CANCELLATION_FEE": "order",
    "CONTACT": "other",
    "DELIVERY": "delivery",
    "FEEDBACK": "other",
    "INVOICE": "payment",
    "NEWSLETTER": "other",
    "ORDER": "order",
    "PAYMENT": "payment",
    "REFUND": "refund",
    "SHIPPING_ADDRESS": "delivery",
}


def evaluate(texts: list[str], gold: list[str], encoder) -> dict:
    vectors = encoder.encode(texts, batch_size=64, queries=True)
    predicted = row_topics(texts, vectors, encoder)
    right = [p == g for p, g in zip(predicted, gold, strict=True)]
    per_topic = {
        topic: round(sum(r for r, g in zip(right, gold, strict=True) if g == topic) / n, 4)
        for topic, n in sorted(Counter(gold).items())
    }
    confusions = Counter((g, p) for g, p in zip(gold, predicted, strict=True) if g != p).most_common(8)
    return {
        "rows": len(texts),
        "accuracy": round(sum(right) / max(len(right), 1), 4),
        "per_topic": per_topic,
        "confusions": [[g, p, n] for (g, p), n in confusions],
    }


def command(args) -> int:
    from kb.core import make_encoder
    from kb.settings import Settings

    settings = Settings.load()
    model = args.model or settings.mining_model
    label_field = args.text_field if args.shares else args.label_field  # --shares: no gold read
    texts, labels, *_ = read_labelled(
        args.inquiries, args.text_field, label_field, args.lang_field, strip_spaces=args.strip_spaces
    )
    rows = [
        (t, BITEXT.get(label, "")) for t, label in zip(texts, labels, strict=True) if args.shares or label in BITEXT
    ]
    if not rows:
        print(f"error: no rows whose {args.label_field!r} is one of {', '.join(BITEXT)} in {args.inquiries}")
        return 2
    encoder = make_encoder(settings, model)
    if encoder is None:
        print("error: triage by meaning needs an embedding model (--model)")
        return 2
    if args.shares:
        result = shares([t for t, _ in rows], encoder)
        keys: tuple[str, ...] = ("shares",)
    else:
        result = evaluate([t for t, _ in rows], [g for _, g in rows], encoder)
        keys = ("accuracy", "per_topic", "confusions")
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{args.inquiries}: {result['rows']} inquiries, model {model}")
        for key in keys:
            print(f"  {key:11} {result[key]}")
    return 0


def shares(texts: list[str], encoder) -> dict:
    """The share of the inquiries given each topic, for a log without gold: of real customers'
    questions, how many are taken for thanks, a greeting or spam (and left out of mining)."""
    predicted = Counter(row_topics(texts, encoder.encode(texts, batch_size=64, queries=True), encoder))
    return {"rows": len(texts), "shares": {t: round(n / len(texts), 4) for t, n in sorted(predicted.items())}}


def add_parser(sub) -> None:
    t = sub.add_parser("triage", help="mining's topic per inquiry against gold categories (Bitext's by default)")
    t.add_argument("--inquiries", required=True, help="CSV or JSONL file")
    t.add_argument("--text-field", default="instruction")
    t.add_argument("--label-field", default="category")
    t.add_argument("--shares", action="store_true", help="no gold: the share of inquiries per topic")
    t.add_argument("--lang-field", help="the rows' language (MASSIVE: locale)")
    t.add_argument(
        "--strip-spaces", action="store_true", help="remove spaces from Thai rows (MASSIVE's are word-split)"
    )
    t.add_argument("--model", help="embedding model (default: the KB_MINING_MODEL setting)")
    t.add_argument("--json", action="store_true", help="print one JSON object")
    t.set_defaults(func=command)
