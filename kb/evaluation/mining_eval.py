"""``python -m kb.evaluation.eval mining``: the real mining pipeline on any labelled inquiry file, scored.

    python -m kb.evaluation.eval mining (--inquiries FILE | --mix DIR) --text-field F --label-field L
                             [--lang-field F] [--lang en] [--strip-spaces] [--skew zipf]
                             [--noise FILE --noise-field F] [--model M] [--extra M] [--json]

Texts are redacted as at import and clustered exactly as the staff job clusters them (without
being told the number of intents). Reported: adjusted mutual information and V-measure against
the gold intents (an unclustered inquiry counts as its own cluster), purity of the clustered
inquiries, the share left unclustered, and top-K recall: how many of the K truly most frequent
intents are the majority intent of one of the top K suggestions (K = 10, 20), plus run time.
``--skew zipf`` first resamples the data so intent frequencies follow a Zipf law, as real logs do.
``--mix DIR`` mines every file of a folder as one log (MASSIVE's five locales: each utterance in one
language, drawn at random) and adds AMI per language and ``multilingual_top60``: the share of the 60
largest clusters holding three or more languages, and ``cross_language_purity``: in clusters of
several languages, the share of the members not in the cluster's most common language whose intent
is the cluster's majority intent (``main_language_purity``: the same for the most common language),
and ``stray_subgroups``: such languages' groups of three or more members none of which has it.
``title_agreement``: where a suggestion is titled in several languages, the share of the other
languages' titles that ask the main title's intent. ``--noise FILE`` mixes in a tenth as many rows
of another data set and reports where they ended; the other scores are then over the real rows alone.
"""

from __future__ import annotations

import csv
import json
import random
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from kb.mining import ClusterSummary, MiningConfig, cluster, rank, summarize_asking
from kb.mining.model import DEFAULT_CONFIG
from kb.mining.redaction import redact
from kb.mining.wording import clean_wording
from search import Encoder


def _records(path: str):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        if path.lower().endswith(".csv"):
            yield from csv.DictReader(fh)
        else:
            yield from (json.loads(line) for line in fh if line.strip())


def _lang_code(value: str) -> str:
    return value.replace("_", "-").split("-")[0].lower()


def _read_rows(
    path: str,
    text_field: str,
    label_field: str,
    lang_field: str | None,
    lang: str,
    strip_spaces: bool,
    channel_field: str | None = None,
) -> list[tuple[str, str, str, str, str]]:
    """(text, label, language, id, channel) of every row with both text and label; ``strip_spaces``
    applies to Thai; the channel is "" without ``channel_field``."""
    out = []
    for rec in _records(path):
        text, label = str(rec.get(text_field) or "").strip(), str(rec.get(label_field) or "").strip()
        if not text or not label:
            continue
        code = _lang_code(str(rec.get(lang_field) or lang) if lang_field else lang)
        if strip_spaces and code == "th":  # MASSIVE's Thai has spaces between words that real Thai has not
            text = text.replace(" ", "")
        channel = str(rec.get(channel_field) or "") if channel_field else ""
        out.append((redact(text), label, code, str(rec.get("id") or ""), channel))
    return out


def read_labelled(
    path: str,
    text_field: str,
    label_field: str,
    lang_field: str | None = None,
    lang: str = "en",
    strip_spaces: bool = False,
    channel_field: str | None = None,
) -> tuple[list[str], list[str], list[str], list[str]]:
    """(texts, labels, languages, channels) from a CSV or JSONL file; rows without text or label are
    skipped; channels are "" without ``channel_field``."""
    rows = _read_rows(path, text_field, label_field, lang_field, lang, strip_spaces, channel_field)
    return [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows], [r[4] for r in rows]


