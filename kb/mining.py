"""Mine frequent questions: cluster past inquiries, find what the help center does not answer yet.

The pipeline, each step a small function that the evaluation (``python -m kb.eval mining``) runs
exactly as the staff job does:

1. **Features per language.** Languages the embedding model reads (its tokenizer's measured
   coverage, the same gate search uses) share one dense space, so a multilingual model groups
   the same question across languages. Languages it cannot read get a lexical space of their
   own: TF-IDF over the search analyzer's terms (Thai segmentation, Persian normalisation,
   stemming), reduced by SVD; with a partly readable language the two are mixed.
2. **Clusters.** A k-nearest-neighbour graph (exact, computed in blocks: no n x n matrix) split
   into communities by Leiden (igraph), optimising modularity. Neither the number of intents
   nor a distance threshold is given; groups smaller than ``min_size`` are one-offs and stay
   unclustered. Chosen by measurement: README "Mining" has the numbers for the alternatives.
3. **Evidence per cluster.** Size, languages, channels, weekly trend, the most central inquiry
   as the representative, distinct central examples, key terms (class-based TF-IDF), the most
   typical agent reply as a draft answer, and a triage tag.
4. **Coverage.** The nearest published article or section and its similarity in the same
   space, so each cluster is answered, partly answered or a gap; ranked by how many inquiries a
   new answer would deflect (recency-weighted size, times how uncovered it is, plus the site's
   own signals: failed searches and "not helpful" votes that fall into the cluster).

:func:`mine` stores the result as :class:`~kb.db.Suggestion` rows. A cluster keeps the
suggestion (and fingerprint) of the previous run whose inquiries it mostly contains, so
re-running updates suggestions instead of duplicating them and remembers dismissals.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import logging
import random
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np
from sqlalchemy import select, update

from search import Document, Encoder, EmbeddingUnavailable, analyzer_for

from .db import Database, Inquiry, SearchEvent, Suggestion, Vote, as_utc, utcnow
from .pii import redact

log = logging.getLogger(__name__)

OnProgress = Callable[[str, float], None]

# Triage tags support teams sort by, with word prefixes that signal them in each site language
# (matched against normalised words, so "refunded" and "refunds" count for "refund").
TRIAGE: dict[str, tuple[str, ...]] = {
    "damaged": ("damag", "broken", "faulty", "defect", "crack", "rusak", "pecah", "cacat", "bojā", "salauz", "plīs",
                "เสียหาย", "แตก", "ชำรุด", "آسیب", "شکست", "خراب", "معیوب"),
    "refund": ("refund", "money back", "reimburs", "pengembalian dana", "uang kembali", "atmaks", "naudu atpakaļ",
               "คืนเงิน", "بازپرداخت", "برگشت پول", "استرداد", "پس دادن پول"),
    "return": ("return", "send back", "retur", "kembalikan", "pengembalian barang", "atgriez", "atpakaļ", "คืนสินค้า",
               "ส่งคืน", "مرجوع", "بازگرداندن", "پس فرستادن"),
    "claim": ("claim", "warrant", "guarantee", "complain", "klaim", "garansi", "keluhan", "pretenzij", "garantij",
              "sūdzīb", "เคลม", "รับประกัน", "ร้องเรียน", "گارانتی", "شکایت", "ادعا"),
    "payment": ("payment", "pay", "charged", "card", "declin", "invoice", "bayar", "pembayaran", "tagihan", "kartu",
                "maksāj", "kart", "rēķin", "ชำระ", "จ่าย", "บัตร", "ตัดเงิน", "پرداخت", "کارت", "فاکتور", "صورتحساب"),
    "delivery": ("deliver", "shipping", "parcel", "package", "courier", "tracking", "kirim", "paket", "kurir", "resi",
                 "piegād", "sūtījum", "paka", "kurjer", "จัดส่ง", "พัสดุ", "ส่งของ", "ขนส่ง", "ارسال", "بسته", "تحویل",
                 "مرسوله", "پیک"),
    "order": ("order", "cancel", "pesan", "batal", "pasūtīj", "atcel", "คำสั่งซื้อ", "สั่งซื้อ", "ยกเลิก", "سفارش",
              "لغو"),
    "account": ("account", "password", "login", "sign in", "akun", "kata sandi", "konts", "parol", "บัญชี", "รหัสผ่าน",
                "حساب", "رمز"),
}
TRIAGE_ORDER = tuple(TRIAGE)  # ties go to the earlier (more urgent) tag
COVERAGE_FACTOR = {"gap": 1.0, "partial": 0.5, "answered": 0.1}
# Words of greetings, thanks and sign-offs: a message made only of these asks nothing, and a
# cluster of such messages ("thanks, solved!") is conversation, not a question to answer.
COURTESY = {
    "en": "hi hello hey dear team thanks thank thx ty you very much ok okay great perfect solved sorted resolved "
          "good morning afternoon evening bye cheers regards kind best all fine got it yes no sure awesome nice "
          "appreciate help helpful sir madam there again never mind found works now fixed anyway lovely",
    "id": "hai halo hi kak kakak min admin gan terima kasih makasih trims thanks ok oke baik sudah selesai siap "
          "mantap sip pagi siang sore malam selamat salam ya iya yaa nggak gak tidak sama sama banyak",
    "lv": "sveiki labdien labrīt labvakar paldies liels ļoti viss kārtībā labi skaidrs jā nē atrisināts "
          "ar cieņu sveicieni lūdzu jauku dienu",
    "th": "สวัสดี สวัสดีครับ สวัสดีค่ะ ขอบคุณ ขอบคุณครับ ขอบคุณค่ะ ขอบคุณมาก ครับ ค่ะ คะ คับ จ้า นะ นะคะ "
          "ได้รับ ของ แล้ว โอเค ได้ เรียบร้อย ค่ะ ครับผม มากๆ มาก ไม่เป็นไร มีใคร อยู่ ไหม",
    "fa": "سلام درود وقت بخیر روز عصر شب ممنون متشکرم مرسی سپاس خیلی باشه متوجه شدم حل شد عالی خداحافظ "
          "با تشکر تشکر لطف کردید ممنونم",
}


@dataclass(frozen=True)
class MiningConfig:
    neighbours: int = 10  # k of the k-nearest-neighbour graph
    resolution: float = 2.0  # Leiden modularity resolution (chosen on MASSIVE en; README)
    min_size: int = 3  # smaller groups are one-offs, left unclustered
    merge_cosine: float = 0.85  # clusters with centroids this alike are one question (0: never merge)
    lexical_dims: int = 384  # SVD dimensions of a lexical space
    joint_weight: float = 0.5  # languages whose dense weight reaches this share the dense space
    max_embed_chars: int = 600  # the question is at the start; long e-mails cost time, not signal
    examples: int = 8
    terms: int = 6
    half_life_days: float = 60.0  # recency weight of an inquiry, relative to the newest one
    # Coverage of a cluster by its nearest section: (dense cosine, share of key terms in the article).
    # The cosine split between a question's own article and the best other one measured 0.62-0.66
    # on tor-support and gnome-help (README "Mining").
    answered: tuple[float, float] = (0.62, 0.67)
    partial: tuple[float, float] = (0.55, 0.34)
    seed: int = 0


@dataclass
class Space:
    """Rows clustered together: one dense space for the languages the model reads, one lexical per other language."""

    langs: tuple[str, ...]
    rows: np.ndarray  # indices into the input
    matrix: np.ndarray  # unit-length float32 rows
    dense: bool  # similarity is the model's cosine (else lexical)


@dataclass
class Clustering:
    labels: np.ndarray  # cluster id per input row, -1 when unclustered
    spaces: list[Space]
    dense_weights: dict[str, float]
    vectorizers: dict[str, object] = field(default_factory=dict)  # lang -> fitted TfidfVectorizer
    tfidf: dict[str, object] = field(default_factory=dict)  # lang -> sparse TF-IDF rows (in rows order)
    lang_rows: dict[str, np.ndarray] = field(default_factory=dict)
    doc_share: dict[str, np.ndarray] = field(default_factory=dict)  # lang -> share of its rows using each term

    def clusters(self) -> list[np.ndarray]:
        """Member row indices of each cluster, biggest first."""
        order = np.argsort(self.labels, kind="stable")
        labs = self.labels[order]
        out = [order[s:e] for s, e in _runs(labs) if labs[s] >= 0]
        return sorted(out, key=len, reverse=True)


def _runs(sorted_labels: np.ndarray):
    if not len(sorted_labels):
        return
    cuts = np.flatnonzero(np.diff(sorted_labels)) + 1
    starts = np.concatenate([[0], cuts])
    ends = np.concatenate([cuts, [len(sorted_labels)]])
    yield from zip(starts.tolist(), ends.tolist())


def _noop(stage: str, fraction: float) -> None:
    return None


# -- features -------------------------------------------------------------------------------
def dense_weights(texts: Sequence[str], langs: Sequence[str], encoder: Encoder | None) -> dict[str, float]:
    """The search gate per language, measured on the inquiries' own text: 0 where the model cannot read it."""
    out = {}
    by_lang: dict[str, list[str]] = {}
    for text, lang in zip(texts, langs):
        bucket = by_lang.setdefault(lang, [])
        if len(bucket) < 2000:
            bucket.append(text)
    for lang, sample in by_lang.items():
        if encoder is None:
            out[lang] = 0.0
            continue
        try:
            out[lang] = encoder.dense_weight(encoder.representability(sample, lang))
        except EmbeddingUnavailable as exc:
            log.warning("mining without the embedding model: %s", exc)
            return {lang: 0.0 for lang in by_lang}
    return out


