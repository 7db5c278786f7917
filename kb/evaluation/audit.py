"""Accessibility and Lighthouse audit of the customer pages, in Debian's Chromium.

    python -m kb.evaluation.audit [--pages home,search,article,contact] [--langs en,th,fa,id,lv] [--json]

Serves the bundled help center on a free 127.0.0.1 port (a throwaway index and database, no model),
then for each page and language runs axe-core (injected with Playwright) and Lighthouse (mobile
preset, JSON), both installed by ``npm ci`` into node_modules/ at the versions package-lock.json
pins. Prints the axe violations per impact (rules violated) and Lighthouse's four scores x100.
Nothing leaves 127.0.0.1: Chromium runs without background networking, Lighthouse without error
reporting.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import urllib.parse
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kb.settings import PROJECT_ROOT

if TYPE_CHECKING:
    from flask import Flask

NODE_MODULES = PROJECT_ROOT / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
LIGHTHOUSE = NODE_MODULES / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
IMPACTS = ("critical", "serious", "moderate", "minor")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
LANGS = ("en", "th", "fa", "id", "lv")
QUERIES = {"en": "refund", "th": "เงินคืน", "fa": "بازپرداخت", "id": "dana dikembalikan", "lv": "naudu atpakaļ"}
PAGES = {
    "home": "/{lang}/",
    "search": "/{lang}/search?q={q}",
    "article": "/{lang}/articles/refund-timing",
    "contact": "/{lang}/contact",
}


class AuditError(Exception):
    """A tool is missing or failed; the message says which and what to do."""


def page_path(name: str, lang: str) -> str:
    """The path of customer page ``name`` (a key of PAGES) in ``lang``, the query URL-encoded."""
    return PAGES[name].format(lang=lang, q=urllib.parse.quote(QUERIES[lang]))


def missing_tools(chromium: str = CHROMIUM) -> list[str]:
    """What the audit needs and this machine lacks, one sentence each (empty when all is there)."""
    missing = []
    if not Path(chromium).exists():
        missing.append(f"{chromium} is missing (scripts/system-deps.sh installs Debian's chromium)")
    if shutil.which("node") is None:
        missing.append("node is missing (Debian's nodejs and npm)")
    for path in (AXE, LIGHTHOUSE):
        if not path.exists():
            missing.append(f"{path} is missing (scripts/install.sh installs it with npm ci)")
    return missing


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's violations on a Playwright page as it is now (the context must bypass our CSP)."""
    page.add_script_tag(path=str(AXE))
    return list(page.evaluate("axe.run(document, {resultTypes: ['violations']})")["violations"])


def serious_violations(page: Any) -> list[str]:
    """axe-core's critical and serious violations on the page, one line each (empty: none)."""
    return [
        f"{v['impact']} {v['id']}: {[n['target'] for n in v['nodes']]}"
        for v in axe_violations(page)
        if v["impact"] in ("critical", "serious")
    ]


@dataclass
class Lighthouse:
    """Lighthouse's category scores x100 (None: not run or not scored) and the audits that lost points."""

    scores: dict[str, int | None]
    failing: list[str] = field(default_factory=list)


def lighthouse_result(report: dict[str, Any]) -> Lighthouse:
    """The scores and the failing weighted audits ("category/audit-id score") of a Lighthouse JSON report."""
    if report.get("runtimeError"):
        raise AuditError(f"Lighthouse could not audit {report.get('requestedUrl')}: {report['runtimeError']}")
    scores: dict[str, int | None] = {}
    failing = []
    for name, category in report["categories"].items():
        scores[name] = None if category["score"] is None else round(category["score"] * 100)
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                failing.append(f"{name}/{ref['id']} {audit['score']}")
    return Lighthouse(scores, failing)


def lighthouse(
    url: str, categories: Sequence[str] = CATEGORIES, chromium: str = CHROMIUM, timeout: float = 180
) -> Lighthouse:
    """Lighthouse (mobile preset) on ``url`` in a fresh headless Chromium; :raise AuditError: when it fails."""
    argv = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        "--no-enable-error-reporting",
        f"--only-categories={','.join(categories)}",
        f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}",
    ]
    env = {**os.environ, "CHROME_PATH": chromium}
    try:
        done = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise AuditError(f"Lighthouse took more than {timeout:.0f} s on {url}") from None
    if done.returncode != 0:
        raise AuditError(f"Lighthouse failed on {url}: {done.stderr.strip()[-2000:]}")
    return lighthouse_result(json.loads(done.stdout))