def read_mix(
    folder: str, text_field: str, label_field: str, lang_field: str | None, strip_spaces: bool, seed: int = 0
) -> tuple[list[str], list[str], list[str]]:
    """Every CSV/JSONL file of ``folder`` as one log. Rows that share an id across files (MASSIVE's
    parallel locales) are taken in one language only, drawn at random: a mixed log, not copies."""
    rng = random.Random(seed)
    by_id: dict[str, list[tuple[str, str, str]]] = {}
    loose: list[tuple[str, str, str]] = []
    for path in sorted(Path(folder).iterdir()):
        if path.suffix.lower() not in (".csv", ".jsonl"):
            continue
        for text, label, code, key, _ in _read_rows(
            str(path), text_field, label_field, lang_field, _lang_code(path.stem), strip_spaces
        ):
            (by_id.setdefault(key, []) if key else loose).append((text, label, code))
    picked = [rng.choice(rows) for _, rows in sorted(by_id.items())] + loose
    return [p[0] for p in picked], [p[1] for p in picked], [p[2] for p in picked]


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


def score(labels: Sequence[str], clusters: list[np.ndarray], n: int, langs: Sequence[str] | None = None) -> dict:
    """AMI, V-measure, purity, unclustered share and top-K recall of one clustering (clusters ranked);
    with several ``langs``, also AMI per language and the share of the 60 largest clusters that hold
    three or more languages."""
    from sklearn.metrics import adjusted_mutual_info_score, v_measure_score

    pred = np.arange(n) + len(clusters)  # unclustered: a cluster of its own
    for c, members in enumerate(clusters):
        pred[members] = c
    clustered = sum(len(m) for m in clusters)
    majority = [Counter(labels[i] for i in m).most_common(1)[0] for m in clusters]
    frequent = [label for label, _ in Counter(labels).most_common()]
    out: dict[str, Any] = {
        "ami": round(float(adjusted_mutual_info_score(labels, pred)), 4),
        "v_measure": round(float(v_measure_score(labels, pred)), 4),
        "purity": round(sum(c for _, c in majority) / max(clustered, 1), 4),
        "unclustered": round(1 - clustered / max(n, 1), 4),
        "clusters": len(clusters),
    }
    for k in (10, 20):
        top = {label for label, _ in majority[:k]}
        out[f"top{k}_recall"] = round(len(top & set(frequent[:k])) / max(min(k, len(frequent)), 1), 4)
    if langs is not None and len(set(langs)) > 1:
        lang_arr, label_arr = np.asarray(langs), np.asarray(labels)
        out["per_language"] = {
            lang: round(float(adjusted_mutual_info_score(label_arr[lang_arr == lang], pred[lang_arr == lang])), 4)
            for lang in sorted(set(langs))
        }
        largest = sorted(clusters, key=len, reverse=True)[:60]
        out["multilingual_top60"] = round(
            sum(len(set(lang_arr[m].tolist())) >= 3 for m in largest) / max(len(largest), 1), 4
        )
        out.update(cross_language_purity(label_arr, lang_arr, clusters))
    return out


def cross_language_purity(labels: np.ndarray, langs: np.ndarray, clusters: list[np.ndarray]) -> dict:
    """In clusters holding several languages: the share of the members in a language other than the
    cluster's most common one whose gold intent is the cluster's majority intent (``cross_language_purity``;
    low when another language's inquiries about something else join), beside the same share for the
    members in the most common language (``main_language_purity``); and ``stray_subgroups``/``stray_members``:
    such a language's members, three or more (a cluster's minimum), none of them with that intent."""
    minority = [0, 0]
    main = [0, 0]
    stray = [0, 0]
    for m in clusters:
        if len(set(langs[m].tolist())) < 2:
            continue
        intent = Counter(labels[m].tolist()).most_common(1)[0][0]
        first = Counter(langs[m].tolist()).most_common(1)[0][0]
        in_main = langs[m] == first
        right = labels[m] == intent
        minority[0] += int(right[~in_main].sum())
        minority[1] += int((~in_main).sum())
        main[0] += int(right[in_main].sum())
        main[1] += int(in_main.sum())
        for lang in set(langs[m][~in_main].tolist()):
            of_lang = langs[m] == lang
            if of_lang.sum() >= 3 and not right[of_lang].any():
                stray[0] += 1
                stray[1] += int(of_lang.sum())
    return {
        "cross_language_purity": round(minority[0] / max(minority[1], 1), 4),
        "main_language_purity": round(main[0] / max(main[1], 1), 4),
        "stray_subgroups": stray[0],
        "stray_members": stray[1],
    }


