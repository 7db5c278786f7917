"""Publishing that waits (issue 16 §1): a second person's approval (KB_REVIEW_REQUIRED) and a date and
time; who asked and who approved in the revision log; the live page unchanged until then."""

import datetime as dt
import re
import shutil

import pytest

from kb import accounts, leases
from kb.content import drafts, publishing, revisions
from kb.content.authoring import save_article
from tests.conftest import copy_index, copy_sqlite, site_config
from tests.test_editor import PASSWORD, form, make_app, signed_in

WORD = "واژه‌ای‌تازه"


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """The editor's test site (tests/test_editor.py) plus a second Persian editor, made once."""
    tmp = tmp_path_factory.mktemp("publishing")
    db = make_app(tmp).extensions["help_center"].db
    accounts.add_user(db, "fa_two", PASSWORD, "editor", ["fa"])
    db.engine.dispose()
    return tmp


def make_site(template, tmp, **over):
    """A copy of ``template`` served with the settings ``over``."""
    from kb.web import create_app

    shutil.copytree(template / "articles", tmp / "articles")
    copy_index(template / "index", tmp / "index")
    copy_sqlite(template / "kb.sqlite3", tmp / "kb.sqlite3")
    app = create_app(site_config(tmp / "articles", tmp, **over))
    hc = app.extensions["help_center"]
    hc.store.current()
    return app


@pytest.fixture
def reviewed(template, tmp_path):
    return make_site(template, tmp_path, KB_REVIEW_REQUIRED="1")


@pytest.fixture
def unreviewed(template, tmp_path):
    return make_site(template, tmp_path)


def live(app) -> str:
    page = app.test_client().get("/fa/articles/refunds").get_data(as_text=True)
    return re.search(r"<article.*?</article>", page, re.S).group(0)


def ask(client, **extra):
    data = form(client, "/editor/fa/refunds")
    return client.post(
        "/editor/fa/refunds", data={**data, "text": data["text"].replace("بانک شما", f"بانک شما {WORD}"), **extra}
    )


def test_with_review_required_publish_waits_for_a_second_editor(reviewed):
    hc = reviewed.extensions["help_center"]
    author, other_lang, second = (
        signed_in(reviewed, "fa_ed"),
        signed_in(reviewed, "th_ed"),
        signed_in(reviewed, "fa_two"),
    )
    before = live(reviewed)
    page = author.get("/editor/fa/refunds").get_data(as_text=True)
    assert "Ask for review" in page
    r = ask(author, action="publish")
    assert r.status_code == 302 and "saved=review" in r.headers["Location"]
    assert live(reviewed) == before and WORD not in hc.articles.path_for("fa", "refunds").read_text(encoding="utf-8")
    assert hc.search(WORD, "fa", fallback=False).hits == []

    page = author.get("/editor/fa/refunds").get_data(as_text=True)
    assert "Waiting for review" in page and 'value="approve"' not in page  # no approving one's own request
    r = author.post("/editor/fa/refunds", data={**form(author, "/editor/fa/refunds"), "action": "approve"})
    assert r.status_code == 403 and "someone other than the person who asked" in r.get_data(as_text=True)
    assert other_lang.get("/editor/fa/refunds").status_code == 403  # an editor of another language
    assert live(reviewed) == before

    assert 'value="approve"' in second.get("/editor/fa/refunds").get_data(as_text=True)
    r = second.post("/editor/fa/refunds", data={**form(second, "/editor/fa/refunds"), "action": "approve"})
    assert r.status_code == 302 and "saved=publish" in r.headers["Location"]
    assert WORD in live(reviewed) and drafts.get(hc.db, "fa", "refunds") is None
    assert hc.search(WORD, "fa", fallback=False).hits
    head = revisions.head(hc.db, "fa", "refunds")
    assert (head.action, head.username, head.reviewed_by) == ("publish", "fa_ed", "fa_two")
    assert head.requested_at is not None and head.requested_at <= head.created_at
    log = second.get("/editor/fa/refunds/revisions.json").get_json()["revisions"][0]
    assert log["reviewed_by"] == "fa_two" and log["requested_at"]


def test_a_reviewer_sends_a_request_back_as_a_draft(reviewed):
    hc = reviewed.extensions["help_center"]
    ask(signed_in(reviewed, "fa_ed"), action="publish")
    admin = signed_in(reviewed, "adm")
    r = admin.post("/editor/fa/refunds", data={**form(admin, "/editor/fa/refunds"), "action": "send_back"})
    assert r.status_code == 302 and "saved=sent_back" in r.headers["Location"]
    draft = drafts.get(hc.db, "fa", "refunds")
    assert publishing.state(draft) == "draft" and WORD in draft.text  # the work is kept
    assert WORD not in live(reviewed)


