"""New inquiries added to existing suggestions without clustering again (kb/mining/assign.py), as a
job through the upload page, and from the CLI."""

from __future__ import annotations

import pytest
from test_mining import GIFT, REFUND, TOY, demo_rows, write_log
from test_suggestions_web import token, upload, wait_for

from kb import mining
from kb.db import Database, Inquiry, Suggestion
from kb.mining import assign, jobs
from tests.conftest import copy_sqlite

FAR = "my cat ate the sofa cushion yesterday"


@pytest.fixture
def db(tmp_path, migrated_sqlite):
    database = Database(f"sqlite:///{copy_sqlite(migrated_sqlite, tmp_path / 'kb.sqlite3')}")
    yield database
    database.engine.dispose()


def new_rows(texts: list[str], lang: str = "en") -> list[dict]:
    return [
        {
            "ticket": f"N-{i}",
            "time": "2026-11-02T10:00:00Z",
            "channel": "web",
            "lang": lang,
            "customer": "",
            "text": t,
            "reply": "",
        }
        for i, t in enumerate(texts)
    ]


def snapshot(db: Database) -> tuple[list, list]:
    with db.session() as s:
        sugs = [
            (
                x.id,
                x.fingerprint,
                x.title,
                x.status,
                x.dismiss_reason,
                x.size,
                x.langs,
                x.channels,
                x.weekly,
                x.examples,
                x.titles,
                x.recent,
                x.score,
                x.draft_answer,
                x.mined_at,
            )
            for x in s.query(Suggestion).order_by(Suggestion.id)
        ]
        placed = list(s.query(Inquiry.id, Inquiry.suggestion_id).order_by(Inquiry.id))
    return sugs, placed


def mined(db: Database, help_center, tmp_path) -> dict[str, Suggestion]:
    mining.import_and_mine(db, help_center, str(write_log(tmp_path / "log.csv", demo_rows())), secret="k", config=TOY)
    with db.session() as s:
        sugs = list(s.query(Suggestion))
    return {
        "refund": next(x for x in sugs if "refund" in x.terms),
        "gift": next(x for x in sugs if "gift" in x.terms),
    }


def test_new_inquiries_join_the_suggestions_they_match_and_the_rest_wait(db, help_center, tmp_path):
    before = mined(db, help_center, tmp_path)
    refund, gift = before["refund"], before["gift"]
    with db.session() as s:  # staff dismissed the gift card question
        s.get(Suggestion, gift.id).status, s.get(Suggestion, gift.id).dismiss_reason = "dismissed", "out of scope"
    close = [e["text"] for e in refund.examples[:2]]
    like_gift = gift.examples[0]["text"]
    assert close[0] in REFUND and like_gift in GIFT
    log = write_log(tmp_path / "new.csv", new_rows([*close, like_gift, FAR]))
    report = assign.import_and_assign(db, help_center, str(log), secret="k", config=TOY)
    assert report["import"]["kept"] == 4
    assert report["assign"] == {**report["assign"], "inquiries": 4, "assigned": 3, "unassigned": 1, "suggestions": 2}
    with db.session() as s:
        new = {i.text: i.suggestion_id for i in s.query(Inquiry).filter(Inquiry.ticket.like("N-%"))}
        after_refund, after_gift = s.get(Suggestion, refund.id), s.get(Suggestion, gift.id)
        members = s.query(Inquiry).filter(Inquiry.suggestion_id == refund.id).count()
    assert [new[t] for t in close] == [refund.id, refund.id] and new[like_gift] == gift.id and new[FAR] is None
    assert after_refund.size == refund.size + 2 == members
    assert after_refund.langs["en"] == refund.langs["en"] + 2 and after_refund.channels["web"] == 2
    assert sum(n for _, n in after_refund.weekly) == after_refund.size and after_refund.weekly[-1] == ["2026-11-02", 2]
    assert after_refund.recent >= 2 and after_refund.title == refund.title and after_refund.status == "new"
    assert after_refund.fingerprint == refund.fingerprint and after_refund.coverage == refund.coverage
    # the dismissed question absorbs its like and stays dismissed, with its reason
    assert after_gift.size == gift.size + 1
    assert (after_gift.status, after_gift.dismiss_reason, after_gift.title) == ("dismissed", "out of scope", gift.title)
    # assigning the same inquiries again changes nothing
    state = snapshot(db)
    again = assign.assign(db, help_center, [i for i, _ in state[1]][-4:], config=TOY)
    assert (again.assigned, again.unassigned, again.suggestions) == (0, 1, 0)
    assert snapshot(db) == state


