"""Staff accounts, the permission table, sessions and open redirects (RELIABILITY S4-S7, S9)."""

import re
from urllib.parse import urljoin, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb import accounts
from kb.db import User
from kb.web.auth import safe_next
from kb.web.permissions import PERMISSIONS
from tests.conftest import copy_sqlite, set_limits, sqlite_file

PASSWORD = "correct horse battery"


def csrf(client, url="/staff/login"):
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(url).get_data(as_text=True)).group(1)


def login(client, username="ann", password=PASSWORD, next_="", addr="127.0.0.1"):
    return client.post(
        "/staff/login" + (f"?next={next_}" if next_ else ""),
        data={"csrf_token": csrf(client), "username": username, "password": password},
        environ_base={"REMOTE_ADDR": addr},
    )


@pytest.fixture
def staff(app, users_sqlite):
    """ann (support) and ed (editor of th), added by accounts.add_user once per session and copied in."""
    db = app.extensions["help_center"].db
    copy_sqlite(users_sqlite(("ann", PASSWORD, "support", None), ("ed", PASSWORD, "editor", ("th",))), sqlite_file(db))
    return db


def test_every_route_is_in_the_permission_table(app):
    missing = {r.endpoint for r in app.url_map.iter_rules()} - set(PERMISSIONS)
    assert missing == set()


def test_anonymous_staff_pages_redirect_to_login(client):
    for url in ("/staff/", "/staff/explain?q=x"):
        r = client.get(url)
        assert r.status_code == 302 and "/staff/login" in r.headers["Location"]


def test_unknown_endpoint_is_denied_by_default(app, client):
    app.add_url_rule("/new-page", "new_page", lambda: "secret")
    assert client.get("/new-page").status_code == 403


def test_password_hash_is_argon2id_with_strong_parameters(staff):
    with staff.session() as s:
        h = s.query(User).filter_by(username="ann").one().password_hash
    m = re.match(r"^\$argon2id\$v=19\$m=(\d+),t=(\d+)", h)
    assert m and int(m.group(1)) >= 19456 and int(m.group(2)) >= 2


def test_login_dashboard_explain_logout(client, staff):
    r = login(client)
    assert r.status_code == 302 and r.headers["Location"].endswith("/staff/tickets/")  # support's start page
    page = client.get("/staff/")
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    html = client.get("/staff/explain?lang=en&q=refund").get_data(as_text=True)
    assert "en/refunds" in html and "body" in html  # per-field BM25F contribution shown
    old_cookie = client.get_cookie("session").value
    client.post("/staff/logout", data={"csrf_token": csrf(client, "/staff/")})
    client.set_cookie("session", old_cookie)  # a stolen copy of the old cookie
    assert client.get("/staff/").status_code == 302


def test_explain_shows_what_the_relevance_floor_held_back(client, staff):
    login(client)
    query = "refund for my grandmother's chocolate cake recipe and bicycle"
    assert client.get("/api/v1/search", query_string={"q": query, "lang": "en"}).get_json()["hits"] == []
    html = client.get("/staff/explain", query_string={"lang": "en", "q": query}).get_data(as_text=True)
    assert "Below the relevance floor" in html and "en/refunds" in html


def test_explain_says_what_readers_clicks_taught_search(app, client, staff):
    login(client)
    service = app.extensions["help_center"].service
    before = client.get("/staff/explain", query_string={"lang": "en", "q": "refund"}).get_data(as_text=True)
    assert "Readers&#39; clicks" not in before and "Relevance evidence" not in before  # keywords alone: no evidence
    service.floor_raise, service.dense_factor = {"en": 0.31}, {"en": 0.5}
    html = client.get("/staff/explain", query_string={"lang": "en", "q": "refund"}).get_data(as_text=True)
    assert "relevance floor by 0.31" in html and "dense side at 0.5 times" in html
    fa = client.get("/staff/explain", query_string={"lang": "fa", "q": "refund"}).get_data(as_text=True)
    assert "0.31" not in fa  # another language learnt nothing


def test_explain_names_each_witness_of_the_evidence(app):
    from kb.web.staff import witness_name

    with app.test_request_context("/staff/explain"):
        names = [witness_name(key) for key in ("lexical", "dense", "extra1", "extra2", "asked")]
    assert names == ["BM25F", "Dense", "Dense 2", "Dense 3", "Asked questions"]


def test_session_cookie_is_hardened(app, client, staff):
    r = login(client)
    cookie = r.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Domain" not in cookie and "Path=/" in cookie


def test_secure_cookies_use_the_host_prefix(app, staff):
    app.config.update(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_NAME="__Host-session")
    client = app.test_client()
    r = client.post(
        "/staff/login",
        base_url="https://localhost",
        data={"csrf_token": csrf_https(client), "username": "ann", "password": PASSWORD},
    )
    cookie = r.headers["Set-Cookie"]
    assert cookie.startswith("__Host-session=") and "Secure" in cookie
    assert "Strict-Transport-Security" in r.headers


def csrf_https(client):
    html = client.get("/staff/login", base_url="https://localhost").get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def test_session_id_changes_at_login(client, staff):
    client.get("/staff/login")
    before = client.get_cookie("session").value
    login(client)
    assert client.get_cookie("session").value != before


def test_role_change_ends_sessions(client, staff):
    login(client)
    accounts.set_role(staff, "ann", "editor", ["fa"])
    assert client.get("/staff/").status_code == 302


def test_wrong_passwords_are_throttled_and_the_right_one_works_later(app, client, staff):
    codes = [login(client, password="wrong password!!").status_code for _ in range(10)]
    assert codes == [401] * 10
    assert login(client).status_code == 429
    set_limits(app)  # the window passed
    assert login(client).status_code == 302


