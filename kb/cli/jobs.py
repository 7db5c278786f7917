"""Work the site's workers also do in the background, run from cron or by hand: the outbox,
scheduled publishing, mining inquiry logs."""

from __future__ import annotations

import json
import sys

import click
from sqlalchemy.exc import DBAPIError

from kb.cli.base import help_center, kb_cli, progress


@kb_cli.command("outbox")
def outbox_command() -> None:
    """Deliver the tickets' mail and webhooks that are due now, and delete tickets past retention
    (the site's workers do this every KB_OUTBOX_SECONDS; this is for cron or after an outage)."""
    from kb.handoff import outbox

    counts = outbox.run_once(help_center())
    if counts is None:
        raise click.ClickException("another worker is delivering right now; try again in a minute")
    click.echo(f"{counts['sent']} sent, {counts['failed']} failed (retried later)")


@kb_cli.command("publish-due")
def publish_due_command() -> None:
    """Publish the articles scheduled for a time that has come (the site's workers do this every
    KB_PUBLISH_SECONDS; this is for cron). Exit 1 when one could not be published, with the reason."""
    from kb.content import publishing

    done = publishing.publish_due(help_center())
    if done is None:
        raise click.ClickException("another worker is publishing right now; try again in a minute")
    for lang, slug, problem in done:
        click.echo(f"{lang}/{slug}: " + (f"not published: {problem}" if problem else "published"))
    click.echo(f"{sum(not p for *_, p in done)} published, {sum(bool(p) for *_, p in done)} not published")
    if any(p for *_, p in done):
        sys.exit(1)


class _StageBar:
    """One tqdm bar per pipeline stage (quiet when not on a terminal)."""

    def __init__(self):
        self.stage, self.bar = None, None

    def __call__(self, stage: str, fraction: float) -> None:
        if stage != self.stage or self.bar is None:
            self.close()
            self.stage = stage
            self.bar = progress(None, desc=stage, total=100)
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
@click.option(
    "--assign",
    "assign_only",
    is_flag=True,
    help="With --log: add the new inquiries to the suggestions they match instead of clustering all again.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
def mine_command(
    log_path: str | None,
    since: str | None,
    mapping: str | None,
    skip_if_mined: bool,
    as_job: bool,
    assign_only: bool,
    as_json: bool,
) -> None:
    """Import an inquiry log (redacted, de-duplicated), cluster all inquiries, update the suggestions."""
    import os

    from kb import mining
    from kb.db import Suggestion
    from kb.mining import ingest, jobs
    from kb.mining.assign import import_and_assign

    db, kb = help_center().db, help_center()
    try:
        since_at = ingest.parse_since(since)
    except ValueError as exc:
        raise click.BadParameter(f"{since!r}: use 90d, 12w or a date like 2026-06-01", param_hint="--since") from exc
    if assign_only and not log_path:
        raise click.UsageError("--assign adds the inquiries of a log: give it with --log")
    mode = "assign" if assign_only else "remine"
    bar = _StageBar()
    try:
        if skip_if_mined and db.count(Suggestion):
            click.echo("suggestions exist already; nothing to do")
            return
        if as_job:
            if log_path and not os.path.isfile(log_path):
                raise click.ClickException(f"{log_path}: no such file")
            result = jobs.run_recorded(db, kb, log_path, ingest.parse_mapping(mapping), since_at, mode)
        elif log_path:
            if not os.path.isfile(log_path):
                raise click.ClickException(f"{log_path}: no such file")
            result = (import_and_assign if assign_only else mining.import_and_mine)(
                db,
                kb,
                log_path,
                secret=help_center().secret,
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
    if "assign" in result:
        a = result["assign"]
        click.echo(
            f"{a['inquiries']} new inquiries: {a['assigned']} added to {a['suggestions']} suggestions, "
            f"{a['unassigned']} fit no suggestion yet (mine again to find new questions)"
        )
        return
    m = result["mine"]
    click.echo(
        f"{m['inquiries']} inquiries mined: {m['clusters']} recurring questions "
        f"({m['created']} new, {m['updated']} updated, {m['removed']} gone), {m['unclustered']} one-offs"
        + (f", in {m['seconds']} s" if "seconds" in m else "")
    )
