"""What a customer sees, in a real browser: Debian's Chromium driven by Playwright.

Each test saves a screenshot under test-artifacts/ (look at them).
"""
import re
import threading
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The bundled help center served over HTTP on 127.0.0.1 by a real WSGI server."""
    from werkzeug.serving import make_server

    from kb.web import create_app

    tmp = tmp_path_factory.mktemp("site")
    app = create_app({"KB_INDEX_DIR": str(tmp / "index"), "KB_EMBEDDING_MODEL": "none",
                      "KB_DATABASE_URL": f"sqlite:///{tmp / 'kb.sqlite3'}", "SECRET_KEY": "browser-tests"})
    app.extensions["kb"].rebuild()
    app.extensions["kb_db"].upgrade()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield app, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing (scripts/system-deps.sh installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, request):
    """A fresh page (1000x900, or @pytest.mark.viewport(w, h)); its screenshot is saved at the end."""
    size = request.node.get_closest_marker("viewport")
    width, height = size.args if size else (1000, 900)
    context = browser.new_context(viewport={"width": width, "height": height})
    pg = context.new_page()
    yield pg
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=False)
    context.close()


def test_thai_search_without_spaces_finds_the_thai_article(site, page):
    _, base = site
    page.goto(f"{base}/th/")
    page.fill("input[name=q]", "ติดตามพัสดุของฉัน")
    page.press("input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"/th/search"))
    first = page.locator(".results .hit a").first
    assert "/th/articles/" in first.get_attribute("href")
    assert re.search(r"[\u0e00-\u0e7f]", first.inner_text())


def test_persian_article_is_right_to_left(site, page):
    _, base = site
    page.goto(f"{base}/fa/articles/refund-timing")
    assert page.evaluate("getComputedStyle(document.querySelector('main')).direction") == "rtl"
    assert page.evaluate("getComputedStyle(document.querySelector('article')).direction") == "rtl"


@pytest.mark.viewport(360, 780)
def test_mobile_width_has_no_horizontal_scroll(site, page):
    _, base = site
    for url in ("/th/articles/track-your-order", "/fa/articles/shipping-costs", "/lv/search?q=piegāde"):
        page.goto(base + url)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), url


def test_voting_works(site, page):
    app, base = site
    from kb.db import Vote

    page.goto(f"{base}/id/articles/return-policy")
    page.fill("#reason", "Tidak ada info tentang biaya")
    page.click("button[name=helpful][value=no]")
    page.wait_for_url(re.compile(r"voted=no"))
    assert page.locator(".feedback [role=status]").is_visible()
    with app.extensions["kb_db"].session() as s:
        votes = s.query(Vote).filter_by(lang="id", slug="return-policy").all()
    assert [(v.helpful, v.reason) for v in votes] == [(False, "Tidak ada info tentang biaya")]


def test_contact_form_suggests_while_typing_and_stores_the_inquiry(site, page):
    app, base = site
    from kb.db import Inquiry

    page.goto(f"{base}/en/contact")
    page.type("#question", "my refund has not arrived yet", delay=20)
    suggestion = page.locator("#suggestions a").first
    suggestion.wait_for(timeout=5000)
    assert "/en/articles/" in suggestion.get_attribute("href")
    with page.context.expect_page() as opened:
        suggestion.click()
    opened.value.close()
    page.click("button[value=send]")
    page.wait_for_selector("[role=status]")
    with app.extensions["kb_db"].session() as s:
        (inq,) = s.query(Inquiry).all()
    assert inq.text == "my refund has not arrived yet" and inq.suggestion_opened and inq.channel == "web"


def test_switching_language_keeps_the_reader_on_the_same_article(site, page):
    _, base = site
    page.goto(f"{base}/en/articles/refund-timing")
    page.click(".langs a[lang=th]")
    page.wait_for_url(re.compile(r"/th/articles/refund-timing$"))
    page.click(".langs a[lang=fa]")
    page.wait_for_url(re.compile(r"/fa/articles/refund-timing$"))
    assert page.evaluate("document.documentElement.dir") == "rtl"


def test_search_box_suggests_while_typing(site, page):
    _, base = site
    page.goto(f"{base}/lv/")
    page.type("input[name=q]", "atmaksa", delay=30)
    first = page.locator("#typeahead a").first
    first.wait_for(timeout=5000)
    assert "/lv/articles/" in first.get_attribute("href")