def demo_app(tmp: str | Path, articles: Path | None = None) -> Flask:
    """The site over ``articles`` (default: the bundled help center), lexical only, its index and database
    in ``tmp``: built, migrated and ready to serve (the audit's site and the browser tests')."""
    from kb.web import create_app

    app = create_app(
        {
            **({"KB_ARTICLES_DIR": str(articles)} if articles is not None else {}),
            "KB_INDEX_DIR": f"{tmp}/index",
            "KB_EMBEDDING_MODEL": "none",
            "KB_MINING_MODEL": "none",
            "KB_DATABASE_URL": f"sqlite:///{tmp}/kb.sqlite3",
            "KB_SECRET_KEY": secrets.token_urlsafe(32),  # a throwaway site
        }
    )
    app.extensions["help_center"].rebuild()
    app.extensions["help_center"].db.upgrade()
    return app


@contextmanager
def serve_demo() -> Iterator[str]:
    """The bundled help center on a free 127.0.0.1 port, with a throwaway index and database; yields its URL."""
    from werkzeug.serving import WSGIRequestHandler, make_server

    class Quiet(WSGIRequestHandler):
        def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
            pass  # the table is the output; a line per request would bury it

    with tempfile.TemporaryDirectory(prefix="kb-audit-") as tmp:
        server = make_server("127.0.0.1", 0, demo_app(tmp), threaded=True, request_handler=Quiet)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{server.server_port}"
        finally:
            server.shutdown()


@dataclass
class Row:
    """One page in one language: axe violations per impact, Lighthouse's scores."""

    page: str
    lang: str
    axe: dict[str, int]
    scores: dict[str, int | None]
    failing: list[str]
    violations: list[str]


def run_audit(base: str, pages: Sequence[str], langs: Sequence[str], chromium: str = CHROMIUM) -> Iterator[Row]:
    """axe-core and Lighthouse on every page in every language of the site at ``base``, one row each."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=list(CHROMIUM_FLAGS))
        context = browser.new_context(viewport={"width": 1000, "height": 900}, bypass_csp=True)
        page = context.new_page()
        try:
            for name in pages:
                for lang in langs:
                    url = base + page_path(name, lang)
                    page.goto(url)
                    found = axe_violations(page)
                    counts = {impact: sum(v["impact"] == impact for v in found) for impact in IMPACTS}
                    result = lighthouse(url, chromium=chromium)
                    yield Row(name, lang, counts, result.scores, result.failing, [v["id"] for v in found])
        finally:
            browser.close()


def format_table(rows: Sequence[Row]) -> str:
    """The rows as a plain text table: page, language, axe counts per impact, Lighthouse scores."""
    head = ["page", "lang", *IMPACTS, "perf", "a11y", "bp", "seo"]
    lines = [head]
    for r in rows:
        scores = ["-" if r.scores.get(c) is None else str(r.scores[c]) for c in CATEGORIES]
        lines.append([r.page, r.lang, *(str(r.axe[i]) for i in IMPACTS), *scores])
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    table = [
        "  ".join(
            cell.ljust(w) if i < 2 else cell.rjust(w) for i, (cell, w) in enumerate(zip(line, widths, strict=True))
        )
        for line in lines
    ]
    notes = [f"{r.page} {r.lang}: axe {', '.join(r.violations)}" for r in rows if r.violations]
    notes += [f"{r.page} {r.lang}: lighthouse {', '.join(r.failing)}" for r in rows if r.failing]
    return "\n".join(table + (["", *notes] if notes else []))


def _choices(value: str, allowed: Sequence[str], what: str) -> list[str]:
    chosen = [v.strip() for v in value.split(",") if v.strip()]
    unknown = [v for v in chosen if v not in allowed]
    if unknown or not chosen:
        raise AuditError(f"unknown {what} {', '.join(unknown) or repr(value)}; choose from {', '.join(allowed)}")
    return chosen


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kb.evaluation.audit", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", default=",".join(PAGES), help=f"comma-separated, of {', '.join(PAGES)}")
    parser.add_argument("--langs", default=",".join(LANGS), help=f"comma-separated, of {', '.join(LANGS)}")
    parser.add_argument("--chromium", default=CHROMIUM, help="the Chromium binary (Lighthouse's CHROME_PATH)")
    parser.add_argument("--json", action="store_true", help="one JSON document instead of the table")
    args = parser.parse_args(argv)
    try:
        pages = _choices(args.pages, list(PAGES), "page")
        langs = _choices(args.langs, LANGS, "language")
        if missing := missing_tools(args.chromium):
            raise AuditError("; ".join(missing))
        from tqdm import tqdm

        with serve_demo() as base:
            todo = tqdm(total=len(pages) * len(langs), unit="page", disable=not sys.stderr.isatty())
            rows = []
            for row in run_audit(base, pages, langs, args.chromium):
                rows.append(row)
                todo.update()
            todo.close()
    except AuditError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=1))
    else:
        print(format_table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
