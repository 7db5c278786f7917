"""The minimal public site and API over the search engine (full site: issue 3)."""

import re
import shutil
from urllib.parse import urlsplit

import pytest


def test_root_redirects_by_accept_language(client):
    r = client.get("/", headers={"Accept-Language": "th,en;q=0.5"})
    assert r.status_code == 302 and r.headers["Location"].endswith("/th/")


def test_search_page_and_json_twin_agree(client):
    html = client.get("/en/search?q=refund").get_data(as_text=True)
    data = client.get("/api/v1/search?lang=en&q=refund").get_json()
    assert data["hits"][0]["article"] == "refunds"
    assert data["hits"][0]["title"] in html


def test_persian_page_is_rtl(client):
    html = client.get("/fa/articles/zwnj-and-arabic-yeh").get_data(as_text=True)
    assert '<html lang="fa" dir="rtl">' in html


def test_missing_translation_falls_back_with_notice(client):
    r = client.get("/th/articles/refunds")
    assert r.status_code == 200
    html = r.get_data(as_text=True)
    assert 'class="notice"' in html and 'lang="en"' in html


@pytest.mark.parametrize(
    "url",
    [
        "/xx/",
        "/en/articles/..%2f..%2fetc%2fpasswd",
        "/en/articles/%00",
        "/..%2f/articles/x",
        "/en/articles/draft-only",
        "/api/v1/search?lang=../en&q=x",
        "/en/articles/" + "a" * 1000,
    ],
)
def test_bad_paths_are_404_not_500(client, url):
    r = client.get(url)
    if r.status_code == 308:  # Werkzeug normalising "/../x" to a path on this site
        assert urlsplit(r.headers["Location"]).netloc in ("", "localhost")
    else:
        assert r.status_code == 404


def test_missing_index_is_503_and_rebuilds(app, client):
    kb = app.extensions["help_center"]
    shutil.rmtree(kb.store.root)
    r = client.get("/en/search?q=refund")
    assert r.status_code == 503 and r.headers["Retry-After"]
    kb._rebuild.join(timeout=60)
    assert client.get("/en/search?q=refund").status_code == 200


def test_security_headers_on_every_response(client):
    for url in ("/en/", "/en/search?q=x", "/nope", "/api/v1/search?lang=en&q=x"):
        r = client.get(url)
        csp = r.headers["Content-Security-Policy"]
        assert "object-src 'none'" in csp and "base-uri 'none'" in csp and "frame-ancestors" in csp
        assert r.headers["X-Content-Type-Options"] == "nosniff" and r.headers["Referrer-Policy"]


def test_snippet_text_is_escaped(client, articles_dir):
    (articles_dir / "en" / "esc.md").write_text(
        '---\ntitle: "Esc"\n---\nuniqueword &lt;script&gt;alert(1)&lt;/script&gt;\n'
    )
    client.application.extensions["help_center"].update_article("en", "esc")
    html = client.get("/en/search?q=uniqueword").get_data(as_text=True)
    assert "<script>alert" not in html


def test_article_has_hreflang_alternates_and_canonical(client, articles_dir):
    html = client.get("/en/articles/heading-anchors").get_data(as_text=True)
    assert 'rel="canonical" href="http://localhost/en/articles/heading-anchors"' in html
    assert 'hreflang="x-default"' in html and 'hreflang="en"' in html


