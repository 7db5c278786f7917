"""New inquiries added to the suggestions they match, without clustering everything again.

An upload can either re-mine (:func:`kb.mining.pipeline.mine`: every stored inquiry clustered
again) or *assign*: the newly imported inquiries are put in the same feature space the clustering
uses (:func:`kb.mining.features.build_spaces`, built over the suggestions' members and the new
inquiries), and each joins the suggestion whose centroid it is nearest to, if it is at least as
close to that centroid as half of the members the clustering put there (``MEMBER_QUANTILE``: the
median member's cosine, per suggestion). Leiden keeps a member by the graph, not by a distance, and
the one cosine threshold of the clustering (``merge_cosine`` 0.85) is between centroids: applied
to single inquiries it took 6 of 709 on the demo log, the median member 263 of them, 76% of those
where a full re-mine puts them (README "Review queue"). Every suggestion can absorb its like, whatever its status: a dismissed
one stays dismissed, a promoted one counts the new inquiries in its impact.

What a re-mine recomputes for a cluster from its members is recomputed here with the same code
(:mod:`kb.mining.evidence`, :func:`kb.mining.coverage.rank`): size, languages, channels, weekly trend,
examples, the agents' typical reply, recent count and score. What staff decided or read (title,
status, fingerprint, main language, topic, coverage, key terms) is left alone; a language the
suggestion had no title in gets one. Inquiries that fit nothing stay unassigned until the next full
mining. Assigning the same inquiries twice changes nothing: the space and the centroids are built
without them (they are only ever candidates), so the second run decides as the first did.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from sqlalchemy import func, select, update

from kb.db import Database, Inquiry, Suggestion
from kb.mining.coverage import rank
from kb.mining.evidence import (
    ClusterSummary,
    _examples,
    is_courtesy,
    language_titles,
    quoted,
    typical_reply,
    weekly_counts,
)
from kb.mining.features import build_spaces
from kb.mining.model import DEFAULT_CONFIG, MiningConfig, OnProgress, no_progress
from kb.mining.pipeline import load_rows
from kb.mining.triage import asking, inquiry_topics
from kb.mining.vector_cache import mining_encoder
from kb.mining.wording import Fillers, NoteFrames

MEMBER_QUANTILE = 0.5  # a new inquiry must be closer to the centroid than this share of its members
SAMPLE = 200  # members per suggestion embedded to place its centroid (evenly spread over its inquiries)


@dataclass
class Decision:
    """Where one candidate inquiry went, and why (the evaluation reads these)."""

    inquiry: int
    suggestion: int | None  # None: fits no suggestion
    nearest: int | None  # the nearest suggestion, assigned or not
    cosine: float  # to that suggestion's centroid
    threshold: float  # that suggestion's


@dataclass
class AssignReport:
    inquiries: int = 0  # new inquiries considered
    assigned: int = 0
    unassigned: int = 0
    suggestions: int = 0  # suggestions that gained inquiries
    seconds: float = 0.0
    decisions: list[Decision] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "inquiries": self.inquiries,
            "assigned": self.assigned,
            "unassigned": self.unassigned,
            "suggestions": self.suggestions,
            "seconds": self.seconds,
        }


def last_inquiry_id(db: Database) -> int:
    """The newest inquiry's id (0 when none): what an import adds comes after it."""
    with db.session() as s:
        return int(s.execute(select(func.max(Inquiry.id))).scalar() or 0)


def new_since(db: Database, last_id: int) -> list[int]:
    """Ids of the inquiries stored after ``last_id`` (:func:`last_inquiry_id` before an import)."""
    with db.session() as s:
        return list(s.scalars(select(Inquiry.id).where(Inquiry.id > last_id).order_by(Inquiry.id)))


def _sample(members: list[int], size: int) -> list[int]:
    if len(members) <= size:
        return members
    return [members[i] for i in np.linspace(0, len(members) - 1, size).round().astype(int).tolist()]


