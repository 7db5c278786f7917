"""Commands on the articles and the index: check, settings, index, status, translation status."""

from __future__ import annotations

import json
import sys
import time

import click
from sqlalchemy.exc import SQLAlchemyError

from kb import learning
from kb.cli.base import help_center, kb_cli, progress
from search import BuildFailed, IndexUnavailable, WriterBusy, parse_doc_id


@kb_cli.command("check")
def check_command() -> None:
    """Validate every article and print every problem at once (exit 1 on errors)."""
    articles, problems = help_center().articles.check()
    for p in problems:
        click.echo(str(p), err=p.level == "error")
    errors = sum(p.level == "error" for p in problems)
    warnings = len(problems) - errors
    click.echo(f"{len(articles)} articles valid, {errors} errors, {warnings} warnings")
    if errors:
        sys.exit(1)


@kb_cli.command("settings")
@click.option("--markdown", is_flag=True, help="README's settings table (defaults and meanings), generated.")
def settings_command(markdown: bool) -> None:
    """Print every setting in force (KB_NAME=value; the secret key masked)."""
    from kb.settings import markdown_table

    if markdown:
        click.echo(markdown_table())
        return
    for name, value in help_center().settings.as_env().items():
        click.echo(f"{name}={'***' if name == 'KB_SECRET_KEY' and value else value}")


@kb_cli.command("index")
@click.option("--article", "article", metavar="LANG/SLUG", help="Update one article instead of rebuilding.")
@click.option(
    "--defer-vectors",
    is_flag=True,
    help="Build the keyword index only; the site computes the vectors in the background and "
    "semantic search joins when they are ready (a first start serves in seconds).",
)
def index_command(article: str | None, defer_vectors: bool) -> None:
    """Build a fresh index, verify it and swap it in; or update one article."""
    kb = help_center()
    started = time.perf_counter()
    try:
        if article:
            lang, slug = parse_doc_id(article)[:2]
            if not slug:
                raise click.ClickException("--article takes LANG/SLUG, e.g. en/track-your-order")
            n = kb.update_article(lang, slug)
            click.echo(
                f"{article}: {n} documents indexed in {time.perf_counter() - started:.2f} s"
                if n
                else f"{article}: removed from the index"
            )
            return
        manifest = kb.rebuild(progress=progress, vectors=not defer_vectors)
    except (WriterBusy, BuildFailed, IndexUnavailable) as exc:
        raise click.ClickException(str(exc)) from exc
    except LookupError as exc:
        raise click.ClickException(f"no such article or invalid language/slug: {exc}") from exc
    model = manifest.get("model") or {}
    for lang, info in sorted(manifest["langs"].items()):
        click.echo(
            f"{lang}: {info['articles']} articles, {info['docs']} documents, dense weight "
            f"{info.get('dense_weight', '-')}"
        )
    if manifest.get("vectors_deferred"):
        click.echo(
            f"keyword index built in {time.perf_counter() - started:.1f} s; vectors deferred: the site "
            "computes them in the background (or run flask kb index)"
        )
        return
    click.echo(
        f"index built in {time.perf_counter() - started:.1f} s "
        f"(model {model.get('id', 'none')}: {model.get('encoded', 0)} encoded, {model.get('reused', 0)} reused)"
    )


@kb_cli.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print the manifest as JSON.")
def status_command(as_json: bool) -> None:
    """Show the current index: languages, counts, analyzers, model coverage and fusion weights."""
    hc = help_center()
    try:
        learning.learn(hc, weights=False)  # the floor the workers learn from the search log's clicks
    except SQLAlchemyError as exc:
        click.echo(f"relevance floor not learnt from clicks (database unavailable: {exc})", err=True)
    try:
        status = hc.status()
    except IndexUnavailable as exc:
        raise click.ClickException(f"no usable index ({exc}); run: flask kb index") from exc
    if as_json:
        click.echo(json.dumps(status, ensure_ascii=False, indent=1))
        return
    model = status.get("model") or {}
    click.echo(
        f"generation {status['generation']} built {status['created']}; semantic search: "
        + {"ready": "ready", "pending": "vectors not computed yet (keyword search meanwhile)", "off": "off"}[
            status["semantic"]
        ]
    )
    click.echo(
        f"model: {model.get('id', 'none')} (dim {model.get('dim', '-')})"
        + (f"; error: {status['model_error']}" if status.get("model_error") else "")
    )
    click.echo(
        f"{'lang':6} {'articles':>8} {'docs':>6}  {'analyzer':24} {'tokenizer coverage':>18} {'dense weight':>12} "
        f"{'floor raised':>12}"
    )
    for lang, info in sorted(status["langs"].items()):
        ana = info.get("analyzer", {})
        rep = info.get("representability") or {}
        ana_desc = (
            ana.get("segmentation", "")
            + ("+" + ana["stemmer"] if ana.get("stemmer") else "")
            + ("+fold" if ana.get("folds_diacritics") else "")
        )
        click.echo(
            f"{lang:6} {info['articles']:8d} {info['docs']:6d}  {ana_desc:24} "
            f"{rep.get('score', '-'):>18} {info.get('dense_weight', '-'):>12} {status['floor_raise'].get(lang, 0.0):>12}"
        )


@kb_cli.command("translations")
@click.option("--lang", "langs", multiple=True, metavar="LANG", help="Only this language (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print the matrix as JSON.")
@click.option("--check", is_flag=True, help="Exit 1 when a published translation is outdated (for a content pipeline).")
def translations_command(langs: tuple[str, ...], as_json: bool, check: bool) -> None:
    """Translation status of every article in every language, most demanded work first."""
    from kb.translation import status as translation

    kb = help_center()
    known = [lang for lang in kb.articles.languages() if lang != kb.articles.default_lang]
    unknown = sorted(set(langs) - set(known))
    if unknown:
        raise click.ClickException(f"not a translation language here: {', '.join(unknown)} (known: {', '.join(known)})")
    try:
        demand = translation.demand_from(help_center().db, resolve=help_center().resolve_query)
    except Exception as exc:  # noqa: BLE001 - no database yet: status without demand is still useful
        click.echo(f"(no demand counts: {exc.__class__.__name__}; run flask kb db upgrade)", err=True)
        demand = None
    m = translation.matrix(kb.articles, langs=list(langs) or None, demand=demand)
    if as_json:
        click.echo(json.dumps(m.as_dict(), ensure_ascii=False, indent=1))
    else:
        width = max((len(r["slug"]) for r in m.rows), default=10)
        click.echo(f"{'article':{width}}  " + "  ".join(f"{lang:>10}" for lang in m.langs))
        for row in m.rows:
            cells = []
            for lang in m.langs:
                c = row["cells"][lang]
                mark = f"{c.status}" + (f" {len(c.changed)}" if c.status == "outdated" else "")
                cells.append(f"{mark:>10}")
            click.echo(f"{row['slug']:{width}}  " + "  ".join(cells))
        for lang, counts in m.counts().items():
            click.echo(f"{lang}: " + ", ".join(f"{n} {s}" for s, n in counts.items()))
        todo = m.todo()[:10]
        if todo:
            click.echo(
                "translate next: " + ", ".join(f"{c.lang}/{c.slug} ({c.status}, demand {c.demand})" for c in todo)
            )
    outdated = [c for c in m.cells() if c.status == "outdated"]
    if check and outdated:
        click.echo(
            f"{len(outdated)} published translations are outdated: "
            + ", ".join(f"{c.lang}/{c.slug}" for c in outdated),
            err=True,
        )
        sys.exit(1)