def test_a_new_inquiry_that_asks_nothing_joins_no_suggestion():
    from types import SimpleNamespace

    import numpy as np

    from kb.mining.model import Space

    # three members and two candidates at one point: as close as can be
    space = Space(langs=("en",), rows=np.arange(5), matrix=np.eye(3, dtype=np.float32)[[0] * 5], dense=True)
    texts = ["where is my parcel?"] * 3 + ["Cheap followers, visit followers.example.net", "where is my parcel??"]
    rows = SimpleNamespace(ids=[10, 11, 12, 13, 14], texts=texts, langs=["en"] * 5)
    decided = assign._decide(
        [space], {7: [0, 1, 2]}, [3, 4], {n: n for n in range(5)}, rows, np.array([True, True, True, False, True])
    )
    assert [(d.inquiry, d.suggestion, d.nearest) for d in decided] == [(13, None, 7), (14, 7, 7)]


def test_a_new_language_gets_a_title_and_nothing_is_assigned_without_suggestions(db, help_center, tmp_path):
    log = write_log(tmp_path / "new.csv", new_rows(REFUND[:3]))
    report = assign.import_and_assign(db, help_center, str(log), secret="k", config=TOY)
    assert report["assign"]["inquiries"] == 3 and report["assign"]["assigned"] == 0
    assert report["assign"]["unassigned"] == 3 and db.count(Suggestion) == 0
    assert assign.assign(db, help_center, []).as_dict()["inquiries"] == 0


def test_the_job_modes_and_their_validation(app, db):
    with pytest.raises(ValueError, match="mode must be one of"):
        jobs.submit(app.extensions["help_center"], "sam", "x.csv", "/nonexistent", None, None, mode="cluster")
    assert jobs.MODES == ("remine", "assign")


# -- through the upload page -------------------------------------------------------------------
@pytest.fixture
def web_db(app, tmp_path, users_sqlite):
    from test_suggestions_web import PASSWORD

    from tests.conftest import sqlite_file

    hc = app.extensions["help_center"]
    hc.settings = hc.settings.replace(upload_dir=str(tmp_path / "uploads"))
    users = [("sam", PASSWORD, "support", None)]
    copy_sqlite(users_sqlite(*users), sqlite_file(hc.db))
    return hc.db


@pytest.fixture
def staff(client, web_db):
    from test_suggestions_web import sign_in

    sign_in(client, "sam")
    client.csrf = token(client, "/staff/suggestions/upload")
    return client


def csv_of(rows: list[dict]) -> bytes:
    import csv
    import io

    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=list(rows[0]))
    w.writeheader()
    w.writerows(rows)
    return out.getvalue().encode()


