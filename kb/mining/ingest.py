"""Inquiry-log ingestion: CSV or JSONL from any channel, streamed with flat memory.

Only the text is required; channel, time, language, customer id, ticket id and the agent's reply
are used when present, under their own names or mapped (``text=Body,time=Created``). Bad rows are
counted and reported with their line numbers; every good row is kept. PII is redacted here,
before anything is stored; customer ids are stored only as keyed hashes (in the fingerprint).
Re-importing the same file adds nothing twice.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import hmac
import io
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING

from kb.db import Database, Inquiry
from kb.mining.redaction import redact

if TYPE_CHECKING:
    from kb.mining.langdetect import LanguageDetector

FIELDS = ("text", "channel", "time", "lang", "customer", "ticket", "reply")
MAX_TEXT_CHARS = 10_000  # longer than any real inquiry: a pasted log or an attack
MAX_LINE_BYTES = 1_000_000  # JSONL lines and CSV fields beyond this are bad rows, not crashes
MAX_FIELD_CHARS = 8 * MAX_LINE_BYTES  # a CSV field spanning lines: read whole up to this, then a bad row
MAX_JSON_DEPTH = 20
EARLIEST_TIME = dt.datetime(1990, 1, 1, tzinfo=dt.UTC)  # older than any help desk log; later is tomorrow
MAX_REPORTED = 50  # bad rows listed individually; the rest are counted
BATCH = 500


# xlsx/zip, xls/doc (OLE), gzip, PDF, UTF-16 and UTF-32 byte-order marks: save the log as CSV or JSONL (UTF-8).
_BINARY_SIGNATURES = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"\x1f\x8b", b"%PDF", b"\xff\xfe", b"\xfe\xff")


class IngestError(ValueError):
    """The file as a whole cannot be read (binary, unknown format); says why."""


@dataclass
class IngestReport:
    read: int = 0
    kept: int = 0
    duplicates: int = 0
    rejected: int = 0
    redacted: int = 0
    encoding: str = "utf-8"
    warnings: list[str] = field(default_factory=list)
    bad_rows: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)

    def as_dict(self) -> dict:
        return {
            "read": self.read,
            "kept": self.kept,
            "duplicates": self.duplicates,
            "rejected": self.rejected,
            "redacted": self.redacted,
            "encoding": self.encoding,
            "warnings": list(self.warnings),
            "bad_rows": [list(r) for r in self.bad_rows],
        }

    def reject(self, line: int, reason: str) -> None:
        self.rejected += 1
        if len(self.bad_rows) < MAX_REPORTED:
            self.bad_rows.append((line, reason))


@dataclass(frozen=True)
class Row:
    line: int
    text: str
    channel: str = "unknown"
    time: dt.datetime | None = None
    lang: str = ""
    customer: str = ""
    ticket: str = ""
    reply: str = ""


def parse_mapping(spec: str | None) -> dict[str, str]:
    """ "text=Body,time=Created" -> {"text": "Body", "time": "Created"}; unknown targets are errors."""
    out = {}
    for part in filter(None, (p.strip() for p in (spec or "").split(","))):
        target, _, source = part.partition("=")
        if target not in FIELDS or not source:
            raise IngestError(f"--map {part!r}: use FIELD=COLUMN with FIELD one of {', '.join(FIELDS)}")
        out[target] = source
    return out


def parse_since(value: str | None, now: dt.datetime | None = None) -> dt.datetime | None:
    """'90d', '12w' or an ISO date or time -> an aware UTC datetime; None for an empty value.

    :raise ValueError: for anything else.
    """
    import re

    value = (value or "").strip()
    if not value:
        return None
    m = re.fullmatch(r"(\d{1,5})([dw])", value)
    if m:
        days = int(m.group(1)) * (7 if m.group(2) == "w" else 1)
        return (now or dt.datetime.now(dt.UTC)) - dt.timedelta(days=days)
    t = dt.datetime.fromisoformat(value)
    return t if t.tzinfo else t.replace(tzinfo=dt.UTC)


def detect_encoding(path: str, report: IngestReport) -> str:
    """UTF-8 (with or without BOM) when the whole file decodes; else cp1252 with a warning.

    :raise IngestError: for a binary file (a spreadsheet, an archive, UTF-16: known signatures or
        NUL bytes throughout its first block) or an empty one.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    with open(path, "rb") as fh:
        head = fh.read(8192)
        if not head:
            raise IngestError("the file is empty")
        # A stray NUL inside one field of a short log is that row's problem (it is dropped from the
        # text), not a reason to refuse every other row: only a file made of them is binary.
        if head.startswith(_BINARY_SIGNATURES) or head.count(b"\x00") > max(len(head) // 10, 2):
            raise IngestError("this is not a text file (it contains NUL bytes)")
        fh.seek(0)
        offset, line = 0, 1
        while chunk := fh.read(1 << 16):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                bad_at = offset + exc.start
                line += chunk[: exc.start].count(b"\n")
                report.warnings.append(f"not UTF-8 at byte {bad_at} (line {line}); read as Windows-1252")
                return "cp1252"
            offset += len(chunk)
            line += chunk.count(b"\n")
    return "utf-8-sig"


def _get(record: dict, mapping: dict[str, str], name: str) -> str:
    value = record.get(mapping.get(name, name))
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def _parse_time(value: str, now: dt.datetime | None = None) -> dt.datetime | None:
    """An ISO 8601 time or a Unix time in seconds, between 1990 and tomorrow; None for an empty value.

    :raise ValueError: saying why, for anything else. A year-1 or year-9999 time stored once breaks
    every later mining run (week arithmetic overflows), and a time that cannot be read would
    silently become the time of the import: either is a bad row, never a guess.
    """
    value = value.strip()
    if not value:
        return None
    shown = value if len(value) <= 40 else value[:40] + "…"
    try:
        t = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            seconds = float(value)
            t = dt.datetime.fromtimestamp(seconds, tz=dt.UTC)
        except (ValueError, OverflowError, OSError):
            raise ValueError(f"time {shown!r} is not a date (ISO 8601) or a Unix time in seconds") from None
    t = t if t.tzinfo else t.replace(tzinfo=dt.UTC)
    latest = (now or dt.datetime.now(dt.UTC)) + dt.timedelta(days=1)
    if not EARLIEST_TIME <= t <= latest:
        raise ValueError(f"time {shown!r} is outside {EARLIEST_TIME.year} to tomorrow")
    return t


def _depth(obj, level: int = 0) -> int:
    if level > MAX_JSON_DEPTH:
        return level
    if isinstance(obj, dict):
        return max((_depth(v, level + 1) for v in obj.values()), default=level + 1)
    if isinstance(obj, list):
        return max((_depth(v, level + 1) for v in obj), default=level + 1)
    return level


def _row(record: dict, mapping: dict[str, str], line: int, report: IngestReport) -> Row | None:
    text = _get(record, mapping, "text").replace("\x00", "").strip()
    if not text:
        report.reject(line, "empty text")
        return None
    if len(text) > MAX_TEXT_CHARS:
        report.reject(line, f"text is {len(text)} characters (limit {MAX_TEXT_CHARS})")
        return None
    try:
        time = _parse_time(_get(record, mapping, "time"))
    except ValueError as exc:
        report.reject(line, str(exc))
        return None
    return Row(
        line=line,
        text=text,
        channel=(_get(record, mapping, "channel").strip() or "unknown")[:32],
        time=time,
        lang=_get(record, mapping, "lang").strip()[:16],
        customer=_get(record, mapping, "customer").strip(),
        ticket=_get(record, mapping, "ticket").strip(),
        reply=_get(record, mapping, "reply").strip()[:MAX_TEXT_CHARS],
    )


def _lines(fh: IO[str], report: IngestReport) -> Iterator[str]:
    """The file's lines, each read with a bounded buffer; a line over MAX_LINE_BYTES is a bad row
    and comes out empty, so the CSV reader never starts mid-field on what follows it (a field over
    its limit left it parsing the rest of that line, and then the next good row, as a new record)."""
    line_no = 0
    while line := fh.readline(MAX_LINE_BYTES + 1):
        line_no += 1
        if len(line) <= MAX_LINE_BYTES or line.endswith(("\n", "\r")):
            yield line
            continue
        size = len(line)
        while (rest := fh.readline(1 << 16)) and not rest.endswith(("\n", "\r")):
            size += len(rest)
        size += len(rest)
        report.read += 1
        report.reject(line_no, f"line is over {size - 1} characters (limit {MAX_LINE_BYTES})")
        yield "\n"


def _csv_rows(fh: IO[str], mapping, report) -> Iterator[Row]:
    # Lines are bounded by _lines; a quoted field may still span many of them. Stopping such a field
    # early leaves the reader inside it, reading its tail and the next good rows as garbage, so it is
    # read whole up to a larger bound and then refused for its length like any other.
    csv.field_size_limit(MAX_FIELD_CHARS)
    reader = csv.DictReader(_lines(fh, report))
    if not reader.fieldnames or mapping.get("text", "text") not in reader.fieldnames:
        raise IngestError(
            f"no {mapping.get('text', 'text')!r} column (columns: {', '.join(reader.fieldnames or [])}); "
            "name it with --map text=COLUMN"
        )
    while True:
        line = reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            report.read += 1
            report.reject(line, f"broken CSV: {exc}")
            continue
        report.read += 1
        if None in record:  # more cells than columns: quoting went wrong on this line
            report.reject(line, "more cells than columns (broken quoting?)")
            continue
        row = _row(record, mapping, line, report)
        if row is not None:
            yield row


def _jsonl_rows(fh: IO[str], mapping, report) -> Iterator[Row]:
    for line_no, raw in enumerate(fh, start=1):
        if not raw.strip():
            continue
        report.read += 1
        if len(raw) > MAX_LINE_BYTES:
            report.reject(line_no, f"line is {len(raw)} characters (limit {MAX_LINE_BYTES})")
            continue
        try:
            record = json.loads(raw)
        except (json.JSONDecodeError, RecursionError) as exc:
            report.reject(line_no, f"not JSON: {exc}")
            continue
        if not isinstance(record, dict):
            report.reject(line_no, f"a JSON object is needed, got {type(record).__name__}")
            continue
        if _depth(record) > MAX_JSON_DEPTH:
            report.reject(line_no, f"nested deeper than {MAX_JSON_DEPTH} levels")
            continue
        row = _row(record, mapping, line_no, report)
        if row is not None:
            yield row


def read_rows(
    path: str,
    mapping: dict[str, str] | None = None,
    report: IngestReport | None = None,
    on_bytes: Callable[[int], None] | None = None,
) -> Iterator[Row]:
    """Good rows of a CSV (.csv) or JSONL (.jsonl/.json/.ndjson) file, streamed; ``on_bytes(offset)`` now and then."""
    report = report if report is not None else IngestReport()
    mapping = mapping or {}
    ext = os.path.splitext(path)[1].lower()
    if ext not in (".csv", ".jsonl", ".ndjson", ".json"):
        raise IngestError(f"{os.path.basename(path)}: use a .csv or .jsonl file")
    report.encoding = detect_encoding(path, report)
    with open(path, "rb") as raw:
        fh = io.TextIOWrapper(raw, encoding=report.encoding, newline="" if ext == ".csv" else None, errors="replace")
        rows = _csv_rows(fh, mapping, report) if ext == ".csv" else _jsonl_rows(fh, mapping, report)
        for n, row in enumerate(rows):
            if on_bytes is not None and n % 1000 == 0:
                on_bytes(raw.tell())
            yield row


def fingerprint(secret: str, row: Row) -> str:
    """Stable per inquiry (same file twice: same fingerprints); the customer id only as a keyed hash."""
    msg = "\x1f".join([row.channel, row.time.isoformat() if row.time else "", row.ticket, row.customer, row.text])
    return hmac.new(secret.encode(), msg.encode(), hashlib.sha256).hexdigest()


def customer_hash(secret: str, customer: str) -> str | None:
    """A keyed hash of a customer id (the same customer links across inquiries; the id is not stored)."""
    if not customer:
        return None
    return hmac.new(secret.encode(), b"customer\x1f" + customer.encode(), hashlib.sha256).hexdigest()[:32]


def ingest(
    db: Database,
    path: str,
    *,
    secret: str,
    mapping: dict[str, str] | None = None,
    since: dt.datetime | None = None,
    default_lang: str = "",
    detector: LanguageDetector | None = None,
    progress=None,
    on_bytes: Callable[[int], None] | None = None,
    dry_run: bool = False,
) -> IngestReport:
    """Read, redact and store a log; returns the counts. Re-importing adds nothing twice.

    The language is the log's own field when it names a site language, else ``detector``'s guess
    (restricted to the site's languages), else ``default_lang``. ``dry_run`` stores nothing and
    skips redaction and language detection: the counts say what an import would do (``kept``: new
    rows).
    """
    report = IngestReport()
    batch: list[Inquiry] = []

    def flush() -> None:
        if not batch:
            return
        with db.session() as s:
            known = {
                f
                for (f,) in s.query(Inquiry.fingerprint).filter(Inquiry.fingerprint.in_([i.fingerprint for i in batch]))
            }
            fresh = {i.fingerprint: i for i in batch if i.fingerprint not in known}
            report.duplicates += len(batch) - len(fresh)
            report.kept += len(fresh)
            if not dry_run:
                s.add_all(fresh.values())
        batch.clear()

    rows = read_rows(path, mapping, report, on_bytes=on_bytes)
    for row in progress(rows) if progress else rows:
        if since is not None and row.time is not None and row.time < since:
            continue
        if dry_run:
            batch.append(Inquiry(fingerprint=fingerprint(secret, row)))
            if len(batch) >= BATCH:
                flush()
            continue
        text = redact(row.text)
        reply = redact(row.reply) if row.reply else None
        report.redacted += text != row.text or reply != (row.reply or None)
        lang = detector.resolve(row.lang, text) if detector is not None else (row.lang or default_lang)
        inquiry = Inquiry(
            channel=row.channel,
            lang=lang,
            text=text,
            fingerprint=fingerprint(secret, row),
            ticket=row.ticket[:64] or None,
            customer_hash=customer_hash(secret, row.customer),
            reply=reply,
        )
        if row.time is not None:
            inquiry.created_at = row.time
        batch.append(inquiry)
        if len(batch) >= BATCH:
            flush()
    flush()
    return report
