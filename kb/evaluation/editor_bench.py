"""``python -m kb.evaluation.bench editor``: the editor's live preview on a long article.

    python -m kb.evaluation.bench editor [--lang fa] [--kb 20] [--runs 50] [--json]

The article is built from the demo's own articles in ``--lang`` (bodies joined until ``--kb``
kilobytes of UTF-8, their cross-links included), and POSTed to /editor/preview by a signed-in
editor through Flask's test client, as the editor's script sends it (text, lang, slug). One call
warms the caches first; the report gives p50, p95 and the slowest of ``--runs`` calls, the
article's size, and how many links were checked. The target (issue 16 §4) is p95 under 200 ms.
"""

from __future__ import annotations

import json
import re
import secrets
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any


def long_article(articles_dir: str | Path, lang: str, kilobytes: int) -> str:
    """An editor's text (front matter and Markdown) of at least ``kilobytes`` KB from ``lang``'s articles."""
    from kb.content.articles import ArticleStore

    articles = sorted(ArticleStore(articles_dir).articles(lang), key=lambda a: a.slug)
    if not articles:
        raise SystemExit(f"error: no {lang} articles in {articles_dir}")
    parts, size = [], 0
    while size < kilobytes * 1000:
        for a in articles:
            parts.append(a.body.strip())
            size += len(a.body.encode("utf-8"))
            if size >= kilobytes * 1000:
                break
    return '---\ntitle: "Benchmark"\nstatus: draft\n---\n\n' + "\n\n".join(parts) + "\n"


def measure(articles_dir: str | Path, lang: str, kilobytes: int, runs: int) -> dict[str, Any]:
    """Time ``runs`` POSTs of a long article to /editor/preview; milliseconds."""
    from kb import accounts
    from kb.web import create_app

    text = long_article(articles_dir, lang, kilobytes)
    password = secrets.token_urlsafe(16)  # a throwaway account in a throwaway database
    with tempfile.TemporaryDirectory(prefix="kb-editor-bench-") as tmp:
        app = create_app(
            {
                "KB_ARTICLES_DIR": str(articles_dir),
                "KB_INDEX_DIR": str(Path(tmp) / "index"),
                "KB_EMBEDDING_MODEL": "none",
                "KB_MINING_MODEL": "none",
                "KB_DATABASE_URL": f"sqlite:///{Path(tmp) / 'kb.sqlite3'}",
                "KB_SECRET_KEY": "editor-benchmark",
            }
        )
        hc = app.extensions["help_center"]
        hc.db.upgrade()
        accounts.add_user(hc.db, "bench", password, "admin", [])
        client = app.test_client()
        page = client.get("/staff/login").get_data(as_text=True)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page)
        if token is None:  # pragma: no cover - the login page always has one
            raise SystemExit("error: the login page has no CSRF token")
        client.post("/staff/login", data={"csrf_token": token.group(1), "username": "bench", "password": password})
        # Signing in starts a new session, and with it a new CSRF token: the editor's page has it.
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/editor/new").get_data(as_text=True))
        if token is None:
            raise SystemExit("error: could not sign in to the editor")
        headers = {"X-CSRFToken": token.group(1), "Accept": "application/json"}
        form = {"text": text, "lang": lang, "slug": "benchmark"}
        first = client.post("/editor/preview", data=form, headers=headers)
        if first.status_code != 200:
            raise SystemExit(f"error: /editor/preview answered {first.status_code}")
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            client.post("/editor/preview", data=form, headers=headers)
            times.append((time.perf_counter() - started) * 1000)
        answer = first.get_json()
        hc.db.engine.dispose()
    times.sort()
    return {
        "lang": lang,
        "article_bytes": len(text.encode("utf-8")),
        "links": answer["html"].count("<a "),
        "warnings": len(answer["warnings"]),
        "runs": runs,
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[min(len(times) - 1, round(0.95 * (len(times) - 1)))], 1),
        "max_ms": round(times[-1], 1),
    }


def command(args: Any) -> int:
    from kb.settings import Settings

    result = measure(args.articles or Settings.load().articles_dir, args.lang, args.kb, args.runs)
    if args.json:
        print(json.dumps(result))
    else:
        print(
            f"POST /editor/preview, {result['lang']} article of {result['article_bytes']} bytes with "
            f"{result['links']} links ({result['warnings']} broken), {result['runs']} runs:\n"
            f"  p50 {result['p50_ms']} ms  p95 {result['p95_ms']} ms  max {result['max_ms']} ms"
        )
    return 0


def add_parser(sub: Any) -> None:
    e = sub.add_parser("editor", help="the editor's live preview (render, sanitise, link check) on a long article")
    e.add_argument("--articles", help="articles folder (default: the KB_ARTICLES_DIR setting)")
    e.add_argument("--lang", default="fa", help="language of the article built")
    e.add_argument("--kb", type=int, default=20, help="article size in kilobytes of UTF-8")
    e.add_argument("--runs", type=int, default=50)
    e.add_argument("--json", action="store_true")
    e.set_defaults(func=command)
