"""Generate the demo inquiry log of Kestrel Market: demo/inquiries.csv.

Past customer messages to support, as a shop would export them from its ticket system: five
languages, five channels, about six months, with the agent's reply where there was one. It is the
input of the "mine frequent questions" feature, so the intents are skewed the way real logs are
(a few asked all the time, many rarely), a third of them are questions the help center does not
answer yet, two have a rising trend and one a falling one, and the messages carry the noise and
the personal data that real logs carry (greetings, spam, emails, phone numbers, card numbers).

Standard library and PyYAML, deterministic: the same seed writes the same file, byte for byte.

    python demo/make_inquiries.py            # writes demo/inquiries.csv
    python demo/make_inquiries.py -o x.csv   # somewhere else

This file is only the logic: slot filling, channels, times, CSV. Everything that is content is data
in demo/data/ (layout in demo/README.md): the intents with their message templates, phone-call
gists and agent replies per language (data/intents/<topic>.yml), the noise (data/noise.yml), the
slot fillers and frames of each language (data/languages/<lang>.yml), the fillers shared by all
languages (data/common.yml) and the numbers that shape the log (data/shape.yml). Templates use
{slots}; the slots are filled per message (order numbers, products, dates, Thai polite particles, ...).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import math
import os
import random
import re

import yaml

SEED = 20261125
START = dt.date(2026, 6, 1)
END = dt.date(2026, 11, 25)  # inclusive
BASE_PER_DAY = 17.2  # messages on an average weekday, before season and follow-ups
NOISE_SHARE = 0.08
FOLLOW_UP_SHARE = 0.045  # "any news?" messages from the same customer a few days later
HERE = os.path.dirname(os.path.abspath(__file__))
COLUMNS = ["ticket", "time", "channel", "lang", "customer", "text", "reply"]

DATA = os.path.join(HERE, "data")


# ---------------------------------------------------------------------------------------------
# The data (demo/data/, see demo/README.md)
# ---------------------------------------------------------------------------------------------


def load(name: str):
    """One YAML file under demo/data/."""
    with open(os.path.join(DATA, name), encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def load_intents(order: list[str]) -> list[dict]:
    """The intents of data/intents/*.yml, each a dict with its id, in the draw order of shape.yml."""
    found: dict[str, dict] = {}
    for name in sorted(os.listdir(os.path.join(DATA, "intents"))):
        if name.endswith(".yml"):
            for intent_id, intent in load(os.path.join("intents", name)).items():
                if intent_id in found:
                    raise ValueError(f"intent {intent_id!r} is defined twice (again in intents/{name})")
                found[intent_id] = {"id": intent_id, **intent}
    problems = [
        f"{what} {ids}"
        for what, ids in (
            ("missing", sorted(set(found) - set(order))),
            ("unknown", sorted(set(order) - set(found))),
            ("twice", sorted({i for i in order if order.count(i) > 1})),
        )
        if ids
    ]
    if problems:
        raise ValueError(
            "data/shape.yml intent_order must name every intent of data/intents/ once: " + "; ".join(problems)
        )
    return [found[intent_id] for intent_id in order]


SHAPE = load("shape.yml")
LANGS: dict[str, float] = SHAPE["languages"]  # language -> share of the messages
CHANNEL_MIX: dict[str, dict[str, float]] = SHAPE["channel_mix"]
REPLY_RATE: dict[str, float] = SHAPE["reply_rate"]
WEEKDAY_FACTOR: list[float] = SHAPE["weekday_factor"]
HOUR_CURVE: list[float] = SHAPE["hour_curve"]
COMMON = load("common.yml")
GREETING_WORDS = tuple(COMMON["greeting_words"])
THANKS_WORDS = tuple(COMMON["thanks_words"])
KEEP_CAPITAL = frozenset(COMMON["keep_capital"])
WORDS: dict[str, dict] = {lang: load(f"languages/{lang}.yml") for lang in LANGS}  # fillers and frames
NAMES = {lang: WORDS[lang]["names"] for lang in LANGS}  # [first name, gender] of the customers
NOISE: dict[str, dict] = load("noise.yml")
INTENTS: list[dict] = load_intents(SHAPE["intent_order"])

LV_ASCII = str.maketrans("āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ", "acegiklnsuzACEGIKLNSUZ")  # a keyboard without Latvian
FA_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


# ---------------------------------------------------------------------------------------------
# Slot filling
# ---------------------------------------------------------------------------------------------


def luhn_digit(body: str) -> str:
    """The check digit that makes body + digit Luhn-valid."""
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def num(lang: str, n: int | str, rng: random.Random) -> str:
    """A number as this customer would type it (Persian digits most of the time in Persian)."""
    s = str(n)
    return s.translate(FA_DIGITS) if lang == "fa" and rng.random() < 0.7 else s


class Slots:
    """Lazily filled {slots} of one message; the same slot gives the same value in text and reply."""

    def __init__(self, lang: str, rng: random.Random, when: dt.datetime, customer: dict, intent: dict | None = None):
        self.lang, self.rng, self.when, self.customer = lang, rng, when, customer
        self.words = WORDS[lang]
        self.kinds = (intent or {}).get("products", list(self.words["products"]))
        self.values: dict[str, str] = {}
        self.agent = rng.choice(self.words["agents"])

    def __getitem__(self, name: str) -> str:
        if name not in self.values:
            gendered = self.words.get("gendered_slots", {}).get(name)
            self.values[name] = self.by_gender(gendered) if gendered else getattr(self, "s_" + name)()
        return self.values[name]

    def by_gender(self, slot: dict) -> str:
        """A slot that follows the customer's gender, or the agent's (Thai particles and pronoun):
        a string is used as it is, from a list one is drawn."""
        value = slot[self.agent[1] if slot["by"] == "agent" else self.customer["gender"]]
        return value if isinstance(value, str) else self.rng.choice(value)

    def fill(self, template: str) -> str:
        # {g:feminine|masculine} follows the customer's gender (Latvian participles)
        template = re.sub(
            r"\{g:([^|}]*)\|([^}]*)\}", lambda m: m.group(1) if self.customer["gender"] == "f" else m.group(2), template
        )
        return re.sub(r"\{(\w+)\}", lambda m: self[m.group(1)], template)

    # -- the slots -----------------------------------------------------------------------------
    def s_order(self) -> str:
        return self.customer["orders"][self.rng.randrange(len(self.customer["orders"]))]

    def _product(self):
        kind = self.rng.choice(self.kinds)
        if "product" not in self.values:
            self.values["_pick"] = self.rng.randrange(len(self.words["products"][kind]))
            self.values["_kind"] = kind
        return self.words["products"][self.values["_kind"]][self.values["_pick"]]

    def s_product(self) -> str:
        p = self._product()
        return p if isinstance(p, str) else p[0]  # Latvian: [nominative, accusative]

    def s_product_acc(self) -> str:  # Latvian accusative
        self["product"]
        p = self.words["products"][self.values["_kind"]][self.values["_pick"]]
        return p if isinstance(p, str) else p[1]

    def s_days(self) -> str:
        return num(self.lang, self.rng.choice([3, 4, 5, 6, 7, 8, 9, 10, 12, 14, 16, 20]), self.rng)

    def s_wdays(self) -> str:
        return num(self.lang, self.rng.choice([3, 4, 5, 6, 7, 8, 10]), self.rng)

    def s_date(self) -> str:
        d = (self.when - dt.timedelta(days=self.rng.randint(3, 24))).date()
        lang, rng, months = self.lang, self.rng, self.words["months"]
        if lang == "en":
            return rng.choice(
                [f"{d.day} {months[d.month - 1]}", f"{months[d.month - 1]} {d.day}", f"{d.day}/{d.month}"]
            )
        if lang == "th":
            return rng.choice([f"วันที่ {d.day} {months[d.month - 1]}", f" {d.day}/{d.month}"]).strip()
        if lang == "fa":
            return f"{num('fa', d.day, rng)} {months[d.month - 1]}"
        if lang == "id":
            return rng.choice([f"{d.day} {months[d.month - 1]}", f"{d.day}/{d.month}"])
        return f"{d.day}. {months[d.month - 1]}"

    def s_weekday(self) -> str:
        d = (self.when - dt.timedelta(days=self.rng.randint(2, 6))).weekday()
        return self.words["weekdays"][d]

    def s_track(self) -> str:
        r = self.rng
        digits = lambda n: "".join(str(r.randrange(10)) for _ in range(n))  # noqa: E731
        if self.lang == "th" and r.random() < 0.6:
            return "KEXB" + digits(10)
        if self.lang == "id" and r.random() < 0.6:
            return "JX" + digits(10)
        if self.lang == "lv" and r.random() < 0.5:
            return "CC" + digits(9) + "EE"
        if r.random() < 0.25:
            return digits(10)  # DHL Express
        return "3S" + "".join(r.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(3)) + digits(10)

    def s_amount(self) -> str:
        r = self.rng
        eur = r.choice([19.95, 24.95, 29.95, 34.95, 39.95, 49.95, 59.95, 64.9, 79.95, 89.0, 119.0, 149.95])
        if self.lang == "th":
            return f"{round(eur * 38.5, -1):,.0f} บาท"
        if self.lang == "id":
            return f"Rp{round(eur * 17500, -3):,.0f}".replace(",", ".")
        if self.lang == "fa":
            return f"{num('fa', f'{eur:.2f}'.rstrip('0').rstrip('.'), r)} یورو"
        if self.lang == "lv":
            return f"{eur:.2f}".replace(".", ",") + " €"
        return r.choice([f"€{eur:.2f}", f"{eur:.2f} EUR", f"{eur:.2f} euros"])

    def s_code(self) -> str:
        return self.rng.choice(COMMON["codes"])

    def s_gc(self) -> str:
        r = self.rng
        alnum = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
        return "GC-" + "".join(r.choice(alnum) for _ in range(4)) + "-" + "".join(r.choice(alnum) for _ in range(4))

    def s_gcvalue(self) -> str:
        return num(self.lang, self.rng.choice([25, 50, 50, 75, 100, 150]), self.rng)

    def s_rival(self) -> str:
        return self.rng.choice(COMMON["rivals"])

    def s_size(self) -> str:
        return self.rng.choice(COMMON["sizes"])

    def s_height(self) -> str:
        return num(self.lang, self.rng.randint(155, 192), self.rng)

    def s_weight(self) -> str:
        return num(self.lang, self.rng.randint(48, 98), self.rng)

    def s_company(self) -> str:
        self.values["_company"] = self.rng.choice(self.words["companies"])
        return self.values["_company"][0]

    def s_vat(self) -> str:
        self["company"]
        return self.values["_company"][1]

    def s_country(self) -> str:
        return self.rng.choice(self.words["countries"])

    def s_carrier(self) -> str:
        return self.rng.choice(self.words["carriers"])

    def s_email(self) -> str:
        return self.customer["email"]

    def s_phone(self) -> str:
        return self.customer["phone"]

    def s_card(self) -> str:
        r = self.rng
        body = r.choice(["4", "4", "51", "52", "53", "55"])
        body += "".join(str(r.randrange(10)) for _ in range(15 - len(body)))
        card = body + luhn_digit(body)
        return r.choice(
            [
                card,
                " ".join(card[i : i + 4] for i in range(0, 16, 4)),
                "-".join(card[i : i + 4] for i in range(0, 16, 4)),
            ]
        )

    def s_name(self) -> str:
        return self.customer["name"]

    def s_agent(self) -> str:
        return self.agent[0]

    # {p}, {pq}, {I}, {ap}: Thai particles and pronoun, gendered_slots in data/languages/th.yml

    def s_link(self) -> str:  # filled by the caller: the intent's article in this language
        raise KeyError("link")


# ---------------------------------------------------------------------------------------------
# The generator
# ---------------------------------------------------------------------------------------------


def weighted(rng: random.Random, weights: dict):
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def cet_offset(day: dt.date) -> int:
    """Hours ahead of UTC in Amsterdam: summer time ends on 25 October 2026."""
    return 2 if day < dt.date(2026, 10, 25) else 1


def trend_factor(trend: str | None, when: dt.datetime) -> float:
    end = dt.datetime.combine(END, dt.time(23, 59), tzinfo=dt.UTC)
    start = dt.datetime.combine(START, dt.time(0, 0), tzinfo=dt.UTC)
    frac = (when - start) / (end - start)
    if trend == "falling":  # from 2x in June to 0.2x in late November
        return 2.0 - 1.8 * frac
    if trend in ("rising", "rising_strong"):
        weeks, top = (7, 6.0) if trend == "rising_strong" else (8, 4.0)
        t0 = end - dt.timedelta(weeks=weeks)
        if when < t0:
            return 1.0
        x = (when - t0) / (end - t0)
        return 1.0 + (top - 1.0) * x**1.5
    return 1.0


def season_factor(day: dt.date) -> float:
    f = 1.0 + 0.3 * (day - START).days / (END - START).days  # the shop grows a little
    if dt.date(2026, 7, 1) <= day <= dt.date(2026, 7, 12):
        f *= 1.2  # summer sale
    if dt.date(2026, 11, 16) <= day:
        f *= 1.25  # the run-up to Black Friday
    return f


def pick_time(rng: random.Random, day: dt.date, channel: str, lang: str) -> dt.datetime:
    """A UTC time on (about) this day: chat and phone within opening hours (CET), others when the
    customer is awake in their own time zone."""
    cet = cet_offset(day)
    if channel == "chat":
        hour, offset = (
            rng.choices(range(8, 20), weights=[1, 1.3, 1.4, 1.4, 1.2, 1.1, 1.1, 1.1, 1.2, 1.2, 1.1, 0.9])[0],
            cet,
        )
    elif channel == "phone":
        hour, offset = rng.choices(range(9, 17), weights=[1.3, 1.4, 1.3, 1.0, 1.1, 1.1, 1.0, 0.8])[0], cet
    else:
        hour = rng.choices(range(24), weights=HOUR_CURVE)[0]
        offset = {"en": cet - rng.choice([0, 0, 1]), "th": 7, "id": 7, "fa": cet, "lv": cet + 1}[lang]
    local = dt.datetime.combine(day, dt.time(hour, rng.randrange(60), rng.randrange(60)))
    return (local - dt.timedelta(hours=offset)).replace(tzinfo=dt.UTC)


def allowed_channels(lang: str, local_day: dt.date) -> dict:
    mix = dict(CHANNEL_MIX[lang])
    if local_day.weekday() >= 5:
        mix["phone"] = 0  # the phone line is Mon-Fri
    if local_day.weekday() == 6:
        mix["chat"] = 0  # the chat is closed on Sundays
    return mix


class Customers:
    """Opaque customer ids; a quarter of the messages come from someone who wrote before."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used_ids: set[int] = set()
        self.history: dict[str, list[dict]] = {lang: [] for lang in LANGS}  # one entry per message

    def new(self, lang: str) -> dict:
        r = self.rng
        while True:
            n = r.randint(10000, 99999)
            if n not in self.used_ids:
                self.used_ids.add(n)
                break
        words = WORDS[lang]
        name, gender = r.choice(words["names"])
        latin = words.get("email_names", {}).get(name, name).translate(LV_ASCII).lower()
        sur = r.choice(words["surnames"])
        email = r.choice(
            [
                f"{latin}.{sur}@example.com",
                f"{latin}{r.randint(1, 99)}@example.org",
                f"{latin}_{sur}{r.randint(70, 99)}@example.com",
                f"{latin[0]}{sur}@example.org",
            ]
        )
        digits = lambda k: "".join(str(r.randrange(10)) for _ in range(k))  # noqa: E731
        phone = {
            "en": lambda: r.choice(
                [
                    f"+31 6 {digits(8)}",
                    f"+31 6 {digits(4)} {digits(4)}",
                    f"+44 7700 900{digits(3)}",
                    f"+49 151 {digits(4)} {digits(4)}",
                    f"06 {digits(4)} {digits(4)}",
                ]
            ),
            "th": lambda: r.choice(
                [
                    f"08{r.randint(1, 9)}-{digits(3)}-{digits(4)}",
                    f"+66 8{r.randint(1, 9)} {digits(3)} {digits(4)}",
                    f"09{r.randint(0, 9)}-{digits(3)}-{digits(4)}",
                ]
            ),
            "fa": lambda: r.choice(
                [
                    f"+49 176 {digits(4)} {digits(4)}",
                    f"+46 70 {digits(3)} {digits(2)} {digits(2)}",
                    f"+31 6 {digits(8)}",
                    f"0912 {digits(3)} {digits(4)}".translate(FA_DIGITS),
                ]
            ),
            "id": lambda: r.choice(
                [
                    f"0812-{digits(4)}-{digits(4)}",
                    f"+62 812 {digits(4)} {digits(4)}",
                    f"0857 {digits(4)} {digits(4)}",
                    f"+62 813-{digits(4)}-{digits(4)}",
                ]
            ),
            "lv": lambda: r.choice(
                [f"+371 2{digits(3)} {digits(4)}", f"+371 2{digits(7)}", f"00371 2{digits(3)} {digits(4)}"]
            ),
        }[lang]()
        orders = [f"KM-20{r.randint(31, 49)}-{r.randint(100000, 999999)}" for _ in range(r.choice([1, 1, 2, 3]))]
        return {
            "id": f"C-{n}",
            "lang": lang,
            "name": name,
            "gender": gender,
            "email": email,
            "phone": phone,
            "orders": orders,
        }

    def pick(self, lang: str) -> dict:
        past = self.history[lang]
        c = self.rng.choice(past) if past and self.rng.random() < 0.22 else self.new(lang)
        past.append(c)  # preferential attachment: frequent writers write again
        return c


def decap(text: str) -> str:
    """Lower-case the first letter when the sentence continues another one (names stay as they are)."""
    first = text.split(" ", 1)[0].rstrip(",.:!?")
    if first in KEEP_CAPITAL or (len(first) > 1 and first[1].isupper()):
        return text
    return text[0].lower() + text[1:]


def join(lang: str, first: str, second: str) -> str:
    """Two sentences of one message: Thai separates them with a space, the others end with a stop."""
    if lang != "th" and first and first[-1] not in ".?!؟:)":
        first += "."
    return first + " " + second


# Slots that say what the customer wrote about; a reply may only name them if the message did.
CONTENT_SLOTS = ("product", "size", "gc", "company", "vat", "code", "rival")


def pick_reply(rng: random.Random, replies: list, text: str, used: dict) -> str:
    """A general reply, or one of the specific ones whose pattern matches what the customer wrote."""
    general = [r for r in replies if isinstance(r, str)]
    specific = [r["reply"] for r in replies if not isinstance(r, str) and re.search(r["match"], text)]
    ok = lambda r: all("{" + k + "}" not in r or k in used for k in CONTENT_SLOTS)  # noqa: E731
    general = [r for r in general if ok(r)] or general
    specific = [r for r in specific if ok(r)]
    if specific and (not general or rng.random() < 0.8):
        return rng.choice(specific)
    return rng.choice(general)


def typo(rng: random.Random, text: str) -> str:
    words = text.split(" ")
    idx = [i for i, w in enumerate(words) if len(w) > 4 and w.isalpha()]
    if not idx:
        return text
    i = rng.choice(idx)
    w = words[i]
    j = rng.randrange(1, len(w) - 1)
    words[i] = rng.choice([w[:j] + w[j + 1] + w[j] + w[j + 2 :], w[:j] + w[j + 1 :], w[:j] + w[j] + w[j:]])
    return " ".join(words)


def casual(rng: random.Random, lang: str, text: str) -> str:
    """What chat and social messages look like: lower case, no full stop, a typo, no diacritics."""
    if lang in ("en", "id"):
        if rng.random() < 0.25:
            text = text[0].lower() + text[1:]
        if rng.random() < 0.13:
            text = typo(rng, text)
    if text.endswith(".") and rng.random() < 0.4:
        text = text[:-1]
    if lang == "lv" and rng.random() < 0.06:
        text = text.translate(LV_ASCII)  # typed on a keyboard without Latvian layout
    return text


class Generator:
    def __init__(self, seed: int = SEED):
        self.rng = random.Random(seed)
        self.customers = Customers(self.rng)

    # -- what a message says -----------------------------------------------------------------
    def intent_for(self, when: dt.datetime, lang: str) -> dict:
        weights = {
            i["id"]: i["weight"] * trend_factor(i.get("trend"), when) * i.get("lang_factor", {}).get(lang, 1.0)
            for i in INTENTS
        }
        return BY_ID[weighted(self.rng, weights)]

    def compose(self, kind: str, intent: dict | None, noise: dict | None, channel: str, lang: str, slots: Slots) -> str:
        r, words = self.rng, WORDS[lang]
        source = intent if intent else noise
        if channel == "phone":
            gists = source.get("note", {}).get(lang)
            if gists:
                note = slots.fill(r.choice(words["phone_frames"]).replace("{gist}", r.choice(gists)))
                return note + slots.fill(r.choice(words["phone_tails"]))
            channel = "web"
        body = slots.fill(r.choice(source["text"][lang]))
        if kind != "intent":
            return body if kind == "spam" else casual(r, lang, body) if channel in ("chat", "social") else body
        if channel in ("chat", "social"):
            if r.random() < 0.25:
                body = slots.fill(r.choice(words["chat_openers"])) + (decap(body) if lang in ("en", "id") else body)
            body = casual(r, lang, body)
            if channel == "social" and r.random() < 0.25:
                body += slots.fill(r.choice(words["emoji"]))
            for what, p in (("phone", 0.025 if channel == "social" else 0.01), ("email", 0.03)):
                if r.random() < p:
                    body = join(lang, body, slots.fill(r.choice(words["contact_lines"][what])))
            return body
        # e-mail and the contact form
        parts = []
        formal = channel == "email"
        if r.random() < (0.85 if formal else 0.4) and not body.startswith(GREETING_WORDS):
            parts.append(slots.fill(r.choice(words["email_greetings"])))
        text = body
        n_extra = sum(r.random() < p for p in ((0.55, 0.15) if formal else (0.2,)))
        for extra in r.sample(words["extra_sentences"], n_extra):
            text = join(lang, text, slots.fill(extra))
        if r.random() < 0.07:
            other = self.intent_for(slots.when, lang)
            if other is not intent:
                more = Slots(lang, r, slots.when, slots.customer, other).fill(r.choice(other["text"][lang]))
                if lang in ("en", "id", "lv"):
                    more = decap(more)
                text = join(lang, text, slots.fill(r.choice(words["also"])) + more)
        parts.append(text)
        if intent["id"] in ORDER_RELEVANT and "order" not in slots.values and r.random() < 0.25:
            parts.append(slots.fill(words["order_line"]))
        if r.random() < 0.008:
            parts.append(slots.fill(r.choice(words["contact_lines"]["card"])))
        if r.random() < (0.75 if formal else 0.35):
            sign = slots.fill(r.choice(words["signoffs"]))
            roll = r.random()
            if roll < 0.12:
                sign += "\n" + slots["phone"]
            elif roll < 0.2:
                sign += "\n" + slots["email"]
            parts.append(sign)
        elif r.random() < 0.08:
            parts.append(slots.fill(r.choice(words["contact_lines"]["phone"])))
        return "\n\n".join(parts) if formal else "\n".join(parts)

    def reply(self, intent: dict | None, noise: dict | None, channel: str, lang: str, slots: Slots, text: str) -> str:
        r, words = self.rng, WORDS[lang]
        if intent is None:
            texts = noise["reply"].get(lang)
            if not texts or r.random() >= noise["reply_rate"] or channel == "phone":
                return ""
            return slots.fill(r.choice(texts))
        if r.random() >= REPLY_RATE[channel]:
            return ""
        slug = intent.get("reply_link") or intent["covered_by"]
        slots.values["link"] = f"/{lang}/articles/{slug}" if slug else ""
        used = dict(slots.values)
        body = slots.fill(pick_reply(r, intent["reply"][lang], text, used))
        after_call = channel == "phone"
        if after_call:
            body = slots.fill(words["after_call"]) + (decap(body) if lang in ("en", "id", "lv") else body)
            channel = "email"
        if channel == "chat":
            return body
        opener = slots.fill(r.choice(words["reply_open"]))
        if channel == "social":
            return opener.rstrip(",،") + (" " if lang != "fa" else "، ") + body if r.random() < 0.5 else body
        thanks_already = any(w in body[:40] for w in THANKS_WORDS)
        thanks = (
            slots.fill(words["reply_thanks"]) + " " if r.random() < 0.5 and not (after_call or thanks_already) else ""
        )
        close = slots.fill(r.choice(words["reply_close"]))
        return f"{opener}\n\n{thanks}{body}\n\n{close}"

    # -- one message -------------------------------------------------------------------------
    def message(
        self,
        when_day: dt.date,
        lang: str,
        customer: dict | None = None,
        intent: dict | None = None,
        channel: str | None = None,
    ) -> dict:
        r = self.rng
        channel = channel or weighted(r, allowed_channels(lang, when_day))
        when = pick_time(r, when_day, channel, lang)
        customer = customer or self.customers.pick(lang)
        noise = None
        kind = "intent"
        if intent is None and r.random() < NOISE_SHARE:
            kind = weighted(r, {k: v["share"] for k, v in NOISE.items()})
            noise = NOISE[kind]
            if channel not in noise["channels"]:
                channel = weighted(
                    r, {c: w for c, w in noise["channels"].items() if allowed_channels(lang, when_day).get(c, 0)}
                )
                when = pick_time(r, when_day, channel, lang)
        elif intent is None:
            intent = self.intent_for(when, lang)
        if kind == "spam":
            customer = self.customers.new(lang)  # spammers are nobody's repeat customers
        slots = Slots(lang, r, when, customer, intent)
        text = self.compose(kind, intent, noise, channel, lang, slots)
        reply = self.reply(intent, noise, channel, lang, slots, text)
        label = intent["id"] if intent else "noise:" + kind
        return {
            "time": when,
            "channel": channel,
            "lang": lang,
            "customer": customer["id"],
            "text": text,
            "reply": reply,
            "_intent": label,
            "_customer": customer,
        }

    def run(self) -> list[dict]:
        r = self.rng
        rows = []
        day = START
        while day <= END:
            mu = BASE_PER_DAY * WEEKDAY_FACTOR[day.weekday()] * season_factor(day)
            for _ in range(max(0, round(r.gauss(mu, math.sqrt(mu))))):
                rows.append(self.message(day, weighted(r, LANGS)))
            day += dt.timedelta(days=1)
        # Follow-ups: the same customer writes again a few days later, about the same thing or to
        # ask why nobody has answered yet.
        for base in r.sample(rows, int(len(rows) * FOLLOW_UP_SHARE)):
            if base["_intent"].startswith("noise") or base["_intent"] == "no_reply_yet":
                continue
            later = (base["time"] + dt.timedelta(days=r.choice([1, 2, 2, 3, 4, 6]))).date()
            if later > END:
                continue
            again = BY_ID["no_reply_yet"] if r.random() < 0.55 else BY_ID[base["_intent"]]
            channel = r.choice([base["channel"], base["channel"], "email", "chat", "social"])
            if not allowed_channels(base["lang"], later).get(channel):
                channel = "email"
            rows.append(self.message(later, base["lang"], customer=base["_customer"], intent=again, channel=channel))
        lo = dt.datetime.combine(START, dt.time(0, 0), tzinfo=dt.UTC)
        hi = dt.datetime.combine(END, dt.time(23, 59, 59), tzinfo=dt.UTC)
        rows = [row for row in rows if lo <= row["time"] <= hi]
        rows.sort(key=lambda row: (row["time"], row["customer"]))
        ticket = 100234
        for row in rows:
            row["ticket"] = f"T-{ticket}"
            ticket += r.choice([1, 1, 2, 2, 3, 4, 5, 7])  # other queues take numbers in between
        return rows


BY_ID = {i["id"]: i for i in INTENTS}
# Intents where customers quote an order number (an e-mail then sometimes adds it on its own line)
ORDER_RELEVANT = {i["id"] for i in INTENTS if any("{order}" in t for ts in i["text"].values() for t in ts)}


def to_csv(rows: list[dict], with_intent: bool = False) -> bytes:
    """The log as a help desk exports it; ``with_intent`` adds the generator's gold ``intent`` column."""
    out = io.StringIO()
    w = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    w.writerow(COLUMNS + ["intent"] * with_intent)
    for row in rows:
        w.writerow(
            [
                row["ticket"],
                row["time"].strftime("%Y-%m-%dT%H:%M:%SZ"),
                row["channel"],
                row["lang"],
                row["customer"],
                row["text"],
                row["reply"],
            ]
            + [row["_intent"]] * with_intent
        )
    return out.getvalue().encode("utf-8")


def generate(seed: int = SEED, with_intent: bool = False) -> tuple[bytes, dict[str, int]]:
    gen = Generator(seed)
    rows = gen.run()
    stats: dict[str, int] = {}
    for row in rows:
        stats[row["_intent"]] = stats.get(row["_intent"], 0) + 1
    return to_csv(rows, with_intent), stats


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", "--output", default=os.path.join(HERE, "inquiries.csv"))
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--stats", action="store_true", help="print the number of messages per intent")
    ap.add_argument(
        "--with-intent", action="store_true", help="add each message's intent (for python -m kb.evaluation.eval mining)"
    )
    args = ap.parse_args(argv)
    data, stats = generate(args.seed, args.with_intent)
    with open(args.output, "wb") as fh:
        fh.write(data)
    print(f"wrote {args.output}: {sum(stats.values())} rows, {len(data):,} bytes")
    if args.stats:
        gaps = {i["id"] for i in INTENTS if i["covered_by"] is None}
        for name, n in sorted(stats.items(), key=lambda kv: -kv[1]):
            print(f"{n:6d}  {name}{'  (gap)' if name in gaps else ''}")


if __name__ == "__main__":
    main()
