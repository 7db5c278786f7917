"""The demo inquiry log (demo/inquiries.csv) and its generator (demo/make_inquiries.py)."""

from __future__ import annotations

import collections
import csv
import datetime as dt
import importlib.util
import io
import re
from pathlib import Path

import pytest

DEMO = Path(__file__).resolve().parent.parent / "demo"
CSV_PATH = DEMO / "inquiries.csv"
COLUMNS = ["ticket", "time", "channel", "lang", "customer", "text", "reply"]
LANGS = {"en", "th", "fa", "id", "lv"}


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


@pytest.fixture(scope="module")
def raw() -> bytes:
    return CSV_PATH.read_bytes()


@pytest.fixture(scope="module")
def rows(raw) -> list[dict]:
    reader = csv.DictReader(io.StringIO(raw.decode("utf-8"), newline=""))
    assert reader.fieldnames == COLUMNS
    return list(reader)


def load_generator():
    spec = importlib.util.spec_from_file_location("make_inquiries", DEMO / "make_inquiries.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_plain_utf8_csv(raw, rows):
    assert not raw.startswith(b"\xef\xbb\xbf"), "no BOM"
    assert b"\r" not in raw, "\\n line endings only"
    assert raw.endswith(b"\n")
    assert 3000 <= len(rows) <= 4000
    assert 700_000 <= len(raw) <= 1_500_000
    for row in rows:
        assert None not in row and all(v is not None for v in row.values()), row  # no ragged rows


def test_every_row_is_well_formed(rows):
    tickets = [r["ticket"] for r in rows]
    assert len(set(tickets)) == len(tickets)
    for r in rows:
        assert re.fullmatch(r"T-\d{6}", r["ticket"]), r["ticket"]
        assert re.fullmatch(r"C-\d{5}", r["customer"]), r["customer"]
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", r["time"]), r["time"]
        assert r["text"].strip(), r["ticket"]
    times = [r["time"] for r in rows]
    assert times == sorted(times)


def test_languages_channels_and_customers(rows):
    langs = collections.Counter(r["lang"] for r in rows)
    assert set(langs) == LANGS
    assert 0.38 < langs["en"] / len(rows) < 0.52  # skewed towards English
    assert all(langs[lang] / len(rows) > 0.08 for lang in LANGS)
    channels = collections.Counter(r["channel"] for r in rows)
    assert set(channels) == {"email", "chat", "phone", "social", "web"}
    assert all(n / len(rows) > 0.03 for n in channels.values())
    per_customer = collections.Counter(r["customer"] for r in rows)
    assert sum(1 for n in per_customer.values() if n > 1) > 200  # some customers write several times


def test_times_span_months_with_a_weekly_rhythm(rows):
    times = [dt.datetime.fromisoformat(r["time"].replace("Z", "+00:00")) for r in rows]
    assert (times[-1] - times[0]).days >= 150
    assert len({t.strftime("%Y-%m") for t in times}) == 6
    weekdays = collections.Counter(t.weekday() for t in times)
    assert weekdays[0] > weekdays[6] * 1.5  # Mondays are busier than Sundays
    for r, t in zip(rows, times, strict=False):
        if r["channel"] == "phone":  # the phone line is open Mon-Fri 09:00-17:00 CET
            assert t.weekday() < 5 and 7 <= t.hour <= 16, r["time"]


def test_replies_in_the_customers_language(rows):
    replied = [r for r in rows if r["reply"]]
    assert 0.3 < len(replied) / len(rows) < 0.5
    scripts = {"th": "[\u0e00-\u0e7f]", "fa": "[\u0600-\u06ff]"}
    for r in replied:
        if r["lang"] in scripts:
            assert re.search(scripts[r["lang"]], r["reply"]), r["ticket"]
    assert any("/en/articles/track-your-order" in r["reply"] for r in replied)
    assert all(re.findall(r"/(\w\w)/articles/", r["reply"]) in ([], [r["lang"]]) for r in replied)


def test_written_like_the_language(rows):
    thai = [r["text"] for r in rows if r["lang"] == "th"]
    runs = [len(w) for t in thai for w in t.split() if re.search("[\u0e00-\u0e7f]", w)]
    assert sum(runs) / len(runs) > 10, "Thai is written without spaces between words"
    assert sum("ครับ" in t or "ค่ะ" in t or "คะ" in t or "คับ" in t or "ค่า" in t for t in thai) > len(thai) / 2
    persian = [r["text"] + r["reply"] for r in rows if r["lang"] == "fa"]
    assert not any(re.search("[\u064a\u0643]", t) for t in persian), "Persian ye and kaf, not Arabic"
    assert sum("\u200c" in t for t in persian) > len(persian) / 2, "ZWNJ as in می‌خواهم"
    latvian = [r["text"] for r in rows if r["lang"] == "lv"]
    assert sum(bool(re.search("[āčēģīķļņšūž]", t)) for t in latvian) > len(latvian) * 0.7


def test_personal_data_like_a_real_log(rows):
    texts = [r["text"] for r in rows]
    emails = [m for t in texts for m in re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", t)]
    assert len(emails) > 50
    assert all(e.split("@")[1] in ("example.com", "example.org", "example.net") for e in emails)
    cards = [
        d
        for t in texts
        for m in re.finditer(r"(?<![\w-])(?:\d[ -]?){15}\d(?![\w-])", t)
        if luhn_ok(d := re.sub(r"\D", "", m.group()))
    ]
    assert 0.005 < len(cards) / len(rows) < 0.02
    assert sum(bool(re.search(r"\+\d{2,3} \d", t)) for t in texts) > 50  # phone numbers
    assert sum("KM-20" in t for t in texts) > len(rows) / 10  # order numbers


def test_generator_reproduces_the_committed_file(raw):
    data, stats = load_generator().generate()
    assert data == raw, "run `python demo/make_inquiries.py` and commit demo/inquiries.csv"
    assert sum(stats.values()) == raw.count(b"\nT-")


def test_intents_skewed_with_gaps_and_trends():
    gen = load_generator()
    covered = [i for i in gen.INTENTS if i["covered_by"]]
    gaps = [i for i in gen.INTENTS if i["covered_by"] is None]
    assert 25 <= len(gen.INTENTS) <= 35 and 0.25 <= len(gaps) / len(gen.INTENTS) <= 0.4
    articles = Path(__file__).resolve().parent.parent / "articles" / "en"
    assert all((articles / f"{i['covered_by']}.md").exists() for i in covered)
    assert {i.get("trend") for i in gen.INTENTS} >= {"falling", "rising_strong"}
    rows = gen.Generator().run()
    counts = collections.Counter(r["_intent"] for r in rows)
    sizes = [n for name, n in counts.most_common() if not name.startswith("noise")]
    assert sizes[0] > 10 * sizes[-1]  # Zipf-like: a few intents asked all the time, many rarely
    assert sum(sizes[:5]) > 0.35 * sum(sizes)
    noise = sum(n for k, n in counts.items() if k.startswith("noise"))
    assert 0.05 < noise / len(rows) < 0.11
    late, early = gen.END - dt.timedelta(weeks=7), gen.START + dt.timedelta(weeks=7)
    gifts = [r["time"].date() for r in rows if r["_intent"] == "gift_cards"]
    recent, before = sum(t > late for t in gifts) / 7, sum(t <= late for t in gifts) / ((late - gen.START).days / 7)
    assert recent > 2 * before, "gift cards rise before the holidays"
    declines = [r["time"].date() for r in rows if r["_intent"] == "payment_declined"]
    assert sum(t > late for t in declines) < sum(t < early for t in declines) / 2, "payment declines fall"