def assign(
    db: Database,
    help_center,
    inquiry_ids: Sequence[int],
    *,
    config: MiningConfig = DEFAULT_CONFIG,
    on_progress: OnProgress = no_progress,
) -> AssignReport:
    """Add the unassigned ones among ``inquiry_ids`` to the suggestions they match; the counts."""
    started = time.perf_counter()
    batch = set(inquiry_ids)
    on_progress("loading", 0.0)
    rows = load_rows(db, help_center.articles.languages(), signal_days=0)
    inquiries = [n for n, i in enumerate(rows.ids) if i is not None]  # not the site's signals
    at = {rows.ids[n]: n for n in inquiries}
    candidates = [at[i] for i in sorted(batch) if i in at]
    report = AssignReport(inquiries=len(candidates))
    by_suggestion: dict[int, list[int]] = {}
    for n in inquiries:
        sid = rows.previous[n]
        if sid is not None and rows.ids[n] not in batch:
            by_suggestion.setdefault(sid, []).append(n)
    if not candidates or not by_suggestion:
        report.unassigned = len(candidates)
        report.seconds = round(time.perf_counter() - started, 2)
        return report
    sampled = {sid: _sample(members, SAMPLE) for sid, members in by_suggestion.items()}
    picked = sorted({n for members in sampled.values() for n in members} | set(candidates))
    local = {n: k for k, n in enumerate(picked)}
    texts = [rows.texts[n] for n in picked]
    langs = [rows.langs[n] for n in picked]
    channels = [rows.channels[n] for n in picked]
    encoder = mining_encoder(help_center)
    built = build_spaces(texts, langs, encoder, config, on_progress, channels)
    spaces = built.spaces
    # What asks nothing (spam, thanks, a greeting) joins nothing and is quoted nowhere, as in a re-mine;
    # the log's filler sentences are learnt from the suggestions' sampled members.
    asks = np.ones(len(rows.texts), dtype=bool)  # a member not embedded here (beyond the sample) asks
    asks[picked] = asking(inquiry_topics(built, texts, encoder))
    fillers = Fillers(built.asked, langs, np.array([_label(n, rows, batch) for n in picked]))
    on_progress("saving", 0.0)
    decided = _decide(spaces, sampled, candidates, local, rows, asks)
    chosen: dict[int, list[int]] = {}
    for d in decided:
        n = at[d.inquiry]
        if d.suggestion is not None and rows.previous[n] is None:
            chosen.setdefault(d.suggestion, []).append(n)
    report.decisions = decided
    report.assigned = sum(len(v) for v in chosen.values())
    report.unassigned = sum(1 for n in candidates if rows.previous[n] is None) - report.assigned
    report.suggestions = len(chosen)
    if chosen:
        _save(db, rows, chosen, by_suggestion, spaces, local, config, Quoting(asks, fillers))
    report.seconds = round(time.perf_counter() - started, 2)
    on_progress("done", 1.0)
    return report


def _label(n: int, rows, batch: set[int]) -> int:
    """The suggestion a stored inquiry belongs to, -1 for one of the batch being assigned."""
    sid = rows.previous[n]
    return -1 if sid is None or rows.ids[n] in batch else int(sid)


def _decide(spaces, sampled: dict[int, list[int]], candidates: list[int], local: dict[int, int], rows,
            asks: np.ndarray) -> list[Decision]:  # fmt: skip
    """Each candidate against the centroids of the suggestions in its space."""
    out: list[Decision] = []
    for space in spaces:
        pos = {int(r): k for k, r in enumerate(space.rows)}
        sids, centroids, thresholds = [], [], []
        for sid, members in sorted(sampled.items()):
            inside = [pos[local[n]] for n in members if local[n] in pos]
            if not inside or len(inside) * 2 < len(members):
                continue  # the suggestion lives in another space
            vecs = space.matrix[inside]
            centre = vecs.mean(axis=0)
            centre /= max(float(np.linalg.norm(centre)), 1e-12)
            sids.append(sid)
            centroids.append(centre)
            thresholds.append(float(np.quantile(vecs @ centre, MEMBER_QUANTILE)))
        here = [n for n in candidates if local[n] in pos]
        if not here:
            continue
        if not sids:
            out += [Decision(rows.ids[n], None, None, 0.0, 0.0) for n in here]
            continue
        sims = space.matrix[[pos[local[n]] for n in here]] @ np.stack(centroids).T
        for k, n in enumerate(here):
            best = int(np.argmax(sims[k]))
            cos, limit = float(sims[k, best]), thresholds[best]
            fits = cos >= limit and asks[n] and not is_courtesy(rows.texts[n], rows.langs[n])
            out.append(Decision(rows.ids[n], sids[best] if fits else None, sids[best], round(cos, 4), round(limit, 4)))
    return out


@dataclass(frozen=True)
class Quoting:
    """What a suggestion quotes of its members: those that ask something (per row), without the log's fillers."""

    asks: np.ndarray
    fillers: Fillers