def _tfidf(texts: Sequence[str], lang: str):
    from sklearn.feature_extraction.text import TfidfVectorizer

    analyzer = analyzer_for(lang)
    for min_df in (2, 1):
        vec = TfidfVectorizer(analyzer=analyzer.term_list, sublinear_tf=True, min_df=min_df, dtype=np.float32)
        try:
            return vec, vec.fit_transform(texts)
        except ValueError:  # empty vocabulary: every word is rare (tiny input) or there are no words
            continue
    return None, None


def _svd(matrix, dims: int, seed: int) -> np.ndarray:
    from sklearn.decomposition import TruncatedSVD
    from sklearn.preprocessing import normalize

    n, m = matrix.shape
    dims = min(dims, n - 1, m - 1)
    if dims < 2:
        return normalize(matrix.toarray()).astype(np.float32)
    return normalize(TruncatedSVD(dims, random_state=seed).fit_transform(matrix)).astype(np.float32)


def embed(encoder: Encoder, texts: Sequence[str], config: MiningConfig, on_progress: OnProgress = _noop,
          stage: str = "embedding") -> np.ndarray:
    """Unit vectors of ``texts``; identical texts are encoded once."""
    cut = [t[: config.max_embed_chars] for t in texts]
    unique = list(dict.fromkeys(cut))
    where = {t: i for i, t in enumerate(unique)}
    total = max(1, (len(unique) + 63) // 64)

    def progress(starts):
        for n, start in enumerate(starts):
            on_progress(stage, n / total)
            yield start

    vecs = encoder.encode(unique, batch_size=64, progress=progress)
    return vecs[[where[t] for t in cut]]


def build_spaces(texts: Sequence[str], langs: Sequence[str], encoder: Encoder | None, config: MiningConfig,
                 on_progress: OnProgress = _noop) -> Clustering:
    """Features for every row, grouped into spaces (see the module docstring)."""
    from sklearn.preprocessing import normalize

    langs_arr = np.asarray(langs, dtype=object)
    weights = dense_weights(texts, langs, encoder)
    result = Clustering(labels=np.full(len(texts), -1), spaces=[], dense_weights=weights)
    for lang in sorted(weights):
        rows = np.flatnonzero(langs_arr == lang)
        result.lang_rows[lang] = rows
        vec, tfidf = _tfidf([texts[i] for i in rows], lang)
        if vec is not None:
            result.vectorizers[lang], result.tfidf[lang] = vec, tfidf
    needs_dense = np.flatnonzero([weights[lang] > 0 for lang in langs])
    dense = np.zeros((len(texts), 0), np.float32)
    if len(needs_dense) and encoder is not None:
        vecs = embed(encoder, [texts[i] for i in needs_dense], config, on_progress)
        dense = np.zeros((len(texts), vecs.shape[1]), np.float32)
        dense[needs_dense] = vecs
    joint = tuple(lang for lang, w in sorted(weights.items()) if w >= config.joint_weight)
    if joint:
        rows = np.flatnonzero(np.isin(langs_arr, joint))
        result.spaces.append(Space(joint, rows, dense[rows], True))
    for lang, w in sorted(weights.items()):
        if lang in joint or lang not in result.tfidf:
            continue
        rows = result.lang_rows[lang]
        lexical = _svd(result.tfidf[lang], config.lexical_dims, config.seed)
        if w > 0:
            lexical = normalize(np.hstack([np.sqrt(w) * dense[rows], np.sqrt(1 - w) * lexical])).astype(np.float32)
        result.spaces.append(Space((lang,), rows, lexical, False))
    return result


# -- clustering -----------------------------------------------------------------------------
def knn(matrix: np.ndarray, k: int, block: int = 512) -> tuple[np.ndarray, np.ndarray]:
    """Exact k nearest neighbours by cosine (rows are unit length), in blocks of rows: O(block x n) memory."""
    n = len(matrix)
    k = min(k, n - 1)
    idx = np.empty((n, k), np.int64)
    sims = np.empty((n, k), np.float32)
    for start in range(0, n, block):
        s = matrix[start : start + block] @ matrix.T
        s[np.arange(len(s)), np.arange(start, start + len(s))] = -np.inf
        part = np.argpartition(-s, k - 1, axis=1)[:, :k]
        idx[start : start + block] = part
        sims[start : start + block] = np.take_along_axis(s, part, 1)
    return idx, sims


def leiden(matrix: np.ndarray, config: MiningConfig) -> np.ndarray:
    """Community of each row in the k-NN similarity graph; -1 for groups under ``min_size``."""
    import igraph

    n = len(matrix)
    if n < max(config.min_size, 2):
        return np.full(n, -1)
    idx, sims = knn(matrix, config.neighbours)
    src = np.repeat(np.arange(n), idx.shape[1])
    keep = sims.ravel() > 0
    graph = igraph.Graph(n=n, edges=np.column_stack([src[keep], idx.ravel()[keep]]).tolist(), directed=False)
    graph.es["weight"] = sims.ravel()[keep].astype(float).tolist()
    graph = graph.simplify(combine_edges="max")
    igraph.set_random_number_generator(random.Random(config.seed))
    try:
        membership = np.asarray(graph.community_leiden(objective_function="modularity", weights="weight",
                                                       resolution=config.resolution, n_iterations=5).membership)
    finally:
        igraph.set_random_number_generator(random)
    sizes = np.bincount(membership)
    membership[sizes[membership] < config.min_size] = -1
    return membership


def merge_close(matrix: np.ndarray, labels: np.ndarray, threshold: float) -> np.ndarray:
    """Join clusters whose centroids are at least ``threshold`` alike (one question split in two)."""
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import connected_components

    ids = np.unique(labels[labels >= 0])
    if len(ids) < 2:
        return labels
    centroids = np.stack([matrix[labels == c].mean(axis=0) for c in ids])
    centroids /= np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-12)
    _, component = connected_components(csr_matrix(centroids @ centroids.T >= threshold), directed=False)
    lookup = dict(zip(ids.tolist(), component.tolist()))
    return np.array([lookup[c] if c >= 0 else -1 for c in labels.tolist()])


