"""JSON API under /api/v1: the twins of the HTML pages, from the same service calls."""

from __future__ import annotations

from flask import Blueprint, request, url_for

from kb import answers, apitokens
from kb.mining import triage
from kb.web import _json_error, ratelimit
from kb.web.context import db, help_center
from kb.web.extensions import csrf
from kb.web.helpers import get_lang, published_articles, resolve_article, site_languages
from kb.web.search_view import result_json, run_search

bp = Blueprint("api", __name__, url_prefix="/api/v1")

SUGGEST_LIMIT = 5


@bp.route("/search")
def search():
    """Search results, exactly as /<lang>/search shows them."""
    return result_json(run_search(get_lang(request.args.get("lang", ""))))


@bp.route("/suggest")
def suggest():
    """Search-as-you-type: a few titles and links, not recorded as searches."""
    lang = get_lang(request.args.get("lang", ""))
    ratelimit.check("suggest")
    result = help_center().search(request.args.get("q", ""), lang, limit=SUGGEST_LIMIT)
    return {
        "query": result.query,
        "lang": lang,
        "suggestions": [
            {
                "title": h.title,
                "section": h.section,
                "lang": h.lang,
                "fallback": h.fallback,
                "url": url_for("public.article", lang=h.lang, slug=h.article) + (f"#{h.anchor}" if h.anchor else ""),
            }
            for h in result.hits
        ],
    }


@bp.route("/articles")
def articles():
    """Published articles of a language, optionally one category: the twin of the category pages."""
    lang = get_lang(request.args.get("lang", ""))
    category = request.args.get("category") or None
    return {
        "lang": lang,
        "category": category,
        "articles": [
            {
                "slug": a.slug,
                "title": a.title,
                "summary": a.summary,
                "category": a.category,
                "updated": a.updated.isoformat() if a.updated else None,
                "url": url_for("public.article", lang=lang, slug=a.slug),
            }
            for a in published_articles(lang, category)
        ],
    }


@bp.route("/articles/<lang>/<slug>")
def article(lang: str, slug: str):
    """One article (sanitised HTML), in the reader's language or its fallback."""
    lang = get_lang(lang)
    found = resolve_article(lang, slug)
    a = found.article
    return {
        "lang": a.lang,
        "requested_lang": lang,
        "slug": a.slug,
        "title": a.title,
        "summary": a.summary,
        "category": a.category,
        "tags": list(a.tags),
        "updated": a.updated.isoformat() if a.updated else None,
        "fallback": found.missing,
        "outdated": found.outdated,
        "html": a.rendered.html,
        "sections": [{"anchor": h.anchor, "title": h.text, "level": h.level} for h in a.rendered.headings],
        "languages": sorted(found.versions),
    }


@bp.route("/answer", methods=["POST"])
@csrf.exempt  # authenticated by its bearer token, never by a cookie: nothing for a forged request to ride on
def answer():
    """The best answers to a customer's message, for chat bots, auto-replies and agents (kb.answers)."""
    header = request.headers.get("Authorization", "")
    scheme, _, presented = header.partition(" ")
    try:
        token = apitokens.verify(db(), presented.strip() if scheme.lower() == "bearer" else None, "answer")
    except apitokens.ScopeDenied as exc:
        return _json_error(str(exc), 403)
    except apitokens.InvalidToken as exc:
        return _json_error(
            f"{exc}: send Authorization: Bearer <token>", 401, {"WWW-Authenticate": 'Bearer realm="api"'}
        )
    ratelimit.check("answer", token=token.id)
    if not request.is_json:
        return _json_error("send the message as JSON, with Content-Type: application/json", 400)
    try:
        inquiry = answers.parse_inquiry(request.get_json(silent=True), site_languages())
    except answers.InvalidInquiry as exc:
        return _json_error(str(exc), 400)
    reply = answers.answer(help_center(), inquiry)
    return {
        "lang": reply.lang,
        "lang_detected": reply.lang_detected,
        "topic": reply.topic,
        "channel": reply.channel,
        "nothing_relevant": reply.nothing_relevant,
        "answers": [
            {
                "article": p.article,
                "title": p.title,
                "section": p.section,
                "lang": p.lang,
                "fallback": p.fallback,
                # The customer's language in the link: the article page shows the best version there.
                "url": url_for("public.article", lang=reply.lang, slug=p.article, _external=True)
                + (f"#{p.anchor}" if p.anchor else ""),
                "quote": p.quote,
                "coverage": p.coverage,
                "score": p.score,
                "confidence": p.confidence,
            }
            for p in reply.answers
        ],
    }


