"""The JSON API: twins of the pages, described by the OpenAPI document."""

from kb.db import SearchEvent


def test_suggest_is_not_recorded_as_a_search(app, client):
    data = client.get("/api/v1/suggest?lang=en&q=refund").get_json()
    assert data["suggestions"][0]["url"].startswith("/en/articles/refunds")
    with app.extensions["help_center"].db.session() as s:
        assert s.query(SearchEvent).count() == 0


def test_article_json_with_fallback(client):
    data = client.get("/api/v1/articles/th/refunds").get_json()
    assert data["fallback"] is True and data["lang"] == "en" and data["requested_lang"] == "th"
    assert [s["anchor"] for s in data["sections"]] == ["bank-delays"]
    assert "<script" not in data["html"]


def test_unknown_language_or_article_is_json_404(client):
    for url in ("/api/v1/articles/xx/refunds", "/api/v1/articles/en/nope", "/api/v1/suggest?lang=..&q=x"):
        r = client.get(url)
        assert r.status_code == 404 and r.is_json


def test_a_json_error_says_what_is_wrong(client):
    """A client that sent a wrong or no language is told which ones there are, without its own value
    echoed; an error with nothing more to say gives the status's name, never Werkzeug's paragraph."""
    for url in ("/api/v1/search?q=x", "/api/v1/search?lang=<b>xx</b>&q=x", "/api/v1/articles?lang=EN"):
        r = client.get(url)
        error = r.get_json()["error"]
        assert r.status_code == 404 and "unknown language" in error and "en, " in error, url
        assert "<b>" not in error
    assert client.delete("/api/v1/search", headers={"Accept": "application/json"}).get_json()["error"] == (
        "Method Not Allowed"
    )


def test_openapi_describes_every_api_route(app, client):
    doc = client.get("/api/v1/openapi.json").get_json()
    assert doc["openapi"].startswith("3.")
    routes = {
        r.rule.replace("<", "{").replace(">", "}")
        for r in app.url_map.iter_rules()
        if r.rule.startswith("/api/v1/") and not r.rule.endswith("openapi.json")
    }
    assert routes == set(doc["paths"])


def test_article_list_is_the_category_pages_twin(client):
    data = client.get("/api/v1/articles?lang=en&category=returns-refunds").get_json()
    html = client.get("/en/categories/returns-refunds").get_data(as_text=True)
    assert [a["slug"] for a in data["articles"]] == ["refunds"]
    assert all(a["url"] in html for a in data["articles"])
    assert "draft-only" not in str(client.get("/api/v1/articles?lang=en").get_json())


def test_a_body_over_the_limit_is_a_json_413(app, client):
    from flask import request

    from kb.web.extensions import csrf
    from kb.web.permissions import PERMISSIONS

    @app.route("/api/v1/echo", methods=["POST"])
    @csrf.exempt  # a token-less API client, as a future write endpoint of the API would serve
    def echo():
        return {"n": len(request.get_data())}

    PERMISSIONS["echo"] = "public"
    try:
        r = client.post(
            "/api/v1/echo",
            data=b"x" * (app.config["MAX_CONTENT_LENGTH"] + 1),
            headers={"Accept": "application/json", "Content-Type": "application/octet-stream"},
        )
        assert client.post("/api/v1/echo", data=b"xx").get_json() == {"n": 2}
    finally:
        del PERMISSIONS["echo"]
    assert r.status_code == 413 and r.is_json
    assert r.get_json() == {"error": "Request Entity Too Large", "status": 413}
    missing = client.get("/api/v1/articles/en/nope")
    assert missing.get_json() == {"error": "not found", "status": 404}