def cluster(texts: Sequence[str], langs: Sequence[str], encoder: Encoder | None,
            config: MiningConfig = MiningConfig(), on_progress: OnProgress = _noop) -> Clustering:
    """Features, then communities in each space; labels are unique across spaces."""
    result = build_spaces(texts, langs, encoder, config, on_progress)
    on_progress("clustering", 0.0)
    next_label = 0
    for i, space in enumerate(result.spaces):
        # Greetings and thanks ask nothing; left in, they glue unrelated questions together.
        asking = np.array([not is_courtesy(texts[r], langs[r]) for r in space.rows], bool)
        labels = np.full(len(space.rows), -1)
        if asking.any():
            found = leiden(space.matrix[asking], config)
            labels[asking] = merge_close(space.matrix[asking], found, config.merge_cosine) if config.merge_cosine else found
        found = labels >= 0
        result.labels[space.rows[found]] = labels[found] + next_label
        next_label += int(labels.max()) + 1 if found.any() else 0
        on_progress("clustering", (i + 1) / len(result.spaces))
    return result


# -- evidence -------------------------------------------------------------------------------
@dataclass
class ClusterSummary:
    members: np.ndarray  # row indices, most central first
    lang: str
    langs: dict[str, int]
    representative: str
    examples: list[str]
    term_keys: list[tuple[str, str]]  # (analyzer term, the surface word shown)
    dense: bool
    centroid: np.ndarray
    channels: dict[str, int] = field(default_factory=dict)
    weekly: list[list] = field(default_factory=list)
    draft_answer: str = ""
    priority: str = ""
    nearest: dict = field(default_factory=dict)
    coverage: str = "gap"
    coverage_score: float = 0.0
    signals: dict = field(default_factory=dict)
    recent: int = 0
    score: float = 0.0

    @property
    def terms(self) -> list[str]:
        return [surface for _, surface in self.term_keys]


