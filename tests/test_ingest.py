"""Inquiry-log ingestion edge cases (RELIABILITY S11/S12): every good row kept, bad rows named."""

import json

import pytest

from kb.db import Inquiry
from kb.mining.ingest import IngestError, ingest, parse_mapping, read_rows


def rows_of(path, **kw):
    from kb.mining.ingest import IngestReport

    report = IngestReport()
    return [r.text for r in read_rows(str(path), report=report, **kw)], report


def test_bom_and_crlf(tmp_path):
    p = tmp_path / "log.csv"
    p.write_bytes('\ufefftext,channel\r\nWhere is my parcel?,email\r\n"multi\r\nline",chat\r\n'.encode("utf-8"))
    texts, report = rows_of(p)
    assert texts == ["Where is my parcel?", "multi\r\nline"] and report.encoding == "utf-8-sig"


def test_latin1_is_read_with_a_warning(tmp_path):
    p = tmp_path / "log.csv"
    p.write_bytes("text\nJ'ai payé deux fois\n".encode("latin-1"))
    texts, report = rows_of(p)
    assert texts == ["J'ai payé deux fois"] and report.encoding == "cp1252"
    assert "line 2" in report.warnings[0]


def test_bad_rows_are_counted_with_line_numbers_and_good_rows_kept(tmp_path):
    p = tmp_path / "log.csv"
    big = "x" * 200_000
    p.write_text(
        f'text,channel\nfirst,email\n,chat\n"{big}",chat\nsecond,"a"b,c\nthird\x00 row,phone\n', encoding="utf-8"
    )
    texts, report = rows_of(p)
    assert texts == ["first", "third row"]
    assert report.read == 5 and report.rejected == 3
    assert [line for line, _ in report.bad_rows] == [3, 4, 5]


@pytest.mark.parametrize("content,message", [(b"", "empty"), (b"\x00\x01\x02PK\x03\x04" * 100, "not a text file")])
def test_empty_and_binary_files_are_refused_clearly(tmp_path, content, message):
    p = tmp_path / "log.csv"
    p.write_bytes(content)
    with pytest.raises(IngestError, match=message):
        rows_of(p)


def test_missing_text_column_names_the_fix(tmp_path):
    p = tmp_path / "log.csv"
    p.write_text("Body,Created\nhello,2026-01-01\n")
    with pytest.raises(IngestError, match="--map text="):
        rows_of(p)
    texts, _ = rows_of(p, mapping=parse_mapping("text=Body,time=Created"))
    assert texts == ["hello"]


def test_jsonl_bad_lines(tmp_path):
    p = tmp_path / "log.jsonl"
    deep = "[" * 1000 + "]" * 1000
    lines = [
        json.dumps({"text": "good one", "channel": "chat"}),
        "{not json",
        "[1, 2]",
        deep,
        json.dumps({"text": "nest", "x": json.loads("[" * 30 + "]" * 30)}),
        json.dumps({"text": "good two"}),
    ]
    p.write_text("\n".join(lines) + "\n")
    texts, report = rows_of(p)
    assert texts == ["good one", "good two"]
    assert [line for line, _ in report.bad_rows] == [2, 3, 4, 5]


def test_ingest_redacts_and_reimport_adds_nothing(database, tmp_path):
    p = tmp_path / "log.csv"
    p.write_text(
        "text,channel,time,customer\n"
        "card 4111 1111 1111 1111 charged twice,email,2026-09-01T10:00:00,cust-1\n"
        "order KM-2041-558913 late; call +31 20 555 0142,phone,2026-09-02,cust-2\n"
        "where is my refund,chat,2026-09-03,cust-3\n"
    )
    first = ingest(database, str(p), secret="s")
    second = ingest(database, str(p), secret="s")
    assert (first.kept, first.redacted) == (3, 2)
    assert (second.kept, second.duplicates) == (0, 3)
    with database.session() as s:
        texts = [i.text for i in s.query(Inquiry).order_by(Inquiry.created_at)]
    assert "4111" not in " ".join(texts) and "555 0142" not in " ".join(texts) and "cust-1" not in " ".join(texts)
    assert "KM-2041-558913" in texts[1]