NOISE = "\x00noise"  # the label of an injected row: no gold intent has it


def add_noise(texts, labels, langs, noise_texts: list[str], share: float, seed: int = 0):
    """The rows plus ``share`` x as many rows drawn from ``noise_texts``, shuffled in, labelled NOISE."""
    rng = random.Random(seed)
    drawn = rng.sample(noise_texts, min(len(noise_texts), round(len(texts) * share)))
    rows = list(zip(texts, labels, langs, strict=True)) + [(t, NOISE, langs[0]) for t in drawn]
    rng.shuffle(rows)
    return [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]


def without_noise(labels: Sequence[str], langs: Sequence[str], clusters: list[np.ndarray]):
    """Where the injected rows ended (in any suggestion; absorbed into one whose majority is real
    inquiries), and the real rows' labels, languages and clusters (re-indexed) to score alone."""
    is_noise = np.array([label == NOISE for label in labels])
    total = max(int(is_noise.sum()), 1)
    in_any = sum(int(is_noise[m].sum()) for m in clusters)
    absorbed = sum(int(is_noise[m].sum()) for m in clusters if is_noise[m].sum() * 2 < len(m))
    real = np.flatnonzero(~is_noise)
    new_index = np.full(len(labels), -1)
    new_index[real] = np.arange(len(real))
    kept = [new_index[m[~is_noise[m]]] for m in clusters]
    report = {
        "noise_rows": int(is_noise.sum()),
        "noise_in_suggestions": round(in_any / total, 4),
        "noise_absorbed": round(absorbed / total, 4),
    }
    return report, [labels[i] for i in real.tolist()], [langs[i] for i in real.tolist()], [m for m in kept if len(m)]


def evaluate(
    texts: list[str],
    labels: list[str],
    langs: list[str],
    encoder,
    config: MiningConfig = DEFAULT_CONFIG,
    channels: list[str] | None = None,
    extra: Sequence[Encoder] = (),
) -> dict:
    """Cluster, rank the clusters as suggestions (all are gaps here: no help center), score;
    ``extra``: mining's second opinions (``KB_MINING_EXTRA``)."""
    started = time.perf_counter()
    clustering = cluster(texts, langs, encoder, config, channels=channels, extra=extra)
    summaries = summarize_asking(clustering, texts, langs, encoder, config, channels=channels)  # as the job does
    rank(summaries, None, config)
    clusters = [s.members for s in summaries]
    agreement = title_agreement(summaries, texts, langs, labels)
    noise: dict = {}
    if NOISE in labels:
        noise, labels, langs, clusters = without_noise(labels, langs, clusters)
    result = score(labels, clusters, len(labels), langs) | noise
    result.update(
        seconds=round(time.perf_counter() - started, 1),
        rows=len(texts),
        intents=len(set(labels)),
        dense_weights=clustering.dense_weights,
    )
    if agreement is not None:
        result["title_agreement"] = agreement
    return result


def title_agreement(
    summaries: Sequence[ClusterSummary], texts: Sequence[str], langs: Sequence[str], labels: Sequence[str]
) -> dict | None:
    """In suggestions titled in several languages, the share of the other languages' titles whose
    inquiry has the gold intent of the main title's inquiry: does every language name the same
    question? A title's inquiry is the most central member of its language whose cleaned wording
    holds it. None where no suggestion has two titles."""
    cleaned: dict[int, str] = {}

    def source(summary: ClusterSummary, code: str, title: str) -> str | None:
        for i in summary.members.tolist():
            if langs[i] != code:
                continue
            if i not in cleaned:
                cleaned[i] = " ".join(clean_wording(texts[i], code).text.split())
            if title[:40] in cleaned[i]:
                return labels[i]
        return None

    agree = total = 0
    for summary in summaries:
        if len(summary.titles) < 2 or (main := source(summary, summary.lang, summary.representative)) is None:
            continue
        for code, title in summary.titles.items():
            if code != summary.lang and (label := source(summary, code, title)) is not None:
                total += 1
                agree += label == main
    return {"share": round(agree / total, 4), "titles": total} if total else None


