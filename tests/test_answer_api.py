"""POST /api/v1/answer (kb/answers.py behind kb/web/api.py): tokens, scopes, validation, answers in
Thai and Persian, the per-token limit, no CSRF; the token admin page; the evaluation on a tiny set."""

from __future__ import annotations

import re

import pytest
from test_suggestions_web import PASSWORD, sign_in, token

from kb import answers, apitokens
from kb.db import ApiToken
from kb.evaluation import answer_api_eval
from tests.conftest import copy_sqlite, set_limits, sqlite_file


@pytest.fixture
def db(app):
    return app.extensions["help_center"].db


@pytest.fixture
def bearer(db) -> dict[str, str]:
    return {"Authorization": "Bearer " + apitokens.create(db, "chat bot", ["answer"])[1]}


def ask(client, body, headers, **kw):
    return client.post("/api/v1/answer", json=body, headers=headers, **kw)


def test_thai_message_gets_the_thai_article_with_a_quote_and_an_absolute_link(client, bearer):
    r = ask(client, {"text": "สวัสดีค่ะ หมายเลขติดตามพัสดุของฉันอยู่ที่ไหน", "channel": "whatsapp"}, bearer)
    assert r.status_code == 200, r.get_json()
    data = r.get_json()
    assert (data["lang"], data["lang_detected"], data["channel"], data["topic"]) == ("th", True, "whatsapp", "delivery")
    first = data["answers"][0]
    assert (first["article"], first["lang"], first["fallback"]) == ("no-spaces", "th", False)
    assert first["url"].startswith("http://localhost/th/articles/no-spaces")
    assert "หมายเลขติดตามพัสดุ" in first["quote"] and first["coverage"] > 0
    assert first["confidence"] in ("high", "medium") and 1 <= len(data["answers"]) <= answers.MAX_ANSWERS


def test_persian_with_arabic_letters_finds_the_persian_article(client, bearer):
    # Arabic kaf and yeh as many keyboards type them; the article is written with Persian letters.
    data = ask(client, {"text": "كد رهگيري سفارش كجاست؟", "lang": "fa"}, bearer).get_json()
    first = data["answers"][0]
    assert (data["lang"], data["lang_detected"]) == ("fa", False)
    assert (first["article"], first["lang"]) == ("zwnj-and-arabic-yeh", "fa")
    assert first["url"].startswith("http://localhost/fa/articles/zwnj-and-arabic-yeh")
    assert "پیگیری" in first["quote"] or "رهگيري" in first["quote"]


def test_article_missing_in_the_customers_language_is_flagged_and_linked_in_theirs(client, bearer):
    data = ask(client, {"text": "refund bank delays", "lang": "th"}, bearer).get_json()
    hit = next(a for a in data["answers"] if a["article"] == "refunds")
    assert hit["lang"] == "en" and hit["fallback"] is True and "/th/articles/refunds" in hit["url"]
    assert hit["quote"]


def test_nothing_relevant_is_an_empty_list_not_an_error(client, bearer):
    data = ask(client, {"text": "zebra quantum violin"}, bearer).get_json()
    assert data["answers"] == [] and data["topic"] == "other"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"data": "{not json", "content_type": "application/json"}, "JSON object"),
        ({"data": "text=hi", "content_type": "application/x-www-form-urlencoded"}, "Content-Type: application/json"),
        ({"json": ["where is my parcel"]}, "JSON object"),
        ({"json": {}}, "text is required"),
        ({"json": {"text": "   "}}, "text is required"),
        ({"json": {"text": 42}}, "text is required"),
        ({"json": {"text": "x" * (answers.MAX_TEXT_CHARS + 1)}}, "at most 2000"),
        ({"json": {"text": "parcel", "lang": "xx"}}, "lang must be one of en, fa, lv, th"),
        ({"json": {"text": "parcel", "channel": "fax"}}, "channel must be one of web, chat, whatsapp, email, other"),
        ({"json": {"text": "parcel", "question": "x"}}, "unknown field 'question'"),
    ],
)
def test_bad_requests_are_400_with_a_clear_json_error(client, bearer, kwargs, message):
    r = client.post("/api/v1/answer", headers=bearer, **kwargs)
    assert r.status_code == 400 and r.is_json
    assert message in r.get_json()["error"] and r.get_json()["status"] == 400


def test_no_bad_or_revoked_token_is_401_and_no_scope_403(client, db):
    row, plaintext = apitokens.create(db, "bot", ["answer"])
    body = {"text": "where is my parcel"}
    for headers in ({}, {"Authorization": "Bearer kb_wrong"}, {"Authorization": f"Basic {plaintext}"}):
        r = ask(client, body, headers)
        assert r.status_code == 401 and r.is_json and r.headers["WWW-Authenticate"].startswith("Bearer")
    assert ask(client, body, {"Authorization": f"Bearer {plaintext}"}).status_code == 200
    apitokens.revoke(db, row.id)
    assert ask(client, body, {"Authorization": f"Bearer {plaintext}"}).status_code == 401
    with db.session() as s:  # a token made before another scope existed, or for it
        other = apitokens.create(db, "other", ["answer"])
        s.get(ApiToken, other[0].id).scopes = ["search"]
    r = ask(client, body, {"Authorization": f"Bearer {other[1]}"})
    assert r.status_code == 403 and "answer" in r.get_json()["error"]


