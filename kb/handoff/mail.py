"""The messages a ticket sends: to the support desk, to the customer in their language, to a webhook."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import time
from collections.abc import Sequence
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

from babel.support import NullTranslations, Translations

from kb import locales
from kb.db import Ticket
from kb.settings import Settings

WEBHOOK_EVENT = "ticket.created"


def _translations(settings: Settings, lang: str) -> NullTranslations:
    """The UI catalog of ``lang`` (English text when it has none)."""
    return Translations.load(settings.translations_dir, [locales.babel_code(lang)])


def support_mail(settings: Settings, ticket: Ticket) -> EmailMessage:
    """The support desk's copy: everything the person answering needs; Reply-To is the customer."""
    msg = EmailMessage()
    first_line = " ".join(ticket.message.split())[:60]
    msg["Subject"] = f"[{ticket.reference}] {ticket.topic}: {first_line}"
    msg["From"] = settings.mail_from
    msg["To"] = settings.support_email
    msg["Reply-To"] = formataddr((ticket.name, ticket.email))
    msg["Message-ID"] = make_msgid(idstring=ticket.reference)
    lines = [
        f"Reference: {ticket.reference}",
        f"From: {ticket.name} <{ticket.email}>",
        f"Language: {ticket.lang}",
        f"Topic: {ticket.topic}",
        f"Order number: {ticket.order_number or '-'}",
        "",
        ticket.message,
        "",
        "Before writing, the customer saw:",
        *([f"- {_trail_line(settings, t)}" for t in ticket.trail] or ["- nothing (came straight to the form)"]),
    ]
    msg.set_content("\n".join(lines))
    for photo in ticket.photos:
        with open(os.path.join(settings.ticket_dir, ticket.reference, photo["file"]), "rb") as fh:
            maintype, subtype = photo["type"].split("/")
            msg.add_attachment(fh.read(), maintype=maintype, subtype=subtype, filename=photo["file"])
    return msg


def customer_mail(settings: Settings, ticket: Ticket, articles: Sequence[tuple[str, str]] = ()) -> EmailMessage:
    """The confirmation in the customer's language: the reference, and articles that may already help
    (``articles``: (title, absolute URL))."""
    tr = _translations(settings, ticket.lang)
    _ = tr.gettext
    msg = EmailMessage()
    msg["Subject"] = _("We have your message (%(reference)s)") % {"reference": ticket.reference}
    msg["From"] = settings.mail_from
    msg["To"] = formataddr((ticket.name, ticket.email))
    msg["Message-ID"] = make_msgid(idstring=ticket.reference)
    lines = [
        _("Hello %(name)s,") % {"name": ticket.name},
        "",
        _("Thank you for writing to us. A person from our support team will answer you by email."),
        _("Your reference is %(reference)s; please mention it if you write again.") % {"reference": ticket.reference},
    ]
    if articles:
        lines += ["", _("While you wait, these articles may already help:")]
        lines += [f"- {title}: {url}" for title, url in articles]
    lines += ["", _("Customer support")]
    msg.set_content("\n".join(lines))
    return msg


def webhook_body(settings: Settings, ticket: Ticket) -> bytes:
    """The webhook's JSON (documented in /api/v1/openapi.json under webhooks), photos inline in base64."""
    photos = []
    for photo in ticket.photos:
        with open(os.path.join(settings.ticket_dir, ticket.reference, photo["file"]), "rb") as fh:
            data = fh.read()
        photos.append({"name": photo["file"], "type": photo["type"], "data": base64.b64encode(data).decode()})
    payload = {
        "event": WEBHOOK_EVENT,
        "reference": ticket.reference,
        "created_at": ticket.created_at.isoformat(),
        "lang": ticket.lang,
        "topic": ticket.topic,
        "customer": {"name": ticket.name, "email": ticket.email},
        "order_number": ticket.order_number or None,
        "message": ticket.message,
        "photos": photos,
        "seen_before_writing": [dict(t) for t in ticket.trail],
        "url": f"{settings.public_url.rstrip('/')}/staff/tickets/{ticket.reference}",
    }
    return json.dumps(payload, ensure_ascii=False).encode("utf-8")


def sign(secret: str, body: bytes, timestamp: int | None = None) -> dict[str, str]:
    """Headers that let the receiver check the body came from us, recently: HMAC-SHA256 of
    ``<timestamp>.<body>`` under the shared secret (as Stripe and Slack sign theirs)."""
    ts = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{ts}.".encode() + body, hashlib.sha256).hexdigest()
    return {
        "Content-Type": "application/json; charset=utf-8",
        "X-Kestrel-Event": WEBHOOK_EVENT,
        "X-Kestrel-Timestamp": str(ts),
        "X-Kestrel-Signature": f"sha256={digest}",
    }


def _trail_line(settings: Settings, step: dict) -> str:
    if step.get("kind") == "search":
        return f'searched "{step.get("q", "")}" ({step.get("lang", "")}, {step.get("hits", 0)} results)'
    url = f"{settings.public_url.rstrip('/')}/{step.get('lang', '')}/articles/{step.get('slug', '')}"
    return f"read {url}"
