"""Votes and the contact form through the site, with CSRF on every state change."""

import datetime as dt
import re

import pytest
from flask import url_for

from kb import learning
from kb.db import Inquiry, SearchEvent, Vote, utcnow


def token(client, url: str) -> str:
    html = client.get(url).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def rows(app, model):
    with app.extensions["help_center"].db.session() as s:
        return s.query(model).all()


def test_vote_once_per_visitor_and_change_of_mind(app, client):
    t = token(client, "/en/articles/refunds")
    r = client.post("/en/articles/refunds/vote", data={"csrf_token": t, "helpful": "no", "reason": "mail a@b.com"})
    assert r.status_code == 302 and "voted=no" in r.headers["Location"]
    client.post("/en/articles/refunds/vote", data={"csrf_token": t, "helpful": "yes"})
    (vote,) = rows(app, Vote)
    assert vote.helpful is True and vote.reason is None
    other = app.test_client()
    other.post(
        "/en/articles/refunds/vote",
        data={"csrf_token": token(other, "/en/articles/refunds"), "helpful": "no", "reason": "write to a@b.com"},
    )
    votes = rows(app, Vote)
    assert len(votes) == 2 and all("a@b.com" not in (v.reason or "") for v in votes)
    assert all(len(v.visitor) == 32 for v in votes)  # a keyed hash, not the cookie or an address


def test_fresh_cookies_from_one_address_cannot_stuff_an_article(app):
    """Clearing the cookie makes a new visitor, but one address adds at most MAX_VOTES_PER_CLIENT
    votes to an article per day; another article, or another address, is not affected."""
    from kb.feedback import MAX_VOTES_PER_CLIENT

    def vote(slug: str, addr: str) -> int:
        fresh = app.test_client()  # no kb_visitor cookie: a new visitor each time
        t = token(fresh, f"/en/articles/{slug}")
        r = fresh.post(
            f"/en/articles/{slug}/vote", data={"csrf_token": t, "helpful": "no"}, environ_base={"REMOTE_ADDR": addr}
        )
        return r.status_code

    assert {vote("refunds", "198.51.100.7") for _ in range(MAX_VOTES_PER_CLIENT + 3)} == {302}  # thanked alike
    assert vote("refunds", "198.51.100.8") == 302
    assert vote("heading-anchors", "198.51.100.7") == 302
    by_article: dict[tuple[str, str | None], int] = {}
    for v in rows(app, Vote):
        by_article[(v.slug, v.client)] = by_article.get((v.slug, v.client), 0) + 1
    counts = sorted(by_article.values())
    assert counts == [1, 1, MAX_VOTES_PER_CLIENT]
    assert all(c and len(c) == 32 and "198.51" not in c for _, c in by_article)  # a keyed hash, not the address


def test_vote_on_unknown_article_is_404(client):
    assert (
        client.post(
            "/en/articles/nope/vote", data={"csrf_token": token(client, "/en/articles/refunds"), "helpful": "yes"}
        ).status_code
        == 404
    )


def test_contact_stores_a_redacted_inquiry(app, client):
    t = token(client, "/en/contact")
    r = client.post(
        "/en/contact",
        data={
            "csrf_token": t,
            "name": "Jane Doe",
            "email": "jane@example.com",
            "question": "Where is my refund? jane@example.com",
            "opened": "1",
            "action": "send",
        },
    )
    assert r.status_code == 200 and "Thank you" in r.get_data(as_text=True)
    (inq,) = rows(app, Inquiry)
    assert (inq.channel, inq.lang, inq.suggestion_opened) == ("web", "en", True)
    assert "jane@example.com" not in inq.text and "refund" in inq.text


def test_contact_suggests_without_javascript_and_stores_nothing(app, client):
    t = token(client, "/en/contact")
    html = client.post("/en/contact", data={"csrf_token": t, "question": "refund bank", "action": "suggest"}).get_data(
        as_text=True
    )
    assert "/en/articles/refunds" in html
    assert rows(app, Inquiry) == []


def test_empty_question_is_422_and_nothing_stored(app, client):
    r = client.post(
        "/en/contact",
        data={
            "csrf_token": token(client, "/en/contact"),
            "question": "  ",
            "name": "Jane",
            "email": "jane@example.com",
        },
    )
    assert r.status_code == 422 and rows(app, Inquiry) == []


def test_every_state_changing_route_requires_a_csrf_token(app, client):
    """Signed in as admin, so every route gets past its role check: the missing token alone answers 400.
    The answer API is the one exception: it takes no cookie, only a bearer token, so CSRF cannot reach it
    and its answer without a token is 401."""
    from kb.accounts import add_user

    add_user(app.extensions["help_center"].db, "root", "correct horse battery", "admin", None)
    r = client.post(
        "/staff/login",
        data={"csrf_token": token(client, "/staff/login"), "username": "root", "password": "correct horse battery"},
    )
    assert r.status_code == 302
    posts = [r for r in app.url_map.iter_rules() if r.methods & {"POST", "PUT", "PATCH", "DELETE"}]
    assert posts
    values = {"lang": "en", "slug": "refunds"}
    with app.test_request_context():
        for rule in posts:
            url = url_for(rule.endpoint, **{arg: values.get(arg, 1) for arg in rule.arguments})
            expected = 401 if rule.endpoint == "api.answer" else 400
            assert client.post(url, data={"helpful": "yes", "question": "x"}).status_code == expected, rule.rule
    assert rows(app, Inquiry) == [] and rows(app, Vote) == []


