"""The staff dashboard's insight (issue 15 §2): period figures against the previous period, the
charts' tables, the CSV export (formula-safe), the period validation and who may see it."""

import csv
import datetime as dt
import io

import pytest

from kb import insight
from kb.db import ArticleView, Inquiry, SearchEvent, Ticket, Vote, utcnow
from kb.feedback import record_click, record_inquiry, record_search, record_view, record_vote
from kb.handoff.tickets import Contact, create_ticket
from search import Hit, SearchResult
from tests.test_auth import login, staff  # noqa: F401 (the fixture)

NOW = utcnow()


def ago(days: float) -> dt.datetime:
    return NOW - dt.timedelta(days=days)


def move(db, model, when: dt.datetime, row_id: int | None = None) -> None:
    """Put the row (default: the newest of ``model``) at ``when``, as if it had been recorded then."""
    with db.session() as s:
        row = s.get(model, row_id) if row_id else s.query(model).order_by(model.id.desc()).first()
        row.created_at = when


def hit(slug: str, lang: str = "en", fallback: bool = False) -> Hit:
    return Hit(lang, slug, slug, "", "", "", "", 1.0, fallback=fallback)


def search(db, query: str, hits: list[Hit], when: dt.datetime, click: int | None = None) -> None:
    event_id = record_search(db, SearchResult(query, "en", hits))
    if click:
        record_click(db, event_id, click, hits[click - 1].article if click <= len(hits) else "none")
    move(db, SearchEvent, when, event_id)


def view(db, lang: str, shown: str, slug: str, when: dt.datetime) -> None:
    record_view(db, lang, shown, slug)
    move(db, ArticleView, when)


def vote(db, slug: str, visitor: str, helpful: bool, reason: str | None, when: dt.datetime) -> None:
    assert record_vote(db, "en", slug, visitor, helpful, reason)
    move(db, Vote, when)


def ticket(app, db, lang: str, topic: str, trail: list[dict], when: dt.datetime) -> None:
    t = create_ticket(
        db,
        app.extensions["help_center"].settings,
        lang,
        Contact("Ann", "ann@example.com", "Where is my refund?", topic=topic),
        trail,
        kinds=(),
    )
    move(db, Ticket, when, t.id)
    move(db, Inquiry, when, t.inquiry_id)


READ = {"kind": "article", "slug": "refund-timing", "lang": "en"}


@pytest.fixture
def seeded(app, staff):  # noqa: F811 (the fixture)
    """Two periods of 30 days: this one (days 1-29 ago) and the previous one (days 31-59 ago)."""
    db = staff
    # This period: 4 searches (1 without a result, 1 with results but no click, 2 clicked).
    search(db, "=HYPERLINK(bad)", [], ago(2))
    search(db, "refund", [hit("refund-timing")], ago(3), click=1)
    search(db, "refund time", [hit("refund-timing")], ago(4), click=1)
    search(db, "shipping", [hit("shipping-costs", "th", fallback=True)], ago(5))
    # The previous one: 2 searches, both without a result; one before both periods.
    search(db, "gift card", [], ago(35))
    search(db, "gift card", [], ago(40))
    search(db, "old", [], ago(70))
    # Reads: 4 now (one Thai reader shown English), 1 before.
    for days in (2, 3, 4):
        view(db, "en", "en", "refund-timing", ago(days))
    view(db, "th", "en", "shipping-costs", ago(6))
    view(db, "en", "en", "refund-timing", ago(45))
    # Contacts: a Thai ticket after reading one article + an email now; a ticket after one read before.
    ticket(app, db, "th", "refund", [READ, {"kind": "search", "q": "refund", "lang": "th", "hits": 1}], ago(3))
    record_inquiry(db, "fa", "@SUM(1) my parcel", channel="email")
    move(db, Inquiry, ago(8))
    ticket(app, db, "en", "delivery", [READ], ago(50))
    # Votes: refund-timing 1 yes, 2 no now; 1 yes before.
    vote(db, "refund-timing", "v1", True, None, ago(9))
    vote(db, "refund-timing", "v2", False, "too vague", ago(5))
    vote(db, "refund-timing", "v3", False, "-1 not clear", ago(2))
    vote(db, "refund-timing", "v4", True, "fine", ago(40))
    return db


