"""The editor in a real browser: a Persian translation edited side by side, seen on the site and in search.

Screenshots land in test-artifacts/ (look at them: right-to-left text area and preview).
"""

import re
import shutil
from pathlib import Path

import pytest

from kb import accounts
from kb.evaluation.audit import demo_app
from tests.conftest import ARTIFACTS, browser_page, serving

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A copy of the bundled help center (the editor writes to it) served on 127.0.0.1."""
    tmp = tmp_path_factory.mktemp("editor-site")
    shutil.copytree(ROOT / "articles", tmp / "articles")
    app = demo_app(tmp, articles=tmp / "articles")
    accounts.add_user(app.extensions["help_center"].db, "parisa", PASSWORD, "editor", ["fa"])
    with serving(app) as base:
        yield app, base


@pytest.fixture
def page(browser, request):
    with browser_page(browser, request, (1400, 1000)) as pg:
        yield pg


def sign_in(page, base: str) -> None:
    page.goto(f"{base}/staff/login?next=/editor/")
    page.fill("input[name=username]", "parisa")
    page.fill("input[name=password]", PASSWORD)
    page.press("input[name=password]", "Enter")
    page.wait_for_url(re.compile(r"/editor/$"))


def test_edit_a_persian_translation_side_by_side(site, page):
    _app, base = site
    sign_in(page, base)
    assert page.locator(".todo tr.st-outdated").count() >= 2  # refund-timing and shipping-costs
    page.click("table.todo a[href='/editor/fa/refund-timing']")
    page.wait_for_url(re.compile(r"/editor/fa/refund-timing$"))
    # The source on one side, the paragraph added since the translation highlighted...
    changed = page.locator(".source .para.changed")
    assert changed.count() == 1 and "transfer reference" in changed.inner_text()
    box = changed.bounding_box()
    assert 0 <= box["y"] < 1000  # scrolled into view in its own pane
    page.screenshot(path=str(ARTIFACTS / "test_edit_a_persian_translation_side_by_side-opened.png"))
    box_source, box_text = page.locator(".source").bounding_box(), page.locator("#text").bounding_box()
    assert abs(box_source["y"] - box_text["y"]) < 200 and box_source["x"] != box_text["x"]  # side by side
    # ...and the translation right to left, text area and preview alike.
    assert page.evaluate("getComputedStyle(document.querySelector('#text')).direction") == "rtl"
    assert page.evaluate("getComputedStyle(document.querySelector('#preview')).direction") == "rtl"
    added = "اگر پس از ۱۰ روز کاری بازپرداخت نرسید، تاریخ ایمیل بازپرداخت را بفرستید تا شناسهٔ انتقال خرگوش را از ارائه‌دهنده بگیریم."
    page.locator("#text").press("Control+End")
    page.locator("#text").type("\n\n" + added, delay=2)
    page.locator("#preview", has_text="خرگوش").wait_for(timeout=5000)  # rendered by the server while typing
    page.screenshot(path=str(ARTIFACTS / "test_edit_a_persian_translation_side_by_side-typing.png"))
    page.click("button[value=publish]")
    page.wait_for_url(re.compile(r"saved=publish"))
    assert page.locator(".source .para.changed").count() == 0 and page.locator("h1 .status.current").count() == 1
    # On the site, and found by search in Persian.
    page.goto(f"{base}/fa/articles/refund-timing")
    assert "خرگوش" in page.locator("article").inner_text()
    assert page.locator(".notice").count() == 0 or "خرگوش" in page.content()
    page.goto(f"{base}/fa/search?q=خرگوش")
    first = page.locator(".results .hit a").first
    assert "/fa/articles/refund-timing" in first.get_attribute("href")


def test_the_dashboard_and_a_conflict(site, page):
    app, base = site
    sign_in(page, base)
    page.screenshot(path=str(ARTIFACTS / "test_the_dashboard_and_a_conflict-dashboard.png"), full_page=True)
    page.goto(f"{base}/editor/fa/shipping-costs")
    path = Path(app.extensions["help_center"].settings.articles_dir) / "fa" / "shipping-costs.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("\n---\n", '\nsummary: "ویرایش همکار"\n---\n', 1)
        if "summary:" not in path.read_text(encoding="utf-8")
        else re.sub(r"summary: .*", 'summary: "ویرایش همکار"', path.read_text(encoding="utf-8"), count=1),
        encoding="utf-8",
    )
    page.click("button[value=draft]")
    assert page.locator(".conflict").is_visible() and "ویرایش همکار" in page.locator(".ondisk").inner_text()


def test_persian_preview_reads_right_to_left_with_glossary_terms_and_link_warnings(site, page):
    _app, base = site
    sign_in(page, base)
    page.goto(f"{base}/editor/fa/track-your-order")
    # The source's product terms are marked, the agreed Persian beside each (on screen, not only on hover).
    term = page.locator(".source mark.term", has_text="tracking number").first
    assert term.is_visible()
    agreed = term.locator("xpath=following-sibling::span[1]")
    assert agreed.is_visible() and "کد رهگیری" in agreed.inner_text()
    assert agreed.evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert "کد رهگیری" in page.locator("details.glossary").inner_text()
    # The live preview keeps the reader's direction, and a link to no article is flagged while typing.
    page.locator("#text").press("Control+End")
    page.locator("#text").type("\n\n[پیوند](/fa/articles/no-such-article)", delay=2)
    page.locator(".preview-problems li", has_text="no-such-article").wait_for(timeout=5000)
    assert page.evaluate("getComputedStyle(document.querySelector('#preview')).direction") == "rtl"
    assert page.locator("#preview").get_attribute("dir") == "rtl"
    page.screenshot(path=str(ARTIFACTS / "test_persian_preview_glossary_and_links.png"), full_page=True)
