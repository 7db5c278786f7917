"""The review queue in a real browser: Debian's Chromium through Playwright, screenshots in test-artifacts/."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from test_review import seed

from kb import accounts
from kb.db import Suggestion
from kb.review import queue
from tests.conftest import ARTIFACTS, browser_page, serving

pytestmark = pytest.mark.browser
DATA = Path(__file__).parent / "data"
PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The edge-case help center with mined suggestions, served on 127.0.0.1 by a real WSGI server."""
    from kb.web import create_app

    tmp = tmp_path_factory.mktemp("review-site")
    shutil.copytree(DATA / "articles", tmp / "articles")
    app = create_app(
        {
            "KB_ARTICLES_DIR": str(tmp / "articles"),
            "KB_INDEX_DIR": str(tmp / "index"),
            "KB_EMBEDDING_MODEL": "none",
            "KB_MINING_MODEL": "none",
            "KB_DATABASE_URL": f"sqlite:///{tmp / 'kb.sqlite3'}",
            "KB_SECRET_KEY": "browser-tests",
            "KB_UPLOAD_DIR": str(tmp / "uploads"),
        }
    )
    app.extensions["help_center"].rebuild()
    db = app.extensions["help_center"].db
    db.upgrade()
    accounts.add_user(db, "sam", PASSWORD, "support")
    sid = seed(db, tmp, secret="browser-tests")
    with db.session() as s:
        s.add(
            Suggestion(
                fingerprint="th-1",
                coverage="gap",
                lang="th",
                priority="delivery",
                size=41,
                recent=12,
                score=30.2,
                title="พัสดุของฉันอยู่ที่ไหน ส่งมาสามวันแล้วยังไม่ถึง",
                langs={"th": 39, "en": 2},
                channels={"chat": 30, "email": 11},
                terms=["พัสดุ", "ติดตาม"],
                weekly=[
                    [f"2026-{m:02d}-{d:02d}", n]
                    for (m, d), n in zip(
                        [
                            (7, 6),
                            (7, 13),
                            (7, 20),
                            (7, 27),
                            (8, 3),
                            (8, 10),
                            (8, 17),
                            (8, 24),
                            (8, 31),
                            (9, 7),
                            (9, 14),
                            (9, 21),
                        ],
                        [1, 3, 2, 5, 4, 6, 2, 8, 3, 1, 4, 2],
                        strict=False,
                    )
                ],
                examples=[{"text": "พัสดุของฉันอยู่ที่ไหน", "lang": "th"}],
                nearest={},
            )
        )
        s.add(
            Suggestion(
                fingerprint="fa-1",
                coverage="answered",
                lang="fa",
                size=9,
                recent=2,
                score=3.1,
                title="بازپرداخت پول من کی انجام می‌شود؟",
                langs={"fa": 9},
                channels={"email": 9},
                nearest={"lang": "fa", "slug": "zwnj-and-arabic-yeh", "title": "بازپرداخت", "score": 0.81},
            )
        )
    with serving(app) as base:
        yield app, base, sid


@pytest.fixture
def page(browser, site, request):
    """A page signed in as support (1000x900, or @pytest.mark.viewport(w, h)); screenshot saved at the end."""
    with browser_page(browser, request, full_page=True) as pg:
        _, base, _ = site
        pg.goto(f"{base}/staff/login")
        pg.fill("input[name=username]", "sam")
        pg.fill("input[name=password]", PASSWORD)
        pg.click("main form button[type=submit]")
        pg.wait_for_url(re.compile(r"/staff/tickets/$"))  # support's start page
        yield pg


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_list_shows_the_queue_best_first(site, page):
    _, base, _ = site
    page.goto(f"{base}/staff/suggestions/")
    titles = page.locator(".suggestion-title").all_inner_texts()
    assert titles[0].startswith("พัสดุ") and len(titles) == 3
    assert no_horizontal_scroll(page)


def test_detail_page_shows_the_evidence(site, page):
    _, base, sid = site
    page.goto(f"{base}/staff/suggestions/{sid}")
    assert page.locator("svg.bars rect").count() >= 2
    assert page.locator(".examples li").count() == 6
    assert "<script>" in page.locator(".examples").inner_text()  # shown as text, never run
    assert no_horizontal_scroll(page)


@pytest.mark.viewport(360, 780)
def test_mobile_list_and_detail_fit_the_screen(site, page):
    _, base, sid = site
    page.goto(f"{base}/staff/suggestions/")
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(ARTIFACTS / "test_mobile_list.png"), full_page=True)
    page.goto(f"{base}/staff/suggestions/{sid}")
    assert no_horizontal_scroll(page)


def test_support_dismisses_a_suggestion_with_a_reason(site, page):
    app, base, _ = site
    with app.extensions["help_center"].db.session() as s:
        target = s.query(Suggestion).filter_by(fingerprint="fa-1").one().id
    page.goto(f"{base}/staff/suggestions/{target}")
    assert page.evaluate("getComputedStyle(document.querySelector('h1.customer')).direction") == "rtl"
    page.fill("#d-reason", "Already answered by the refunds article")
    page.click("form[action$='/dismiss'] button[type=submit]")
    page.wait_for_selector(".flash-ok")
    assert page.locator("button", has_text="Reopen").is_visible()
    suggestion = queue.get_suggestion(app.extensions["help_center"].db, target)
    assert (suggestion.status, suggestion.dismiss_reason) == ("dismissed", "Already answered by the refunds article")
    assert [(a.username, a.action) for a in queue.actions(app.extensions["help_center"].db, target)] == [
        ("sam", "dismiss")
    ]


def test_thai_suggestion_shows_a_weekly_trend(site, page):
    app, base, _ = site
    with app.extensions["help_center"].db.session() as s:
        target = s.query(Suggestion).filter_by(fingerprint="th-1").one().id
    page.goto(f"{base}/staff/suggestions/{target}")
    assert page.locator("svg.bars rect").count() == 12
    assert "at most 8 in one week" in page.locator("svg.bars > title").text_content()  # for screen readers
    page.click("details summary")
    assert page.locator("details table tr").count() == 13


def test_upload_shows_the_job_and_its_counts(site, page, tmp_path):
    from test_review import PII_CSV

    _, base, _ = site
    log = tmp_path / "inquiries.csv"
    log.write_text(PII_CSV + '"",email,2026-09-18T10:00:00,en\n', encoding="utf-8")
    page.goto(f"{base}/staff/suggestions/upload")
    page.set_input_files("#u-file", str(log))
    page.click("form.upload button[type=submit]")
    page.wait_for_url(re.compile(r"/staff/suggestions/jobs/\d+$"))
    preview = page.locator("main").inner_text()  # before it starts (the site's seed imported the same rows)
    assert re.search(r"\d+ rows read: \d+ new, \d+ already imported, 1 that cannot be read", preview), preview
    page.click(".job-actions button[type=submit] >> nth=0")
    page.wait_for_selector(".job-done", timeout=60_000)  # the page refreshes itself until then
    assert "empty text" in page.locator("table").last.inner_text()
