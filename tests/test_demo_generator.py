"""The demo generator (demo/make_inquiries.py) and its data files (demo/data/): the same seed writes
the committed log byte for byte, another seed another well-formed log, and every data file holds
what the generator needs."""

from __future__ import annotations

import csv
import importlib.util
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

DEMO = Path(__file__).resolve().parent.parent / "demo"
DATA = DEMO / "data"
COLUMNS = ["ticket", "time", "channel", "lang", "customer", "text", "reply"]
LANGS = ["en", "th", "fa", "id", "lv"]
INTENT_KEYS = {"covered_by", "weight", "trend", "text", "note", "reply"}  # read for every intent
OPTIONAL_INTENT_KEYS = {"products", "lang_factor", "reply_link"}
LANGUAGE_KEYS = {
    "names",
    "surnames",
    "agents",
    "products",
    "months",
    "weekdays",
    "countries",
    "carriers",
    "companies",
    "email_greetings",
    "extra_sentences",
    "also",
    "order_line",
    "signoffs",
    "chat_openers",
    "emoji",
    "contact_lines",
    "phone_frames",
    "phone_tails",
    "reply_open",
    "reply_thanks",
    "reply_close",
    "after_call",
}


@pytest.fixture(scope="module")
def gen():
    spec = importlib.util.spec_from_file_location("make_inquiries_under_test", DEMO / "make_inquiries.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def intent_files() -> list[Path]:
    return sorted((DATA / "intents").glob("*.yml"))


def slots_in(template: str) -> set[str]:
    template = re.sub(r"\{g:[^|}]*\|[^}]*\}", "", template)  # {g:feminine|masculine}
    return set(re.findall(r"\{(\w+)\}", template))


def strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    items = value.values() if isinstance(value, dict) else value
    return [s for item in items for s in strings(item)]


def test_default_seed_writes_the_committed_log_byte_for_byte(tmp_path):
    out = tmp_path / "inquiries.csv"
    done = subprocess.run(
        [sys.executable, str(DEMO / "make_inquiries.py"), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == (DEMO / "inquiries.csv").read_bytes(), (
        "the generator or demo/data/ changed the log: run `python demo/make_inquiries.py` and commit demo/inquiries.csv"
    )


def test_another_seed_writes_another_well_formed_log(gen):
    default, _ = gen.generate()
    data, stats = gen.generate(7)
    assert data != default
    assert gen.generate(7)[0] == data, "the same seed gives the same bytes"
    reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
    assert next(reader) == COLUMNS
    rows = list(reader)
    assert len(rows) == sum(stats.values()) > 1000
    for row in rows:
        assert len(row) == len(COLUMNS), row
        ticket, _, channel, lang, customer, text, _ = row
        assert re.fullmatch(r"T-\d{6}", ticket) and re.fullmatch(r"C-\d{5}", customer), row
        assert channel in {"email", "chat", "phone", "social", "web"} and lang in LANGS, row
        assert text.strip(), row
        assert not re.search(r"\{\w+\}", text), f"unfilled slot in {ticket}: {text}"
    assert {row[3] for row in rows} == set(LANGS)


def test_every_intent_file_loads_with_what_the_generator_needs(gen):
    files = intent_files()
    assert len(files) >= 2
    ids: list[str] = []
    for path in files:
        intents = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert isinstance(intents, dict) and intents, path.name
        for intent_id, intent in intents.items():
            where = f"{path.name}: {intent_id}"
            ids.append(intent_id)
            assert re.fullmatch(r"[a-z][a-z0-9_]*", intent_id), where
            assert INTENT_KEYS <= set(intent) <= INTENT_KEYS | OPTIONAL_INTENT_KEYS, where
            assert isinstance(intent["weight"], (int, float)) and intent["weight"] > 0, where
            assert intent["covered_by"] is None or re.fullmatch(r"[a-z0-9-]+", intent["covered_by"]), where
            assert intent["trend"] in (None, "falling", "rising", "rising_strong"), where
            assert set(intent.get("products", [])) <= {"clothes", "fragile", "other"}, where
            for part in ("text", "note", "reply"):
                assert list(intent[part]) == LANGS, f"{where}: {part} in {LANGS}, in this order"
                for lang, items in intent[part].items():
                    assert isinstance(items, list) and items, f"{where}: {part}.{lang}"
            for lang, replies in intent["reply"].items():
                assert any(isinstance(r, str) for r in replies), f"{where}: a general reply in {lang}"
                for r in replies:
                    if not isinstance(r, str):
                        assert set(r) == {"match", "reply"}, f"{where}: reply.{lang}: {r}"
                        re.compile(r["match"])
    assert len(ids) == len(set(ids)), "an intent id is defined twice"
    assert [i["id"] for i in gen.INTENTS] == gen.SHAPE["intent_order"]
    assert sorted(ids) == sorted(gen.SHAPE["intent_order"])


def test_templates_only_use_slots_the_generator_fills(gen):
    fillable = {name[2:] for name in dir(gen.Slots) if name.startswith("s_")}
    for intent in gen.INTENTS:
        for part in ("text", "note", "reply"):
            for lang, items in intent[part].items():
                known = fillable | set(gen.WORDS[lang].get("gendered_slots", {}))
                for item in items:
                    template = item if isinstance(item, str) else item["reply"]
                    assert slots_in(template) <= known, f"{intent['id']}: {part}.{lang}: {template}"
    for kind, noise in gen.NOISE.items():
        for part in ("text", "note", "reply"):
            for lang, items in noise.get(part, {}).items():
                known = fillable | set(gen.WORDS[lang].get("gendered_slots", {}))
                for template in items:
                    assert slots_in(template) <= known, f"noise.yml: {kind}: {part}.{lang}: {template}"
    for lang, words in gen.WORDS.items():
        known = fillable | set(words.get("gendered_slots", {})) | {"gist"}  # {gist}: the note in phone_frames
        for key, value in words.items():
            if key not in ("names", "email_names", "gendered_slots"):
                for text in strings(value):
                    assert slots_in(text) <= known, f"languages/{lang}.yml: {key}: {text}"


def test_every_language_file_has_every_filler(gen):
    assert list(gen.WORDS) == list(gen.LANGS) and set(gen.LANGS) == set(LANGS)
    kinds = list(gen.WORDS["en"]["products"])
    for lang in LANGS:
        words = yaml.safe_load((DATA / "languages" / f"{lang}.yml").read_text(encoding="utf-8"))
        assert set(words) >= LANGUAGE_KEYS, f"{lang}.yml lacks {sorted(LANGUAGE_KEYS - set(words))}"
        assert list(words["products"]) == kinds, lang
        assert len(words["months"]) == 12 and len(words["weekdays"]) == 7, lang
        assert all(gender in ("m", "f") for _, gender in words["names"] + words["agents"]), lang
        assert set(words["contact_lines"]) == {"phone", "email", "card"}, lang
        for name, _ in words["names"]:  # e-mail addresses are ASCII
            assert words.get("email_names", {}).get(name, name).translate(gen.LV_ASCII).isascii(), (lang, name)


def test_persian_keeps_its_zero_width_non_joiners(gen):
    persian = [t for i in gen.INTENTS for t in i["text"]["fa"]]
    assert sum("\u200c" in t for t in persian) > len(persian) / 3, "ZWNJ as in می‌خواهم, lost on saving the YAML?"


def test_the_intent_order_must_name_every_intent_once(gen):
    order = list(gen.SHAPE["intent_order"])
    with pytest.raises(ValueError, match=rf"missing \['{order[-1]}'\]$"):
        gen.load_intents(order[:-1])
    with pytest.raises(ValueError, match=rf"twice \['{order[0]}'\]$"):
        gen.load_intents([*order, order[0]])
    with pytest.raises(ValueError, match=r"unknown \['no_such_intent'\]$"):
        gen.load_intents([*order, "no_such_intent"])
    assert [i["id"] for i in gen.load_intents(order)] == order