def _space_of(clustering: Clustering) -> tuple[np.ndarray, np.ndarray]:
    """(space index, row position within its space) per input row."""
    n = len(clustering.labels)
    space_of = np.full(n, -1)
    pos = np.full(n, -1)
    for s, space in enumerate(clustering.spaces):
        space_of[space.rows] = s
        pos[space.rows] = np.arange(len(space.rows))
    return space_of, pos


def _norm_text(text: str) -> str:
    return " ".join(text.casefold().split())


def key_terms(clustering: Clustering, texts: Sequence[str], members: np.ndarray, lang: str,
              limit: int) -> list[tuple[str, str]]:
    """Class-based TF-IDF: (term, surface word) frequent in the cluster and rare in the rest of its language."""
    vec, tfidf = clustering.vectorizers.get(lang), clustering.tfidf.get(lang)
    if vec is None:
        return []
    rows = clustering.lang_rows[lang]
    local = np.searchsorted(rows, members[np.isin(members, rows)])
    if not len(local):
        return []
    # Share of the cluster's inquiries using a word, weighted by how much more often than in the
    # language overall (a KL-divergence term): "gift" beats "please" and the language's fillers.
    present = tfidf[local] > 0
    share = np.asarray(present.sum(axis=0)).ravel() / len(local)
    overall = clustering.doc_share.get(lang)
    if overall is None:
        overall = clustering.doc_share[lang] = np.asarray((tfidf > 0).sum(axis=0)).ravel() / tfidf.shape[0]
    with np.errstate(divide="ignore", invalid="ignore"):
        weight = np.where(share > 0, share * np.log(share / np.maximum(overall, 1e-9)), 0.0)
    vocab = vec.get_feature_names_out()
    best = [vocab[i] for i in np.argsort(-weight)[: limit * 3] if weight[i] > 0]
    # Show the surface word people typed most for each stem ("delivery", not "deliveri").
    analyzer = analyzer_for(lang)
    surface: dict[str, Counter] = {t: Counter() for t in best}
    for i in members[:200]:
        for term, start, end in analyzer.terms(texts[i]):
            if term in surface:
                surface[term][texts[i][start:end].casefold()] += 1
    return [(t, surface[t].most_common(1)[0][0] if surface[t] else t) for t in best][:limit]


