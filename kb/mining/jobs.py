"""Import-and-mine jobs that the staff upload page runs in a background thread: one at a time
across every worker and host (the database lease "mining"), stage and progress recorded on the job
row, the raw upload deleted afterwards. A job whose worker died (its heartbeat stopped) is marked
failed, and its upload deleted, by the next look at the active jobs."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import logging
import os
import re
import secrets
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, or_, update

from kb import leases
from kb.db import Database, MiningJob, utcnow

if TYPE_CHECKING:
    from kb.core import HelpCenter

log = logging.getLogger(__name__)


# -- import-and-mine jobs (the upload page runs these in a thread) ------------------------
def jsonable(value: Any) -> Any:
    """Dataclasses, tuples, dates and numpy scalars as plain JSON values (for MiningJob.report)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return jsonable(dataclasses.asdict(value))
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if hasattr(value, "item") and callable(value.item):  # numpy scalar
        return value.item()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


INGEST_COUNTS = ("read", "kept", "duplicates", "rejected", "redacted")


def job_counts(report: dict) -> tuple[dict, dict]:
    """(import counts with warnings and bad rows, mining counts) from a job's stored report."""
    ingest = report.get("ingest") or report.get("import") or report
    ingest = ingest if isinstance(ingest, dict) else {}
    mined = report.get("mine") or report.get("mining") or report.get("assign")
    if not isinstance(mined, dict):
        mined = {
            k: v
            for k, v in report.items()
            if k not in (*INGEST_COUNTS, "encoding") and isinstance(v, (int, float)) and not isinstance(v, bool)
        }
    counts = {k: ingest[k] for k in INGEST_COUNTS if k in ingest}
    counts |= {
        "encoding": ingest.get("encoding", ""),
        "warnings": list(ingest.get("warnings") or []),
        "bad_rows": [list(r) for r in ingest.get("bad_rows") or []],
    }
    return counts, {k: v for k, v in mined.items() if isinstance(v, (int, float, str)) and not isinstance(v, bool)}


def create_job(db: Database, username: str, filename: str, upload: str = "") -> int:
    """A queued job row; ``upload`` is the stored upload's file name (deleted if the job's worker dies)."""
    with db.session() as s:
        job = MiningJob(
            username=username, filename=filename[:255], status="queued", report={}, upload=upload, heartbeat_at=utcnow()
        )
        s.add(job)
        s.flush()
        return job.id


def get_job(db: Database, job_id: int) -> MiningJob | None:
    with db.session() as s:
        return s.get(MiningJob, job_id)


def recent_jobs(db: Database, limit: int = 10) -> list[MiningJob]:
    with db.session() as s:
        return s.query(MiningJob).order_by(MiningJob.id.desc()).limit(limit).all()


def active_jobs(db: Database, ttl: float = 30.0, upload_dir: str | None = None) -> list[MiningJob]:
    """Jobs queued or running, oldest first (the review queue says they are under way); jobs whose
    worker stopped beating for ``ttl`` seconds are failed first (:func:`reap_dead_jobs`)."""
    reap_dead_jobs(db, ttl, upload_dir)
    with db.session() as s:
        return s.query(MiningJob).filter(MiningJob.status.in_(("queued", "running"))).order_by(MiningJob.id).all()


def _set_job(db: Database, job_id: int, **values) -> None:
    with db.session() as s:
        s.execute(update(MiningJob).where(MiningJob.id == job_id).values(**values))


# Share of the whole job per kb.mining.pipeline stage: a rough guess (embedding and clustering dominate big logs).
STAGE_SPANS = {
    "importing": (0.0, 0.3),
    "loading": (0.3, 0.35),
    "embedding": (0.35, 0.6),
    "second opinion": (0.6, 0.7),
    "clustering": (0.7, 0.85),
    "coverage": (0.85, 0.9),  # the articles in the model's space; clusters split by the one that answers them
    "evidence": (0.9, 0.97),
    "saving": (0.97, 1.0),
    "done": (1.0, 1.0),
}


