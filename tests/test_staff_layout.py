"""The staff layout (issue 15 §2): navigation by role, each role's start page, no link to a 403."""

import re
from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest

from kb.web.permissions import START_PAGES, allowed
from tests.conftest import copy_sqlite, sqlite_file

PASSWORD = "correct horse battery"
ACCOUNTS = (
    ("sam", PASSWORD, "support", None),
    ("ed", PASSWORD, "editor", ("th",)),
    ("ada", PASSWORD, "admin", None),
)
ROLE_OF = {"sam": "support", "ed": "editor", "ada": "admin"}


@pytest.fixture
def staff_app(app, users_sqlite):
    copy_sqlite(users_sqlite(*ACCOUNTS), sqlite_file(app.extensions["help_center"].db))
    return app


def sign_in(app, username: str):
    client = app.test_client()
    page = client.get("/staff/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    r = client.post("/staff/login", data={"csrf_token": token, "username": username, "password": PASSWORD})
    assert r.status_code == 302, username
    return client, urlsplit(r.headers["Location"]).path


@pytest.mark.parametrize("username", sorted(ROLE_OF))
def test_each_role_lands_on_its_own_start_page(staff_app, username):
    client, landed = sign_in(staff_app, username)
    expected = {"support": "/staff/tickets/", "editor": "/editor/", "admin": "/staff/"}[ROLE_OF[username]]
    assert landed == expected
    assert client.get(landed).status_code == 200


def test_start_pages_are_pages_the_role_may_open():
    assert all(allowed(endpoint, role) for role, endpoint in START_PAGES.items())


def links(html: str) -> list[str]:
    return [urldefrag(h).url for h in re.findall(r'href="([^"]+)"', html)]


@pytest.mark.parametrize("username", sorted(ROLE_OF))
def test_no_link_on_a_staff_page_leads_to_a_403(staff_app, username):
    """Follow every same-site link from the start page through the staff and editor pages."""
    client, start = sign_in(staff_app, username)
    seen, queue, forbidden = {start}, deque([start]), []
    while queue and len(seen) < 250:
        url = queue.popleft()
        r = client.get(url)
        assert r.status_code < 500, url
        if r.status_code == 403:
            forbidden.append(url)
            continue
        if not r.content_type.startswith("text/html"):
            continue
        for href in links(r.get_data(as_text=True).replace("&amp;", "&")):
            parts = urlsplit(href)
            if parts.netloc or not parts.path.startswith(("/staff/", "/editor/")) or href in seen:
                continue
            seen.add(href)
            queue.append(href)
    assert forbidden == []
    assert len(seen) > 5  # the crawl got somewhere: dashboards, lists, editor pages


@pytest.mark.parametrize(
    ("username", "shown", "hidden"),
    [
        ("sam", {"Tickets", "Suggestions"}, {"Translations", "API tokens"}),
        ("ed", {"Translations"}, {"Tickets", "Suggestions", "API tokens"}),
        ("ada", {"Tickets", "Suggestions", "Translations", "API tokens"}, set()),
    ],
)
def test_navigation_shows_what_the_role_may_open(staff_app, username, shown, hidden):
    client, start = sign_in(staff_app, username)
    nav = re.search(r'<nav class="staffnav"[^>]*>(.*?)</nav>', client.get(start).get_data(as_text=True), re.S).group(1)
    labels = {m.strip() for m in re.findall(r">([^<]+)</a>", nav)}
    assert shown <= labels and not hidden & labels


def test_staff_pages_have_no_customer_chrome(staff_app):
    client, start = sign_in(staff_app, "ada")
    for url in (start, "/editor/", "/staff/suggestions/", "/staff/tickets/"):
        html = client.get(url).get_data(as_text=True)
        assert 'role="search"' not in html and 'class="langs"' not in html and 'class="foot"' not in html, url
        assert 'aria-current="page"' in html.split("</nav>", 1)[0], url  # the section you are in is marked


# -- in Chromium: where each role lands, what the layout shows, axe on it -----------------------
@pytest.fixture
def staff_site(staff_app):
    from tests.conftest import serving

    with serving(staff_app) as base:
        yield base


@pytest.mark.browser
@pytest.mark.parametrize("username", sorted(ROLE_OF))
def test_in_the_browser_each_role_lands_on_its_page_in_the_staff_layout(staff_site, browser, request, username):
    from kb.evaluation.audit import AXE, serious_violations
    from tests.conftest import ARTIFACTS

    if not AXE.exists():
        pytest.skip(f"{AXE} is missing (scripts/install.sh installs it with npm)")
    context = browser.new_context(viewport={"width": 1200, "height": 900}, bypass_csp=True)  # axe is injected inline
    page = context.new_page()
    try:
        page.goto(f"{staff_site}/staff/login")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        expected = {"support": "/staff/tickets/", "editor": "/editor/", "admin": "/staff/"}[ROLE_OF[username]]
        page.wait_for_url(re.compile(re.escape(expected) + "$"))
        assert page.locator("form[role=search]").count() == 0 and page.locator("nav.langs").count() == 0
        nav = page.get_by_role("navigation", name="Staff")
        current = nav.locator("[aria-current=page]")
        assert current.count() == 1 and current.get_attribute("href") == expected
        assert page.locator("h1").count() == 1
        assert serious_violations(page) == []
    finally:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
        context.close()