@functools.lru_cache(maxsize=64)
def _courtesy_terms(lang: str) -> frozenset[str]:
    analyzer = analyzer_for(lang)
    words = COURTESY.get(lang.split("-")[0], "")
    return frozenset(analyzer.term_list(words)) | frozenset(t for t, _, _ in analyzer.terms(words, stop=False))


def is_courtesy(text: str, lang: str) -> bool:
    """True for a message with no words beyond greetings, thanks and sign-offs."""
    courtesy = _courtesy_terms(lang)
    return all(term in courtesy or len(term) < 2 for term in analyzer_for(lang).term_list(text))


def triage(texts: Sequence[str]) -> str:
    """The triage tag most member inquiries mention (at least a fifth of them), or ""."""
    counts = Counter()
    for text in texts:
        low = text.casefold()
        for tag, words in TRIAGE.items():
            if any(w in low for w in words):
                counts[tag] += 1
    if not counts:
        return ""
    tag, n = max(counts.items(), key=lambda kv: (kv[1], -TRIAGE_ORDER.index(kv[0])))
    return tag if n * 5 >= len(texts) else ""


def _letter_part(paragraph: str) -> bool:
    """A greeting or a sign-off: a few short lines ("Hi Fatima," / "Kind regards,\nJoost\nSupport")."""
    lines = [line.strip() for line in paragraph.split("\n") if line.strip()]
    return 0 < len(lines) <= 4 and all(len(line) <= 40 for line in lines)