def test_period_figures_and_the_previous_period(seeded):
    data = insight.insight(seeded, insight.parse_period("30"))
    got = {f.key: (f.current, f.previous) for f in data.figures}
    assert got["searches"] == (4, 2)
    assert got["no_result"] == (1, 2)
    assert got["no_click"] == (1, 0)
    assert got["reads"] == (4, 1)
    assert got["contacts"] == (2, 1)
    assert got["helpful"] == (1, 1) and got["not_helpful"] == (2, 0)
    assert got["fallback_reads"] == (1, 0) and got["fallback_searches"] == (1, 0)
    # 1 of 4 reads ended in a contact now; the only read before did.
    assert got["self_service"] == (0.75, 0.0)
    assert data.figure("searches").change == 2 and data.figure("searches").relative == 1.0
    assert data.figure("self_service").relative is None  # a rate changes in points
    t = data.tables
    assert t["contacts_by_topic"].rows == [("refund", 1, 0), ("delivery", 0, 1)]
    assert t["contacts_by_language"].rows == [("fa", 1, 0), ("th", 1, 0), ("en", 0, 1)]
    assert t["contacts_by_channel"].rows == [("web", 1, 1), ("email", 1, 0)]
    assert t["most_read"].rows == [("refund-timing", 3, 1), ("shipping-costs", 1, 0)]
    assert t["least_helpful"].rows == [("en", "refund-timing", 1, 2, 1 / 3)]
    assert [r[4] for r in t["reasons"].rows] == ["-1 not clear", "too vague"]  # latest first, this period only
    assert t["translation_demand"].rows == [("th", 1, 0)]
    assert t["read_in_another_language"].rows == [("th", "shipping-costs", 1)]
    assert t["no_result_queries"].rows == [("en", "=HYPERLINK(bad)", 1)]
    # 7 days holds only part of it, against days 7-14 ago.
    week = insight.insight(seeded, insight.parse_period("7"))
    assert (week.figure("searches").current, week.figure("searches").previous) == (4, 0)
    assert (week.figure("contacts").current, week.figure("contacts").previous) == (1, 1)


def test_parse_period_presets_custom_and_refusals():
    now = dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC)
    p = insight.parse_period(None, now=now)
    assert p.key == "30" and p.end == now and p.days == 30
    assert p.previous().end == p.start and p.previous().days == 30
    c = insight.parse_period("custom", "2026-11-01", "2026-11-10", now=now)
    assert (c.first_day(), c.last_day(), c.days) == (dt.date(2026, 11, 1), dt.date(2026, 11, 10), 10)
    assert (c.previous().first_day(), c.previous().last_day()) == (dt.date(2026, 10, 22), dt.date(2026, 10, 31))
    for args, code in [
        (("custom", "2026-11-31", "2026-12-01"), "bad_date"),
        (("custom", "yesterday", "2026-11-01"), "bad_date"),
        (("custom", "2026-11-01", None), "bad_date"),
        (("custom", "2026-11-10", "2026-11-01"), "order"),
        (("custom", "2026-12-24", "2026-12-25"), "future"),
        (("custom", "2020-01-01", "2026-11-01"), "too_long"),
        (("14", None, None), "bad_period"),
    ]:
        with pytest.raises(insight.PeriodInvalid) as exc:
            insight.parse_period(*args, now=now)
        assert exc.value.code == code


def test_csv_cells_that_a_spreadsheet_would_run_are_quoted():
    table = insight.Table("t", ("text", "n"), [("=1+1", -3), ("+x", 1), ("-y", 2), ("@z", 3), ("\tq", 4), ("ok", 5)])
    rows = list(csv.reader(io.StringIO(insight.to_csv(table))))
    assert rows == [
        ["text", "n"],
        ["'=1+1", "-3"],
        ["'+x", "1"],
        ["'-y", "2"],
        ["'@z", "3"],
        ["'\tq", "4"],
        ["ok", "5"],
    ]


