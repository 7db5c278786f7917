"""The database on SQLite and on a real PostgreSQL server: migrations, constraints, privacy."""

import pytest
from sqlalchemy.exc import IntegrityError

from kb.db import ArticleView, Base, SearchEvent, Vote
from kb.feedback import record_search, record_view
from search import Hit, SearchResult


def test_migrations_match_the_models(database):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with database.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    assert database.revision() == database.head()


def test_upgrade_is_idempotent(database):
    database.upgrade()
    assert database.revision() == database.head() != "0001"


def test_search_events_are_redacted_and_truncated(database):
    query = "refund to jane@example.com card 4111 1111 1111 1111 call +31 20 555 0142 order KM-2041-558913 " + "x" * 300
    hit = Hit(lang="en", article="a", title="t", anchor="", section="", category="", summary="", score=1.0)
    record_search(database, SearchResult(query=query, lang="en", hits=[hit]))
    with database.session() as s:
        (event,) = s.query(SearchEvent).all()
    assert "jane@example.com" not in event.query and "4111" not in event.query and "555 0142" not in event.query
    assert "KM-2041-558913" in event.query  # order numbers are kept
    assert len(event.query) <= 200 and event.results == 1 and not event.fallback


def test_views_record_the_fallback_language(database):
    record_view(database, "th", "en", "two-factor-sign-in")
    with database.session() as s:
        (view,) = s.query(ArticleView).all()
    assert (view.lang, view.shown_lang) == ("th", "en")


def test_one_vote_per_visitor_per_article(database):
    with database.session() as s:
        s.add(Vote(lang="en", slug="a", visitor="v1", helpful=True))
    with pytest.raises(IntegrityError), database.session() as s:
        s.add(Vote(lang="en", slug="a", visitor="v1", helpful=False))
    with database.session() as s:
        s.add(Vote(lang="en", slug="a", visitor="v2", helpful=False))
    assert database.count(Vote) == 2


def test_site_records_searches_and_views(app, client):
    client.get("/en/search?q=refund+jane@example.com")
    client.get("/th/articles/refunds")
    db = app.extensions["help_center"].db
    with db.session() as s:
        assert [e.query for e in s.query(SearchEvent)] == ["refund [EMAIL]"]
        assert [(v.lang, v.shown_lang, v.slug) for v in s.query(ArticleView)] == [("th", "en", "refunds")]


def test_a_broken_database_never_breaks_reading(app, client):
    from kb.db import Database

    app.extensions["help_center"].db = Database("sqlite:////nonexistent/dir/x.db")  # cannot even be created
    assert client.get("/en/search?q=refund").status_code == 200
    assert client.get("/en/articles/refunds").status_code == 200


def test_result_click_records_its_position(app, client):
    import re

    html = client.get("/en/search?q=refund").get_data(as_text=True)
    link = re.search(r'href="(/en/articles/refunds\?s=\d+&amp;p=1)', html).group(1).replace("&amp;", "&")
    client.get(link)
    client.get(link.replace("p=1", "p=2"))  # only the first click counts
    with app.extensions["help_center"].db.session() as s:
        (event,) = s.query(SearchEvent).all()
    assert event.clicked_position == 1
