"""Support staff: the hand-offs customers sent, what they saw before writing, and their delivery."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, send_file, url_for

from kb.db import OutboxMessage, Ticket
from kb.handoff import tickets
from kb.web.context import db, help_center, settings

bp = Blueprint("tickets", __name__, url_prefix="/staff/tickets")


@bp.after_request
def no_store(resp):
    resp.headers["Cache-Control"] = "no-store"  # personal data: never kept by a browser or proxy
    return resp


@bp.route("/")
def index():
    """The newest tickets: topic, language, delivery status, how much self-service they tried."""
    return render_template("staff/tickets.html", rows=tickets.recent_tickets(db()))


def get_ticket(reference: str) -> tuple[Ticket, list[OutboxMessage]]:
    """:raise 404: when there is no such ticket (or it was deleted after the retention period)."""
    return tickets.get_ticket(db(), reference) or abort(404)


@bp.route("/<reference>")
def detail(reference: str):
    """One ticket: contact details, message, photos, the trail before writing, each delivery."""
    ticket, sends = get_ticket(reference)
    return render_template("staff/ticket.html", ticket=ticket, sends=sends)


@bp.route("/<reference>/photos/<name>")
def photo(reference: str, name: str):
    """A ticket's photo, to signed-in support staff only (never from a public URL)."""
    get_ticket(reference)
    path = tickets.photo_path(settings(), reference, name) or abort(404)
    resp = send_file(path, max_age=0)
    resp.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return resp


@bp.route("/<reference>/retry", methods=["POST"])
def retry(reference: str):
    """Try the ticket's pending deliveries now rather than at their next scheduled attempt."""
    ticket, _ = get_ticket(reference)
    tickets.retry_now(db(), ticket.id)
    help_center().outbox_wake.set()
    return redirect(url_for("tickets.detail", reference=reference))
