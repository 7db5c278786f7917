"""The help widget on a shop's page, in Chromium: the help center on one origin, the shop on another.

The shop's page has a strict CSP of its own (no inline script or style; the help center's origin allowed
for script, style and fetch) and hostile CSS that must not reach the widget. Screenshots land in
test-artifacts/ (look at them).
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.conftest import ARTIFACTS, serving

pytestmark = pytest.mark.browser

SHOP_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy"
      content="default-src 'self'; script-src 'self' {site}; style-src 'self' {site}; connect-src {site}">
<title>Kestrel Market shop</title><link rel="stylesheet" href="/shop.css"></head>
<body><h1>Kestrel Market</h1><p>Our shop page. <a href="#">A link before the widget</a></p>
<script src="{site}/widget.js" data-lang="{lang}" async></script></body></html>
"""
# What a careless shop stylesheet does; none of it may reach inside the widget.
SHOP_CSS = """
body { font: 30px/3 serif; color: red; letter-spacing: 3px; }
button { background: red !important; font-size: 40px; }
ul { list-style: square; padding: 60px; }
a { color: lime; }
h2, h3 { font-size: 50px; }
* { box-sizing: content-box; }
"""


@contextmanager
def shop_server(site: dict[str, str]) -> Iterator[int]:
    """A plain HTTP server for the shop's page (``/<lang>.html``) and stylesheet; yields its port."""

    class Shop(BaseHTTPRequestHandler):
        def do_GET(self):
            name = self.path.lstrip("/")
            if name == "shop.css":
                body, kind = SHOP_CSS, "text/css"
            elif name.endswith(".html"):
                body, kind = SHOP_PAGE.format(site=site["base"], lang=name.removesuffix(".html")), "text/html"
            else:
                self.send_response(204 if name == "favicon.ico" else 404)
                self.end_headers()
                return
            data = body.encode()
            self.send_response(200)
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Shop)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_port
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    """(shop origin, help center base URL): the shop on localhost, the bundled help center on 127.0.0.1."""
    from kb.web import create_app

    site: dict[str, str] = {}
    with shop_server(site) as port:
        shop_origin = f"http://localhost:{port}"
        tmp = tmp_path_factory.mktemp("widget-site")
        app = create_app(
            {
                "KB_INDEX_DIR": str(tmp / "index"),
                "KB_EMBEDDING_MODEL": "none",
                "KB_MINING_MODEL": "none",
                "KB_DATABASE_URL": f"sqlite:///{tmp / 'kb.sqlite3'}",
                "KB_SECRET_KEY": "widget-tests",
                "KB_WIDGET_ORIGINS": shop_origin,
            }
        )
        app.extensions["help_center"].rebuild()
        app.extensions["help_center"].db.upgrade()
        with serving(app) as base:
            site["base"] = base
            yield shop_origin, base


@contextmanager
def shop_page(browser, url: str, size: tuple[int, int], shot: str):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    try:
        page.goto(url)
        yield page
        assert not errors, errors
    finally:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"widget-{shot}.png"))
        context.close()


def open_by_keyboard(page) -> None:
    """Tab from the page's own link to the widget's button and press Enter."""
    opener = page.locator("kestrel-help .opener")
    opener.wait_for()
    page.focus("body a")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "KESTREL-HELP"
    assert opener.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    assert opener.get_attribute("aria-expanded") == "true"
    assert page.evaluate("document.querySelector('kestrel-help').shadowRoot.activeElement.id") == "q"


def active_in_widget(page) -> str:
    return page.evaluate("(document.querySelector('kestrel-help').shadowRoot.activeElement || {}).className || ''")