DIED = "the server running this job stopped before it finished; start it again (an upload must be sent again)"


def reap_dead_jobs(db: Database, ttl: float, upload_dir: str | None = None) -> list[int]:
    """Fail queued or running jobs whose heartbeat is older than ``ttl`` (their worker died: a restart,
    a crash, a host gone) and delete their uploads from ``upload_dir``; returns their ids."""
    stale = utcnow() - dt.timedelta(seconds=ttl)
    with db.session() as s:
        dead = (
            s.query(MiningJob)
            .filter(MiningJob.status.in_(("queued", "running")))
            .filter(
                or_(
                    MiningJob.heartbeat_at < stale, and_(MiningJob.heartbeat_at.is_(None), MiningJob.created_at < stale)
                )
            )
            .all()
        )
        for job in dead:
            job.status, job.error, job.finished_at = "failed", DIED, utcnow()
            if upload_dir and _STORED_NAME.fullmatch(job.upload or ""):
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(upload_dir, job.upload))  # unredacted customer data
    for job in dead:
        log.warning("mining job %s: its worker stopped; marked failed", job.id)
    return [job.id for job in dead]


class _Heartbeat:
    """Renews a job's heartbeat every third of ``ttl`` from a daemon thread while it waits and runs."""

    def __init__(self, db: Database, job_id: int, ttl: float):
        self.db, self.job_id, self.ttl = db, job_id, ttl
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"kb-job-{job_id}-heartbeat", daemon=True)

    def _run(self) -> None:
        while True:
            with contextlib.suppress(Exception):  # a missed beat is retried; the lease outlives two
                _set_job(self.db, self.job_id, heartbeat_at=utcnow())
            if self._stop.wait(self.ttl / 3):
                return

    def __enter__(self) -> _Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def run_job(
    db: Database,
    help_center,
    job_id: int,
    path: str,
    *,
    secret: str,
    mapping: dict[str, str] | None = None,
    since: dt.datetime | None = None,
    import_and_mine: Callable | None = None,
    keep_file: bool = False,
) -> None:
    """Import the file and mine, recording stage and progress on the job row; the file (an upload)
    is deleted after unless ``keep_file`` (a log the operator named, e.g. the demo's).

    Never raises: a file that cannot be read (binary, no text column) fails the job with the
    reader's message; anything unexpected fails it with a generic one and is logged.
    """
    from kb.mining.ingest import IngestError

    if import_and_mine is None:
        from kb.mining.pipeline import import_and_mine as pipeline_import_and_mine

        import_and_mine = pipeline_import_and_mine
    last_at, last_stage, last_overall = 0.0, "", 0.0

    def on_progress(stage: str, fraction: float) -> None:
        """The miner reports a fraction within each stage; the job row shows the whole job's."""
        nonlocal last_at, last_stage, last_overall
        start, end = STAGE_SPANS.get(stage, (last_overall, last_overall))
        overall = max(last_overall, start + (end - start) * min(1.0, max(0.0, float(fraction))))
        now = dt.datetime.now().timestamp()
        if stage == last_stage and now - last_at < 0.5:
            return  # a row update per half second is plenty for a page that refreshes every 2 s
        last_at, last_stage, last_overall = now, stage, overall
        _set_job(db, job_id, stage=str(stage)[:32], progress=overall)

    ttl = help_center.settings.job_lease_seconds
    try:
        # Mining rewrites every suggestion: two runs anywhere would race, so one holds the lease.
        with _Heartbeat(db, job_id, ttl), leases.held(db, "mining", ttl):
            _set_job(db, job_id, status="running", stage="importing", progress=0.0)
            result = import_and_mine(
                db, help_center, path, secret=secret, mapping=mapping, since=since, on_progress=on_progress
            )
        _set_job(
            db, job_id, status="done", stage="done", progress=1.0, report=jsonable(result or {}), finished_at=utcnow()
        )
    except IngestError as exc:
        _set_job(db, job_id, status="failed", error=str(exc), finished_at=utcnow())
    except Exception:  # a background job must record its failure, not vanish
        log.exception("mining job %s failed", job_id)
        _set_job(
            db,
            job_id,
            status="failed",
            error="the job failed unexpectedly; the server log has the details",
            finished_at=utcnow(),
        )
    finally:
        if not keep_file:
            with contextlib.suppress(OSError):
                os.unlink(path)  # the raw upload holds unredacted PII: keep it no longer than needed


