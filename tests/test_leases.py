"""One mining job at a time across hosts (a database lease), and jobs whose worker died are failed.

SQLite always; PostgreSQL under scripts/test.sh (the ``database`` fixture).
"""

from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from kb import leases
from kb.core import HelpCenter
from kb.mining import jobs
from tests.conftest import make_settings

ROOT = Path(__file__).resolve().parents[1]


def test_a_lease_has_one_holder_and_is_taken_over_after_it_expires(database):
    assert leases.try_acquire(database, "mining", "a", ttl=0.5)
    assert not leases.try_acquire(database, "mining", "b", ttl=0.5)
    assert leases.renew(database, "mining", "a", ttl=0.5)
    time.sleep(0.6)  # a stops renewing: it died
    assert leases.try_acquire(database, "mining", "b", ttl=0.5)
    assert not leases.renew(database, "mining", "a", ttl=0.5)  # no longer a's
    leases.release(database, "mining", "b")
    assert leases.try_acquire(database, "mining", "c", ttl=0.5)


def test_holders_in_many_threads_never_overlap(database):
    spans: list[tuple[float, float]] = []

    def work() -> None:
        with leases.held(database, "mining", ttl=5, poll=0.02):
            start = time.monotonic()
            time.sleep(0.05)
            spans.append((start, time.monotonic()))

    threads = [threading.Thread(target=work) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    spans.sort()
    assert len(spans) == 6
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in itertools.pairwise(spans))


def test_a_lease_outlives_its_time_to_live_while_the_holder_renews_it(database):
    with leases.held(database, "mining", ttl=0.3):
        time.sleep(0.8)  # beats every 0.1 s
        assert not leases.try_acquire(database, "mining", "other", ttl=0.3)


@pytest.fixture
def hc(tmp_path, articles_dir, database):
    return HelpCenter(make_settings(articles_dir, tmp_path / "index", KB_JOB_LEASE_SECONDS=1.0), db=database)


def test_two_jobs_submitted_at_once_run_one_after_the_other(hc, database, tmp_path):
    spans: dict[int, tuple[float, float]] = {}

    def fake_import_and_mine(db, help_center, path, **kw):
        start = time.monotonic()
        time.sleep(0.3)
        spans[int(Path(path).stem)] = (start, time.monotonic())
        return {"mine": {"clusters": 1}}

    ids = [jobs.create_job(database, "ann", f"log{i}.csv") for i in range(2)]
    run = {"secret": "k", "import_and_mine": fake_import_and_mine, "keep_file": True}
    threads = [jobs.start_job(database, hc, job_id, str(tmp_path / f"{job_id}.csv"), **run) for job_id in ids]
    for t in threads:
        t.join(timeout=60)
    (_, a_end), (b_start, _) = sorted(spans.values())
    assert a_end <= b_start
    assert [jobs.get_job(database, i).status for i in ids] == ["done", "done"]


CHILD = """
import sys, time
sys.path.insert(0, {root!r})
from kb.core import HelpCenter
from kb.db import Database
from kb.mining import jobs
from tests.conftest import make_settings

hc = HelpCenter(make_settings({articles!r}, {index!r}, KB_JOB_LEASE_SECONDS=1.0), db=Database({url!r}))

def stuck(*a, on_progress, **k):
    on_progress("embedding", 0.5)
    print("running", flush=True)
    time.sleep(3600)

jobs.run_job(hc.db, hc, {job_id}, {path!r}, secret="k", import_and_mine=stuck)
"""


@pytest.mark.slow
def test_a_job_whose_worker_was_killed_fails_its_upload_is_deleted_and_the_next_job_runs(
    hc, database, tmp_path, articles_dir
):
    uploads = tmp_path / "uploads"
    upload = jobs.store_upload(str(uploads), ".csv", lambda p: Path(p).write_text("text\nwhere is my order\n"))
    job_id = jobs.create_job(database, "ann", "log.csv", os.path.basename(upload))
    script = textwrap.dedent(
        CHILD.format(
            root=str(ROOT),
            articles=str(articles_dir),
            index=str(tmp_path / "index"),
            url=database.url,
            job_id=job_id,
            path=upload,
        )
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "running"
        assert jobs.get_job(database, job_id).status == "running"
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert jobs.reap_dead_jobs(database, 1.0, str(uploads)) == []  # its heartbeat is still fresh
    time.sleep(1.2)
    assert [j.id for j in jobs.active_jobs(database, 1.0, str(uploads))] == []
    job = jobs.get_job(database, job_id)
    assert job.status == "failed" and "stopped" in job.error and job.finished_at is not None
    assert not os.path.exists(upload)  # unredacted customer data does not outlive the job
    nxt = jobs.create_job(database, "ann", "")
    jobs.run_job(database, hc, nxt, "", secret="k", import_and_mine=lambda *a, **k: {}, keep_file=True)
    assert jobs.get_job(database, nxt).status == "done"  # the dead worker's lease expired