@pytest.mark.parametrize(("width", "height"), [(1000, 800), (375, 740)], ids=["desktop", "mobile"])
def test_thai_widget_on_another_origin_answers_and_links_to_the_help_center(browser, shop, width, height):
    shop_origin, base = shop
    shot = f"th-{'desktop' if width > 480 else 'mobile'}"
    with shop_page(browser, f"{shop_origin}/th.html", (width, height), shot) as page:
        open_by_keyboard(page)
        panel = page.locator("kestrel-help [role=dialog]")
        assert panel.get_attribute("aria-modal") == ("true" if width <= 480 else "false")
        assert panel.get_attribute("aria-labelledby") == "title"
        page.keyboard.type("ติดตามพัสดุของฉัน", delay=20)
        quote = page.locator("kestrel-help .answer blockquote")
        quote.wait_for(timeout=10000)
        assert "ติดตามพัสดุ" in quote.inner_text()
        links = page.locator("kestrel-help .results a")
        assert links.count() >= 3
        assert all(h.startswith(f"{base}/th/articles/") for h in links.evaluate_all("ns => ns.map(n => n.href)"))
        assert links.first.get_attribute("target") == "_blank"
        status = page.locator("kestrel-help [role=status]").inner_text()
        assert str(links.count()) in status
        contact = page.locator("kestrel-help .contact")
        assert contact.get_attribute("href").startswith(f"{base}/th/contact?q=")
        # Isolation: the shop's CSS reaches neither the heading nor the button.
        assert (
            page.evaluate(
                "getComputedStyle(document.querySelector('kestrel-help').shadowRoot.querySelector('h2')).fontSize"
            )
            == "18px"
        )
        assert (
            page.evaluate(
                "getComputedStyle(document.querySelector('kestrel-help').shadowRoot.querySelector('.opener'))"
                ".backgroundColor"
            )
            == "rgb(11, 99, 206)"
        )
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        # The results list by arrows: down from the field to the first article, up again.
        page.focus("kestrel-help #q")
        page.keyboard.press("ArrowDown")
        assert page.evaluate(
            "document.querySelector('kestrel-help').shadowRoot.activeElement.href"
        ) == links.first.evaluate("n => n.href")
        page.keyboard.press("ArrowDown")
        assert page.evaluate("document.querySelector('kestrel-help').shadowRoot.activeElement.href") == links.nth(
            1
        ).evaluate("n => n.href")
        page.keyboard.press("ArrowUp")
        page.keyboard.press("ArrowUp")
        assert page.evaluate("document.querySelector('kestrel-help').shadowRoot.activeElement.id") == "q"
        with page.context.expect_page() as opened:
            links.first.click()
        assert opened.value.url.startswith(f"{base}/th/articles/")
        opened.value.close()


@pytest.mark.parametrize(("width", "height"), [(1000, 800), (375, 740)], ids=["desktop", "mobile"])
def test_persian_widget_is_right_to_left_and_escape_returns_focus(browser, shop, width, height):
    shop_origin, base = shop
    shot = f"fa-{'desktop' if width > 480 else 'mobile'}"
    with shop_page(browser, f"{shop_origin}/fa.html", (width, height), shot) as page:
        open_by_keyboard(page)
        panel = page.locator("kestrel-help [role=dialog]")
        assert panel.evaluate("n => getComputedStyle(n).direction") == "rtl"
        box = panel.bounding_box()
        opener = page.locator("kestrel-help .opener").bounding_box()
        assert opener["x"] < width / 2  # the button sits at the left in a right-to-left language
        if width > 480:
            assert box["x"] < width / 2 and box["width"] == 400
        else:
            assert box["width"] == width
        page.keyboard.type("هزینه ارسال", delay=20)
        page.locator("kestrel-help .answer blockquote").wait_for(timeout=10000)
        assert page.locator("kestrel-help .answer blockquote").get_attribute("lang") == "fa"
        assert page.locator("kestrel-help .results a").first.get_attribute("href").startswith(f"{base}/fa/")
        if width <= 480:  # modal on a phone: Tab stays inside the panel
            for _ in range(12):
                page.keyboard.press("Tab")
                assert page.evaluate("document.activeElement.tagName") == "KESTREL-HELP"
        page.screenshot(path=str(ARTIFACTS / f"widget-fa-{'desktop' if width > 480 else 'mobile'}-open.png"))
        page.keyboard.press("Escape")
        assert page.locator("kestrel-help [role=dialog]").is_hidden()
        assert active_in_widget(page) == "opener"
        assert page.locator("kestrel-help .opener").get_attribute("aria-expanded") == "false"


def test_a_page_on_an_origin_not_allowed_gets_no_widget(browser, shop):
    shop_origin, _ = shop
    other = shop_origin.replace("localhost", "127.0.0.1")  # same server, another origin
    context = browser.new_context()
    page = context.new_page()
    try:
        with page.expect_console_message(lambda msg: "KB_WIDGET_ORIGINS" in msg.text, timeout=10000):
            page.goto(f"{other}/th.html")
        assert page.locator("kestrel-help").count() == 0
    finally:
        context.close()


def test_nothing_found_says_so_and_offers_the_contact_form_with_the_text(browser, shop):
    shop_origin, base = shop
    with shop_page(browser, f"{shop_origin}/th.html", (1000, 800), "th-nothing") as page:
        open_by_keyboard(page)
        page.keyboard.type("zzqx wvvk", delay=20)
        page.keyboard.press("Enter")
        contact = page.locator("kestrel-help .contact.prominent")
        contact.wait_for(timeout=10000)
        assert "zzqx wvvk" in page.locator("kestrel-help [role=status]").inner_text()
        assert page.locator("kestrel-help .results li").count() == 0
        assert contact.get_attribute("href") == f"{base}/th/contact?q=zzqx+wvvk"