def start_job(db: Database, help_center, job_id: int, path: str, **kw) -> threading.Thread:
    """:func:`run_job` in a daemon thread; returns the thread (tests join it)."""
    thread = threading.Thread(
        target=run_job, args=(db, help_center, job_id, path), kwargs=kw, name=f"kb-mining-job-{job_id}", daemon=True
    )
    thread.start()
    return thread


def store_upload(folder: str, ext: str, save: Callable[[str], object], max_age_s: int = 24 * 3600) -> str:
    """Save an uploaded log under a random name (never one the client chose), readable by us only;
    first delete uploads a crashed worker left behind (they hold unredacted customer data)."""
    os.makedirs(folder, mode=0o700, exist_ok=True)
    now = time.time()
    for entry in os.scandir(folder):
        with contextlib.suppress(OSError):  # another worker may be deleting it too
            if entry.is_file(follow_symlinks=False) and now - entry.stat().st_mtime > max_age_s:
                os.unlink(entry.path)
    path = os.path.join(folder, secrets.token_hex(16) + ext)
    save(path)
    os.chmod(path, 0o600)
    return path


# What an import does next: cluster every stored inquiry again, or add the new ones to the
# suggestions they match (kb.mining.assign) and leave the rest for the next full mining.
MODES = ("remine", "assign")


def _step(mode: str) -> Callable:
    """:raise ValueError: for a mode not in :data:`MODES`."""
    if mode == "assign":
        from kb.mining.assign import import_and_assign

        return import_and_assign
    if mode == "remine":
        from kb.mining.pipeline import import_and_mine

        return import_and_mine
    raise ValueError(f"mode must be one of {', '.join(MODES)}")


def submit(
    help_center: HelpCenter,
    username: str,
    filename: str,
    path: str,
    mapping: dict[str, str] | None,
    since: dt.datetime | None,
    mode: str = "remine",
) -> tuple[int, threading.Thread]:
    """Record a queued job for the stored upload ``path`` and start it in the background (``mode``: :data:`MODES`)."""
    step = _step(mode)
    job_id = create_job(help_center.db, username, os.path.basename(filename), os.path.basename(path))
    thread = start_job(help_center.db, help_center, job_id, path, secret=help_center.secret,
                       mapping=mapping or None, since=since, import_and_mine=step)  # fmt: skip
    return job_id, thread


def mine_only(db: Database, help_center, path: str, *, on_progress, **_kw) -> dict:
    """run_job's step for a re-cluster: no file to import, every stored inquiry mined again."""
    from kb.mining.pipeline import mine

    return {"mine": mine(db, help_center, on_progress=on_progress)}


def submit_remine(help_center: HelpCenter, username: str) -> tuple[int, threading.Thread]:
    """Cluster every stored inquiry again, as a job (staff ask for it on the queue page)."""
    job_id = create_job(help_center.db, username, "")
    thread = start_job(help_center.db, help_center, job_id, "", secret=help_center.secret,
                       import_and_mine=mine_only, keep_file=True)  # fmt: skip
    return job_id, thread


def run_recorded(
    db: Database, help_center, log_path: str | None, mapping: dict[str, str] | None, since, mode: str = "remine"
) -> dict:
    """import_and_mine (``mode`` "assign": import_and_assign; without a log, a re-cluster) as a job run
    here and now, recorded so the staff pages show its stage (the CLI's ``--as-job``). Its report;
    :raise IngestError: on failure."""
    from kb.mining.ingest import IngestError

    job_id = create_job(db, "setup", os.path.basename(log_path or ""))
    extra = {"import_and_mine": _step(mode)} if log_path else {"import_and_mine": mine_only}
    run_job(db, help_center, job_id, log_path or "", secret=help_center.secret, mapping=mapping or None,
            since=since, keep_file=True, **extra)  # fmt: skip
    job = get_job(db, job_id)
    if job is None or job.status != "done":
        raise IngestError(job.error if job is not None else "the job vanished")
    return dict(job.report or {})


