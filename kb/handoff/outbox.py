"""Deliveries of tickets: recorded with the ticket, sent by a background worker, retried until sent.

One worker at a time across every host sends (the database lease "outbox"), so two hosts never
send the same mail twice. A failed attempt waits 2**attempts * 30 s, at most an hour, and is tried
again: while the mail server or the desk's webhook is down, tickets wait; when it returns, they go.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
import ssl
import threading
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from sqlalchemy import update

from kb import leases
from kb.db import Database, OutboxMessage, Ticket, utcnow
from kb.handoff import mail
from kb.settings import Settings

if TYPE_CHECKING:
    from kb.core import HelpCenter

log = logging.getLogger(__name__)

KINDS = ("support_email", "customer_email", "webhook")
BACKOFF_S = 30.0
MAX_BACKOFF_S = 3600.0
TIMEOUT_S = 20.0
BATCH = 50


class DeliveryError(RuntimeError):
    """A delivery failed; the message says why (kept on the outbox row for staff)."""


def kinds_for(settings: Settings) -> list[str]:
    """The deliveries a new ticket gets with these settings."""
    out = []
    if settings.smtp_url and settings.support_email:
        out.append("support_email")
    if settings.smtp_url:
        out.append("customer_email")
    if settings.handoff_webhook_url:
        out.append("webhook")
    return out


def backoff(attempts: int) -> dt.timedelta:
    return dt.timedelta(seconds=min(MAX_BACKOFF_S, BACKOFF_S * 2 ** max(0, attempts - 1)))


def send_mail(settings: Settings, message) -> None:
    """Send one message through ``smtp_url``.

    :raise DeliveryError: when the server cannot be reached or refuses the message.
    """
    url = urlsplit(settings.smtp_url)
    if url.scheme not in ("smtp", "smtp+starttls", "smtps") or not url.hostname:
        raise DeliveryError(f"KB_SMTP_URL must be smtp://, smtp+starttls:// or smtps://host, not {url.scheme}://")
    port = url.port or (465 if url.scheme == "smtps" else 587 if url.scheme == "smtp+starttls" else 25)
    try:
        if url.scheme == "smtps":
            server: smtplib.SMTP = smtplib.SMTP_SSL(
                url.hostname, port, timeout=TIMEOUT_S, context=ssl.create_default_context()
            )
        else:
            server = smtplib.SMTP(url.hostname, port, timeout=TIMEOUT_S)
        with server:
            if url.scheme == "smtp+starttls":
                server.starttls(context=ssl.create_default_context())
            if url.username:
                server.login(unquote(url.username), unquote(url.password or ""))
            server.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        raise DeliveryError(f"mail server {url.hostname}:{port}: {exc}") from exc


def post_webhook(settings: Settings, body: bytes) -> None:
    """POST the signed body; any 2xx is delivered.

    :raise DeliveryError: on a connection error, a timeout or another status.
    """
    if not settings.handoff_webhook_secret:
        raise DeliveryError("KB_HANDOFF_WEBHOOK_SECRET is not set: the webhook would be unsigned")
    url = settings.handoff_webhook_url
    if urlsplit(url).scheme not in ("http", "https"):
        raise DeliveryError("KB_HANDOFF_WEBHOOK_URL must be an http:// or https:// URL")
    req = urllib.request.Request(  # noqa: S310 - the scheme is checked above
        url, data=body, method="POST", headers=mail.sign(settings.handoff_webhook_secret, body)
    )
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT_S) as resp:  # noqa: S310 - the operator's own URL
            resp.read(1024)
    except urllib.error.HTTPError as exc:
        raise DeliveryError(f"webhook answered {exc.code}") from exc
    except (OSError, ValueError) as exc:
        raise DeliveryError(f"webhook: {exc}") from exc


Suggest = Callable[[Ticket], list[tuple[str, str]]]


def deliver_due(
    db: Database, settings: Settings, *, suggest: Suggest | None = None, now: dt.datetime | None = None
) -> dict[str, int]:
    """Send every delivery that is due (one pass); returns counts of sent and failed attempts.

    ``suggest`` gives the articles the customer's confirmation lists (title, absolute URL).
    """
    now = now or utcnow()
    with db.session() as s:
        due = (
            s.query(OutboxMessage, Ticket)
            .join(Ticket, Ticket.id == OutboxMessage.ticket_id)
            .filter(OutboxMessage.status == "pending", OutboxMessage.next_attempt_at <= now)
            .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
            .limit(BATCH)
            .all()
        )
    counts = {"sent": 0, "failed": 0}
    for message, ticket in due:
        try:
            _deliver(settings, message.kind, ticket, suggest)
        except Exception as exc:  # noqa: BLE001 - recorded on the row and retried; never lost
            error = str(exc)[:2000] if isinstance(exc, DeliveryError) else f"{type(exc).__name__}: {exc}"[:2000]
            attempts = message.attempts + 1
            _update(db, message.id, attempts=attempts, last_error=error, next_attempt_at=now + backoff(attempts))
            log.warning("delivery %s of %s failed (attempt %d): %s", message.kind, ticket.reference, attempts, error)
            counts["failed"] += 1
        else:
            _update(db, message.id, attempts=message.attempts + 1, status="sent", sent_at=utcnow(), last_error="")
            counts["sent"] += 1
    return counts


def _deliver(settings: Settings, kind: str, ticket: Ticket, suggest: Suggest | None) -> None:
    if kind == "support_email":
        send_mail(settings, mail.support_mail(settings, ticket))
    elif kind == "customer_email":
        send_mail(settings, mail.customer_mail(settings, ticket, suggest(ticket) if suggest else []))
    elif kind == "webhook":
        post_webhook(settings, mail.webhook_body(settings, ticket))
    else:
        raise DeliveryError(f"unknown delivery kind {kind!r}")


def _update(db: Database, message_id: int, **values: Any) -> None:
    with db.session() as s:
        s.execute(update(OutboxMessage).where(OutboxMessage.id == message_id).values(**values))


def run_once(help_center: HelpCenter) -> dict[str, int] | None:
    """One pass under the "outbox" lease (None when another worker holds it), then old tickets purged."""
    from kb.handoff.tickets import purge_expired

    db, settings = help_center.db, help_center.settings
    holder = f"outbox-{threading.get_ident()}"
    if not leases.try_acquire(db, "outbox", holder, ttl=max(60.0, 4 * settings.outbox_seconds)):
        return None
    try:
        counts = deliver_due(db, settings, suggest=lambda t: suggested_articles(help_center, t))
        purge_expired(db, settings)
        return counts
    finally:
        leases.release(db, "outbox", holder)


def suggested_articles(help_center: HelpCenter, ticket: Ticket, limit: int = 3) -> list[tuple[str, str]]:
    """Articles that answer the ticket's message, in its language where they exist (for the confirmation)."""
    try:
        hits = help_center.search(ticket.message, ticket.lang, limit=limit).hits
    except Exception:  # noqa: BLE001 - a confirmation without suggestions is still a confirmation
        return []
    base = help_center.settings.public_url.rstrip("/")
    return [(h.title, f"{base}/{h.lang}/articles/{h.article}" + (f"#{h.anchor}" if h.anchor else "")) for h in hits]


def follow(help_center: HelpCenter) -> threading.Thread | None:
    """Deliver due messages every ``outbox_seconds`` in a daemon thread (None when that is 0)."""
    interval = help_center.settings.outbox_seconds
    if interval <= 0:
        return None
    wake = help_center.outbox_wake

    def loop() -> None:
        while not help_center.stopped:
            wake.wait(interval)
            wake.clear()
            try:
                run_once(help_center)
            except Exception as exc:  # noqa: BLE001 - the database may be down; the next pass retries
                log.warning("outbox pass failed: %s", exc)

    thread = threading.Thread(target=loop, name="kb-outbox", daemon=True)
    thread.start()
    return thread