def answer_text(reply: str) -> str:
    """An agent's reply without the letter around it: a short greeting paragraph first and a
    short sign-off last go (they carry the customer's and the agent's names); redacted."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", redact(reply or "").replace("\r\n", "\n")) if p.strip()]
    if len(paragraphs) > 1 and _letter_part(paragraphs[0]):
        paragraphs = paragraphs[1:]
    if len(paragraphs) > 1 and _letter_part(paragraphs[-1]):
        paragraphs = paragraphs[:-1]
    return "\n\n".join(paragraphs)


def typical_reply(replies: Sequence[str], lang: str) -> str:
    """The agent reply most similar to all the others (the medoid in TF-IDF space), without greeting
    and sign-off."""
    replies = [r for r in dict.fromkeys(answer_text(r) for r in replies) if r]
    if len(replies) <= 2:
        return replies[0] if replies else ""
    vec, m = _tfidf(replies, lang)
    if vec is None:
        return replies[0]
    sims = np.asarray((m @ m.T).sum(axis=1)).ravel()
    return replies[int(np.argmax(sims))]


def weekly_counts(times: Sequence[dt.datetime | None]) -> list[list]:
    """[[Monday of the ISO week, count], ...] in time order."""
    weeks = Counter()
    for t in times:
        if t is not None:
            monday = (t.date() - dt.timedelta(days=t.weekday())).isoformat()
            weeks[monday] += 1
    return [[w, weeks[w]] for w in sorted(weeks)]


def summarize(clustering: Clustering, texts: Sequence[str], langs: Sequence[str], config: MiningConfig, *,
              channels: Sequence[str] | None = None, times: Sequence[dt.datetime | None] | None = None,
              replies: Sequence[str] | None = None, counted: np.ndarray | None = None) -> list[ClusterSummary]:
    """Evidence for every cluster. ``counted`` marks the rows that are inquiries (not site signals)."""
    space_of, pos = _space_of(clustering)
    counted = np.ones(len(texts), bool) if counted is None else counted
    out = []
    for members in clustering.clusters():
        members = members[counted[members]]
        if len(members) < config.min_size:
            continue
        space = clustering.spaces[space_of[members[0]]]
        vecs = space.matrix[pos[members]]
        centroid = vecs.mean(axis=0)
        centroid /= np.linalg.norm(centroid) or 1.0
        members = members[np.argsort(-(vecs @ centroid), kind="stable")]
        lang_counts = Counter(langs[i] for i in members)
        lang = lang_counts.most_common(1)[0][0]
        examples, seen = [], set()
        for i in members:
            key = _norm_text(texts[i])
            if key not in seen:
                seen.add(key)
                examples.append(texts[i])
            if len(examples) >= config.examples:
                break
        summary = ClusterSummary(members=members, lang=lang, langs=dict(lang_counts.most_common()),
                                 representative=texts[members[0]], examples=examples,
                                 term_keys=key_terms(clustering, texts, members, lang, config.terms),
                                 dense=space.dense, centroid=centroid,
                                 priority=triage([texts[i] for i in members]))
        if channels is not None:
            summary.channels = dict(Counter(channels[i] for i in members).most_common())
        if times is not None:
            summary.weekly = weekly_counts([times[i] for i in members])
        if replies is not None:
            summary.draft_answer = typical_reply([replies[i] for i in members if replies[i]], lang)
        out.append(summary)
    return out


# -- coverage and ranking -------------------------------------------------------------------
def _doc_terms(doc: Document) -> frozenset[str]:
    return frozenset(analyzer_for(doc.lang).term_list(doc.dense_text()))


def assess_coverage(summaries: list[ClusterSummary], docs_by_lang: dict[str, list[Document]],
                    encoder: Encoder | None, config: MiningConfig, search=None) -> None:
    """Nearest published article or section per cluster, how well it covers the cluster, and the verdict.

    Where the cluster lives in the dense space, the nearest is the section (or whole article)
    most similar to the cluster's centroid and the score is that cosine. Elsewhere cosine over
    TF-IDF is no measure (README: it ranks the right article below others), so the nearest is
    what the help center's own search returns for the cluster's central examples, and the score
    is the share of the cluster's key terms that the article contains.
    """
    docs_by_lang = {lang: [d for d in docs if d.status == "published"] for lang, docs in docs_by_lang.items()}
    by_id = {d.id: d for docs in docs_by_lang.values() for d in docs}
    dense_cache: dict[str, np.ndarray] = {}
    for summary in summaries:
        docs = docs_by_lang.get(summary.lang)
        if not docs:
            continue
        if summary.dense and encoder is not None:
            if summary.lang not in dense_cache:
                dense_cache[summary.lang] = embed(encoder, [d.dense_text() for d in docs], config)
            sims = dense_cache[summary.lang] @ summary.centroid
            best = int(np.argmax(sims))
            doc, score = docs[best], float(sims[best])
            answered, partial = config.answered[0], config.partial[0]
        else:
            found = _searched_nearest(summary, search, by_id) if search is not None else None
            if found is None:
                continue
            doc, agreement = found
            whole = by_id.get(f"{doc.lang}/{doc.article}", doc)
            keys = [t for t, _ in summary.term_keys]
            score = (agreement + sum(t in _doc_terms(whole) for t in keys) / max(len(keys), 1)) / 2
            answered, partial = config.answered[1], config.partial[1]
        summary.nearest = {"lang": doc.lang, "slug": doc.article, "anchor": doc.anchor, "title": doc.title,
                           "section": doc.section, "score": round(score, 3)}
        summary.coverage_score = round(score, 3)
        summary.coverage = "answered" if score >= answered else "partial" if score >= partial else "gap"


def _searched_nearest(summary: ClusterSummary, search, by_id: dict[str, Document]) -> tuple[Document, float] | None:
    """The section the help center's search ranks first most often for the cluster's central examples,
    and the share of those examples whose first hit is that article."""
    votes: Counter = Counter()
    firsts: Counter = Counter()
    examples = summary.examples[:5]
    for example in examples:
        try:
            hits = search(example, summary.lang, limit=3, fallback=False).hits
        except Exception as exc:  # noqa: BLE001 - no index yet: coverage unknown, mining goes on
            log.warning("coverage search failed: %s", exc)
            return None
        for rank_, hit in enumerate(hits):
            votes[f"{hit.lang}/{hit.article}" + (f"#{hit.anchor}" if hit.anchor else "")] += 1.0 / (rank_ + 1)
        if hits:
            firsts[hits[0].article] += 1
    for doc_id, _ in votes.most_common():
        if doc_id in by_id:
            doc = by_id[doc_id]
            return doc, firsts[doc.article] / max(len(examples), 1)
    return None


def rank(summaries: list[ClusterSummary], times: Sequence[dt.datetime | None] | None, config: MiningConfig,
         now: dt.datetime | None = None) -> None:
    """Score = recency-weighted size (plus site signals) x how uncovered the question is."""
    known = [t for t in (times or []) if t is not None]
    newest = now or (max(known) if known else None)
    for s in summaries:
        if newest is not None and times is not None:
            ages = np.array([(newest - times[i]).total_seconds() / 86400 if times[i] else config.half_life_days
                             for i in s.members])
            weight = float(np.sum(0.5 ** (np.maximum(ages, 0) / config.half_life_days)))
            s.recent = int(np.sum(ages <= 30))
        else:
            weight = float(len(s.members))
            s.recent = len(s.members)
        signal = s.signals.get("failed_searches", 0) + 2 * s.signals.get("not_helpful", 0)
        s.score = round((weight + 0.5 * signal) * COVERAGE_FACTOR[s.coverage], 3)
    summaries.sort(key=lambda s: (-s.score, -len(s.members)))


# -- the staff job: database in, suggestions out ---------------------------------------------
@dataclass
class _Rows:
    ids: list[int | None] = field(default_factory=list)  # inquiry id, None for a site signal
    texts: list[str] = field(default_factory=list)
    langs: list[str] = field(default_factory=list)
    channels: list[str] = field(default_factory=list)
    times: list[dt.datetime | None] = field(default_factory=list)
    replies: list[str] = field(default_factory=list)
    fingerprints: list[str] = field(default_factory=list)
    previous: list[int | None] = field(default_factory=list)  # suggestion id from the last run

    def add(self, **kw) -> None:
        for name, value in kw.items():
            getattr(self, name).append(value)


def load_rows(db: Database, site_langs: Sequence[str], *, since: dt.datetime | None = None,
              signal_days: int = 90) -> _Rows:
    """Inquiries, then the site's signals (failed searches, not-helpful reasons) in the same languages."""
    rows = _Rows()
    with db.session() as s:
        q = select(Inquiry.id, Inquiry.text, Inquiry.lang, Inquiry.channel, Inquiry.created_at, Inquiry.reply,
                   Inquiry.fingerprint, Inquiry.suggestion_id).order_by(Inquiry.id)
        if since is not None:
            q = q.where(Inquiry.created_at >= since)
        for i, text, lang, channel, created, reply, fp, sid in s.execute(q).yield_per(2000):
            rows.add(ids=i, texts=text, langs=lang, channels=channel, times=as_utc(created), replies=reply or "",
                     fingerprints=fp or str(i), previous=sid)
        cutoff = utcnow() - dt.timedelta(days=signal_days)
        failed = (select(SearchEvent.query, SearchEvent.lang, SearchEvent.created_at)
                  .where(SearchEvent.created_at >= cutoff, SearchEvent.lang.in_(list(site_langs)),
                         (SearchEvent.results == 0) | SearchEvent.clicked_position.is_(None))
                  .limit(20_000))
        for text, lang, created in s.execute(failed):
            rows.add(ids=None, texts=text, langs=lang, channels="search", times=as_utc(created), replies="",
                     fingerprints="", previous=None)
        votes = (select(Vote.reason, Vote.lang, Vote.created_at)
                 .where(Vote.helpful.is_(False), Vote.reason.is_not(None), Vote.created_at >= cutoff,
                        Vote.lang.in_(list(site_langs))).limit(5_000))
        for text, lang, created in s.execute(votes):
            rows.add(ids=None, texts=text, langs=lang, channels="vote", times=as_utc(created), replies="",
                     fingerprints="", previous=None)
    return rows


