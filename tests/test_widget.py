"""The embeddable widget's routes: the script, its strings per language, and CORS for allowed origins only."""

import pytest

from tests.conftest import copy_index, copy_sqlite, site_config

SHOP = "https://shop.example"
OTHER = "https://evil.example"
CORS_ROUTES = ("/api/v1/suggest?lang=en&q=refund", "/api/v1/search?lang=en&q=refund", "/widget.json?lang=th")


@pytest.fixture
def shop_client(articles_dir, tmp_path, built_index, migrated_sqlite):
    """The site with https://shop.example allowed to embed the widget."""
    from kb.web import create_app

    copy_index(built_index, tmp_path / "index")
    copy_sqlite(migrated_sqlite, tmp_path / "kb.sqlite3")
    app = create_app(site_config(articles_dir, tmp_path, KB_WIDGET_ORIGINS=f"{SHOP}/, http://localhost:8000"))
    app.extensions["help_center"].store.current()
    return app.test_client()


def test_script_is_javascript_cached_and_revalidated(client):
    r = client.get("/widget.js")
    assert r.status_code == 200
    assert r.content_type == "text/javascript; charset=utf-8"
    assert r.cache_control.public and r.cache_control.max_age == 3600
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert "attachShadow" in r.get_data(as_text=True)
    again = client.get("/widget.js", headers={"If-None-Match": r.headers["ETag"]})
    assert again.status_code == 304


def test_script_never_writes_api_data_as_markup(client):
    js = client.get("/widget.js").get_data(as_text=True)
    css = client.get("/static/widget.css").get_data(as_text=True)
    for risky in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert risky not in js, risky
    assert ":host" in css


def test_config_has_the_strings_in_the_language_and_its_direction(client):
    from flask_babel import force_locale

    from kb.web.widget import STRINGS

    th = client.get("/widget.json?lang=th").get_json()
    fa = client.get("/widget.json?lang=fa").get_json()
    en = client.get("/widget.json?lang=en").get_json()
    assert (th["lang"], th["dir"], fa["dir"], en["dir"]) == ("th", "ltr", "rtl", "ltr")
    assert th["strings"]["search"] == "ค้นหา" and en["strings"]["search"] == "Search"
    assert fa["strings"]["contact"] != en["strings"]["contact"]
    assert set(th["strings"]) == set(STRINGS)
    with client.application.test_request_context(), force_locale("fa"):
        assert fa["strings"] == {key: str(text) for key, text in STRINGS.items()}
    assert th["contact_url"] == "/th/contact" and fa["contact_url"] == "/fa/contact"
    assert (th["suggest_url"], th["search_url"]) == ("/api/v1/suggest", "/api/v1/search")
    assert fa["languages"]["th"] == "ไทย"


@pytest.mark.parametrize(("asked", "got"), [("th-TH", "th"), ("fa", "fa"), ("de", "en"), ("", "en"), ("../x", "en")])
def test_config_falls_back_to_the_closest_site_language(client, asked, got):
    assert client.get(f"/widget.json?lang={asked}").get_json()["lang"] == got


def test_allowed_origin_is_echoed_without_credentials(shop_client):
    for url in CORS_ROUTES:
        r = shop_client.get(url, headers={"Origin": SHOP})
        assert r.status_code == 200, url
        assert r.headers["Access-Control-Allow-Origin"] == SHOP
        assert "Access-Control-Allow-Credentials" not in r.headers
        assert "Origin" in r.vary


def test_other_origins_and_other_routes_get_no_cors(shop_client):
    for url in CORS_ROUTES:
        for origin in (OTHER, "null", "https://shop.example.evil.example", "http://shop.example"):
            r = shop_client.get(url, headers={"Origin": origin})
            assert "Access-Control-Allow-Origin" not in r.headers, (url, origin)
            assert "Origin" in r.vary  # a cache must not hand this answer to an allowed origin
    for url in ("/api/v1/articles?lang=en", "/api/v1/articles/en/refunds", "/en/search?q=refund", "/widget.js"):
        assert "Access-Control-Allow-Origin" not in shop_client.get(url, headers={"Origin": SHOP}).headers, url


def test_nothing_is_allowed_by_default(client):
    for url in CORS_ROUTES:
        assert "Access-Control-Allow-Origin" not in client.get(url, headers={"Origin": SHOP}).headers


def test_preflight_allows_get_from_allowed_origins_only(shop_client):
    asks = {"Origin": SHOP, "Access-Control-Request-Method": "GET"}
    r = shop_client.options("/api/v1/search?lang=en&q=x", headers=asks)
    assert r.status_code == 200
    assert r.headers["Access-Control-Allow-Origin"] == SHOP
    assert r.headers["Access-Control-Allow-Methods"] == "GET, HEAD"
    assert "Access-Control-Allow-Credentials" not in r.headers
    refused = [
        {**asks, "Origin": OTHER},
        {**asks, "Access-Control-Request-Method": "POST"},
        {**asks, "Access-Control-Request-Method": "DELETE"},
    ]
    for headers in refused:
        r = shop_client.options("/api/v1/search?lang=en&q=x", headers=headers)
        assert "Access-Control-Allow-Origin" not in r.headers, headers


def test_widget_search_rejected_errors_still_reach_the_allowed_page(shop_client):
    from tests.conftest import set_limits

    set_limits(shop_client.application, "suggest=1/60")
    shop_client.get("/api/v1/suggest?lang=en&q=refund", headers={"Origin": SHOP})
    r = shop_client.get("/api/v1/suggest?lang=en&q=refund", headers={"Origin": SHOP})
    assert r.status_code == 429 and r.headers["Access-Control-Allow-Origin"] == SHOP
    assert "Retry-After" in r.headers["Access-Control-Expose-Headers"]


@pytest.mark.parametrize("bad", ["*", "https://shop.example/path", "shop.example", "https://*.shop.example"])
def test_a_setting_that_is_not_a_list_of_origins_stops_the_start(bad):
    from kb.settings import Settings

    with pytest.raises(ValueError, match="KB_WIDGET_ORIGINS"):
        Settings.load({"KB_WIDGET_ORIGINS": bad}, environ={}, instance_file=None)


def test_origins_are_normalised():
    from kb.settings import Settings

    s = Settings.load(
        {"KB_WIDGET_ORIGINS": " https://Shop.Example/ ,http://localhost:8000"}, environ={}, instance_file=None
    )
    assert s.widget_origins == "https://shop.example,http://localhost:8000"


def test_the_sites_own_pages_keep_their_strict_csp(client):
    csp = client.get("/en/").headers["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in csp and "frame-ancestors 'none'" in csp
