"""The command line: ``python -m kb ...`` (no web app is built) or ``flask kb ...`` (the app's own
help center). Thin click wrappers over the core; user errors never show a traceback."""

from __future__ import annotations

import json
import sys
import time

import click
from sqlalchemy.exc import DBAPIError

from kb import accounts, apitokens
from kb.core import HelpCenter
from kb.settings import Settings
from search import BuildFailed, IndexUnavailable, WriterBusy, parse_doc_id

kb_cli = click.Group("kb", help="Help-center content and search index.")


def _hc() -> HelpCenter:
    """The help center of this command: under ``flask`` the app's (click's root object is Flask's
    ScriptInfo, which loads it), else one built from the settings, without any web app."""
    root = click.get_current_context().find_root()
    if isinstance(root.obj, HelpCenter):
        return root.obj
    load_app = getattr(root.obj, "load_app", None)
    if load_app is not None:
        return load_app().extensions["help_center"]
    root.obj = HelpCenter(Settings.load())
    return root.obj


def _progress(iterable, desc: str = "", total: int = 0):
    """tqdm on a terminal, silent otherwise (CI logs, cron)."""
    from tqdm import tqdm

    return tqdm(iterable, desc=desc, total=total or None, disable=not sys.stderr.isatty(), leave=False)


@kb_cli.command("check")
def check_command() -> None:
    """Validate every article and print every problem at once (exit 1 on errors)."""
    articles, problems = _hc().articles.check()
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
    for name, value in _hc().settings.as_env().items():
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
    kb = _hc()
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
        manifest = kb.rebuild(progress=_progress, vectors=not defer_vectors)
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
    try:
        status = _hc().status()
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
        f"{'lang':6} {'articles':>8} {'docs':>6}  {'analyzer':24} {'tokenizer coverage':>18} {'dense weight':>12}"
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
            f"{rep.get('score', '-'):>18} {info.get('dense_weight', '-'):>12}"
        )


@kb_cli.group("db")
def db_group() -> None:
    """Database schema."""


@db_group.command("upgrade")
def db_upgrade_command() -> None:
    """Apply every pending migration (idempotent)."""
    db = _hc().db
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
    hc = _hc()
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
        accounts.set_password(_hc().db, username, _password(password_stdin))
    except accounts.AccountError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"password of {username} changed")


@user_group.command("role")
@click.argument("username")
@click.argument("role", type=click.Choice(accounts.ROLES))
@click.option("--langs", default="", help="Editor languages, comma-separated.")
def user_role(username: str, role: str, langs: str) -> None:
    """Change a user's role; their open sessions end."""
    hc = _hc()
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
        accounts.remove_user(_hc().db, username)
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
        row, plaintext = apitokens.create(_hc().db, name, scopes, created_by="cli")
    except apitokens.TokenError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"token {row.id} ({row.name}, scopes: {', '.join(row.scopes)}); copy it now, it is not shown again:")
    click.echo(plaintext)


@token_group.command("list")
def token_list() -> None:
    """Every token: id, start, name, scopes, last use, revoked or live."""
    for t in apitokens.list_tokens(_hc().db):
        used = t.last_used_at.strftime("%Y-%m-%d %H:%M") if t.last_used_at else "never used"
        state = f"revoked {t.revoked_at:%Y-%m-%d %H:%M}" if t.revoked_at else "live"
        click.echo(f"{t.id}\t{t.prefix}…\t{t.name}\t{','.join(t.scopes)}\t{used}\t{state}")


@token_group.command("revoke")
@click.argument("token_id", type=int)
def token_revoke(token_id: int) -> None:
    """Revoke a token at once: its next request answers 401."""
    try:
        row = apitokens.revoke(_hc().db, token_id)
    except apitokens.TokenError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"token {row.id} ({row.name}) revoked")


@kb_cli.command("outbox")
def outbox_command() -> None:
    """Deliver the tickets' mail and webhooks that are due now, and delete tickets past retention
    (the site's workers do this every KB_OUTBOX_SECONDS; this is for cron or after an outage)."""
    from kb.handoff import outbox

    counts = outbox.run_once(_hc())
    if counts is None:
        raise click.ClickException("another worker is delivering right now; try again in a minute")
    click.echo(f"{counts['sent']} sent, {counts['failed']} failed (retried later)")


@kb_cli.command("translations")
@click.option("--lang", "langs", multiple=True, metavar="LANG", help="Only this language (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print the matrix as JSON.")
@click.option("--check", is_flag=True, help="Exit 1 when a published translation is outdated (for a content pipeline).")
def translations_command(langs: tuple[str, ...], as_json: bool, check: bool) -> None:
    """Translation status of every article in every language, most demanded work first."""
    from kb.translation import status as translation

    kb = _hc()
    known = [lang for lang in kb.articles.languages() if lang != kb.articles.default_lang]
    unknown = sorted(set(langs) - set(known))
    if unknown:
        raise click.ClickException(f"not a translation language here: {', '.join(unknown)} (known: {', '.join(known)})")
    try:
        demand = translation.demand_from(_hc().db, resolve=_hc().resolve_query)
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


translate_cli = click.Group("translate", help="Interface message catalogs (pybabel) in translations/.")