def test_home_shows_most_read_and_most_helpful(app, client):
    from kb.feedback import record_view, record_vote

    db = app.extensions["help_center"].db
    for _ in range(3):
        record_view(db, "en", "en", "refunds")
    for v in ("a", "b", "c"):
        record_vote(db, "en", "heading-anchors", v, True, None)
    html = client.get("/en/").get_data(as_text=True)
    popular = html.split("Most read", 1)[1].split("</section>", 1)[0]
    helpful = html.split("Most helpful", 1)[1].split("</section>", 1)[0]
    assert "/en/articles/refunds" in popular and "/en/articles/heading-anchors" in helpful


def test_category_page_and_related_articles(client):
    html = client.get("/en/categories/returns-refunds").get_data(as_text=True)
    assert "/en/articles/refunds" in html and "heading-anchors" not in html
    assert client.get("/en/categories/nope").status_code == 404


def test_nothing_relevant_offers_the_closest_pages_and_records_their_click(app, client):
    html = client.get("/en/search?q=zebra+quantum+violin+refunds").get_data(as_text=True)
    assert "We found nothing that answers" in html and "Contact us" in html
    assert "The closest pages, which may not answer it" in html
    event_id, position = re.search(r'href="/en/articles/refunds\?s=(\d+)&amp;p=(\d)', html).groups()
    client.get(f"/en/articles/refunds?s={event_id}&p={position}")
    (event,) = rows(app, SearchEvent)
    assert event.results == 0 and event.closest >= 1 and event.clicked_position == int(position)
    assert event.clicked_article == "refunds"
    assert event.evidence is None  # lexical evidence alone here: the floor learns on the hybrid scale only
    found = client.get("/en/search?q=refunds").get_data(as_text=True)
    assert "The closest pages" not in found  # an answer: no closest pages


def test_the_floor_learns_from_the_searches_readers_opened_a_result_of(app):
    hc = app.extensions["help_center"]
    old = utcnow() - dt.timedelta(days=200)
    with hc.db.session() as s:
        s.add_all(
            SearchEvent(lang="en", query=f"q{i}", results=3, evidence=0.3 + i / 1000, clicked_position=1)
            for i in range(200)
        )
        s.add(SearchEvent(lang="en", query="long ago", results=3, evidence=-5.0, clicked_position=1, created_at=old))
        s.add_all(SearchEvent(lang="en", query="not opened", results=3, evidence=-5.0) for _ in range(50))
        s.add_all(
            SearchEvent(lang="th", query=f"q{i}", results=3, evidence=0.5, clicked_position=1) for i in range(100)
        )
    # 200 clicks: the second smallest lies below the 2% quantile with 91% confidence; 100 Thai ones are too few.
    assert learning.learn(hc, weights=False)["floor_raise"] == {"en": pytest.approx(0.301)}
    assert (
        hc.service.floor_raise == {"en": pytest.approx(0.301)} and hc.status()["floor_raise"] == hc.service.floor_raise
    )
    shown = app.test_cli_runner().invoke(args=["kb", "status"])
    assert shown.exit_code == 0 and "floor raised" in shown.output
    assert next(line for line in shown.output.splitlines() if line.startswith("en ")).endswith("0.301")
    hc.settings = hc.settings.replace(floor_click_share=0.0)
    assert learning.learn(hc, weights=False)["floor_raise"] == {} and hc.service.floor_raise == {}


def test_the_searches_of_languages_without_articles_are_read_newest_first(app):
    from kb.feedback import searches

    hc = app.extensions["help_center"]
    old = utcnow() - dt.timedelta(days=200)
    with hc.db.session() as s:
        s.add_all(SearchEvent(lang="de", query=f"frage {i}", results=0) for i in range(5))
        s.add(SearchEvent(lang="de", query="long ago", results=0, created_at=old))
        s.add(SearchEvent(lang="en", query="refund", results=3))
    found = searches(hc.db, excluding=["en"], per_lang=3)
    assert found == {"de": ["frage 4", "frage 3", "frage 2"]}  # never the indexed language's, nor 200 days old
    assert set(searches(hc.db)) == {"de", "en"}
    # This site has no embedding model: nothing to place a language's searches with.
    assert learning.learn(hc)["floor_raise"] == {} and hc.service.query_means == {}


def test_dense_weights_learn_from_opened_articles_only_where_there_is_a_dense_side(app):
    hc = app.extensions["help_center"]
    with hc.db.session() as s:
        s.add_all(
            SearchEvent(lang="en", query="refund", results=3, clicked_position=1, clicked_article="refunds")
            for _ in range(60)
        )
    assert hc.service.search("refund", "en").hits[0].article == "refunds"
    # This site searches by keywords alone (no vectors): every factor ranks alike, so none is learnt.
    assert (
        learning.learn(hc)["dense_factor"] == {} and hc.service.dense_factor == {} and hc.status()["dense_factor"] == {}
    )


def test_the_workers_learn_from_clicks_at_once_and_stop_with_the_site(app):
    import time

    hc = app.extensions["help_center"]
    with hc.db.session() as s:
        s.add_all(
            SearchEvent(lang="en", query=f"q{i}", results=1, evidence=0.4, clicked_position=1) for i in range(150)
        )
    thread = learning.follow(hc)  # hourly, and first at once: a new worker must not wait an hour
    deadline = time.monotonic() + 30  # a hang bound, not a speed target
    while not hc.service.floor_raise and time.monotonic() < deadline:
        time.sleep(0.05)
    hc.close()
    thread.join(timeout=10)
    assert hc.service.floor_raise == {"en": 0.4} and not thread.is_alive()