# -- an upload that says what it will do before it starts --------------------------------------
_STORED_NAME = re.compile(r"[0-9a-f]{32}\.[a-z]{2,6}")  # what store_upload names a file, nothing else


def preview(
    help_center: HelpCenter,
    username: str,
    filename: str,
    path: str,
    mapping: dict[str, str] | None,
    since: dt.datetime | None,
) -> int:
    """A pending job for the stored upload ``path``: what importing it would do (rows new, already
    imported, unreadable; how many inquiries mining would then cluster), nothing stored yet. A file
    that cannot be read at all fails the job at once and is deleted."""
    from kb.db import Inquiry, Suggestion
    from kb.mining.ingest import IngestError, ingest

    db = help_center.db
    job_id = create_job(db, username, os.path.basename(filename))
    try:
        counts = ingest(db, path, secret=help_center.secret, mapping=mapping or None, since=since, dry_run=True)
    except IngestError as exc:
        with contextlib.suppress(OSError):
            os.unlink(path)
        _set_job(db, job_id, status="failed", error=str(exc), finished_at=utcnow())
        return job_id
    stored = db.count(Inquiry)
    # "suggestions": none yet, and adding to existing ones (mode "assign") is no choice.
    plan = {"new": counts.kept, "stored": stored, "after": stored + counts.kept, "suggestions": db.count(Suggestion)}
    _set_job(db, job_id, status="pending", report={"preview": counts.as_dict(), "plan": plan,
             "upload": {"name": os.path.basename(path), "mapping": mapping or {},
                        "since": since.isoformat() if since else None}})  # fmt: skip
    return job_id


def _pending_upload(help_center: HelpCenter, job_id: int) -> tuple[dict, str | None]:
    """A pending job's upload settings and its file's path (None unless named as store_upload names
    files). :raise ValueError: when the job is not pending."""
    job = get_job(help_center.db, job_id)
    if job is None or job.status != "pending":
        raise ValueError("this import is not waiting to start")
    upload = (job.report or {}).get("upload") or {}
    name = str(upload.get("name") or "")
    return upload, os.path.join(help_center.settings.upload_dir, name) if _STORED_NAME.fullmatch(name) else None


def start_pending(help_center: HelpCenter, job_id: int, mode: str = "remine") -> threading.Thread:
    """Start a pending job as it was previewed, then re-mine or assign (``mode``: :data:`MODES`).

    :raise ValueError: when the job is not pending (started or cancelled already) or its file is
        gone (uploads are swept after a day), or for an unknown mode.
    """
    step = _step(mode)
    upload, path = _pending_upload(help_center, job_id)
    if path is None or not os.path.isfile(path):
        _set_job(help_center.db, job_id, status="failed", error="the uploaded file is gone; upload it again")
        raise ValueError("the uploaded file is gone; upload it again")
    since = dt.datetime.fromisoformat(upload["since"]) if upload.get("since") else None
    _set_job(help_center.db, job_id, status="queued", heartbeat_at=utcnow(), upload=os.path.basename(path))
    return start_job(help_center.db, help_center, job_id, path, secret=help_center.secret,
                     mapping=upload.get("mapping") or None, since=since, import_and_mine=step)  # fmt: skip


def cancel_pending(help_center: HelpCenter, job_id: int) -> None:
    """Drop a pending job and its uploaded file (it holds unredacted customer data)."""
    _upload, path = _pending_upload(help_center, job_id)
    if path is not None:
        with contextlib.suppress(OSError):
            os.unlink(path)
    _set_job(help_center.db, job_id, status="cancelled", finished_at=utcnow())
