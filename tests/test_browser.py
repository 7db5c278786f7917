"""What a customer sees, in a real browser: Debian's Chromium driven by Playwright.

Each test saves a screenshot under test-artifacts/ (look at them).
"""

import re

import pytest

from tests.conftest import browser_page, serving

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The bundled help center served over HTTP on 127.0.0.1 by a real WSGI server."""
    from kb.web import create_app

    tmp = tmp_path_factory.mktemp("site")
    app = create_app(
        {
            "KB_INDEX_DIR": str(tmp / "index"),
            "KB_EMBEDDING_MODEL": "none",
            "KB_MINING_MODEL": "none",
            "KB_DATABASE_URL": f"sqlite:///{tmp / 'kb.sqlite3'}",
            "KB_SECRET_KEY": "browser-tests",
        }
    )
    app.extensions["help_center"].rebuild()
    app.extensions["help_center"].db.upgrade()
    with serving(app) as base:
        yield app, base


@pytest.fixture
def page(browser, request):
    """A fresh page (1000x900, or @pytest.mark.viewport(w, h)); its screenshot is saved at the end."""
    with browser_page(browser, request) as pg:
        yield pg


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
    with app.extensions["help_center"].db.session() as s:
        votes = s.query(Vote).filter_by(lang="id", slug="return-policy").all()
    assert [(v.helpful, v.reason) for v in votes] == [(False, "Tidak ada info tentang biaya")]


def test_contact_form_suggests_while_typing_and_stores_the_inquiry(site, page):
    app, base = site
    from kb.db import Inquiry

    page.goto(f"{base}/en/contact")
    page.fill("#name", "Jane Doe")
    page.fill("#email", "jane@example.com")
    page.type("#question", "my refund has not arrived yet", delay=20)
    suggestion = page.locator("#suggestions a").first
    suggestion.wait_for(timeout=5000)
    assert "/en/articles/" in suggestion.get_attribute("href")
    with page.context.expect_page() as opened:
        suggestion.click()
    opened.value.close()
    page.click("button[value=send]")
    page.wait_for_selector("[role=status]")
    with app.extensions["help_center"].db.session() as s:
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


@pytest.mark.parametrize("lang", ["th", "fa"])
def test_the_contact_form_names_what_is_wrong_then_hands_off_with_a_reference(site, page, lang):
    app, base = site
    from kb.db import Ticket

    page.goto(f"{base}/{lang}/contact")
    page.fill("#name", "สมชาย" if lang == "th" else "مریم")
    page.evaluate("document.querySelector('#email').type = 'text'")  # let the server's check speak
    page.fill("#email", "someone@example")
    page.fill("#question", "พัสดุของฉันอยู่ที่ไหน" if lang == "th" else "سفارشم هنوز نرسیده")
    page.click("button[value=send]")
    page.wait_for_selector("#email-error")
    assert page.get_attribute("#email", "aria-invalid") == "true"
    assert page.evaluate("getComputedStyle(document.querySelector('form.contact')).direction") == (
        "rtl" if lang == "fa" else "ltr"
    )
    page.fill("#email", "someone@example.com")
    page.click("button[value=send]")
    status = page.locator("[role=status]")
    status.wait_for()
    reference = re.search(r"KM-\d{4}-\d{6}", status.inner_text()).group(0)
    with app.extensions["help_center"].db.session() as s:
        assert s.query(Ticket).filter_by(reference=reference, lang=lang).count() == 1