def test_the_dashboard_lists_what_waits(reviewed):
    ask(signed_in(reviewed, "fa_ed"), action="publish")
    fa_page = signed_in(reviewed, "fa_two").get("/editor/").get_data(as_text=True)
    assert "Waiting to be published" in fa_page and 'href="/editor/fa/refunds"' in fa_page
    th_page = signed_in(reviewed, "th_ed").get("/editor/").get_data(as_text=True)
    assert "fa/refunds" in th_page and 'href="/editor/fa/refunds"' not in th_page  # listed, no link to a 403


def future(minutes: int = 60) -> dt.datetime:
    """``minutes`` from now cut to the minute the form takes, so more than ``minutes`` - 1 ahead:
    future(1) was under a second ahead at hh:mm:59, past when the form arrived, and refused."""
    return (dt.datetime.now(dt.UTC) + dt.timedelta(minutes=minutes)).replace(second=0, microsecond=0)


def test_a_scheduled_publish_happens_when_its_time_has_come(unreviewed):
    hc = unreviewed.extensions["help_center"]
    at = future()
    r = ask(signed_in(unreviewed, "fa_ed"), action="publish", publish_at=at.strftime("%Y-%m-%dT%H:%M"))
    assert r.status_code == 302 and "saved=scheduled" in r.headers["Location"]
    assert WORD not in live(unreviewed)
    assert publishing.publish_due(hc, at - dt.timedelta(minutes=1)) == []
    assert WORD not in live(unreviewed)
    assert publishing.publish_due(hc, at) == [("fa", "refunds", "")]
    assert WORD in live(unreviewed) and drafts.get(hc.db, "fa", "refunds") is None
    head = revisions.head(hc.db, "fa", "refunds")
    assert (head.action, head.username, head.reviewed_by) == ("publish", "fa_ed", "")


def test_the_publish_due_command_publishes_and_reports(unreviewed):
    hc = unreviewed.extensions["help_center"]
    ask(signed_in(unreviewed, "fa_ed"), action="publish", publish_at=future(2).strftime("%Y-%m-%dT%H:%M"))
    drafts.update(hc.db, drafts.get(hc.db, "fa", "refunds").id, publish_at=dt.datetime.now(dt.UTC))
    result = unreviewed.test_cli_runner().invoke(args=["kb", "publish-due"])
    assert result.exit_code == 0 and "fa/refunds: published" in result.output and "1 published" in result.output
    assert WORD in live(unreviewed)


def test_a_scheduled_and_reviewed_publish_needs_the_approval_first(reviewed):
    hc = reviewed.extensions["help_center"]
    at = future()
    ask(signed_in(reviewed, "fa_ed"), action="publish", publish_at=at.strftime("%Y-%m-%dT%H:%M"))
    assert publishing.publish_due(hc, at + dt.timedelta(hours=1)) == []  # not approved: not due
    second = signed_in(reviewed, "fa_two")
    r = second.post("/editor/fa/refunds", data={**form(second, "/editor/fa/refunds"), "action": "approve"})
    assert "saved=approved" in r.headers["Location"] and WORD not in live(reviewed)  # approved, waits for its time
    assert publishing.publish_due(hc, at) == [("fa", "refunds", "")]
    assert revisions.head(hc.db, "fa", "refunds").reviewed_by == "fa_two"


def test_a_publish_time_already_past_is_refused(unreviewed):
    r = ask(signed_in(unreviewed, "fa_ed"), action="publish", publish_at="2020-01-01T10:00")
    assert r.status_code == 422 and "publish time has passed" in r.get_data(as_text=True)
    r = ask(signed_in(unreviewed, "fa_ed"), action="publish", publish_at="next tuesday")
    assert r.status_code == 422 and "date and time" in r.get_data(as_text=True)
    assert WORD not in live(unreviewed)


def test_a_scheduled_publish_never_overwrites_a_page_changed_since(unreviewed):
    hc = unreviewed.extensions["help_center"]
    at = future()
    ask(signed_in(unreviewed, "fa_ed"), action="publish", publish_at=at.strftime("%Y-%m-%dT%H:%M"))
    path = hc.articles.path_for("fa", "refunds")
    save_article(hc.articles, "fa", "refunds", path.read_text(encoding="utf-8").replace("ظرف", "در"), db=hc.db)
    [(_, _, problem)] = publishing.publish_due(hc, at)
    assert "changed after the publish was scheduled" in problem
    assert WORD not in path.read_text(encoding="utf-8")
    draft = drafts.get(hc.db, "fa", "refunds")
    assert draft.publish_at is None and WORD in draft.text  # unscheduled, the work kept
    assert "Not published:" in signed_in(unreviewed, "fa_ed").get("/editor/fa/refunds").get_data(as_text=True)