def test_sitemap_lists_published_articles_only(client):
    import xml.etree.ElementTree as ET

    r = client.get("/sitemap.xml")
    root = ET.fromstring(r.data)
    locs = [el.text for el in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert "http://localhost/en/articles/refunds" in locs
    assert not any("draft-only" in loc for loc in locs)
    assert "Sitemap: http://localhost/sitemap.xml" in client.get("/robots.txt").get_data(as_text=True)


def test_error_pages_carry_headers_and_leak_nothing(app, client):
    @app.route("/boom")
    def boom():
        raise RuntimeError("secret internal detail")

    from kb.web.permissions import PERMISSIONS

    PERMISSIONS["boom"] = "public"
    try:
        responses = {
            404: client.get("/en/articles/nope"),
            405: client.delete("/en/"),
            413: client.post("/en/articles/refunds/vote", data={"reason": "x" * (2 * 1024 * 1024)}),
            500: client.get("/boom"),
        }
    finally:
        del PERMISSIONS["boom"]
    for code, r in responses.items():
        assert r.status_code == code
        body = r.get_data(as_text=True)
        assert "Traceback" not in body and "secret internal detail" not in body
        assert "object-src 'none'" in r.headers["Content-Security-Policy"]
        assert r.headers["X-Content-Type-Options"] == "nosniff"


def test_csp_nonce_differs_per_response(client):
    a = client.get("/en/contact").headers["Content-Security-Policy"]
    b = client.get("/en/contact").headers["Content-Security-Policy"]
    assert a != b and "nonce-" in a


def test_json_clients_get_every_error_as_json(app, client):
    @app.route("/boom-json")
    def boom_json():
        raise RuntimeError("secret internal detail")

    from kb.web.permissions import PERMISSIONS

    PERMISSIONS["boom_json"] = "public"
    json_client = {"Accept": "application/json"}
    try:
        responses = {
            404: client.get("/en/articles/nope", headers=json_client),
            405: client.delete("/en/", headers=json_client),
            413: client.post(
                "/en/articles/refunds/vote", data={"reason": "x" * (2 * 1024 * 1024)}, headers=json_client
            ),
            500: client.get("/boom-json", headers=json_client),
        }
    finally:
        del PERMISSIONS["boom_json"]
    for code, r in responses.items():
        assert (r.status_code, r.is_json) == (code, True), code
        body = r.get_json()
        assert body["status"] == code and body["error"] and "secret internal detail" not in body["error"]
    # A browser asks for HTML first and still gets the page.
    browser = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
    r = client.post("/en/contact", data={"question": "x" * (2 * 1024 * 1024)}, headers=browser)
    assert r.status_code == 413 and r.mimetype == "text/html"


def test_public_search_pages_never_suggest_a_draft_only_word(client):
    for url in ("/en/search?q=zebracorm", "/api/v1/search?lang=en&q=zebracorm", "/api/v1/suggest?lang=en&q=zebrac"):
        r = client.get(url)
        assert r.status_code == 200 and "zebracorn" not in r.get_data(as_text=True).lower(), url
    assert client.get("/api/v1/search?lang=en&q=zebracorm").get_json()["suggestion"] is None


def test_links_on_a_fallback_page_stay_in_the_readers_language(client):
    # A Thai reader on the English fallback of "refunds" followed related links into the English site.
    page = client.get("/th/articles/refunds").get_data(as_text=True)
    related = re.search(r'<section class="related">.*?</section>', page, re.S)
    assert related is not None
    links = re.findall(r'href="(/[^"]+)"', related.group(0))
    assert links and all(link.startswith("/th/articles/") for link in links), links


def test_an_outdated_translation_shows_what_changed_in_the_source(client, articles_dir):
    # The notice only said "the original has changed": readers could not tell what they were missing.
    path = articles_dir / "en" / "refunds.md"
    path.write_text(
        path.read_text(encoding="utf-8") + "\nA brand-new paragraph about gift-card refunds.\n", encoding="utf-8"
    )
    (articles_dir / "fa" / "refunds.md").write_text(
        '---\ntitle: "بازپرداخت"\nstatus: published\nsource_revision: "0123456789ab"\n---\n\nمتن قدیمی.\n',
        encoding="utf-8",
    )
    page = client.get("/fa/articles/refunds").get_data(as_text=True)
    notice = re.search(r'<div class="notice" role="note">.*?</div></details></div>', page, re.S)
    assert notice is not None and "gift-card refunds" in notice.group(0)