def test_dashboard_page_json_twin_and_csv(client, seeded):
    login(client)
    page = client.get("/staff/")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert 'aria-current="page">Last 30 days' in html
    assert html.count('role="img"') >= 4 and "<title>refund-timing: 3" in html
    assert "75%" in html and "=HYPERLINK(bad)" in html
    for url in ("/staff/?format=json", "/staff/dashboard.json"):
        data = client.get(url).get_json()
        assert data["period"]["key"] == "30"
        assert data["figures"]["searches"] == {"current": 4, "previous": 2, "change": 2, "kind": "count"}
        assert data["tables"]["most_read"][0] == {"article": "refund-timing", "current": 3, "previous": 1}
    r = client.get("/staff/insight.csv?table=no_result_queries&period=30")
    assert r.status_code == 200 and r.mimetype == "text/csv"
    assert r.headers["Content-Disposition"].startswith('attachment; filename="kestrel-no-result-queries-')
    assert list(csv.reader(io.StringIO(r.get_data(as_text=True)))) == [
        ["language", "query", "searches"],
        ["en", "'=HYPERLINK(bad)", "1"],
    ]
    reasons = list(csv.reader(io.StringIO(client.get("/staff/insight.csv?table=reasons").get_data(as_text=True))))
    assert reasons[1][4] == "'-1 not clear"
    figures = list(
        csv.reader(io.StringIO(client.get("/staff/insight.csv?table=figures&period=7").get_data(as_text=True)))
    )
    assert figures[1] == ["searches", "4", "0", "4"]
    assert client.get("/staff/insight.csv?table=users").status_code == 400


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("period=custom&from=2026-02-30&to=2026-03-01", "Enter both dates as YYYY-MM-DD."),
        ("period=custom&from=2026-03-10&to=2026-03-01", "The start date is after the end date."),
        ("period=12", "Choose 7, 30 or 90 days, or a custom range."),
    ],
)
def test_a_bad_period_is_refused_with_the_reason(client, staff, query, message):  # noqa: F811
    login(client)
    page = client.get(f"/staff/?{query}")
    assert page.status_code == 400 and message in page.get_data(as_text=True)
    assert client.get(f"/staff/?{query}&format=json").get_json()["error"] == message
    r = client.get(f"/staff/insight.csv?table=figures&{query}")
    assert r.status_code == 400 and message in r.get_data(as_text=True)


def test_a_custom_period_is_kept_in_the_csv_links(client, seeded):
    login(client)
    today = NOW.date()
    start = today - dt.timedelta(days=9)
    html = client.get(f"/staff/?period=custom&from={start}&to={today}").get_data(as_text=True)
    assert f"period=custom&amp;from={start}&amp;to={today}" in html or f"from={start}" in html
    data = client.get(f"/staff/dashboard.json?period=custom&from={start}&to={today}").get_json()
    assert data["period"]["key"] == "custom" and data["figures"]["searches"]["current"] == 4


def test_only_staff_see_the_insight(client):
    for url in ("/staff/", "/staff/dashboard.json", "/staff/insight.csv?table=figures"):
        r = client.get(url)
        assert r.status_code == 302 and "/staff/login" in r.headers["Location"]


@pytest.mark.browser
def test_dashboard_in_a_browser(app, staff, browser, request):  # noqa: F811
    """A month of varied activity against the month before, seen by a signed-in support agent
    (the screenshot lands in test-artifacts/test_dashboard_in_a_browser.png)."""
    import random
    import re

    from tests.conftest import browser_page, serving
    from tests.test_auth import PASSWORD

    db, rnd = staff, random.Random(15)
    slugs = ["refund-timing", "shipping-costs", "track-my-order", "change-password", "pay-in-instalments"]
    langs = ["en", "th", "fa", "id", "lv"]
    topics = ["refund", "delivery", "order", "payment", "return", "account"]
    for offset, scale in ((0, 1.0), (30, 0.7)):  # this period, then the previous (fewer of everything)
        for i in range(int(60 * scale)):
            hits = [] if i % 7 == 0 else [hit(rnd.choice(slugs))]
            search(db, f"query {i % 9}", hits, ago(offset + rnd.uniform(1, 29)), click=1 if i % 3 else None)
        for i in range(int(80 * scale)):
            lang = rnd.choice(langs)
            view(db, lang, lang if i % 5 else "en", rnd.choice(slugs[: 2 + i % 4]), ago(offset + rnd.uniform(1, 29)))
        for i in range(int(14 * scale)):
            trail = [{"kind": "article", "slug": rnd.choice(slugs), "lang": "en"}] * (i % 3)
            ticket(app, db, rnd.choice(langs), topics[(i * 5 + i // 4) % 6], trail, ago(offset + rnd.uniform(1, 29)))
        for i in range(int(12 * scale)):
            reason = ["The steps did not match my screen", "=HYPERLINK(x)", None, "Clear, thanks"][i % 4]
            vote(db, slugs[i % 3], f"v{offset}-{i}", i % 3 == 2, reason, ago(offset + rnd.uniform(1, 29)))
    with serving(app) as base, browser_page(browser, request, (1280, 900), full_page=True) as page:
        page.goto(f"{base}/staff/login?next=/staff/")
        page.fill("input[name=username]", "ann")
        page.fill("input[name=password]", PASSWORD)
        page.press("input[name=password]", "Enter")
        page.wait_for_url(re.compile(r"/staff/$"))
        assert page.locator(".kpi").count() == 10
        assert page.locator("svg.hbars[role=img]").count() >= 4
        assert page.locator("svg.hbars rect title").count() >= 8