def _fingerprint(rows: _Rows, members: np.ndarray) -> str:
    return hashlib.sha256("\n".join(sorted(rows.fingerprints[i] for i in members)).encode()).hexdigest()[:32]


def _match_previous(summaries: list[ClusterSummary], rows: _Rows, existing: dict[int, int]) -> dict[int, int]:
    """summary index -> suggestion id of the last run that it continues (most shared inquiries, >= half)."""
    pairs = []
    for n, s in enumerate(summaries):
        for sid, shared in Counter(rows.previous[i] for i in s.members if rows.previous[i] is not None).items():
            if sid in existing and shared * 2 >= min(len(s.members), existing[sid]):
                pairs.append((shared, n, sid))
    out, used = {}, set()
    for shared, n, sid in sorted(pairs, reverse=True):
        if n not in out and sid not in used:
            out[n] = sid
            used.add(sid)
    return out


def mine(db: Database, kb_search, *, config: MiningConfig = MiningConfig(), since: dt.datetime | None = None,
         on_progress: OnProgress = _noop) -> dict:
    """Cluster every stored inquiry and update the suggestions; returns counts for the report."""
    import time

    started = time.perf_counter()
    site_langs = kb_search.articles.languages()
    on_progress("loading", 0.0)
    rows = load_rows(db, site_langs, since=since)
    counted = np.array([i is not None for i in rows.ids], bool)
    report = {"inquiries": int(counted.sum()), "signals": int((~counted).sum()), "clusters": 0, "created": 0,
              "updated": 0, "removed": 0, "unclustered": 0}
    if not counted.any():
        return report
    clustering = cluster(rows.texts, rows.langs, kb_search.mining_encoder, config, on_progress)
    on_progress("evidence", 0.0)
    summaries = summarize(clustering, rows.texts, rows.langs, config, channels=rows.channels, times=rows.times,
                          replies=rows.replies, counted=counted)
    for s in summaries:  # site signals that fell into the cluster
        members = np.flatnonzero(clustering.labels == clustering.labels[s.members[0]])
        sig = Counter(rows.channels[i] for i in members if not counted[i])
        s.signals = {"failed_searches": sig.get("search", 0), "not_helpful": sig.get("vote", 0)}
    on_progress("coverage", 0.0)
    assess_coverage(summaries, kb_search.documents(), kb_search.mining_encoder, config, search=kb_search.search)
    inquiry_times = [t if c else None for t, c in zip(rows.times, counted)]
    rank(summaries, inquiry_times, config)
    on_progress("saving", 0.0)
    report.update(_save(db, rows, summaries))
    report["clusters"] = len(summaries)
    clustered = sum(len(s.members) for s in summaries)
    report["unclustered"] = report["inquiries"] - clustered
    report["seconds"] = round(time.perf_counter() - started, 1)
    report["dense_weights"] = clustering.dense_weights
    on_progress("done", 1.0)
    return report


