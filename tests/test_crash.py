"""kill -9 during a publish, at chosen and at random points: the next start repairs everything.

A save appends to the revision log, then writes the file, then re-indexes (README, "Running on
several hosts"). Whatever step a crash interrupts, :meth:`HelpCenter.catch_up` at the next start
leaves the file equal to the log's newest row and the index equal to the file.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from kb.content import revisions
from kb.content.articles import revision_of
from kb.core import HelpCenter
from kb.db import Database
from tests.conftest import DATA, copy_index, copy_sqlite, make_settings

ROOT = Path(__file__).resolve().parents[1]

CHILD = """
import os, signal, sys, time
sys.path.insert(0, {root!r})
from kb.content import authoring
from kb.core import HelpCenter
from kb.db import Database
from tests.conftest import make_settings

hc = HelpCenter(make_settings({articles!r}, {index!r}), db=Database({db!r}))
kill_at = {kill_at!r}

def die(*a, **k):
    os.kill(os.getpid(), signal.SIGKILL)

if kill_at == "after-log":  # the row is committed, the file not yet written
    authoring.write_atomic = die
elif kill_at == "after-file":  # the file is written, the index not yet updated
    hc.update_article = die
text = open({source!r}, encoding="utf-8").read()
print("ready", flush=True)
for i in range(10_000):
    new = text.replace("Refunds go back", f"Refunds, edition {{os.getpid()}}-{{i}}, go back", 1)
    current = authoring.current_file(hc.articles, "en", "refunds")[0]
    authoring.save_article(hc.articles, "en", "refunds", new, expected_revision=current, db=hc.db, username="ed")
    hc.article_written("en", "refunds")
"""


@pytest.fixture
def site(articles_dir: Path, tmp_path: Path, built_index: Path, migrated_sqlite: Path):
    index = copy_index(built_index, tmp_path / "index")
    db_path = copy_sqlite(migrated_sqlite, tmp_path / "kb.sqlite3")
    return articles_dir, index, f"sqlite:///{db_path}"


def _crash(site, kill_at: str, delay: float | None = None) -> None:
    articles, index, db = site
    source = DATA / "articles" / "en" / "refunds.md"  # pristine: each trial's saves differ from the file
    script = textwrap.dedent(
        CHILD.format(
            root=str(ROOT), articles=str(articles), index=str(index), db=db, kill_at=kill_at, source=str(source)
        )
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        if delay is not None:
            time.sleep(delay)
            proc.send_signal(signal.SIGKILL)
        assert proc.wait(timeout=120) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _assert_consistent(site) -> HelpCenter:
    articles, index, db = site
    hc = HelpCenter(make_settings(articles, index), db=Database(db))
    hc.catch_up()
    path = articles / "en" / "refunds.md"
    head = revisions.head(hc.db, "en", "refunds")
    if head is not None:
        assert revision_of(path.read_bytes()) == head.revision, "the file is not the log's newest revision"
    assert hc.store.stale_articles(hc.documents()) == [], "the index differs from the files"
    hc.articles.get("en", "refunds")  # and it is a valid article
    return hc


@pytest.mark.slow
@pytest.mark.parametrize("kill_at", ["after-log", "after-file"])
def test_a_crash_between_steps_is_repaired_at_the_next_start(site, kill_at):
    _crash(site, kill_at)
    hc = _assert_consistent(site)
    assert "edition" in hc.articles.get("en", "refunds").body
    hits = hc.search("edition", "en").hits
    assert [h.article for h in hits][:1] == ["refunds"]


@pytest.mark.slow
def test_twenty_kills_at_random_points_leave_nothing_inconsistent(site):
    rng = random.Random(int(os.environ.get("KB_TEST_SEED", "11")))
    for _ in range(20):
        _crash(site, "random", delay=rng.uniform(0.0, 0.4))
        _assert_consistent(site)
    with Database(site[2]).session() as s:  # the trials did save: the log grew
        assert s.query(revisions.ArticleRevision).count() > 20


def test_an_edit_made_while_stopped_is_indexed_at_the_next_start(site):
    articles, index, db = site
    path = articles / "en" / "refunds.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Refunds go back", "Refunds and zucchini go back", 1), encoding="utf-8"
    )
    hc = HelpCenter(make_settings(articles, index), db=Database(db))
    assert hc.store.stale_articles(hc.documents()) == [("en", "refunds")]
    hc.catch_up()
    assert [h.article for h in hc.search("zucchini", "en").hits] == ["refunds"]


def test_an_index_built_with_another_analyzer_is_rebuilt_at_the_next_start(site):
    """An upgrade that changes a language's stemmer: the old terms would never meet the new queries'."""
    articles, index, db = site
    hc = HelpCenter(make_settings(articles, index), db=Database(db))
    manifest_path = Path(hc.store.current().path) / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["langs"]["lv"]["analyzer"]["stemmer"] = None  # as Latvian was indexed before its stemmer
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    hc = HelpCenter(make_settings(articles, index), db=Database(db))
    assert hc.store.reanalyzed_langs() == ["lv"]
    hc.catch_up()
    assert hc._rebuild is not None
    hc._rebuild.join(timeout=120)
    assert hc.store.reanalyzed_langs() == []
    assert [h.article for h in hc.search("sūtījumiem", "lv").hits][:1] == ["diacritics"]
