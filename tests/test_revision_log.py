"""The shared revision log: two hosts (own articles folder and index, one database) stay in step.

Runs on SQLite and, under scripts/test.sh, on PostgreSQL (the ``database`` fixture); the real
two-gunicorn version is tests/test_two_hosts.py.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import pytest

from kb.content import revisions
from kb.content.articles import revision_of
from kb.content.authoring import ArticleConflict, current_file, save_article
from kb.core import HelpCenter
from kb.settings import Settings
from tests.conftest import DATA, copy_index, make_settings


@pytest.fixture
def hosts(tmp_path: Path, built_index: Path, database):
    """Two help centers over copies of the same articles and index, sharing ``database``."""
    out = []
    for name in ("a", "b"):
        articles = tmp_path / name / "articles"
        shutil.copytree(DATA / "articles", articles)
        index = copy_index(built_index, tmp_path / name / "index")
        out.append(HelpCenter(make_settings(articles, index), db=database))
    return out


def edited(hc: HelpCenter, words: str) -> str:
    """The article with ``words`` in its first sentence (from the pristine copy: always a change)."""
    text = (DATA / "articles" / "en" / "refunds.md").read_text(encoding="utf-8")
    return text.replace("Refunds go back", f"Refunds ({words}) go back", 1)


def save(hc: HelpCenter, text: str, expected: str | None, user: str = "ed") -> None:
    save_article(hc.articles, "en", "refunds", text, expected_revision=expected, db=hc.db, username=user)
    hc.article_written("en", "refunds")


def test_an_edit_on_one_host_reaches_the_other_files_and_index(hosts):
    a, b = hosts
    save(a, edited(a, "quinoa"), current_file(a.articles, "en", "refunds")[0])
    assert b.search("quinoa", "en").hits == []
    assert b.pull_revisions() == [("en", "refunds")]
    assert [h.article for h in b.search("quinoa", "en").hits] == ["refunds"]
    assert current_file(b.articles, "en", "refunds") == current_file(a.articles, "en", "refunds")
    assert b.pull_revisions() == []  # applied once


def test_of_two_hosts_saving_the_same_version_exactly_one_wins(hosts):
    a, b = hosts
    start = current_file(a.articles, "en", "refunds")[0]
    save(a, edited(a, "from host a"), start, "alice")
    with pytest.raises(ArticleConflict) as conflict:  # b has not applied a's save yet: its file is still `start`
        save(b, edited(b, "from host b"), start, "bob")
    assert "from host a" in (conflict.value.current_text or "")
    assert "from host b" not in current_file(b.articles, "en", "refunds")[1]
    heads = [r.username for r in revisions.revisions(a.db, "en", "refunds")]
    assert heads[0] == "alice" and "bob" not in heads


def test_simultaneous_saves_on_two_hosts_commit_exactly_one(hosts):
    a, b = hosts
    start = current_file(a.articles, "en", "refunds")[0]
    barrier = threading.Barrier(2)
    outcome: dict[str, str] = {}

    def run(hc: HelpCenter, name: str, round_: int) -> None:
        text = edited(hc, f"by {name} in round {round_}")
        barrier.wait()
        try:
            save_article(hc.articles, "en", "refunds", text, expected_revision=start, db=hc.db, username=name)
            outcome[name] = "saved"
        except ArticleConflict:
            outcome[name] = "conflict"

    for round_ in range(5):
        threads = [threading.Thread(target=run, args=(hc, n, round_)) for hc, n in ((a, "alice"), (b, "bob"))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(outcome.values()) == ["conflict", "saved"], outcome
        winner = next(n for n, o in outcome.items() if o == "saved")
        head = revisions.head(a.db, "en", "refunds")
        assert head is not None and head.username == winner
        for hc in (a, b):  # both hosts converge on the winner, and start the next round from it
            hc.pull_revisions()
            assert revision_of(Path(hc.articles.path_for("en", "refunds")).read_bytes()) == head.revision
        start = head.revision
        outcome.clear()


def test_a_file_edited_by_hand_after_the_last_save_stays_and_is_logged_with_the_next_save(hosts):
    a, b = hosts
    save(a, edited(a, "logged"), current_file(a.articles, "en", "refunds")[0])
    time.sleep(0.01)
    path = a.articles.path_for("en", "refunds")
    hand = path.read_text(encoding="utf-8").replace("three working days", "two working days")
    path.write_text(hand, encoding="utf-8")
    assert a.pull_revisions() == []  # the newer file wins over the older log row
    assert "two working days" in path.read_text(encoding="utf-8")
    save(a, hand.replace("Banks", "Most banks"), revision_of(hand.encode()))
    actions = [r.action for r in revisions.revisions(a.db, "en", "refunds")]
    assert actions[:3] == ["save", "baseline", "save"]
    b.pull_revisions()
    assert "two working days" in b.articles.get("en", "refunds").body  # the hand edit travelled with the save


def test_a_newer_save_elsewhere_wins_over_an_older_hand_edit(hosts):
    a, b = hosts
    path = b.articles.path_for("en", "refunds")
    path.write_text(path.read_text(encoding="utf-8").replace("three", "four"), encoding="utf-8")
    old = time.time() - 60
    os.utime(path, (old, old))  # edited before a's save below
    save(a, edited(a, "newer"), current_file(a.articles, "en", "refunds")[0])
    assert b.pull_revisions() == [("en", "refunds")]
    assert "(newer)" in b.articles.get("en", "refunds").body


def test_a_log_row_for_an_invalid_article_is_skipped(hosts, database):
    a, _ = hosts
    with database.session() as s:
        s.add(revisions._row("en", "..", 1, "x", "save", "", "abc", "", "---\ntitle: x\n---\n"))
    assert a.pull_revisions() == []


def test_a_server_database_needs_a_shared_secret(tmp_path):
    settings = Settings.load(
        {"KB_DATABASE_URL": "postgresql+psycopg://kb@/nowhere", "KB_EMBEDDING_MODEL": "none"},
        environ={},
        instance_file=None,
    )
    with pytest.raises(RuntimeError, match="KB_SECRET_KEY"):
        _ = HelpCenter(settings).secret
    assert HelpCenter(settings.replace(secret_key="s3cret")).secret == "s3cret"