def _pybabel(*args: str) -> None:
    """Run pybabel from the project root (where babel.cfg is); its errors become click errors."""
    import subprocess

    from kb.settings import PROJECT_ROOT

    proc = subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", *args],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.stdout:
        click.echo(proc.stdout.rstrip())
    if proc.returncode:
        raise click.ClickException(proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "pybabel failed")


def _catalogs() -> tuple[str, str]:
    d = _hc().settings.translations_dir.rstrip("/")
    return d, f"{d}/messages.pot"


@translate_cli.command("extract")
def translate_extract() -> None:
    """Collect the interface strings into translations/messages.pot."""
    _, pot = _catalogs()
    _pybabel("extract", "-F", "babel.cfg", "-k", "_l", "--no-location", "--omit-header", "-o", pot, ".")


@translate_cli.command("update")
def translate_update() -> None:
    """Merge messages.pot into every catalog (new strings arrive empty, to be translated)."""
    d, pot = _catalogs()
    _pybabel("update", "-i", pot, "-d", d)


@translate_cli.command("compile")
def translate_compile() -> None:
    """Compile every catalog to the .mo files the site reads."""
    d, _ = _catalogs()
    _pybabel("compile", "-d", d)


@translate_cli.command("init")
@click.argument("lang")
def translate_init(lang: str) -> None:
    """Start the catalog of a new site language (step 1 of adding a language; see README)."""
    from kb import locales

    if not locales.valid_code(lang):
        raise click.ClickException(f"{lang!r} is not a language code like th, fa or pt-BR")
    d, pot = _catalogs()
    _pybabel("init", "-i", pot, "-d", d, "-l", locales.babel_code(lang))


class _StageBar:
    """One tqdm bar per pipeline stage (quiet when not on a terminal)."""

    def __init__(self):
        self.stage, self.bar = None, None

    def __call__(self, stage: str, fraction: float) -> None:
        if stage != self.stage or self.bar is None:
            self.close()
            self.stage = stage
            self.bar = _progress(None, desc=stage, total=100)
        self.bar.n = int(fraction * 100)
        self.bar.refresh()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


@kb_cli.command("mine")
@click.option("--log", "log_path", type=click.Path(dir_okay=False), help="Inquiry log to import first (CSV or JSONL).")
@click.option("--since", help="Only inquiries newer than this: 90d, 12w or a date.")
@click.option(
    "--map", "mapping", metavar="FIELD=COLUMN,...", help="Column names of the log, e.g. text=Body,time=Created."
)
@click.option("--skip-if-mined", is_flag=True, help="Do nothing when suggestions exist already (first-run setup).")
@click.option(
    "--as-job",
    is_flag=True,
    help="Record the run as a mining job: the review queue shows its progress (e.g. from cron).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
def mine_command(
    log_path: str | None, since: str | None, mapping: str | None, skip_if_mined: bool, as_job: bool, as_json: bool
) -> None:
    """Import an inquiry log (redacted, de-duplicated), cluster all inquiries, update the suggestions."""
    import os

    from kb import mining
    from kb.db import Suggestion
    from kb.mining import ingest, jobs

    db, kb = _hc().db, _hc()
    try:
        since_at = ingest.parse_since(since)
    except ValueError as exc:
        raise click.BadParameter(f"{since!r}: use 90d, 12w or a date like 2026-06-01", param_hint="--since") from exc
    bar = _StageBar()
    try:
        if skip_if_mined and db.count(Suggestion):
            click.echo("suggestions exist already; nothing to do")
            return
        if as_job:
            if log_path and not os.path.isfile(log_path):
                raise click.ClickException(f"{log_path}: no such file")
            result = jobs.run_recorded(db, kb, log_path, ingest.parse_mapping(mapping), since_at)
        elif log_path:
            if not os.path.isfile(log_path):
                raise click.ClickException(f"{log_path}: no such file")
            result = mining.import_and_mine(
                db,
                kb,
                log_path,
                secret=_hc().secret,
                mapping=ingest.parse_mapping(mapping),
                since=since_at,
                on_progress=bar,
            )
        else:
            result = {"mine": mining.mine(db, kb, since=since_at, on_progress=bar)}
    except ingest.IngestError as exc:
        raise click.ClickException(f"{log_path}: {exc}") from exc
    except DBAPIError as exc:
        raise click.ClickException(f"the database is not ready ({exc.orig}); run: flask kb db upgrade") from exc
    finally:
        bar.close()
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False))
        return
    if "import" in result:
        r = result["import"]
        click.echo(
            f"{log_path}: {r['read']} rows read, {r['kept']} kept, {r['duplicates']} already imported, "
            f"{r['rejected']} rejected, {r['redacted']} redacted ({r['encoding']})"
        )
        for warning in r["warnings"]:
            click.echo(f"  warning: {warning}", err=True)
        for line, reason in r["bad_rows"]:
            click.echo(f"  line {line}: {reason}", err=True)
    m = result["mine"]
    click.echo(
        f"{m['inquiries']} inquiries mined: {m['clusters']} recurring questions "
        f"({m['created']} new, {m['updated']} updated, {m['removed']} gone), {m['unclustered']} one-offs"
        + (f", in {m['seconds']} s" if "seconds" in m else "")
    )
