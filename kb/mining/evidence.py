"""Step 3, evidence per cluster: size, languages, channels, weekly trend, the representative and
distinct examples, key terms (class-based TF-IDF) and the typical agent reply (the topic: :mod:`kb.mining.triage`)."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from kb.mining.features import fit_tfidf
from kb.mining.model import Clustering, MiningConfig
from kb.mining.redaction import redact
from kb.mining.wording import Fillers, NoteFrames, agent_written, clean_wording, wording_problems
from search import analyzer_for

TITLE_CHARS = 160  # longer is a pasted e-mail, not a question  # ties go to the earlier (more urgent) tag


# Words of greetings, thanks, sign-offs and openers ("is anyone there?", "I have a question"): a
# message made only of these asks nothing, and a cluster of such messages ("thanks, solved!") is
# conversation, not a question to answer.
COURTESY = {
    "en": "hi hello hey dear team thanks thank thx ty you very much ok okay great perfect solved sorted resolved "
    "good morning afternoon evening bye cheers regards kind best all fine got it yes no sure awesome nice "
    "appreciate help helpful sir madam there again never mind found works now fixed anyway lovely "
    "anyone anybody someone somebody question quick ask lot worked",
    "id": "hai halo hi kak kakak min admin gan terima kasih makasih trims thanks ok oke baik sudah selesai siap "
    "mantap sip pagi siang sore malam selamat salam ya iya yaa nggak gak tidak sama sama banyak "
    "permisi ada orang mau tanya nanya jadi ketemu udah beres",
    "lv": "sveiki labdien labrīt labvakar paldies liels ļoti viss kārtībā labi skaidrs jā nē atrisināts "
    "ar cieņu sveicieni lūdzu jauku dienu kāds jautājums jautāt ātro palīdzību",
    "th": "สวัสดี สวัสดีครับ สวัสดีค่ะ ขอบคุณ ขอบคุณครับ ขอบคุณค่ะ ขอบคุณมาก ครับ ค่ะ คะ คับ จ้า นะ นะคะ "
    "ได้รับ ของ แล้ว โอเค ได้ เรียบร้อย ค่ะ ครับผม มากๆ มาก ไม่เป็นไร มีใคร อยู่ ไหม ทัก สอบถาม หน่อย เจอ",
    "fa": "سلام درود وقت بخیر روز عصر شب ممنون متشکرم مرسی سپاس خیلی باشه متوجه شدم حل شد عالی خداحافظ "
    "با تشکر تشکر لطف کردید ممنونم کسی هست سوال سؤال دارم",
}


@dataclass
class ClusterSummary:
    members: np.ndarray  # row indices, most central first
    lang: str
    langs: dict[str, int]
    representative: str  # the title in ``lang``
    titles: dict[str, str]  # lang -> the question as asked there (:func:`title_of`)
    examples: list[dict[str, str]]  # {"text", "lang"}
    term_keys: list[tuple[str, str]]  # (analyzer term, the surface word shown)
    dense: bool
    vectors: np.ndarray  # the most central members' vectors; dense: the model's own (coverage)
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


def key_terms(clustering: Clustering, members: np.ndarray, lang: str, limit: int) -> list[tuple[str, str]]:
    """Class-based TF-IDF over what was read of each inquiry (no greeting, signed name or order
    number: :func:`~kb.mining.features.what_is_asked`): (term, surface word) frequent in the cluster
    and rare in the rest of its language, discounted by how many other clusters use it too; never
    a stop word of the language (stopwordsiso's maintained lists), a courtesy word or a number."""
    vec, weights = clustering.vectorizers.get(lang), clustering.tfidf.get(lang)  # set together (build_spaces)
    if vec is None or weights is None:
        return []
    rows = clustering.lang_rows[lang]
    local = np.searchsorted(rows, members[np.isin(members, rows)])
    if not len(local):
        return []
    # Share of the cluster's inquiries using a word, weighted by how much more often than in the
    # language overall (a KL-divergence term): "gift" beats "please" and the language's fillers.
    present = weights[local] > 0
    share = np.asarray(present.sum(axis=0)).ravel() / len(local)
    overall = clustering.doc_share.get(lang)
    if overall is None:
        overall = clustering.doc_share[lang] = np.asarray((weights > 0).sum(axis=0)).ravel() / weights.shape[0]
    clusters_using = clustering.cluster_share.get(lang)
    if clusters_using is None:
        clusters_using = clustering.cluster_share[lang] = _cluster_share(clustering, lang)
    with np.errstate(divide="ignore", invalid="ignore"):
        weight = np.where(share > 0, share * np.log(share / np.maximum(overall, 1e-9)), 0.0)
    weight = weight * (1.0 - clusters_using)  # "order", "please": words many clusters share say nothing
    vocab = vec.get_feature_names_out()
    stop = _stop_terms(lang)
    best = [
        vocab[i]
        for i in np.argsort(-weight)[: limit * 4]
        if weight[i] > 0 and vocab[i] not in stop and any(c.isalpha() for c in vocab[i])  # not "18", "2047"
    ]
    # Show the surface word people typed most for each stem ("delivery", not "deliveri").
    analyzer = analyzer_for(lang)
    surface: dict[str, Counter] = {t: Counter() for t in best}
    read = clustering.asked  # what the TF-IDF was fitted on
    for i in members[:200]:
        for term, start, end in analyzer.terms(read[i]):
            if term in surface:
                surface[term][read[i][start:end].casefold()] += 1
    return [(t, surface[t].most_common(1)[0][0] if surface[t] else t) for t in best][:limit]


def _cluster_share(clustering: Clustering, lang: str) -> np.ndarray:
    """Per term of ``lang``: the share of its clusters (with 3+ rows in it) in which a fifth of
    those rows use the term."""
    weights = clustering.tfidf[lang]
    rows = clustering.lang_rows[lang]
    using = np.zeros(weights.shape[1])
    n = 0
    for members in clustering.clusters():
        local = np.searchsorted(rows, members[np.isin(members, rows)])
        if len(local) < 3:
            continue
        n += 1
        using += np.asarray((weights[local] > 0).sum(axis=0)).ravel() >= 0.2 * len(local)
    return using / n if n > 1 else using * 0.0


@functools.lru_cache(maxsize=64)
def _stop_terms(lang: str) -> frozenset[str]:
    """The analyzer's terms of the language's stop words (stopwordsiso) and courtesy words."""
    import stopwordsiso

    base = lang.split("-", maxsplit=1)[0]
    words = " ".join(stopwordsiso.stopwords(base)) if stopwordsiso.has_lang(base) else ""
    analyzer = analyzer_for(lang)
    return _courtesy_terms(lang) | frozenset(t for t, _, _ in analyzer.terms(words, stop=False))


@functools.lru_cache(maxsize=64)
def _courtesy_terms(lang: str) -> frozenset[str]:
    analyzer = analyzer_for(lang)
    words = COURTESY.get(lang.split("-", maxsplit=1)[0], "")
    return frozenset(analyzer.term_list(words)) | frozenset(t for t, _, _ in analyzer.terms(words, stop=False))


def is_courtesy(text: str, lang: str) -> bool:
    """True for a message with no words beyond greetings, thanks and sign-offs."""
    courtesy = _courtesy_terms(lang)
    return all(term in courtesy or len(term) < 2 for term in analyzer_for(lang).term_list(text))


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
    vec, m = fit_tfidf(replies, lang)
    if vec is None:
        return replies[0]
    sims = np.asarray((m @ m.T).sum(axis=1)).ravel()
    return replies[int(np.argmax(sims))]


def weekly_counts(times: Sequence[dt.datetime | None]) -> list[list]:
    """[[Monday of the ISO week, count], ...] in time order."""
    weeks: Counter[str] = Counter()
    for t in times:
        if t is not None:
            monday = (t.date() - dt.timedelta(days=t.weekday())).isoformat()
            weeks[monday] += 1
    return [[w, weeks[w]] for w in sorted(weeks)]


def title_of(central: Sequence[str], lang: str, fillers: Fillers | None = None) -> str:
    """A cluster's question in one language: the most central inquiry that, cleaned of greeting,
    names, order numbers and placeholders (:func:`clean_wording`) and of the log's ``fillers``, is a
    short line with nothing customer-specific left and nothing cut out of it ("please cancel one of
    them" once its order number is gone); else the most central short one with a cut; else the most
    central one cleaned as well as it can be."""
    return _title(central, lang, fillers)[1]


def _title(central: Sequence[str], lang: str, fillers: Fillers | None) -> tuple[int, str]:
    """:func:`title_of` and the position in ``central`` of the inquiry it comes from (-1: none)."""
    cut = fallback = None
    for n, text in enumerate(central):
        cleaned = clean_wording(text, lang)
        line = " ".join((fillers.strip(cleaned.text, lang) if fillers else cleaned.text).split())
        if not line:
            continue
        if len(line) <= TITLE_CHARS and not wording_problems(line, cleaned.names):
            if not cleaned.cut:
                return n, line
            cut = cut or (n, line)
        fallback = fallback or (n, line[:TITLE_CHARS])
    return cut or fallback or (-1, "")


def language_titles(
    members: np.ndarray,
    texts: Sequence[str],
    langs: Sequence[str],
    main: str,
    min_size: int,
    *,
    skip: frozenset[str] = frozenset(),
    channels: Sequence[str] | None = None,
    frames: NoteFrames | None = None,
    fillers: Fillers | None = None,
    vector: Callable[[int], np.ndarray] | None = None,
) -> dict[str, str]:
    """The cluster's question per language (:func:`title_of`) for its main language and every language
    it holds at least ``min_size`` members of: one Thai message among 129 English ones is not how the
    question is asked in Thai, and staff reading in Thai see the main language's title instead.
    With ``channels``, the customers' own words among the 30 most central come first: an agent's
    note of a call ("Customer called, asks when the refund arrives. Advised as per help center.") is
    the title only where they have nothing else, and then without the notes' ``frames``; every
    title without the log's ``fillers`` ("This is quite urgent.").

    With ``vector`` (a row's vector in the space the cluster was found in), each other language's
    title is the phrasing nearest the main title's inquiry among its 30 most central, so that every
    language names the same question where a cluster holds neighbouring ones (under the demo's
    "Only half my order arrived. Is there a second parcel?" Persian read "someone else's order was in
    the parcel")."""
    counts = Counter(langs[i] for i in members)
    wanted = [code for code, n in counts.items() if (code == main or n >= min_size) and code not in skip]
    wanted.sort(key=lambda code: code != main)  # the main language first: the others follow it

    def note(i: int) -> bool:
        return channels is not None and agent_written(channels[i])

    def wording(i: int) -> str:
        return frames.strip(texts[i], langs[i]) if frames is not None and note(i) else texts[i]

    titles = {}
    anchor: np.ndarray | None = None
    for code in wanted:
        central = [i for i in members.tolist() if langs[i] == code][:30]
        if anchor is not None and vector is not None:
            central.sort(key=lambda i: -float(vector(i) @ anchor))
        central.sort(key=note)  # stable: the customers' own words first
        at, titles[code] = _title([wording(i) for i in central], code, fillers)
        if code == main and at >= 0 and vector is not None:
            anchor = vector(central[at])
    return {code: title for code, title in titles.items() if title}


def quoted(members: np.ndarray, asks: np.ndarray | None) -> np.ndarray:
    """The members a cluster's evidence quotes: those that ``asks`` marks (per input row); all of
    them where none does (a cluster of nothing but thanks or spam, which assign_topics votes out)."""
    return members[asks[members]] if asks is not None and asks[members].any() else members


def _rows_of(matrix: np.ndarray, pos: np.ndarray) -> Callable[[int], np.ndarray]:
    """Input row -> its vector in a space's matrix (``pos``: each input row's place there)."""
    return lambda i: matrix[pos[i]]


def _examples(members: np.ndarray, texts: Sequence[str], langs: Sequence[str], limit: int) -> list[dict[str, str]]:
    """Distinct inquiries, most central first, and at least the two most central in every language
    of the cluster: staff who read one of them see how it is asked there."""
    chosen: list[dict[str, str]] = []
    seen: set[str] = set()
    per_lang: Counter[str] = Counter()
    for i in members:
        key = _norm_text(texts[i])
        if key in seen:
            continue
        if len(chosen) < limit or per_lang[langs[i]] < 2:
            seen.add(key)
            chosen.append({"text": texts[i], "lang": langs[i]})
            per_lang[langs[i]] += 1
    return chosen


def summarize(
    clustering: Clustering,
    texts: Sequence[str],
    langs: Sequence[str],
    config: MiningConfig,
    *,
    channels: Sequence[str] | None = None,
    times: Sequence[dt.datetime | None] | None = None,
    replies: Sequence[str] | None = None,
    counted: np.ndarray | None = None,
    asks: np.ndarray | None = None,
) -> list[ClusterSummary]:
    """Evidence for every cluster. ``counted`` marks the rows that are inquiries (not site signals),
    ``asks`` those that ask something (:func:`kb.mining.triage.inquiry_topics`): a cluster's title,
    examples, key terms, draft answer and coverage come from those, so the follower offer that fell
    among price-match questions neither titles nor answers them; its size, languages, channels and
    weeks count every member."""
    space_of, pos = _space_of(clustering)
    counted = np.ones(len(texts), bool) if counted is None else counted
    fillers = Fillers(clustering.asked, langs, clustering.labels) if clustering.asked else None
    out = []
    for cluster_rows in clustering.clusters():
        members = cluster_rows[counted[cluster_rows]]
        if len(members) < config.min_size:
            continue
        space = clustering.spaces[space_of[members[0]]]
        vecs = space.matrix[pos[members]]
        centre = vecs.mean(axis=0)
        members = members[np.argsort(-(vecs @ centre), kind="stable")]
        shown = quoted(members, asks)
        # Documents are compared with the model's own vectors, not the centred ones clustered.
        central = (space.raw if space.raw is not None else space.matrix)[pos[shown[: config.coverage_members]]]
        lang = Counter(langs[i] for i in shown).most_common(1)[0][0]
        titles = language_titles(
            shown,
            texts,
            langs,
            lang,
            config.min_size,
            channels=channels,
            frames=clustering.frames,
            fillers=fillers,
            vector=_rows_of(space.matrix, pos),
        )
        summary = ClusterSummary(
            members=members,
            lang=lang,
            langs=dict(Counter(langs[i] for i in members).most_common()),
            representative=titles.get(lang, ""),
            titles=titles,
            examples=_examples(shown, texts, langs, config.examples),
            term_keys=key_terms(clustering, shown, lang, config.terms),
            dense=space.dense,
            vectors=central,
        )
        if channels is not None:
            summary.channels = dict(Counter(channels[i] for i in members).most_common())
        if times is not None:
            summary.weekly = weekly_counts([times[i] for i in members])
        if replies is not None:
            summary.draft_answer = typical_reply([replies[i] for i in shown if replies[i]], lang)
        out.append(summary)
    return out