def _save(db: Database, rows, chosen: dict[int, list[int]], by_suggestion: dict[int, list[int]], spaces,
          local: dict[int, int], config: MiningConfig, quoting: Quoting) -> None:  # fmt: skip
    """Point the chosen inquiries at their suggestion and recompute its evidence from all its members."""
    vectors: dict[int, np.ndarray] = {}
    for space in spaces:
        for k, r in enumerate(space.rows.tolist()):
            vectors[r] = space.matrix[k]
    counted = [t for t, i in zip(rows.times, rows.ids, strict=True) if i is not None]
    newest = max((t for t in counted if t is not None), default=None)
    frames = NoteFrames(rows.texts, rows.langs, rows.channels)
    with db.session() as s:
        for sid, added in chosen.items():
            sug = s.get(Suggestion, sid)
            if sug is None:  # removed since (a re-mine in between): they wait for the next one
                continue
            members = np.array(_by_centrality(by_suggestion.get(sid, []) + added, vectors, local))
            summary = _summary(members, rows, sug, config, frames, quoting)
            rank([summary], rows.times, config, now=newest)
            sug.size, sug.recent, sug.score = len(members), summary.recent, summary.score
            sug.langs, sug.channels, sug.weekly = summary.langs, summary.channels, summary.weekly
            sug.examples = [{**e, "text": e["text"][:1000]} for e in summary.examples]
            sug.titles = {**summary.titles, **(sug.titles or {})}  # a new language gets one; none changes
            if summary.draft_answer:
                sug.draft_answer = summary.draft_answer
            s.execute(update(Inquiry).where(Inquiry.id.in_([rows.ids[n] for n in added])).values(suggestion_id=sid))


def _by_centrality(members: list[int], vectors: dict[int, np.ndarray], local: dict[int, int]) -> list[int]:
    """The embedded members most central first (as evidence orders them), the rest after in id order."""
    placed = [n for n in members if local.get(n) in vectors]
    rest = [n for n in members if local.get(n) not in vectors]
    if not placed:
        return rest
    vecs = np.stack([vectors[local[n]] for n in placed])
    centre = vecs.mean(axis=0)
    order = np.argsort(-(vecs @ centre), kind="stable")
    return [placed[i] for i in order.tolist()] + rest


def _summary(
    members: np.ndarray, rows, sug: Suggestion, config: MiningConfig, frames: NoteFrames, quoting: Quoting | None = None
) -> ClusterSummary:
    """The evidence a re-mine would compute for these members (:func:`kb.mining.evidence.summarize`);
    a member not embedded here (beyond the sample) counts as asking."""
    lang_counts = Counter(rows.langs[i] for i in members)
    shown = quoted(members, quoting.asks if quoting is not None else None)
    titles = language_titles(
        shown,
        rows.texts,
        rows.langs,
        sug.lang,
        config.min_size,
        skip=frozenset(sug.titles or {}),
        channels=rows.channels,
        frames=frames,
        fillers=quoting.fillers if quoting is not None else None,
    )
    summary = ClusterSummary(
        members=members,
        lang=sug.lang,
        langs=dict(lang_counts.most_common()),
        representative=sug.title,
        titles=titles,
        examples=_examples(shown, rows.texts, rows.langs, config.examples),
        term_keys=[],
        dense=True,
        vectors=np.zeros((0, 0), np.float32),
        coverage=sug.coverage if sug.coverage in ("gap", "partial", "answered") else "gap",
        signals=dict(sug.signals or {}),
    )
    summary.channels = dict(Counter(rows.channels[i] for i in members).most_common())
    summary.weekly = weekly_counts([rows.times[i] for i in members])
    summary.draft_answer = typical_reply([rows.replies[i] for i in shown if rows.replies[i]], sug.lang)
    return summary


def import_and_assign(
    db: Database,
    help_center,
    path: str,
    *,
    secret: str,
    mapping: dict[str, str] | None = None,
    since=None,
    on_progress: OnProgress = no_progress,
    config: MiningConfig = DEFAULT_CONFIG,
) -> dict:
    """Import a log, then add its new inquiries to the suggestions they match (no re-clustering)."""
    from kb.mining.pipeline import import_log

    before = last_inquiry_id(db)
    imported = import_log(db, help_center, path, secret=secret, mapping=mapping, since=since, on_progress=on_progress)
    done = assign(db, help_center, new_since(db, before), config=config, on_progress=on_progress)
    return {"import": imported.as_dict(), "assign": done.as_dict()}
