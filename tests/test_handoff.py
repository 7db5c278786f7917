"""The hand-off: the contact form makes a ticket; the outbox delivers it to a real SMTP server and a
real webhook receiver, through an outage; support staff read it; it is deleted after retention."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import hashlib
import hmac
import io
import json
import re
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from PIL import Image

from kb.db import Inquiry, OutboxMessage, Ticket
from kb.handoff import outbox, tickets
from kb.handoff.mail import sign
from tests.conftest import copy_sqlite

PASSWORD = "correct horse battery"
SECRET = "webhook secret"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def jpeg_with_gps() -> bytes:
    """A real JPEG carrying EXIF with a GPS position (what a phone photo of a broken mug holds)."""
    img = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    gps = exif.get_ifd(0x8825)
    gps[2] = (52.0, 22.0, 8.0)  # GPSLatitude: Rotterdam
    gps[1] = "N"
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif)
    return out.getvalue()


# -- checking what the form sends ---------------------------------------------------------------
def test_photos_are_checked_by_content_and_lose_their_metadata():
    original = jpeg_with_gps()
    assert b"PhoneMaker" in original
    photo = tickets.check_photo(original)
    assert photo.mime == "image/jpeg" and b"PhoneMaker" not in photo.data
    with Image.open(io.BytesIO(photo.data)) as img:
        assert img.size == (64, 48) and not img.getexif()
    for bad in (b"<?php echo 1; ?>", b"GIF89a" + b"\0" * 100, original[:200], b"\x89PNG\r\n\x1a\n" + b"\0" * 50):
        with pytest.raises(ValueError):
            tickets.check_photo(bad)


def test_a_decompression_bomb_is_refused_before_it_is_decoded():
    img = Image.new("1", (12_000, 12_000))  # 144 megapixels, a few KB as PNG
    out = io.BytesIO()
    img.save(out, "PNG")
    assert len(out.getvalue()) < 100_000
    with pytest.raises(ValueError, match=r"pixels|readable"):
        tickets.check_photo(out.getvalue())


@pytest.fixture
def settings(tmp_path, articles_dir):
    from tests.conftest import make_settings

    return make_settings(articles_dir, tmp_path / "index", KB_TICKET_DIR=str(tmp_path / "tickets"))


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"name": "", "email": "a@b.example", "message": "hi"}, "name"),
        ({"name": "Jane", "email": "jane@example", "message": "hi"}, "email"),
        ({"name": "Jane", "email": "jane@@example.com", "message": "hi"}, "email"),
        ({"name": "Jane", "email": "jane@example.com", "message": ""}, "message"),
        ({"name": "Jane", "email": "jane@example.com", "message": "hi", "order_number": "12"}, "order_number"),
        ({"name": "Jane", "email": "jane@example.com", "message": "hi", "topic": "urgent!"}, "topic"),
        ({"name": "J" * 201, "email": "jane@example.com", "message": "hi"}, "name"),
    ],
)
def test_each_bad_field_is_named(settings, fields, field):
    with pytest.raises(tickets.TicketInvalid) as exc:
        tickets.validate(settings, fields)
    assert field in exc.value.errors


def test_a_good_form_with_a_lowercase_order_number_and_four_photos(settings):
    fields = {
        "name": " Jane  Doe ",
        "email": "jane@example.com",
        "message": "mug broken",
        "order_number": "km-2046-920194",
    }
    contact = tickets.validate(settings, fields, [jpeg_with_gps()])
    assert (contact.name, contact.order_number, len(contact.photos)) == ("Jane Doe", "KM-2046-920194", 1)
    with pytest.raises(tickets.TicketInvalid, match="photos"):
        tickets.validate(settings, fields, [jpeg_with_gps()] * 4)


# -- the whole path through real servers --------------------------------------------------------
class Mailbox:
    """A real SMTP server (aiosmtpd) on a port of its own, started when the test says so."""

    def __init__(self, port: int):
        self.port, self.messages = port, []
        self.controller: Controller | None = None

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 OK"

    def start(self) -> None:
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()


class Receiver(ThreadingHTTPServer):
    """A real HTTP server that accepts a webhook only with a valid signature."""

    def __init__(self, port: int):
        received: list[dict] = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                ts = self.headers["X-Kestrel-Timestamp"]
                want = hmac.new(SECRET.encode(), f"{ts}.".encode() + body, hashlib.sha256).hexdigest()
                if self.headers["X-Kestrel-Signature"] != f"sha256={want}":
                    self.send_response(401)
                else:
                    received.append(json.loads(body))
                    self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        super().__init__(("127.0.0.1", port), Handler)
        self.received = received
        threading.Thread(target=self.serve_forever, daemon=True).start()


@pytest.fixture
def handoff_site(articles_dir, tmp_path, built_index, users_sqlite):
    from kb.web import create_app
    from tests.conftest import copy_index, site_config

    smtp_port, hook_port = free_port(), free_port()
    copy_index(built_index, tmp_path / "index")
    copy_sqlite(
        users_sqlite(("sup", PASSWORD, "support", None), ("ed", PASSWORD, "editor", ("th",))), tmp_path / "kb.sqlite3"
    )
    app = create_app(
        site_config(
            articles_dir,
            tmp_path,
            WTF_CSRF_ENABLED=False,
            KB_SMTP_URL=f"smtp://127.0.0.1:{smtp_port}",
            KB_SUPPORT_EMAIL="desk@shop.example",
            KB_MAIL_FROM="help@shop.example",
            KB_HANDOFF_WEBHOOK_URL=f"http://127.0.0.1:{hook_port}/hook",
            KB_HANDOFF_WEBHOOK_SECRET=SECRET,
            KB_TICKET_DIR=str(tmp_path / "tickets"),
            KB_PUBLIC_URL="https://help.shop.example",
            KB_OUTBOX_SECONDS=0,
        )
    )
    hc = app.extensions["help_center"]
    mailbox = Mailbox(smtp_port)
    yield app, hc, mailbox, hook_port
    mailbox.stop()


def sign_in(app, name: str):
    client = app.test_client()
    assert client.post("/staff/login", data={"username": name, "password": PASSWORD}).status_code == 302
    return client


def test_a_ticket_travels_from_the_form_through_an_outage_to_mail_and_webhook(handoff_site, tmp_path):
    app, hc, mailbox, hook_port = handoff_site
    customer = app.test_client()
    customer.get("/th/search?q=พัสดุ")  # what self-service showed before the customer wrote
    customer.get("/th/articles/no-spaces")
    r = customer.post(
        "/th/contact",
        data={
            "action": "send",
            "name": "สมชาย ใจดี",
            "email": "somchai@example.com",
            "order_number": "KM-2046-920194",
            "question": "พัสดุของฉันอยู่ที่ไหน",
            "photos": [(io.BytesIO(jpeg_with_gps()), "mug.jpg")],
        },
        content_type="multipart/form-data",
    )
    page = r.get_data(as_text=True)
    assert r.status_code == 200, page
    reference = re.search(r"KM-\d{4}-\d{6}", page).group(0)
    with hc.db.session() as s:
        ticket = s.query(Ticket).filter_by(reference=reference).one()
        inquiry = s.get(Inquiry, ticket.inquiry_id)
        assert "somchai@example.com" not in inquiry.text  # mining gets the redacted copy, as before
        assert [t["kind"] for t in ticket.trail] == ["search", "article"]
        assert sorted(m.kind for m in s.query(OutboxMessage).all()) == ["customer_email", "support_email", "webhook"]
    assert (tmp_path / "tickets" / reference / "1.jpg").is_file()

    # Both the mail server and the desk's webhook are down: nothing is lost, every delivery waits.
    assert outbox.deliver_due(hc.db, hc.settings) == {"sent": 0, "failed": 3}
    with hc.db.session() as s:
        pending = s.query(OutboxMessage).all()
    assert {m.status for m in pending} == {"pending"} and all(m.attempts == 1 and m.last_error for m in pending)
    assert outbox.deliver_due(hc.db, hc.settings) == {"sent": 0, "failed": 0}  # backoff: not due yet

    mailbox.start()
    receiver = Receiver(hook_port)
    try:
        later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=2)
        assert outbox.deliver_due(
            hc.db, hc.settings, now=later, suggest=lambda t: outbox.suggested_articles(hc, t)
        ) == {
            "sent": 3,
            "failed": 0,
        }
    finally:
        receiver.shutdown()
        receiver.server_close()
    support = next(m for m in mailbox.messages if m["To"] == "desk@shop.example")
    confirmation = next(m for m in mailbox.messages if "somchai@example.com" in m["To"])
    assert reference in support["Subject"] and "somchai@example.com" in support["Reply-To"]
    assert "KM-2046-920194" in support.get_body(("plain",)).get_content()
    (attachment,) = list(support.iter_attachments())
    assert attachment.get_content_type() == "image/jpeg" and b"PhoneMaker" not in attachment.get_content()
    assert reference in confirmation["Subject"] and "ข้อความ" in confirmation["Subject"]  # in Thai
    assert "https://help.shop.example/th/articles/no-spaces" in confirmation.get_body(("plain",)).get_content()
    (hook,) = receiver.received
    assert hook["reference"] == reference and hook["customer"]["email"] == "somchai@example.com"
    assert hook["photos"][0]["type"] == "image/jpeg" and hook["seen_before_writing"][1]["slug"] == "no-spaces"

    staff = sign_in(app, "sup")
    listing = staff.get("/staff/tickets/").get_data(as_text=True)
    assert reference in listing and "webhook: sent" in listing
    detail = staff.get(f"/staff/tickets/{reference}").get_data(as_text=True)
    assert "somchai@example.com" in detail and "พัสดุ" in detail
    photo = staff.get(f"/staff/tickets/{reference}/photos/1.jpg")
    assert photo.status_code == 200 and photo.mimetype == "image/jpeg"


def test_ticket_pages_are_for_support_staff_only(handoff_site):
    app, hc, _, _ = handoff_site
    contact = tickets.Contact("Jane", "jane@example.com", "where is my parcel")
    ticket = tickets.create_ticket(hc.db, hc.settings, "en", contact, kinds=[])
    urls = ["/staff/tickets/", f"/staff/tickets/{ticket.reference}", f"/staff/tickets/{ticket.reference}/photos/1.jpg"]
    anonymous = app.test_client()
    assert [anonymous.get(u).status_code for u in urls] == [302, 302, 302]
    editor = sign_in(app, "ed")
    assert [editor.get(u).status_code for u in urls] == [403, 403, 403]
    assert sign_in(app, "sup").get(f"/staff/tickets/{ticket.reference}/photos/..%2Fkb.sqlite3").status_code == 404


def test_a_bad_form_is_shown_again_with_what_is_wrong_and_nothing_stored(handoff_site):
    app, hc, _, _ = handoff_site
    r = app.test_client().post(
        "/en/contact",
        data={"action": "send", "name": "Jane", "email": "jane@", "question": "my parcel", "order_number": "nope"},
    )
    page = r.get_data(as_text=True)
    assert r.status_code == 422 and 'id="email-error"' in page and 'id="order_number-error"' in page
    assert "my parcel" in page  # the customer's text is kept
    with hc.db.session() as s:
        assert s.query(Ticket).count() == 0 and s.query(Inquiry).count() == 0


def test_tickets_are_deleted_after_the_retention_period(handoff_site):
    _, hc, _, _ = handoff_site
    contact = tickets.Contact("Jane", "jane@example.com", "broken", photos=[tickets.check_photo(jpeg_with_gps())])
    old = tickets.create_ticket(hc.db, hc.settings, "en", contact, kinds=["webhook"])
    new = tickets.create_ticket(hc.db, hc.settings, "en", contact, kinds=["webhook"])
    with hc.db.session() as s:
        s.get(Ticket, old.id).created_at = dt.datetime.now(dt.UTC) - dt.timedelta(days=181)
    assert tickets.purge_expired(hc.db, hc.settings) == 1
    assert (
        not Path(hc.settings.ticket_dir, old.reference).exists()
        and Path(hc.settings.ticket_dir, new.reference).exists()
    )
    with hc.db.session() as s:
        assert [t.reference for t in s.query(Ticket).all()] == [new.reference]
        assert s.query(OutboxMessage).count() == 1
        assert s.query(Inquiry).count() == 2  # the redacted inquiries stay for mining


def test_the_webhook_signature_is_over_the_timestamp_and_body():
    headers = sign("k", b'{"a":1}', timestamp=1700000000)
    want = hmac.new(b"k", b'1700000000.{"a":1}', hashlib.sha256).hexdigest()
    assert headers["X-Kestrel-Signature"] == f"sha256={want}" and headers["X-Kestrel-Timestamp"] == "1700000000"


def test_one_outbox_worker_at_a_time(handoff_site):
    _, hc, _, _ = handoff_site
    from kb import leases

    assert leases.try_acquire(hc.db, "outbox", "another host", ttl=60)
    assert outbox.run_once(hc) is None  # another worker is sending
    leases.release(hc.db, "outbox", "another host")
    assert outbox.run_once(hc) == {"sent": 0, "failed": 0}