def test_an_upload_can_add_to_existing_suggestions_without_clustering_again(app, staff, web_db):
    first = upload(staff, "first.csv", csv_of(demo_rows()))
    assert wait_for(app, int(first.headers["Location"].rsplit("/", 1)[1])).status == "done"
    before = staff.get("/staff/suggestions/?format=json&status=all").get_json()["suggestions"]
    assert before
    refund = next(s for s in before if "refund" in s["title"].lower())
    examples = staff.get(f"/staff/suggestions/{refund['id']}?format=json").get_json()["examples"]
    response = upload(staff, "more.csv", csv_of(new_rows([examples[0]["text"], FAR])), start="")
    job_id = int(response.headers["Location"].rsplit("/", 1)[1])
    page = staff.get(f"/staff/suggestions/jobs/{job_id}").get_data(as_text=True)
    assert "Import and mine" in page and "Import and add to existing suggestions" in page
    assert "Or the 2 new inquiries are added to the existing suggestions they match" in page
    assert f"Then all {len(demo_rows()) + 2} inquiries" in page
    bad = staff.post(f"/staff/suggestions/jobs/{job_id}/start", data={"csrf_token": staff.csrf, "mode": "both"})
    assert bad.status_code == 400 and jobs.get_job(web_db, job_id).status == "pending"
    staff.post(f"/staff/suggestions/jobs/{job_id}/start", data={"csrf_token": staff.csrf, "mode": "assign"})
    job = wait_for(app, job_id)
    assert job.status == "done", job.error
    assert job.report["assign"]["assigned"] == 1 and job.report["assign"]["unassigned"] == 1
    assert "1 new inquiries fit no suggestion yet: mine again to find new questions." in staff.get(
        f"/staff/suggestions/jobs/{job_id}"
    ).get_data(as_text=True)
    after = staff.get("/staff/suggestions/?format=json&status=all").get_json()["suggestions"]
    assert [(s["id"], s["title"]) for s in sorted(after, key=lambda s: s["id"])] == [
        (s["id"], s["title"]) for s in sorted(before, key=lambda s: s["id"])
    ]  # no re-cluster: the same suggestions, titled as before
    grown = {s["id"]: s["size"] for s in after}
    assert grown[refund["id"]] == refund["size"] + 1
    assert sum(grown.values()) == sum(s["size"] for s in before) + 1


def test_scripts_choose_the_mode_and_a_first_upload_offers_only_mining(app, staff, web_db):
    assert upload(staff, "a.csv", csv_of(demo_rows()), mode="later").status_code == 400
    response = upload(staff, "a.csv", csv_of(demo_rows()), start="")
    page = staff.get(response.headers["Location"]).get_data(as_text=True)
    assert "Import and mine" in page and "add to existing suggestions" not in page  # nothing to add to yet
    staff.post(response.headers["Location"].replace("/jobs/", "/jobs/", 1) + "/cancel", data={"csrf_token": staff.csrf})
    first = upload(staff, "a.csv", csv_of(demo_rows()))
    assert wait_for(app, int(first.headers["Location"].rsplit("/", 1)[1])).report["mine"]["clusters"] >= 1
    more = upload(staff, "b.csv", csv_of(new_rows([FAR])), mode="assign")
    job = wait_for(app, int(more.headers["Location"].rsplit("/", 1)[1]))
    assert job.status == "done" and job.report["assign"] == {**job.report["assign"], "inquiries": 1, "unassigned": 1}
    assert "mine" not in job.report


# -- the CLI -----------------------------------------------------------------------------------
def test_cli_mine_assign_adds_a_log_without_clustering_again(runner, app, tmp_path):
    log = write_log(tmp_path / "log.csv", demo_rows())
    assert runner.invoke(args=["kb", "mine", "--log", str(log)]).exit_code == 0
    db = app.extensions["help_center"].db
    with db.session() as s:
        before = [(x.id, x.title) for x in s.query(Suggestion).order_by(Suggestion.id)]
    more = write_log(tmp_path / "more.csv", new_rows([FAR, *REFUND[:2]]))
    result = runner.invoke(args=["kb", "mine", "--log", str(more), "--assign"])
    assert result.exit_code == 0, result.output
    assert "3 new inquiries:" in result.output and "fit no suggestion yet" in result.output
    assert "recurring questions" not in result.output
    with db.session() as s:
        assert [(x.id, x.title) for x in s.query(Suggestion).order_by(Suggestion.id)] == before
    as_job = runner.invoke(args=["kb", "mine", "--log", str(more), "--assign", "--as-job", "--json"])
    assert as_job.exit_code == 0 and '"assign"' in as_job.output, as_job.output
    assert jobs.recent_jobs(db)[0].report["assign"]["inquiries"] == 0  # imported already: nothing new
    missing = runner.invoke(args=["kb", "mine", "--assign"])
    assert missing.exit_code == 2 and "--log" in missing.output