def test_rate_limit_counts_per_token(app, client, db):
    set_limits(app, "answer=2/60")
    one = {"Authorization": "Bearer " + apitokens.create(db, "one", ["answer"])[1]}
    two = {"Authorization": "Bearer " + apitokens.create(db, "two", ["answer"])[1]}
    body = {"text": "refund"}
    assert [ask(client, body, one).status_code for _ in range(3)] == [200, 200, 429]
    r = ask(client, body, one)
    assert r.status_code == 429 and r.is_json and int(r.headers["Retry-After"]) > 0
    assert ask(client, body, two).status_code == 200  # same address, its own count
    assert client.get("/api/v1/search?lang=en&q=refund").status_code == 200  # the search's own count


def test_no_csrf_token_needed_though_csrf_is_on(app, client, bearer):
    assert app.config.get("WTF_CSRF_ENABLED", True)
    assert ask(client, {"text": "refund"}, bearer).status_code == 200
    # The same client's other POSTs still need one.
    assert client.post("/en/articles/refunds/vote", data={"helpful": "1"}).status_code == 400


def test_openapi_documents_the_answer_endpoint_and_bearer_scheme(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    post = doc["paths"]["/api/v1/answer"]["post"]
    assert post["security"] == [{"bearer": []}]
    assert doc["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    assert {"200", "400", "401", "403", "429"} <= set(post["responses"])
    request_schema = doc["components"]["schemas"]["AnswerRequest"]
    assert request_schema["required"] == ["text"] and request_schema["properties"]["channel"]["enum"] == list(
        answers.CHANNELS
    )
    example = post["responses"]["200"]["content"]["application/json"]["example"]
    item = doc["components"]["schemas"]["AnswerItem"]["properties"]
    assert set(example["answers"][0]) == set(item)
    assert set(example) == set(doc["components"]["schemas"]["AnswerResponse"]["properties"])


@pytest.fixture
def staff(app, db, users_sqlite):
    users = [(name, PASSWORD, role, None) for name, role in (("sam", "support"), ("ed", "editor"), ("ada", "admin"))]
    copy_sqlite(users_sqlite(*users), sqlite_file(db))


def test_token_page_is_for_admins_only(app, staff):
    anonymous = app.test_client()
    r = anonymous.get("/staff/tokens")
    assert r.status_code == 302 and "/staff/login" in r.headers["Location"]
    for name in ("sam", "ed"):
        c = app.test_client()
        sign_in(c, name)
        assert c.get("/staff/tokens").status_code == 403
        csrf = token(c, "/staff/")
        assert c.post("/staff/tokens", data={"csrf_token": csrf, "name": "x", "scope": "answer"}).status_code == 403
        assert c.post("/staff/tokens/1/revoke", data={"csrf_token": csrf}).status_code == 403


def test_admin_creates_sees_once_and_revokes_a_token(app, client, db, staff):
    sign_in(client, "ada")
    csrf = token(client, "/staff/tokens")
    assert client.post("/staff/tokens", data={"name": "no csrf", "scope": "answer"}).status_code == 400
    r = client.post("/staff/tokens", data={"csrf_token": csrf, "name": "WhatsApp <bot>", "scope": "answer"})
    html = r.get_data(as_text=True)
    plaintext = re.search(r'<code id="new-token">(kb_[\w-]+)</code>', html).group(1)
    assert r.status_code == 200 and "WhatsApp &lt;bot&gt;" in html
    assert r.headers["Cache-Control"] == "no-store"
    assert ask(client, {"text": "refund"}, {"Authorization": f"Bearer {plaintext}"}).status_code == 200
    listing = client.get("/staff/tokens").get_data(as_text=True)
    assert plaintext not in listing and plaintext[: apitokens.SHOWN_CHARS] in listing
    row = apitokens.list_tokens(db)[0]
    assert row.created_by == "ada"
    bad = client.post("/staff/tokens", data={"csrf_token": csrf, "name": "x", "scope": "everything"})
    assert bad.status_code == 400 and "unknown scope" in bad.get_data(as_text=True)
    r = client.post(f"/staff/tokens/{row.id}/revoke", data={"csrf_token": csrf})
    assert r.status_code == 303
    assert ask(client, {"text": "refund"}, {"Authorization": f"Bearer {plaintext}"}).status_code == 401
    assert "revoked" in client.get("/staff/tokens").get_data(as_text=True)


def test_evaluation_reports_top1_per_language_on_a_tiny_set(help_center, tmp_path):
    queries = tmp_path / "queries.jsonl"
    queries.write_text(
        "\n".join(
            [
                '{"lang": "th", "query": "หมายเลขติดตามพัสดุ", "slug": "no-spaces"}',
                '{"lang": "fa", "query": "پیگیری سفارش", "slug": "zwnj-and-arabic-yeh"}',
                '{"lang": "en", "query": "refund bank delays", "slug": "refunds"}',
                '{"lang": "en", "query": "refund bank delays", "slug": "heading-anchors"}',
            ]
        ),
        encoding="utf-8",
    )
    result = answer_api_eval.evaluate(help_center, answer_api_eval.read_queries(str(queries)))
    assert set(result) == {"en", "fa", "th", "overall"}
    assert result["th"]["top1"] == result["fa"]["top1"] == 1.0 and result["en"]["top1"] == 0.5
    assert result["overall"]["queries"] == 4 and result["overall"]["top1"] == 0.75
    assert result["overall"]["lang_right"] == 1.0 and result["overall"]["ms_p95"] >= result["overall"]["ms_mean"] > 0
    with pytest.raises(ValueError, match="line 1"):
        bad = tmp_path / "bad.jsonl"
        bad.write_text('{"query": "x"}\n', encoding="utf-8")
        answer_api_eval.read_queries(str(bad))
