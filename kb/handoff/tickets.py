"""Tickets: what the contact form sends, checked, stored for the person who answers, deleted in time.

The contact details and the message as written are personal data kept only for the ticket (support
staff see them; ``purge_expired`` deletes them after the retention period). What mining learns from
is the redacted copy stored as an inquiry, as before. Photos are checked by their content (Pillow
must decode them as JPEG, PNG or WebP), re-encoded without metadata (GPS, camera, thumbnails) and
kept under ``ticket_dir``, outside the web root.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field

from PIL import Image, ImageOps, UnidentifiedImageError

from kb.db import Database, OutboxMessage, Ticket, utcnow
from kb.feedback import MAX_INQUIRY_CHARS, record_inquiry
from kb.mining.triage import NOT_ASKING, topic_of
from kb.mining.triage import ORDER as TRIAGE_TOPICS
from kb.settings import Settings
from search import Encoder

# The form's topics: the triage's (mining, the answer API) without those that ask nothing (thanks,
# greeting, spam), and "other".
TOPICS = tuple(t for t in dict.fromkeys((*TRIAGE_TOPICS, "other")) if t not in NOT_ASKING)
MAX_PHOTOS = 3
MAX_PHOTO_BYTES = 5 * 1024 * 1024
MAX_PHOTO_PIXELS = 40_000_000  # a 40-megapixel photo decodes to ~120 MB; a "bomb" is refused before that
PHOTO_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
MAX_NAME_CHARS = 200
MAX_TRAIL = 10
# Deliberately plain: one @, no spaces, a dot in the domain. RFC 5322 allows more, but a form that
# accepts "a@b" lets a typo through, and nobody can then answer.
EMAIL_RE = re.compile(r"[^@\s<>()\[\],;:\"]{1,64}@[^@\s<>()\[\],;:\"]{1,190}\.[^@\s<>()\[\],;:\".]{2,63}")


class TicketInvalid(ValueError):
    """The form does not validate; ``errors`` maps each field to what is wrong with it."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))


@dataclass(frozen=True)
class Photo:
    """A checked photo: its re-encoded bytes (no metadata) and type."""

    data: bytes
    mime: str


@dataclass
class Contact:
    name: str
    email: str
    message: str
    topic: str = ""
    order_number: str = ""
    photos: list[Photo] = field(default_factory=list)


def check_photo(data: bytes) -> Photo:
    """Decode ``data`` as an image and re-encode it without metadata.

    :raise ValueError: for anything that is not a JPEG, PNG or WebP photo within the limits.
    """
    if len(data) > MAX_PHOTO_BYTES:
        raise ValueError(f"is larger than {MAX_PHOTO_BYTES // (1024 * 1024)} MB")
    try:
        with warnings.catch_warnings():
            # Pillow only warns about images between its limit and twice that; refuse them all.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return _reencode(data)
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise ValueError("has too many pixels") from exc
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise ValueError("is not a readable image") from exc


def _reencode(data: bytes) -> Photo:
    with Image.open(io.BytesIO(data)) as probe:
        kind = probe.format or ""
        if kind not in PHOTO_FORMATS:
            raise ValueError("is not a JPEG, PNG or WebP image")
        if probe.width * probe.height > MAX_PHOTO_PIXELS:
            raise ValueError("has too many pixels")
        probe.verify()  # a truncated or corrupt file fails here, before it is decoded in full
    with Image.open(io.BytesIO(data)) as opened:
        upright = ImageOps.exif_transpose(opened)  # keep the orientation the EXIF data gave, then drop the data
        out = io.BytesIO()
        if kind == "JPEG":
            upright.convert("RGB").save(out, "JPEG", quality=90)
        else:
            upright.save(out, kind)  # Pillow writes no EXIF, XMP or text chunks unless asked to
    return Photo(out.getvalue(), PHOTO_FORMATS[kind])


def validate(settings: Settings, fields: dict[str, str], uploads: Sequence[bytes] = ()) -> Contact:
    """The form's fields and photo uploads as a :class:`Contact`.

    :raise TicketInvalid: naming every field that is wrong (nothing is stored).
    """
    errors: dict[str, str] = {}
    name = " ".join((fields.get("name") or "").split())
    email = (fields.get("email") or "").strip()
    message = (fields.get("message") or "").strip()
    order = (fields.get("order_number") or "").strip().upper()
    topic = (fields.get("topic") or "").strip()
    if not name:
        errors["name"] = "required"
    elif len(name) > MAX_NAME_CHARS:
        errors["name"] = "too long"
    if not EMAIL_RE.fullmatch(email):
        errors["email"] = "not an email address"
    if not message:
        errors["message"] = "required"
    elif len(message) > MAX_INQUIRY_CHARS:
        errors["message"] = "too long"
    if order and not re.fullmatch(settings.order_number_pattern, order):
        errors["order_number"] = "not an order number"
    if topic and topic not in TOPICS:
        errors["topic"] = "unknown"
    photos = []
    if len(uploads) > MAX_PHOTOS:
        errors["photos"] = f"at most {MAX_PHOTOS}"
    else:
        for i, data in enumerate(uploads, start=1):
            try:
                photos.append(check_photo(data))
            except ValueError as exc:
                errors["photos"] = f"photo {i} {exc}"
                break
    if errors:
        raise TicketInvalid(errors)
    return Contact(name, email, message, topic, order, photos)