def command(args) -> int:
    from kb.core import extra_encoders, make_encoder
    from kb.settings import Settings

    settings = Settings.load()
    if args.model:
        settings = settings.replace(mining_model=args.model)
    if args.extra is not None:
        settings = settings.replace(mining_extra=args.extra)
    channels: list[str] = []
    if args.mix:
        texts, labels, langs = read_mix(
            args.mix, args.text_field, args.label_field, args.lang_field, args.strip_spaces, args.seed
        )
    else:
        texts, labels, langs, channels = read_labelled(
            args.inquiries,
            args.text_field,
            args.label_field,
            args.lang_field,
            args.lang,
            args.strip_spaces,
            args.channel_field,
        )
    source = args.mix or args.inquiries
    if args.channel_field and (args.mix or args.skew or args.noise):
        print("error: --channel-field goes with --inquiries alone (no --mix, --skew or --noise)")
        return 2
    if not texts:
        print(f"error: no rows with both {args.text_field!r} and {args.label_field!r} in {source}")
        return 2
    if args.skew == "zipf":
        texts, labels, langs = zipf_resample(texts, labels, langs, seed=args.seed)
    if args.noise:
        noise = [t for t, *_ in _read_rows(args.noise, args.noise_field, args.noise_field, None, "en", False)]
        texts, labels, langs = add_noise(texts, labels, langs, noise, args.noise_share, args.seed)
    encoder = make_encoder(settings, settings.mining_model)
    config = MiningConfig(seed=args.seed)
    extra = extra_encoders(settings, mining=True)
    result = evaluate(texts, labels, langs, encoder, config, channels if args.channel_field else None, extra)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(
            f"{source}: {result['rows']} inquiries, {result['intents']} intents"
            f"{' (zipf-skewed)' if args.skew else ''}, model {settings.mining_model}, "
            f"dense weights {result['dense_weights']}"
        )
        for key in ("ami", "v_measure", "purity", "unclustered", "clusters", "top10_recall", "top20_recall",
                    "per_language", "multilingual_top60", "cross_language_purity", "main_language_purity",
                    "stray_subgroups", "stray_members", "title_agreement", "noise_rows", "noise_in_suggestions",
                    "noise_absorbed", "seconds"):  # fmt: skip
            if key in result:
                print(f"  {key:13} {result[key]}")
    return 0


def add_parser(sub) -> None:
    m = sub.add_parser("mining", help="clustering quality of the mining pipeline on a labelled inquiry file")
    source = m.add_mutually_exclusive_group(required=True)
    source.add_argument("--inquiries", help="CSV or JSONL file")
    source.add_argument("--mix", metavar="DIR", help="mine every CSV/JSONL file of DIR together (rows sharing an "
                        "'id' are taken in one language only); reports AMI per language too")  # fmt: skip
    m.add_argument("--text-field", required=True)
    m.add_argument("--label-field", required=True, help="the gold intent")
    m.add_argument("--lang-field", help="language of each row (e.g. MASSIVE's locale); default: --lang")
    m.add_argument("--lang", default="en", help="language of every row when there is no --lang-field")
    m.add_argument("--strip-spaces", action="store_true", help="remove spaces from the text (MASSIVE Thai)")
    m.add_argument("--channel-field", help="the channel of each row (email, chat, phone, ...): each language's "
                   "channels are centred apart, as the site does (with --inquiries alone)")  # fmt: skip
    m.add_argument("--skew", choices=("zipf",), help="resample so intent frequencies follow a Zipf law")
    m.add_argument("--noise", metavar="FILE", help="mix in rows of another data set (one-off questions); reports "
                   "how many ended inside suggestions, and the scores over the real rows alone")  # fmt: skip
    m.add_argument("--noise-field", default="text", help="the text field of --noise (default: text)")
    m.add_argument("--noise-share", type=float, default=0.1, help="injected rows per real row (default: 0.1)")
    m.add_argument("--model", help="embedding model (default: the KB_MINING_MODEL setting)")
    m.add_argument("--extra", help="second-opinion models, comma-separated; '' for none (default: KB_MINING_EXTRA)")
    m.add_argument("--seed", type=int, default=0)
    m.add_argument("--json", action="store_true", help="print one JSON object")
    m.set_defaults(func=command)
