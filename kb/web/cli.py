"""``flask kb ...``: thin click wrappers over kb functions; user errors never show a traceback."""
from __future__ import annotations

import json
import sys
import time

import click
from flask import current_app
from flask.cli import AppGroup

from search import BuildFailed, IndexUnavailable, WriterBusy

from .. import accounts

kb_cli = AppGroup("kb", help="Help-center content and search index.")


def _progress(iterable, desc: str = "", total: int = 0):
    """tqdm on a terminal, silent otherwise (CI logs, cron)."""
    from tqdm import tqdm

    return tqdm(iterable, desc=desc, total=total or None, disable=not sys.stderr.isatty(), leave=False)


@kb_cli.command("check")
def check_command() -> None:
    """Validate every article and print every problem at once (exit 1 on errors)."""
    articles, problems = current_app.extensions["kb"].articles.check()
    for p in problems:
        click.echo(str(p), err=p.level == "error")
    errors = sum(p.level == "error" for p in problems)
    warnings = len(problems) - errors
    click.echo(f"{len(articles)} articles valid, {errors} errors, {warnings} warnings")
    if errors:
        sys.exit(1)


@kb_cli.command("index")
@click.option("--article", "article", metavar="LANG/SLUG", help="Update one article instead of rebuilding.")
def index_command(article: str | None) -> None:
    """Build a fresh index, verify it and swap it in; or update one article."""
    kb = current_app.extensions["kb"]
    started = time.perf_counter()
    try:
        if article:
            lang, _, slug = article.partition("/")
            if not slug:
                raise click.ClickException("--article takes LANG/SLUG, e.g. en/track-your-order")
            n = kb.update_article(lang, slug)
            click.echo(f"{article}: {n} documents indexed in {time.perf_counter() - started:.2f} s"
                       if n else f"{article}: removed from the index")
            return
        manifest = kb.rebuild(progress=_progress)
    except (WriterBusy, BuildFailed, IndexUnavailable) as exc:
        raise click.ClickException(str(exc)) from exc
    except LookupError as exc:
        raise click.ClickException(f"no such article or invalid language/slug: {exc}") from exc
    model = manifest.get("model") or {}
    for lang, info in sorted(manifest["langs"].items()):
        click.echo(f"{lang}: {info['articles']} articles, {info['docs']} documents, dense weight "
                   f"{info.get('dense_weight', '-')}")
    click.echo(f"index built in {time.perf_counter() - started:.1f} s "
               f"(model {model.get('id', 'none')}: {model.get('encoded', 0)} encoded, {model.get('reused', 0)} reused)")


@kb_cli.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print the manifest as JSON.")
def status_command(as_json: bool) -> None:
    """Show the current index: languages, counts, analyzers, model coverage and fusion weights."""
    try:
        status = current_app.extensions["kb"].status()
    except IndexUnavailable as exc:
        raise click.ClickException(f"no usable index ({exc}); run: flask kb index") from exc
    if as_json:
        click.echo(json.dumps(status, ensure_ascii=False, indent=1))
        return
    model = status.get("model") or {}
    click.echo(f"generation {status['generation']} built {status['created']}")
    click.echo(f"model: {model.get('id', 'none')} (dim {model.get('dim', '-')})"
               + (f"; error: {status['model_error']}" if status.get("model_error") else ""))
    click.echo(f"{'lang':6} {'articles':>8} {'docs':>6}  {'analyzer':24} {'tokenizer coverage':>18} {'dense weight':>12}")
    for lang, info in sorted(status["langs"].items()):
        ana = info.get("analyzer", {})
        rep = info.get("representability") or {}
        ana_desc = ana.get("segmentation", "") + ("+" + ana["stemmer"] if ana.get("stemmer") else "") + \
            ("+fold" if ana.get("folds_diacritics") else "")
        click.echo(f"{lang:6} {info['articles']:8d} {info['docs']:6d}  {ana_desc:24} "
                   f"{rep.get('score', '-'):>18} {info.get('dense_weight', '-'):>12}")


@kb_cli.group("db")
def db_group() -> None:
    """Database schema."""


@db_group.command("upgrade")
def db_upgrade_command() -> None:
    """Apply every pending migration (idempotent)."""
    db = current_app.extensions["kb_db"]
    url = db.engine.url
    if url.get_backend_name() == "sqlite" and url.database:
        import os

        os.makedirs(os.path.dirname(os.path.abspath(url.database)), exist_ok=True)
    db.upgrade()
    click.echo(f"database at revision {db.revision()} ({url.render_as_string(hide_password=True)})")


@kb_cli.group("user")
def user_group() -> None:
    """Staff accounts."""


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


@user_group.command("add")
@click.argument("username")
@click.option("--role", type=click.Choice(accounts.ROLES), required=True)
@click.option("--langs", default="", help="Editor languages, comma-separated (e.g. th,fa).")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def user_add(username: str, role: str, langs: str, password_stdin: bool) -> None:
    """Create a staff account."""
    try:
        accounts.add_user(current_app.extensions["kb_db"], username, _password(password_stdin), role,
                          [lang for lang in langs.split(",") if lang])
    except accounts.AccountError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"user {username} added ({role})")


@user_group.command("passwd")
@click.argument("username")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def user_passwd(username: str, password_stdin: bool) -> None:
    """Set a new password; the user's open sessions end."""
    try:
        accounts.set_password(current_app.extensions["kb_db"], username, _password(password_stdin))
    except accounts.AccountError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"password of {username} changed")


@user_group.command("role")
@click.argument("username")
@click.argument("role", type=click.Choice(accounts.ROLES))
@click.option("--langs", default="", help="Editor languages, comma-separated.")
def user_role(username: str, role: str, langs: str) -> None:
    """Change a user's role; their open sessions end."""
    try:
        accounts.set_role(current_app.extensions["kb_db"], username, role, [lang for lang in langs.split(",") if lang])
    except accounts.AccountError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{username} is now {role}")


@user_group.command("remove")
@click.argument("username")
def user_remove(username: str) -> None:
    """Delete a staff account."""
    try:
        accounts.remove_user(current_app.extensions["kb_db"], username)
    except accounts.AccountError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"user {username} removed")