def _save(db: Database, rows: _Rows, summaries: list[ClusterSummary]) -> dict:
    now = utcnow()
    created = updated = 0
    with db.session() as s:
        existing = dict(s.execute(select(Suggestion.id, Suggestion.size)).all())
        matched = _match_previous(summaries, rows, existing)
        assignment: dict[int, int] = {}
        for n, summary in enumerate(summaries):
            sug = s.get(Suggestion, matched[n]) if n in matched else None
            if sug is None:
                sug = Suggestion(fingerprint=_fingerprint(rows, summary.members), status="new", created_at=now)
                s.add(sug)
                created += 1
            else:
                updated += 1
            sug.coverage, sug.lang, sug.priority = summary.coverage, summary.lang, summary.priority
            sug.size, sug.recent, sug.score = len(summary.members), summary.recent, summary.score
            sug.title = summary.representative[:500]
            sug.langs, sug.channels, sug.weekly = summary.langs, summary.channels, summary.weekly
            sug.terms, sug.examples = summary.terms, [e[:1000] for e in summary.examples]
            sug.draft_answer = summary.draft_answer
            sug.nearest, sug.coverage_score, sug.signals = summary.nearest, summary.coverage_score, summary.signals
            sug.mined_at = now
            s.flush()
            for i in summary.members:
                assignment[rows.ids[i]] = sug.id
        # Suggestions nobody acted on whose cluster is gone are dropped; acted-on ones stay as history.
        kept = set(assignment.values())
        stale = [sid for sid in existing if sid not in kept]
        removed = 0
        if stale:
            s.execute(update(Inquiry).where(Inquiry.suggestion_id.in_(stale)).values(suggestion_id=None))
            for sug in s.scalars(select(Suggestion).where(Suggestion.id.in_(stale), Suggestion.status == "new")):
                s.delete(sug)
                removed += 1
        changed = [{"id": iid, "suggestion_id": assignment.get(iid)} for iid, prev in zip(rows.ids, rows.previous)
                   if iid is not None and assignment.get(iid) != prev]
        for start in range(0, len(changed), 5000):
            s.execute(update(Inquiry), changed[start : start + 5000])
    return {"created": created, "updated": updated, "removed": removed}


def import_and_mine(db: Database, kb_search, path: str, *, secret: str, mapping: dict[str, str] | None = None,
                    since: dt.datetime | None = None, on_progress: OnProgress = _noop,
                    config: MiningConfig = MiningConfig()) -> dict:
    """Import a log (redacted, de-duplicated), then mine everything stored; the counts of both steps."""
    import os

    from .ingest import ingest
    from .langdetect import LanguageDetector

    size = max(1, os.path.getsize(path))
    detector = LanguageDetector(kb_search.articles.languages(), kb_search.articles.default_lang)
    report = ingest(db, path, secret=secret, mapping=mapping, since=since, detector=detector,
                    on_bytes=lambda done: on_progress("importing", min(1.0, done / size)))
    mined = mine(db, kb_search, config=config, on_progress=on_progress)
    return {"import": report.as_dict(), "mine": mined}