BAD_TIMES = [
    "0001-01-01T00:00:00",  # PostgreSQL's and SQLite's year 1: broke every later mining run
    "0001-01-01T00:00:00+14:00",
    "9999-12-31",
    "9999-12-31T23:59:59-14:00",
    "1e20",
    "-1",
    "-86400000",
    "nan",
    "inf",
    "1700000000000",  # milliseconds: year 55 843
    "1989-12-31T23:59:59Z",
    "2999-01-01",
    "2026-13-01",
    "yesterday",
    "x" * 5000,
]


def test_bad_timestamps_are_bad_rows_reported_and_never_stored(database, tmp_path):
    import csv
    import datetime as dt

    p = tmp_path / "log.csv"
    with p.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["text", "time"])
        w.writerow(["good before", "2026-09-01T10:00:00Z"])
        for i, when in enumerate(BAD_TIMES):
            w.writerow([f"bad {i}", when])
        w.writerow(["good epoch", "1700000000"])
        w.writerow(["good without a time", ""])
    report = ingest(database, str(p), secret="s")
    assert (report.read, report.kept, report.rejected) == (len(BAD_TIMES) + 3, 3, len(BAD_TIMES))
    assert [line for line, _ in report.bad_rows] == list(range(3, 3 + len(BAD_TIMES)))
    assert all("time" in reason and len(reason) < 200 for _, reason in report.bad_rows)
    assert "outside" in report.bad_rows[0][1] and "not a date" in report.bad_rows[-1][1]
    with database.session() as s:
        rows = {i.text: i.created_at for i in s.query(Inquiry)}
    assert set(rows) == {"good before", "good epoch", "good without a time"}
    assert all(
        dt.datetime(1990, 1, 1) <= t.replace(tzinfo=None) <= dt.datetime.now() + dt.timedelta(days=2)
        for t in rows.values()
    )


def test_bad_timestamp_in_jsonl_is_a_bad_row(tmp_path):
    p = tmp_path / "log.jsonl"
    lines = [{"text": "a", "time": 1e300}, {"text": "b", "time": True}, {"text": "c", "time": 1_700_000_000}]
    p.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    texts, report = rows_of(p)
    assert texts == ["c"] and [line for line, _ in report.bad_rows] == [1, 2]


def test_a_stray_nul_in_a_short_log_is_one_rows_problem_not_the_files(tmp_path):
    p = tmp_path / "log.csv"
    p.write_bytes(b"text,channel\nfirst,email\n\x00\x00,chat\nsecond\x00,chat\n")
    texts, report = rows_of(p)
    assert texts == ["first", "second"] and [line for line, _ in report.bad_rows] == [3]


@pytest.mark.parametrize("head", [b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"\xff\xfet\x00e\x00x\x00t\x00", b"%PDF-1.7"])
def test_spreadsheets_archives_and_utf16_are_refused_whole(tmp_path, head):
    p = tmp_path / "log.csv"
    p.write_bytes(head + b"text\nhello\n" * 50)
    with pytest.raises(IngestError, match="not a text file"):
        rows_of(p)


@pytest.mark.parametrize("huge", ['"' * 600_000, "\n" * 1_200_000, "x" * 1_200_000], ids=["quotes", "lines", "line"])
def test_a_field_over_the_limit_does_not_garble_the_rows_after_it(tmp_path, huge):
    import csv
    import io

    buf = io.StringIO()
    csv.writer(buf).writerows([["text", "reply"], ["first", ""], [huge, huge], ["second", ""], ["third", "ok"]])
    p = tmp_path / "log.csv"
    p.write_text(buf.getvalue(), encoding="utf-8")
    texts, report = rows_of(p)
    assert texts == ["first", "second", "third"] and report.rejected == 1