@bp.route("/openapi.json")
def openapi():
    """The OpenAPI 3.1 description of this API."""

    def param(name: str, where: str = "query", required: bool = True, desc: str = "") -> dict:
        return {"name": name, "in": where, "required": required, "description": desc, "schema": {"type": "string"}}

    lang = param("lang", desc="site language code, e.g. en, th, fa")
    q = param("q", desc="the customer's words (at most 256 characters are used)")
    ok = {
        "200": {"description": "OK", "content": {"application/json": {}}},
        "404": {"description": "unknown language or article"},
        "503": {"description": "search index is being rebuilt; retry"},
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "Help center API", "version": "1"},
        "components": {
            "securitySchemes": {
                "bearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "An API token from an admin (/staff/tokens or `flask kb token add`), "
                    "e.g. kb_4vJ...; the answer endpoint needs the scope 'answer'.",
                }
            },
            "schemas": _answer_schemas(),
        },
        "webhooks": {"ticketCreated": _ticket_webhook()},
        "paths": {
            "/api/v1/answer": _answer_path(),
            "/api/v1/search": {
                "get": {
                    "summary": "Search articles",
                    "description": (
                        "Hits in every language the model reads, the reader's own first; a hit only in another "
                        "language has fallback=true, an outdated translation outdated=true (source_url: its version). "
                        "answer: 1-3 sentences quoted from the best section when search is confident; "
                        "nothing_relevant=true when no article clears the relevance floor; closest then lists "
                        "up to 3 nearest pages, which may not answer it (hits stay empty)."
                    ),
                    "parameters": [lang, q, param("category", required=False, desc="category id filter")],
                    "responses": ok,
                }
            },
            "/api/v1/suggest": {
                "get": {"summary": "Suggestions while typing", "parameters": [lang, q], "responses": ok}
            },
            "/api/v1/articles": {
                "get": {
                    "summary": "Published articles of a language",
                    "parameters": [lang, param("category", required=False, desc="category id filter")],
                    "responses": ok,
                }
            },
            "/api/v1/articles/{lang}/{slug}": {
                "get": {
                    "summary": "One article",
                    "parameters": [param("lang", "path"), param("slug", "path")],
                    "responses": ok,
                }
            },
        },
    }


ANSWER_EXAMPLE = {  # a real reply over the demo articles to the request example
    "lang": "th",
    "lang_detected": True,
    "topic": "delivery",
    "channel": "whatsapp",
    "nothing_relevant": False,
    "answers": [
        {
            "article": "lost-parcel",
            "title": "พัสดุของฉันอาจสูญหาย",
            "section": "ตรวจสอบสิ่งเหล่านี้ก่อน",
            "lang": "th",
            "fallback": False,
            "url": "https://help.example.com/th/articles/lost-parcel#first-checks",
            "quote": "และดูว่ามีใบแจ้งการนำส่งหรือข้อความจากตู้รับพัสดุ Omniva หรือไม่ "
            "หากบริษัทขนส่งทิ้งใบแจ้งไว้เพราะไม่มีคนอยู่บ้าน ดูบทความการจัดส่งไม่สำเร็จ",
            "coverage": 0.3628,
            "score": 0.9165,
            "confidence": "medium",
        }
    ],
}


def _answer_schemas() -> dict:
    """The answer endpoint's request and response bodies, named for reuse by generated clients."""
    string = {"type": "string"}
    return {
        "AnswerRequest": {
            "type": "object",
            "required": ["text"],
            "additionalProperties": False,
            "properties": {
                "text": {**string, "minLength": 1, "maxLength": answers.MAX_TEXT_CHARS, "description": "the message"},
                "lang": {**string, "description": "a site language code; left out: detected among the site's"},
                "channel": {**string, "enum": list(answers.CHANNELS), "default": "other"},
            },
        },
        "AnswerItem": {
            "type": "object",
            "properties": {
                "article": {**string, "description": "the article's slug (the same in every language)"},
                "title": string,
                "section": {**string, "description": "the best section's heading; empty: the article as a whole"},
                "lang": {**string, "description": "the language the article is read in"},
                "fallback": {"type": "boolean", "description": "true: not available in the customer's language"},
                "url": {**string, "format": "uri", "description": "the section's page, absolute, with #anchor"},
                "quote": {**string, "description": "1-3 sentences of the section, verbatim"},
                "coverage": {
                    "type": "number",
                    "description": "share of the message's words the quote holds (0..1); 0: the section's opening",
                },
                "score": {"type": "number", "description": "search's fused score, 0..1, relative within a reply"},
                "confidence": {
                    "type": "string",
                    "enum": ["high", "medium", "low"],
                    "description": "high: the first answer, well ahead of the second (right for about 4 in 5 "
                    "of the demo's natural queries); medium: the first answer otherwise (about 1 in 3); low: the others",
                },
            },
        },
        "AnswerResponse": {
            "type": "object",
            "properties": {
                "lang": {**string, "description": "the customer's language (given or detected)"},
                "lang_detected": {"type": "boolean"},
                "topic": {
                    **string,
                    "enum": list(triage.ORDER),
                    "description": "the message's topic, by the same triage as mined inquiries",
                },
                "channel": string,
                "nothing_relevant": {
                    "type": "boolean",
                    "description": "true: articles matched words, but none cleared the relevance floor; hand off",
                },
                "answers": {
                    "type": "array",
                    "maxItems": answers.MAX_ANSWERS,
                    "items": {"$ref": "#/components/schemas/AnswerItem"},
                },
            },
        },
        "Error": {
            "type": "object",
            "properties": {
                "error": {**string, "description": "what went wrong, in words"},
                "status": {"type": "integer"},
            },
        },
    }


