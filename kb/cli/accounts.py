"""Commands on the database and who may use the site: schema upgrades, staff accounts, API tokens."""

from __future__ import annotations

import sys

import click

from kb import accounts, apitokens
from kb.cli.base import help_center, kb_cli


@kb_cli.group("db")
def db_group() -> None:
    """Database schema."""


@db_group.command("upgrade")
def db_upgrade_command() -> None:
    """Apply every pending migration (idempotent)."""
    db = help_center().db
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
    hc = help_center()
    codes, known = [lang.strip() for lang in langs.split(",") if lang.strip()], hc.articles.languages()
    try:
        accounts.check_langs(codes, known)  # before the password prompt: nothing typed in vain
        accounts.add_user(hc.db, username, _password(password_stdin), role, codes, known=known)
    except accounts.AccountError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"user {username} added ({role})")


@user_group.command("passwd")
@click.argument("username")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def user_passwd(username: str, password_stdin: bool) -> None:
    """Set a new password; the user's open sessions end."""
    try:
        accounts.set_password(help_center().db, username, _password(password_stdin))
    except accounts.AccountError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"password of {username} changed")


@user_group.command("role")
@click.argument("username")
@click.argument("role", type=click.Choice(accounts.ROLES))
@click.option("--langs", default="", help="Editor languages, comma-separated.")
def user_role(username: str, role: str, langs: str) -> None:
    """Change a user's role; their open sessions end."""
    hc = help_center()
    codes = [lang.strip() for lang in langs.split(",") if lang.strip()]
    try:
        accounts.set_role(hc.db, username, role, codes, known=hc.articles.languages())
    except accounts.AccountError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{username} is now {role}")


@user_group.command("remove")
@click.argument("username")
def user_remove(username: str) -> None:
    """Delete a staff account."""
    try:
        accounts.remove_user(help_center().db, username)
    except accounts.AccountError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"user {username} removed")


@kb_cli.group("token")
def token_group() -> None:
    """API tokens of the answer API (chat bots, email auto-replies, agents)."""


@token_group.command("add")
@click.argument("name")
@click.option("--scope", "scopes", multiple=True, default=["answer"], show_default=True, help="Repeatable.")
def token_add(name: str, scopes: tuple[str, ...]) -> None:
    """Create a token and print it: the only time it is shown (only its hash is stored)."""
    try:
        row, plaintext = apitokens.create(help_center().db, name, scopes, created_by="cli")
    except apitokens.TokenError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"token {row.id} ({row.name}, scopes: {', '.join(row.scopes)}); copy it now, it is not shown again:")
    click.echo(plaintext)


@token_group.command("list")
def token_list() -> None:
    """Every token: id, start, name, scopes, last use, revoked or live."""
    for t in apitokens.list_tokens(help_center().db):
        used = t.last_used_at.strftime("%Y-%m-%d %H:%M") if t.last_used_at else "never used"
        state = f"revoked {t.revoked_at:%Y-%m-%d %H:%M}" if t.revoked_at else "live"
        click.echo(f"{t.id}\t{t.prefix}…\t{t.name}\t{','.join(t.scopes)}\t{used}\t{state}")


@token_group.command("revoke")
@click.argument("token_id", type=int)
def token_revoke(token_id: int) -> None:
    """Revoke a token at once: its next request answers 401."""
    try:
        row = apitokens.revoke(help_center().db, token_id)
    except apitokens.TokenError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"token {row.id} ({row.name}) revoked")