def test_one_worker_at_a_time_publishes(unreviewed):
    hc = unreviewed.extensions["help_center"]
    assert leases.try_acquire(hc.db, "publish", "another-host", ttl=60)
    assert publishing.publish_due(hc) is None


def test_a_new_translation_waits_for_review_before_its_file_exists(reviewed):
    hc = reviewed.extensions["help_center"]
    path = hc.articles.path_for("fa", "refunds")
    path.unlink()
    hc.article_written("fa", "refunds")
    author = signed_in(reviewed, "fa_ed")
    data = form(author, "/editor/fa/refunds")
    text = data["text"].replace('title: ""', 'title: "بازپرداخت"') + f"\n{WORD}\n"
    r = author.post("/editor/fa/refunds", data={**data, "text": text, "action": "publish"})
    assert "saved=review" in r.headers["Location"] and not path.exists()
    second = signed_in(reviewed, "fa_two")
    second.post("/editor/fa/refunds", data={**form(second, "/editor/fa/refunds"), "action": "approve"})
    assert path.exists() and WORD in live(reviewed)


def test_the_workers_thread_publishes_what_is_due_and_stops_with_the_site(template, tmp_path):
    import time

    app = make_site(template, tmp_path, KB_PUBLISH_SECONDS="0.05")
    hc = app.extensions["help_center"]
    ask(signed_in(app, "fa_ed"), action="publish", publish_at=future(2).strftime("%Y-%m-%dT%H:%M"))
    drafts.update(hc.db, drafts.get(hc.db, "fa", "refunds").id, publish_at=dt.datetime.now(dt.UTC))
    thread = publishing.follow(hc)
    deadline = time.monotonic() + 30  # a hang bound, not a speed target
    while drafts.get(hc.db, "fa", "refunds") is not None and time.monotonic() < deadline:
        time.sleep(0.05)
    hc.close()
    thread.join(timeout=10)
    assert WORD in live(app) and not thread.is_alive()


def test_no_thread_when_scheduled_publishing_is_left_to_cron(template, tmp_path):
    app = make_site(template, tmp_path, KB_PUBLISH_SECONDS="0")
    assert publishing.follow(app.extensions["help_center"]) is None


def test_due_requests_on_both_databases(database):
    """What is due: scheduled at or before now, and approved when review is needed (SQLite and PostgreSQL)."""
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    drafts.put(database, "fa", "a", "x", "r1", "ann", ready_text="x", publish_at=now - dt.timedelta(minutes=1))
    drafts.put(database, "fa", "b", "x", "r1", "ann", ready_text="x", publish_at=now + dt.timedelta(minutes=1))
    drafts.put(database, "fa", "c", "x", "r1", "ann", ready_text="x", needs_review=True, publish_at=now)
    drafts.put(database, "fa", "d", "x", "r1", "ann")  # a plain draft
    assert [d.slug for d in drafts.due(database, now)] == ["a"]
    drafts.update(database, drafts.get(database, "fa", "c").id, approved_by="bob")
    assert sorted(d.slug for d in drafts.due(database, now)) == ["a", "c"]
    assert [d.slug for d in drafts.waiting(database)] == ["a", "b", "c"]
    assert publishing.state(drafts.get(database, "fa", "d")) == "draft"


def test_the_publish_due_command_says_when_another_worker_publishes_and_fails_on_a_problem(unreviewed):
    hc = unreviewed.extensions["help_center"]
    runner = unreviewed.test_cli_runner()
    assert leases.try_acquire(hc.db, "publish", "another-host", ttl=60)
    busy = runner.invoke(args=["kb", "publish-due"])
    assert busy.exit_code == 1 and "another worker is publishing" in busy.output
    leases.release(hc.db, "publish", "another-host")
    ask(signed_in(unreviewed, "fa_ed"), action="publish", publish_at=future(2).strftime("%Y-%m-%dT%H:%M"))
    drafts.update(hc.db, drafts.get(hc.db, "fa", "refunds").id, publish_at=dt.datetime.now(dt.UTC))
    path = hc.articles.path_for("fa", "refunds")
    save_article(hc.articles, "fa", "refunds", path.read_text(encoding="utf-8").replace("ظرف", "در"), db=hc.db)
    failed = runner.invoke(args=["kb", "publish-due"])
    assert failed.exit_code == 1 and "fa/refunds: not published" in failed.output and "1 not published" in failed.output


def test_translate_init_refuses_a_code_that_is_no_language(unreviewed):
    result = unreviewed.test_cli_runner().invoke(args=["translate", "init", "../etc"])
    assert result.exit_code == 1 and "is not a language code" in result.output