def guess_topic(text: str, encoder: Encoder | None) -> str:
    """The form's pre-selected topic: the triage's (mining's prototypes), "other" for thanks, greeting, spam or unsure."""
    topic = topic_of(text, encoder)
    return topic if topic in TOPICS else "other"


def create_ticket(
    db: Database,
    settings: Settings,
    lang: str,
    contact: Contact,
    trail: Sequence[dict] = (),
    *,
    kinds: Sequence[str],
    suggestion_opened: bool = False,
) -> Ticket:
    """Store the redacted inquiry (for mining), then the ticket, its photos and one outbox row per
    delivery ``kinds`` in one transaction; the reference is ``<prefix>-<year>-<id, 6 digits>``."""
    inquiry_id = record_inquiry(db, lang, contact.message, suggestion_opened=suggestion_opened)
    with db.session() as s:
        ticket = Ticket(
            reference="",
            lang=lang,
            topic=contact.topic or "other",
            name=contact.name,
            email=contact.email,
            order_number=contact.order_number,
            message=contact.message,
            photos=[],
            trail=list(trail)[-MAX_TRAIL:],
            inquiry_id=inquiry_id,
        )
        s.add(ticket)
        s.flush()
        ticket.reference = f"{settings.ticket_prefix}-{utcnow().year}-{ticket.id:06d}"
        ticket.photos = _store_photos(settings.ticket_dir, ticket.reference, contact.photos)
        s.add_all(OutboxMessage(ticket_id=ticket.id, kind=kind) for kind in kinds)
    return ticket


def photo_path(settings: Settings, reference: str, name: str) -> str | None:
    """The file of one of a ticket's photos, only for names this module made (no path from a URL)."""
    if not re.fullmatch(r"[A-Z0-9]{1,16}-\d{4}-\d{6,}", reference) or not re.fullmatch(r"\d\.(jpg|png|webp)", name):
        return None
    path = os.path.join(settings.ticket_dir, reference, name)
    return path if os.path.isfile(path) else None


def _store_photos(folder: str, reference: str, photos: Sequence[Photo]) -> list[dict]:
    out = []
    if photos:
        os.makedirs(os.path.join(folder, reference), mode=0o700, exist_ok=True)
    for i, photo in enumerate(photos, start=1):
        name = f"{i}.{photo.mime.split('/')[1].replace('jpeg', 'jpg')}"
        with open(os.path.join(folder, reference, name), "wb") as fh:
            fh.write(photo.data)
        out.append({"file": name, "type": photo.mime, "bytes": len(photo.data)})
    return out


def purge_expired(db: Database, settings: Settings, now: dt.datetime | None = None) -> int:
    """Delete tickets older than the retention period, their photos and deliveries; returns how many."""
    cutoff = (now or utcnow()) - dt.timedelta(days=settings.ticket_retention_days)
    with db.session() as s:
        old = s.query(Ticket).filter(Ticket.created_at < cutoff).all()
        for ticket in old:
            shutil.rmtree(os.path.join(settings.ticket_dir, ticket.reference), ignore_errors=True)
            s.query(OutboxMessage).filter_by(ticket_id=ticket.id).delete()
            s.delete(ticket)
    return len(old)


def recent_tickets(db: Database, limit: int = 100) -> list[tuple[Ticket, list[OutboxMessage]]]:
    """The newest tickets with their deliveries, for /staff/tickets."""
    with db.session() as s:
        tickets = s.query(Ticket).order_by(Ticket.id.desc()).limit(limit).all()
        ids = [t.id for t in tickets]
        sends = s.query(OutboxMessage).filter(OutboxMessage.ticket_id.in_(ids)).order_by(OutboxMessage.id).all()
    by_ticket: dict[int, list[OutboxMessage]] = {i: [] for i in ids}
    for m in sends:
        by_ticket[m.ticket_id].append(m)
    return [(t, by_ticket[t.id]) for t in tickets]


def retry_now(db: Database, ticket_id: int) -> None:
    """Make the ticket's pending deliveries due now (staff fixed the mail server and want it sent)."""
    with db.session() as s:
        s.query(OutboxMessage).filter_by(ticket_id=ticket_id, status="pending").update({"next_attempt_at": utcnow()})


def get_ticket(db: Database, reference: str) -> tuple[Ticket, list[OutboxMessage]] | None:
    with db.session() as s:
        ticket = s.query(Ticket).filter_by(reference=reference).one_or_none()
        if ticket is None:
            return None
        return ticket, s.query(OutboxMessage).filter_by(ticket_id=ticket.id).order_by(OutboxMessage.id).all()