def _answer_path() -> dict:
    def error(description: str) -> dict:
        return {
            "description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        }

    return {
        "post": {
            "summary": "Answers for a customer's message",
            "description": (
                "For chat bots, WhatsApp and email auto-replies and agents writing a reply: the message's language "
                "and topic, and up to 3 articles with the passage that answers it, in the customer's language where "
                "the article exists there. Needs a token with the scope 'answer'; rate-limited per token "
                "(KB_RATE_LIMITS, answer=...). Nothing of the message is stored."
            ),
            "security": [{"bearer": []}],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {"$ref": "#/components/schemas/AnswerRequest"},
                        "example": {"text": "สวัสดีค่ะ พัสดุของฉันอยู่ที่ไหน หาเลขติดตามไม่เจอ", "channel": "whatsapp"},
                    }
                },
            },
            "responses": {
                "200": {
                    "description": "the answers (an empty list when nothing answers the message)",
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/AnswerResponse"},
                            "example": ANSWER_EXAMPLE,
                        }
                    },
                },
                "400": error("not a JSON object, text missing or too long, unknown lang or channel"),
                "401": error("no token, or an unknown or revoked one"),
                "403": error("the token lacks the scope 'answer'"),
                "429": error("too many requests for this token; see Retry-After"),
                "503": error("search index is being rebuilt; retry"),
            },
        }
    }


def _ticket_webhook() -> dict:
    """What KB_HANDOFF_WEBHOOK_URL receives for each new ticket (kb.handoff.mail.webhook_body)."""
    text = {"type": "string"}
    return {
        "post": {
            "summary": "A customer handed off to a person (the contact form)",
            "description": (
                "Sent by the outbox until any 2xx answers (retried with backoff, up to an hour apart). "
                "X-Kestrel-Signature is sha256=HMAC-SHA256(KB_HANDOFF_WEBHOOK_SECRET, '<X-Kestrel-Timestamp>.<body>'): "
                "check it, and refuse old timestamps."
            ),
            "parameters": [
                {"name": "X-Kestrel-Event", "in": "header", "required": True, "schema": {"const": "ticket.created"}},
                {"name": "X-Kestrel-Timestamp", "in": "header", "required": True, "schema": {"type": "integer"}},
                {"name": "X-Kestrel-Signature", "in": "header", "required": True, "schema": text},
            ],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "required": ["event", "reference", "created_at", "lang", "topic", "customer", "message"],
                            "properties": {
                                "event": {"const": "ticket.created"},
                                "reference": {**text, "example": "KM-2026-000123"},
                                "created_at": {"type": "string", "format": "date-time"},
                                "lang": text,
                                "topic": {
                                    "enum": [
                                        "order",
                                        "damaged",
                                        "delivery",
                                        "return",
                                        "refund",
                                        "payment",
                                        "account",
                                        "other",
                                    ]
                                },
                                "customer": {
                                    "type": "object",
                                    "properties": {"name": text, "email": {"type": "string", "format": "email"}},
                                },
                                "order_number": {"type": ["string", "null"]},
                                "message": text,
                                "photos": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "properties": {
                                            "name": text,
                                            "type": text,
                                            "data": {"type": "string", "contentEncoding": "base64"},
                                        },
                                    },
                                },
                                "seen_before_writing": {
                                    "type": "array",
                                    "description": "searches ({kind: search, q, lang, hits}) and articles "
                                    "({kind: article, slug, lang}) of this browser before it wrote",
                                    "items": {"type": "object"},
                                },
                                "url": {**text, "description": "the ticket's staff page"},
                            },
                        }
                    }
                },
            },
            "responses": {"2XX": {"description": "delivered"}, "default": {"description": "retried later"}},
        }
    }