def test_the_login_limit_counts_per_account_from_any_address(app, staff):
    set_limits(app, "login=3/60")
    codes = [
        login(app.test_client(), password="wrong password!!", addr=f"198.51.100.{i}").status_code for i in range(4)
    ]
    assert codes == [401, 401, 401, 429]  # four addresses, one account
    assert login(app.test_client(), username="bob", addr="198.51.100.9").status_code != 429  # another account


OPEN_REDIRECTS = [
    "//evil.com",
    "/\\evil.com",
    "/\t/evil.com",
    "https://evil.com",
    "https:evil.com",
    "javascript:alert(1)",
    "%2F%2Fevil.com",
    "\\\\evil.com",
    "/%09/evil.com",
    "///evil.com",
    "http://localhost@evil.com",
]


@pytest.mark.parametrize("target", OPEN_REDIRECTS)
def test_login_never_redirects_off_site(client, staff, target):
    r = login(client, next_=target)
    location = r.headers["Location"]
    assert "\\" not in location  # browsers treat a backslash as a slash: "/\\evil.com" is "//evil.com"
    assert urlsplit(urljoin("https://kb.example/", location)).netloc in ("kb.example", "localhost")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_accepted_next_is_always_same_origin(target):
    accepted = safe_next(target)
    if accepted is not None:
        assert "\\" not in accepted
        assert urlsplit(urljoin("https://kb.example/", accepted)).netloc == "kb.example"


def test_cli_user_lifecycle(runner, app):
    r = runner.invoke(args=["kb", "user", "add", "zed", "--role", "admin", "--password-stdin"], input=PASSWORD + "\n")
    assert r.exit_code == 0, r.output
    r = runner.invoke(args=["kb", "user", "add", "zed", "--role", "admin", "--password-stdin"], input=PASSWORD + "\n")
    assert r.exit_code == 1 and "already exists" in r.output
    r = runner.invoke(args=["kb", "user", "add", "x!", "--role", "admin", "--password-stdin"], input="short\n")
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert runner.invoke(args=["kb", "user", "remove", "zed"]).exit_code == 0


def test_a_deleted_accounts_cookie_never_signs_in_the_next_account(app, client):
    db = app.extensions["help_center"].db
    ann = accounts.add_user(db, "ann", PASSWORD, "support")
    login(client)
    old_cookie = client.get_cookie("session").value
    accounts.remove_user(db, "ann")
    root = accounts.add_user(db, "root", PASSWORD, "admin")
    assert root.id == ann.id  # SQLite hands the deleted id on: the cookie must not name accounts by id
    client.set_cookie("session", old_cookie)
    r = client.get("/staff/")
    assert r.status_code == 302 and "/staff/login" in r.headers["Location"]


def test_session_tokens_are_random_and_never_name_a_later_account(database):
    ann = accounts.add_user(database, "ann", PASSWORD, "support")
    accounts.remove_user(database, "ann")
    root = accounts.add_user(database, "root", PASSWORD, "admin")
    assert len({ann.session_token, root.session_token}) == 2 and len(root.session_token) >= 40
    assert accounts.load(database, ann.session_token) is None
    assert accounts.load(database, root.session_token) == root
    assert accounts.load(database, f"{root.id}:1") is None  # the old id:version form names no one
    accounts.set_password(database, "root", PASSWORD + "!")
    assert accounts.load(database, root.session_token) is None


def test_migration_gives_existing_accounts_distinct_random_tokens(database):
    import sqlalchemy as sa
    from alembic import command

    with database.engine.begin() as conn:
        cfg = database._alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0004")
        for name in ("ann", "ed"):
            conn.execute(
                sa.text(
                    "INSERT INTO users (username, password_hash, role, langs, session_version, "
                    "created_at) VALUES (:n, 'x', 'support', '', 1, CURRENT_TIMESTAMP)"
                ),
                {"n": name},
            )
    database.upgrade()
    with database.session() as s:
        tokens = [u.session_token for u in s.query(User)]
    assert len(tokens) == 2 and len(set(tokens)) == 2 and all(len(t) >= 40 for t in tokens)


def test_cli_refuses_languages_the_site_does_not_have(runner, app, staff):
    add = ["kb", "user", "add", "zed", "--role", "editor", "--langs", "th,xx,EN", "--password-stdin"]
    r = runner.invoke(args=add, input=PASSWORD + "\n")
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert "'xx', 'EN'" in r.output and "en, fa, lv, th" in r.output
    r = runner.invoke(args=["kb", "user", "role", "ed", "editor", "--langs", "th,de"])
    assert r.exit_code == 1 and "'de'" in r.output and "en, fa, lv, th" in r.output
    with staff.session() as s:
        assert s.query(User).filter_by(username="zed").one_or_none() is None
        assert s.query(User).filter_by(username="ed").one().langs == "th"
    assert runner.invoke(args=["kb", "user", "role", "ed", "editor", "--langs", "fa,th"]).exit_code == 0


@pytest.mark.parametrize("langs", [["th\n"], ["../en"], [""], ["en,fa"]])
def test_accounts_refuse_what_is_not_a_language_code(database, langs):
    with pytest.raises(accounts.AccountError, match="language"):
        accounts.add_user(database, "zed", PASSWORD, "editor", langs)
    with pytest.raises(accounts.AccountError, match="language"):
        accounts.set_role(database, "nobody", "editor", langs)
    with pytest.raises(accounts.AccountError, match="'fa'"):
        accounts.add_user(database, "zed", PASSWORD, "editor", ["fa"], known=["en", "th"])
