"""Generate the demo inquiry log of Kestrel Market: demo/inquiries.csv.

Past customer messages to support, as a shop would export them from its ticket system: five
languages, five channels, about six months, with the agent's reply where there was one. It is the
input of the "mine frequent questions" feature, so the intents are skewed the way real logs are
(a few asked all the time, many rarely), a third of them are questions the help center does not
answer yet, two have a rising trend and one a falling one, and the messages carry the noise and
the personal data that real logs carry (greetings, spam, emails, phone numbers, card numbers).

Pure standard library and deterministic: the same seed writes the same file, byte for byte.

    python demo/make_inquiries.py            # writes demo/inquiries.csv
    python demo/make_inquiries.py -o x.csv   # somewhere else

Everything that is content is data: INTENTS (one dict per intent, with its help-center article or
None for a gap, weight, trend, message templates, phone-note gists and agent replies per
language), NOISE, and the per-language slot fillers and frames. Templates use {slots}; the slots
are filled per message (order numbers, products, dates, Thai polite particles, ...).
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

SEED = 20261125
START = dt.date(2026, 6, 1)
END = dt.date(2026, 11, 25)  # inclusive
BASE_PER_DAY = 17.2  # messages on an average weekday, before season and follow-ups
NOISE_SHARE = 0.08
FOLLOW_UP_SHARE = 0.045  # "any news?" messages from the same customer a few days later
HERE = os.path.dirname(os.path.abspath(__file__))
COLUMNS = ["ticket", "time", "channel", "lang", "customer", "text", "reply"]

LANGS = {"en": 45, "th": 15, "id": 14.5, "fa": 13, "lv": 13}
CHANNELS = ["email", "chat", "phone", "social", "web"]
# Channel mix per language. Thai and Indonesian customers live far from our Dutch phone line and
# use WhatsApp/Messenger ("social") a lot; phone is Mon-Fri 09-17 CET, chat Mon-Sat 08-20 CET.
CHANNEL_MIX = {
    "en": {"email": 28, "chat": 33, "phone": 14, "social": 10, "web": 15},
    "th": {"email": 17, "chat": 30, "phone": 3, "social": 32, "web": 18},
    "fa": {"email": 30, "chat": 28, "phone": 12, "social": 14, "web": 16},
    "id": {"email": 15, "chat": 31, "phone": 3, "social": 35, "web": 16},
    "lv": {"email": 27, "chat": 30, "phone": 12, "social": 13, "web": 18},
}
# Chance that the export holds the agent's reply, per channel (about 40% overall).
REPLY_RATE = {"email": 0.52, "web": 0.52, "social": 0.42, "chat": 0.33, "phone": 0.2}
WEEKDAY_FACTOR = [1.3, 1.15, 1.05, 1.0, 0.95, 0.68, 0.55]  # Monday .. Sunday
# Customer's local hour -> relative activity, for channels that are open all the time.
HOUR_CURVE = [0.3, 0.15, 0.08, 0.05, 0.05, 0.1, 0.3, 0.8, 1.2, 1.5, 1.6, 1.6,
              1.5, 1.4, 1.4, 1.4, 1.3, 1.3, 1.4, 1.5, 1.6, 1.4, 1.0, 0.6]


# ---------------------------------------------------------------------------------------------
# Slot fillers per language
# ---------------------------------------------------------------------------------------------

PRODUCTS = {
    "clothes": {
        "en": ["rain jacket", "wool jumper", "linen shirt", "pair of jeans", "pair of trainers", "winter coat",
               "summer dress", "hoodie", "pair of ankle boots", "puffer jacket"],
        "th": ["เสื้อแจ็กเก็ตกันฝน", "เสื้อไหมพรม", "เสื้อเชิ้ตลินิน", "กางเกงยีนส์", "รองเท้าผ้าใบ",
               "เสื้อโค้ท", "ชุดเดรส", "เสื้อฮู้ด", "รองเท้าบูท"],
        "fa": ["کاپشن بارانی", "پلیور پشمی", "پیراهن کتان", "شلوار جین", "کفش ورزشی", "پالتو",
               "پیراهن تابستانی", "هودی", "نیم‌بوت"],
        "id": ["jaket hujan", "sweater rajut", "kemeja linen", "celana jeans", "sepatu sneakers",
               "mantel", "dress", "hoodie", "sepatu boots"],
        # Latvian: (nominative, accusative)
        "lv": [("lietusjaka", "lietusjaku"), ("vilnas džemperis", "vilnas džemperi"),
               ("lina krekls", "lina kreklu"), ("džinsi", "džinsus"), ("sporta apavi", "sporta apavus"),
               ("ziemas mētelis", "ziemas mēteli"), ("vasaras kleita", "vasaras kleitu"),
               ("hūdijs", "hūdiju"), ("zābaki", "zābakus")],
    },
    "fragile": {
        "en": ["table lamp", "ceramic vase", "coffee mug set", "wall mirror", "glass teapot",
               "wireless headset", "desk lamp", "bluetooth speaker", "steel kettle"],
        "th": ["โคมไฟตั้งโต๊ะ", "แจกันเซรามิก", "ชุดแก้วกาแฟ", "กระจกติดผนัง", "กาน้ำชาแก้ว",
               "หูฟังไร้สาย", "ลำโพงบลูทูธ", "กาต้มน้ำไฟฟ้า"],
        "fa": ["چراغ رومیزی", "گلدان سرامیکی", "ست ماگ قهوه", "آینه‌ی دیواری", "قوری شیشه‌ای",
               "هدفون بی‌سیم", "اسپیکر بلوتوثی", "کتری برقی"],
        "id": ["lampu meja", "vas keramik", "set mug kopi", "cermin dinding", "teko kaca",
               "headphone wireless", "speaker bluetooth", "ketel listrik"],
        "lv": [("galda lampa", "galda lampu"), ("keramikas vāze", "keramikas vāzi"),
               ("krūžu komplekts", "krūžu komplektu"), ("sienas spogulis", "sienas spoguli"),
               ("stikla tējkanna", "stikla tējkannu"), ("bezvadu austiņas", "bezvadu austiņas"),
               ("bluetooth skaļrunis", "bluetooth skaļruni"), ("elektriskā tējkanna", "elektrisko tējkannu")],
    },
    "other": {
        "en": ["backpack", "bed linen set", "yoga mat", "scented candle set", "throw blanket",
               "kitchen knife set", "face cream", "phone case"],
        "th": ["กระเป๋าเป้", "ชุดผ้าปูที่นอน", "เสื่อโยคะ", "เทียนหอม", "ผ้าห่ม", "ชุดมีดทำครัว",
               "ครีมบำรุงหน้า", "เคสโทรศัพท์"],
        "fa": ["کوله‌پشتی", "ست روتختی", "مت یوگا", "شمع معطر", "پتوی مسافرتی", "ست چاقوی آشپزخانه",
               "کرم صورت", "قاب گوشی"],
        "id": ["tas ransel", "set sprei", "matras yoga", "lilin aromaterapi", "selimut", "set pisau dapur",
               "krim wajah", "case HP"],
        "lv": [("mugursoma", "mugursomu"), ("gultasveļas komplekts", "gultasveļas komplektu"),
               ("jogas paklājiņš", "jogas paklājiņu"), ("aromātiskās sveces", "aromātiskās sveces"),
               ("pleds", "pledu"), ("virtuves nažu komplekts", "virtuves nažu komplektu"),
               ("sejas krēms", "sejas krēmu"), ("telefona vāciņš", "telefona vāciņu")],
    },
}

NAMES = {  # (name, gender); Thai gender picks the polite particle and the pronoun
    "en": [("Anna", "f"), ("James", "m"), ("Sophie", "f"), ("Tom", "m"), ("Emma", "f"), ("Daniel", "m"),
           ("Laura", "f"), ("Mark", "m"), ("Chloe", "f"), ("Peter", "m"), ("Sarah", "f"), ("Lucas", "m"),
           ("Olivia", "f"), ("Ben", "m"), ("Hannah", "f"), ("Jan", "m"), ("Eva", "f"), ("Noah", "m"),
           ("Fatima", "f"), ("Kevin", "m"), ("Ingrid", "f"), ("Ravi", "m")],
    "th": [("สมชาย", "m"), ("ณัฐพล", "m"), ("ธนากร", "m"), ("อภิชาติ", "m"), ("ภูมิ", "m"), ("กิตติพงษ์", "m"),
           ("วิภาวรรณ", "f"), ("ปิยะนุช", "f"), ("กมลชนก", "f"), ("ศิริพร", "f"), ("พิมพ์ชนก", "f"),
           ("ชลธิชา", "f"), ("สุภาพร", "f"), ("อรอุมา", "f")],
    "fa": [("رضا", "m"), ("علی", "m"), ("نیما", "m"), ("امیر", "m"), ("حسین", "m"), ("بهرام", "m"),
           ("مریم", "f"), ("سارا", "f"), ("لیلا", "f"), ("نگار", "f"), ("شیرین", "f"), ("فاطمه", "f")],
    "id": [("Budi", "m"), ("Andi", "m"), ("Rizky", "m"), ("Agus", "m"), ("Fajar", "m"), ("Yusuf", "m"),
           ("Siti", "f"), ("Dewi", "f"), ("Putri", "f"), ("Intan", "f"), ("Ayu", "f"), ("Nurul", "f")],
    "lv": [("Jānis", "m"), ("Andris", "m"), ("Māris", "m"), ("Kristaps", "m"), ("Edgars", "m"), ("Roberts", "m"),
           ("Līga", "f"), ("Ilze", "f"), ("Dace", "f"), ("Zane", "f"), ("Inese", "f"), ("Kristīne", "f")],
}
# Latin spelling for e-mail addresses
EMAIL_NAMES = {
    "th": {"สมชาย": "somchai", "ณัฐพล": "nattapon", "ธนากร": "thanakorn", "อภิชาติ": "apichat",
           "ภูมิ": "phum", "กิตติพงษ์": "kittipong", "วิภาวรรณ": "wipawan", "ปิยะนุช": "piyanuch",
           "กมลชนก": "kamonchanok", "ศิริพร": "siriporn", "พิมพ์ชนก": "pimchanok", "ชลธิชา": "chonticha",
           "สุภาพร": "supaporn", "อรอุมา": "onuma"},
    "fa": {"رضا": "reza", "علی": "ali", "نیما": "nima", "امیر": "amir", "حسین": "hossein",
           "بهرام": "bahram", "مریم": "maryam", "سارا": "sara", "لیلا": "leila", "نگار": "negar",
           "شیرین": "shirin", "فاطمه": "fatemeh"},
}
SURNAMES = {
    "en": ["smith", "jansen", "brown", "devries", "murphy", "wilson", "bakker", "patel", "evans", "meyer"],
    "th": ["s", "k", "p", "t", "w", "c"],
    "fa": ["ahmadi", "karimi", "hosseini", "rezaei", "moradi", "jafari", "tehrani"],
    "id": ["santoso", "wijaya", "saputra", "lestari", "hidayat", "pratama", "kurniawan"],
    "lv": ["ozols", "berzina", "kalnins", "liepa", "krumina", "jansons", "vitols"],
}
LV_ASCII = str.maketrans("āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ", "acegiklnsuzACEGIKLNSUZ")

AGENTS = {
    "en": [("Marit", "f"), ("Joost", "m"), ("Sanne", "f"), ("Daan", "m"), ("Priya", "f")],
    "th": [("พลอย", "f"), ("ต้น", "m"), ("มายด์", "f"), ("เอก", "m")],
    "fa": [("الهام", "f"), ("کاوه", "m"), ("پریسا", "f"), ("بابک", "m")],
    "id": [("Rina", "f"), ("Dimas", "m"), ("Sari", "f"), ("Yoga", "m")],
    "lv": [("Laura", "f"), ("Kārlis", "m"), ("Anete", "f"), ("Rihards", "m")],
}

MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
    "th": ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."],
    "fa": ["ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن", "ژوئیه", "اوت", "سپتامبر", "اکتبر",
           "نوامبر", "دسامبر"],
    "id": ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
           "Oktober", "November", "Desember"],
    # Latvian locative: "pasūtīju 3. jūnijā"
    "lv": ["janvārī", "februārī", "martā", "aprīlī", "maijā", "jūnijā", "jūlijā", "augustā", "septembrī",
           "oktobrī", "novembrī", "decembrī"],
}
WEEKDAYS = {  # Monday first; Latvian adverbial form "pirmdien" = on Monday
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "th": ["วันจันทร์", "วันอังคาร", "วันพุธ", "วันพฤหัสฯ", "วันศุกร์", "วันเสาร์", "วันอาทิตย์"],
    "fa": ["دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه", "شنبه", "یکشنبه"],
    "id": ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"],
    "lv": ["pirmdien", "otrdien", "trešdien", "ceturtdien", "piektdien", "sestdien", "svētdien"],
}
FA_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")

COUNTRY = {
    "en": ["Germany", "the UK", "Ireland", "Belgium", "France", "Spain", "the Netherlands", "Denmark"],
    "th": ["ไทย"],
    "fa": ["آلمان", "سوئد", "هلند", "انگلیس", "اتریش", "فرانسه"],
    "id": ["Indonesia"],
    "lv": ["Latviju"],
}
CARRIER = {"en": ["PostNL", "DHL", "PostNL"], "th": ["Kerry", "Kerry Express", "DHL"],
           "fa": ["DHL", "PostNL"], "id": ["J&T", "JNT", "J&T Express"], "lv": ["Omniva", "Omniva", "DPD"]}
CODES = ["WELCOME10", "AUTUMN15", "KESTREL20", "SUMMER25", "HELLO5", "BFRIDAY30", "FREESHIP"]
RIVALS = ["HomeDeals24", "ShopNordic", "PriceKing", "MegaHome", "BudgetBox", "StyleMart"]
COMPANIES = {
    "en": [("Van Dijk Interiors BV", "NL859123456B01"), ("Brightline Design Ltd", "GB293847561"),
           ("Hoffmann & Partner GmbH", "DE281945730"), ("Studio Nord ApS", "DK31245678")],
    "th": [("บริษัท สยามดีไซน์ จำกัด", "0105561234567"), ("บริษัท ไทยโฮมมาร์ท จำกัด", "0105559876543")],
    "fa": [("Parsa Trading GmbH", "DE312456789"), ("Rahimi Consulting AB", "SE556123456701")],
    "id": [("PT Maju Jaya Abadi", "01.234.567.8-012.000"), ("CV Sinar Terang", "02.345.678.9-013.000")],
    "lv": [("SIA Ozolkalns", "LV40003123456"), ("SIA Baltijas Dizains", "LV40103987654")],
}


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

    def __init__(self, lang: str, rng: random.Random, when: dt.datetime, customer: dict,
                 intent: dict | None = None):
        self.lang, self.rng, self.when, self.customer = lang, rng, when, customer
        self.kinds = (intent or {}).get("products", ["clothes", "fragile", "other"])
        self.values: dict[str, str] = {}
        self.agent = rng.choice(AGENTS[lang])

    def __getitem__(self, name: str) -> str:
        if name not in self.values:
            self.values[name] = getattr(self, "s_" + name)()
        return self.values[name]

    def fill(self, template: str) -> str:
        # {g:feminine|masculine} follows the customer's gender (Latvian participles)
        template = re.sub(r"\{g:([^|}]*)\|([^}]*)\}",
                          lambda m: m.group(1) if self.customer["gender"] == "f" else m.group(2), template)
        return re.sub(r"\{(\w+)\}", lambda m: self[m.group(1)], template)

    # -- the slots -----------------------------------------------------------------------------
    def s_order(self) -> str:
        return self.customer["orders"][self.rng.randrange(len(self.customer["orders"]))]

    def _product(self):
        kind = self.rng.choice(self.kinds)
        if "product" not in self.values:
            self.values["_pick"] = self.rng.randrange(len(PRODUCTS[kind][self.lang]))
            self.values["_kind"] = kind
        return PRODUCTS[self.values["_kind"]][self.lang][self.values["_pick"]]

    def s_product(self) -> str:
        p = self._product()
        return p[0] if isinstance(p, tuple) else p

    def s_product_acc(self) -> str:  # Latvian accusative
        self["product"]
        p = PRODUCTS[self.values["_kind"]][self.lang][self.values["_pick"]]
        return p[1] if isinstance(p, tuple) else p

    def s_days(self) -> str:
        return num(self.lang, self.rng.choice([3, 4, 5, 6, 7, 8, 9, 10, 12, 14, 16, 20]), self.rng)

    def s_wdays(self) -> str:
        return num(self.lang, self.rng.choice([3, 4, 5, 6, 7, 8, 10]), self.rng)

    def s_date(self) -> str:
        d = (self.when - dt.timedelta(days=self.rng.randint(3, 24))).date()
        lang, rng = self.lang, self.rng
        if lang == "en":
            return rng.choice([f"{d.day} {MONTHS['en'][d.month - 1]}", f"{MONTHS['en'][d.month - 1]} {d.day}",
                               f"{d.day}/{d.month}"])
        if lang == "th":
            return rng.choice([f"วันที่ {d.day} {MONTHS['th'][d.month - 1]}", f" {d.day}/{d.month}"]).strip()
        if lang == "fa":
            return f"{num('fa', d.day, rng)} {MONTHS['fa'][d.month - 1]}"
        if lang == "id":
            return rng.choice([f"{d.day} {MONTHS['id'][d.month - 1]}", f"{d.day}/{d.month}"])
        return f"{d.day}. {MONTHS['lv'][d.month - 1]}"

    def s_weekday(self) -> str:
        d = (self.when - dt.timedelta(days=self.rng.randint(2, 6))).weekday()
        return WEEKDAYS[self.lang][d]

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
            return f"{num('fa', ('%.2f' % eur).rstrip('0').rstrip('.'), r)} یورو"
        if self.lang == "lv":
            return f"{eur:.2f}".replace(".", ",") + " €"
        return r.choice([f"€{eur:.2f}", f"{eur:.2f} EUR", f"{eur:.2f} euros"])

    def s_code(self) -> str:
        return self.rng.choice(CODES)

    def s_gc(self) -> str:
        r = self.rng
        alnum = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
        return "GC-" + "".join(r.choice(alnum) for _ in range(4)) + "-" + "".join(r.choice(alnum) for _ in range(4))

    def s_gcvalue(self) -> str:
        return num(self.lang, self.rng.choice([25, 50, 50, 75, 100, 150]), self.rng)

    def s_rival(self) -> str:
        return self.rng.choice(RIVALS)

    def s_size(self) -> str:
        return self.rng.choice(["S", "M", "L", "XL", "38", "40", "42", "44"])

    def s_height(self) -> str:
        return num(self.lang, self.rng.randint(155, 192), self.rng)

    def s_weight(self) -> str:
        return num(self.lang, self.rng.randint(48, 98), self.rng)

    def s_company(self) -> str:
        self.values["_company"] = self.rng.choice(COMPANIES[self.lang])
        return self.values["_company"][0]

    def s_vat(self) -> str:
        self["company"]
        return self.values["_company"][1]

    def s_country(self) -> str:
        return self.rng.choice(COUNTRY[self.lang])

    def s_carrier(self) -> str:
        return self.rng.choice(CARRIER[self.lang])

    def s_email(self) -> str:
        return self.customer["email"]

    def s_phone(self) -> str:
        return self.customer["phone"]

    def s_card(self) -> str:
        r = self.rng
        body = r.choice(["4", "4", "51", "52", "53", "55"])
        body += "".join(str(r.randrange(10)) for _ in range(15 - len(body)))
        card = body + luhn_digit(body)
        return r.choice([card, " ".join(card[i:i + 4] for i in range(0, 16, 4)),
                         "-".join(card[i:i + 4] for i in range(0, 16, 4))])

    def s_name(self) -> str:
        return self.customer["name"]

    def s_agent(self) -> str:
        return self.agent[0]

    # Thai: polite particles and first-person pronoun follow the customer's gender (and the
    # agent's in replies): statement particle {p}, question particle {pq}, pronoun {I}.
    def s_p(self) -> str:
        if self.customer["gender"] == "m":
            return self.rng.choice(["ครับ", "ครับ", "ครับ", "คับ"])
        return self.rng.choice(["ค่ะ", "ค่ะ", "ค่ะ", "ค่า"])

    def s_pq(self) -> str:
        return "ครับ" if self.customer["gender"] == "m" else "คะ"

    def s_I(self) -> str:
        if self.customer["gender"] == "m":
            return "ผม"
        return self.rng.choice(["ฉัน", "ดิฉัน", "หนู", "เรา"])

    def s_ap(self) -> str:
        return "ครับ" if self.agent[1] == "m" else "ค่ะ"

    def s_link(self) -> str:  # filled by the caller: the intent's article in this language
        raise KeyError("link")


# ---------------------------------------------------------------------------------------------
# Intents. covered_by: the help-center article that answers it, or None for a gap.
# text: what customers write; note: the gist of a phone call, in the third person, for the
# agent's call notes; reply: the body of the agent's answer ({link} = the article, if any).
# ---------------------------------------------------------------------------------------------

INTENTS = [
    dict(
        id="where_is_order", covered_by="track-your-order", weight=14.0, trend=None,
        text={
            "en": [
                "Where is my order {order}? I ordered it on {date} and still nothing.",
                "hi, my parcel hasn't arrived yet. order {order}",
                "The tracking for {order} hasn't updated since {weekday}. Is it stuck somewhere?",
                "Can you tell me when my {product} will arrive? Order number {order}.",
                "I never got a tracking number for my order. How can I see where it is?",
                "tracking link says no information available for {track}, is that normal?",
                "Ordered {days} days ago and the status still says Shipped. Where is it now??",
                "Hello, could you please check the status of order {order}? I need it before the weekend.",
                "Is there a way to track my order if I checked out as a guest?",
                "wheres my package, its been {days} days",
                "My order still says Processing. Has it even left the warehouse?",
                "How do I find my tracking number? I can't see it anywhere in My orders.",
            ],
            "th": [
                "ขอสอบถามสถานะคำสั่งซื้อ {order} หน่อย{p} สั่งไปตั้งแต่{date}แล้วยังไม่ได้ของเลย",
                "พัสดุของ{I}ถึงไหนแล้ว{pq} เลขออเดอร์ {order}",
                "เช็กเลขพัสดุ {track} แล้วไม่ขึ้นอะไรเลย{p} ต้องทำยังไง{pq}",
                "{product}ที่สั่งไปจะมาถึงประมาณวันไหน{pq}",
                "สั่งซื้อแบบไม่ได้สมัครสมาชิก จะติดตามพัสดุได้ที่ไหน{pq}",
                "ยังไม่ได้รับอีเมลแจ้งเลขพัสดุเลย{p} ออเดอร์ {order} ส่งออกมาหรือยัง{pq}",
                "รบกวนเช็กให้หน่อยได้ไหม{pq} ของยังไม่มาเลย รอมา {days} วันแล้ว",
                "สถานะขึ้นว่าส่งแล้วตั้งแต่{weekday} แต่ในเว็บKerryยังไม่มีข้อมูลเลย{p}",
                "อยากทราบว่าพัสดุตอนนี้อยู่ที่ไหนแล้ว{pq} รอนานมากแล้ว",
                "ออเดอร์ยังขึ้นว่ากำลังดำเนินการอยู่เลย{p} ยังไม่ได้ส่งออกจากคลังใช่ไหม{pq}",
            ],
            "fa": [
                "سلام، سفارش {order} من کجاست؟ از {date} منتظرم.",
                "بسته‌ام هنوز نرسیده. می‌شود وضعیتش را بررسی کنید؟",
                "کد رهگیری {track} کار نمی‌کند و هیچ اطلاعاتی نشان نمی‌دهد.",
                "{days} روز است که وضعیت سفارشم «ارسال شده» مانده. کی می‌رسد؟",
                "چطور می‌توانم سفارشم را رهگیری کنم؟ به‌عنوان مهمان خرید کرده‌ام.",
                "ببخشید، {product} که سفارش دادم کی به دستم می‌رسد؟",
                "هنوز ایمیل ارسال برایم نیامده. سفارشم ارسال شده یا نه؟",
                "لطفاً وضعیت سفارش {order} را بگویید، برای هفته‌ی بعد لازمش دارم.",
                "سفارشم کجاست پس؟ {days} روزه منتظرم",
                "وضعیت سفارش هنوز «در حال پردازش» است. یعنی هنوز از انبار بیرون نیامده؟",
            ],
            "id": [
                "Halo kak, pesanan saya {order} sudah sampai mana ya?",
                "min paket saya kok belum nyampe2 udah {days} hari",
                "Resi {track} gak bisa dilacak, statusnya kosong terus",
                "Selamat siang, saya ingin menanyakan status pesanan {order} yang saya pesan tanggal {date}.",
                "Kapan {product} saya sampai? Statusnya masih Dikirim dari kemarin.",
                "Gimana cara lacak pesanan kalau saya checkout sebagai tamu?",
                "Saya belum dapat email resi sama sekali, pesanan saya sudah dikirim belum?",
                "J&T bilang paketnya belum ada di gudang mereka, tolong dicek kak",
                "status di Pesanan Saya gak berubah dari hari {weekday}, aman kan?",
                "kak mau tanya nomor resi saya dimana ya, di akun gak muncul",
            ],
            "lv": [
                "Labdien! Kur ir mans pasūtījums {order}? Pasūtīju {date}, bet vēl nekas nav pienācis.",
                "Sveiki, sūtījums joprojām nav atnācis. Vai varat pārbaudīt?",
                "Izsekošanas numurs {track} nerāda nekādu informāciju.",
                "Statuss jau {days} dienas ir 'Ceļā'. Kad paka būs pakomātā?",
                "Kā es varu izsekot pasūtījumu, ja pirku kā viesis?",
                "Kad pienāks {product}, ko pasūtīju? Pasūtījuma nr. {order}",
                "Nav saņemts e-pasts ar izsekošanas numuru. Vai pasūtījums vispār ir nosūtīts?",
                "Omniva vēl neko nav atsūtījusi, paka sen jau bija jābūt klāt",
                "vai varat lūdzu pateikt, kur ir mana paka? {order}",
                "Pasūtījums joprojām ir 'Apstrādē'. Vai tas vēl nav izsūtīts no noliktavas?",
            ],
        },
        note={
            "en": ["asks where order {order} is, ordered on {date}",
                   "says tracking {track} shows no updates since {weekday}",
                   "wants to know when the {product} will arrive, has no tracking email"],
            "th": ["สอบถามว่าคำสั่งซื้อ {order} ถึงไหนแล้ว สั่งไปเมื่อ{date}",
                   "แจ้งว่าเลขพัสดุ {track} ไม่อัปเดตตั้งแต่{weekday}",
                   "ถามว่า{product}จะมาถึงเมื่อไร ยังไม่ได้รับอีเมลเลขพัสดุ"],
            "fa": ["می‌پرسد سفارش {order} کجاست؛ {date} سفارش داده",
                   "می‌گوید کد رهگیری {track} از {weekday} به‌روز نشده",
                   "می‌خواهد بداند {product} کی می‌رسد؛ ایمیل رهگیری نگرفته"],
            "id": ["menanyakan posisi pesanan {order}, pesan tanggal {date}",
                   "bilang resi {track} tidak update sejak hari {weekday}",
                   "tanya kapan {product} sampai, belum terima email resi"],
            "lv": ["jautā, kur ir pasūtījums {order}, pasūtīts {date}",
                   "saka, ka izsekošana {track} pēdējo reizi atjaunota {weekday}",
                   "grib zināt, kad pienāks pasūtītā prece, nav saņēmis e-pastu ar izsekošanas numuru"],
        },
        reply={
            "en": ["Your order {order} has left our warehouse in Rotterdam and is with the carrier. You can "
                   "follow it with the tracking link in your shipping confirmation email or in My orders > "
                   "Track parcel. A new tracking number can take up to 24 hours to show information, and "
                   "international parcels aren't scanned at every step. More here: {link}",
                   "I've checked {order}: it has shipped and is on its way. Standard delivery takes 2-5 working "
                   "days in the EU, 3-6 to the UK and 7-14 to Asia. You can follow your parcel as described "
                   "here: {link}. If it hasn't arrived 5 working days after the latest estimated date, let us "
                   "know and we'll open an investigation with the carrier."],
            "th": ["คำสั่งซื้อ {order} ออกจากคลังสินค้าที่รอตเทอร์ดามแล้วและอยู่กับบริษัทขนส่ง{ap} ติดตามพัสดุได้จาก"
                   "ลิงก์ในอีเมลยืนยันการจัดส่ง หรือที่เมนู คำสั่งซื้อของฉัน > ติดตามพัสดุ หมายเลขใหม่อาจใช้เวลา"
                   "ถึง 24 ชั่วโมงกว่าข้อมูลจะขึ้น ดูรายละเอียดได้ที่ {link}",
                   "ตรวจสอบให้แล้ว{ap} พัสดุกำลังเดินทางและจะนำส่งโดย Kerry Express การจัดส่งแบบ Standard "
                   "ไปเอเชียใช้เวลา 7-14 วันทำการ หากเลยวันที่คาดว่าจะได้รับล่าสุดไปแล้ว 5 วันทำการ แจ้งเราได้เลย"
                   "เราจะเปิดการตรวจสอบกับบริษัทขนส่งให้ วิธีติดตามพัสดุอยู่ที่นี่{ap} {link}"],
            "fa": ["سفارش {order} از انبار ما در روتردام ارسال شده و در اختیار شرکت حمل‌ونقل است. می‌توانید با "
                   "لینک رهگیری در ایمیل تأیید ارسال یا از بخش «سفارش‌های من» > «رهگیری بسته» آن را دنبال کنید. "
                   "ممکن است تا ۲۴ ساعت طول بکشد تا اطلاعات کد رهگیری جدید نمایش داده شود. توضیحات بیشتر: {link}",
                   "سفارش‌تان را بررسی کردم؛ بسته در راه است. ارسال عادی در اتحادیه‌ی اروپا ۲ تا ۵ روز کاری طول "
                   "می‌کشد. اگر ۵ روز کاری پس از آخرین تاریخ تخمینی هنوز نرسید، به ما خبر بدهید تا با شرکت "
                   "حمل‌ونقل پیگیری کنیم. راهنمای رهگیری: {link}"],
            "id": ["Pesanan {order} sudah keluar dari gudang kami di Rotterdam dan sekarang ada di kurir. Kakak "
                   "bisa melacaknya lewat tautan di email konfirmasi pengiriman atau di Pesanan Saya > Lacak "
                   "paket. Nomor resi baru kadang butuh sampai 24 jam sebelum datanya muncul. Panduannya di "
                   "sini: {link}",
                   "Sudah kami cek, paketnya sedang dalam perjalanan dan akan diantar J&T. Pengiriman Standard "
                   "ke Asia memakan waktu 7-14 hari kerja. Jika 5 hari kerja setelah perkiraan tanggal terakhir "
                   "paket belum sampai, kabari kami ya, kami akan membuka investigasi dengan kurir. Cara "
                   "melacak: {link}"],
            "lv": ["Pasūtījums {order} ir izsūtīts no mūsu noliktavas Roterdamā un ir pie pārvadātāja. Tam "
                   "varat sekot ar saiti e-pastā par nosūtīšanu vai sadaļā Mani pasūtījumi > Izsekot sūtījumu. "
                   "Jaunam izsekošanas numuram informācija var parādīties tikai pēc 24 stundām. Vairāk: {link}",
                   "Pārbaudīju – sūtījums ir ceļā, un Omniva to ievietos jūsu izvēlētajā pakomātā. Standarta "
                   "piegāde ES aizņem 2–5 darba dienas. Ja sūtījums nav pienācis 5 darba dienas pēc vēlākā "
                   "paredzētā piegādes datuma, uzrakstiet mums, un mēs sāksim izmeklēšanu ar pārvadātāju. "
                   "Kā izsekot sūtījumu: {link}"],
        },
    ),
    dict(
        id="refund_timing", covered_by="refund-timing", weight=9.0, trend=None,
        text={
            "en": [
                "I sent my return back on {date} and still haven't got my refund. When will I get my money?",
                "when do i get my refund?? returned the {product} {days} days ago",
                "Your email says the refund for {order} was issued but nothing is on my card yet.",
                "How long does a refund take to PayPal?",
                "Tracking shows my return was delivered to you on {weekday}. When is the refund coming?",
                "Hi, still waiting on my refund for order {order}. It's been over two weeks.",
                "Can you send the refund to a different card? My old one has expired.",
                "I returned half of my order, will I also get the shipping cost back?",
                "Refund of {amount} still not in my account, what's going on?",
                "how long do refunds take after you receive the parcel",
            ],
            "th": [
                "ส่งของคืนไปตั้งแต่{date}แล้ว ยังไม่ได้รับเงินคืนเลย{p} จะได้เมื่อไหร่{pq}",
                "คืนเงินใช้เวลากี่วัน{pq}",
                "ได้อีเมลว่าคืนเงินแล้ว แต่ในบัตรยังไม่เข้าเลย{p} ออเดอร์ {order}",
                "ส่ง{product}คืนไป {days} วันแล้ว เงินยังไม่เข้าเลย{p}",
                "จ่ายผ่าน PromptPay ไว้ เงินคืนจะเข้าบัญชีไหน{pq}",
                "พัสดุคืนถึงคลังแล้วตั้งแต่{weekday} เมื่อไหร่จะคืนเงิน{pq}",
                "ขอให้โอนเงินคืนเข้าบัญชีอื่นได้ไหม{pq} บัตรเดิมยกเลิกไปแล้ว",
                "คืนสินค้าแค่บางชิ้น ค่าส่งจะได้คืนด้วยไหม{pq}",
                "รอเงินคืน {amount} มานานมากแล้ว{p} ช่วยเช็กให้หน่อย",
            ],
            "fa": [
                "مرجوعی را {date} فرستادم و هنوز پولم برنگشته. کی بازپرداخت می‌شود؟",
                "بازپرداخت چند روز طول می‌کشد؟",
                "ایمیل زدید که مبلغ سفارش {order} بازپرداخت شده ولی هنوز به کارتم نیامده.",
                "{days} روز پیش {product} را برگرداندم، پس پولم چه شد؟",
                "با PayPal پرداخت کرده بودم. بازپرداخت به کجا واریز می‌شود؟",
                "طبق رهگیری، بسته‌ی مرجوعی {weekday} به انبارتان رسیده. کی پول را برمی‌گردانید؟",
                "می‌شود پول را به یک کارت دیگر برگردانید؟ کارت قبلی‌ام باطل شده.",
                "فقط بخشی از سفارش را پس دادم. هزینه‌ی ارسال هم برمی‌گردد؟",
                "هنوز منتظر بازپرداخت {amount} هستم، لطفاً پیگیری کنید",
            ],
            "id": [
                "Kak, refund saya kapan masuk ya? Barang sudah saya kirim balik tanggal {date}.",
                "refund biasanya berapa lama min?",
                "Sudah dapat email refund untuk {order} tapi uangnya belum masuk ke kartu",
                "sudah {days} hari sejak retur {product} tapi dana belum kembali",
                "Saya bayar pakai GoPay, refundnya nanti masuk ke mana?",
                "Menurut resi, paket retur sudah sampai di gudang hari {weekday}. Kapan dananya dikembalikan?",
                "Bisa refund ke rekening lain gak? kartu yang lama sudah diblokir",
                "Saya cuma retur sebagian, ongkir dikembalikan juga atau tidak?",
                "Dengan hormat, saya belum menerima pengembalian dana sebesar {amount}. Mohon dibantu.",
            ],
            "lv": [
                "Labdien! Preci atgriezu {date}, bet nauda vēl nav atnākusi. Kad tā būs?",
                "Cik ilgi jāgaida atmaksa?",
                "Saņēmu e-pastu, ka atmaksa par {order} ir veikta, bet kontā naudas nav.",
                "Pirms {days} dienām atsūtīju atpakaļ {product_acc}, atmaksas joprojām nav",
                "Maksāju ar PayPal – kur tiks atmaksāta nauda?",
                "Izsekošana rāda, ka atgriešanas paka pie jums ir kopš {weekday}. Kad atmaksāsiet?",
                "Vai atmaksu var pārskaitīt uz citu karti? Vecā vairs nav derīga.",
                "Atgriezu tikai daļu pasūtījuma. Vai piegādes maksu arī atmaksās?",
                "Joprojām gaidu atmaksu {amount} apmērā, lūdzu, pārbaudiet",
            ],
        },
        note={
            "en": ["asks when the refund for {order} will arrive, return sent on {date}",
                   "says refund email received but money not on card yet",
                   "wants the refund on a different card because the old one expired"],
            "th": ["สอบถามว่าเงินคืนของออเดอร์ {order} จะเข้าเมื่อไร ส่งของคืนไปเมื่อ{date}",
                   "แจ้งว่าได้อีเมลคืนเงินแล้วแต่เงินยังไม่เข้าบัตร",
                   "ขอให้คืนเงินเข้าบัตรใบอื่นเพราะบัตรเดิมหมดอายุ"],
            "fa": ["می‌پرسد بازپرداخت سفارش {order} کی انجام می‌شود؛ مرجوعی را {date} فرستاده",
                   "می‌گوید ایمیل بازپرداخت آمده ولی پول به کارتش نرسیده",
                   "می‌خواهد بازپرداخت به کارت دیگری برود چون کارت قبلی منقضی شده"],
            "id": ["menanyakan kapan refund {order} masuk, retur dikirim tanggal {date}",
                   "sudah terima email refund tapi dana belum masuk ke kartu",
                   "minta refund ke kartu lain karena kartu lama sudah kedaluwarsa"],
            "lv": ["jautā, kad būs atmaksa par {order}, prece atgriezta {date}",
                   "saka, ka e-pasts par atmaksu saņemts, bet nauda kartē nav",
                   "vēlas atmaksu uz citu karti, jo vecā karte beigusies"],
        },
        reply={
            "en": ["We issue refunds within 3 working days after a return arrives at our warehouse in Rotterdam, "
                   "and your bank or payment provider then needs another 2-10 working days to show it. The "
                   "money always goes back to the original payment method; we can't send it to a different "
                   "card (if that card has expired, your bank still receives it and passes it on). The original shipping cost is refunded when you return the whole order or the item was faulty or wrong. Details: {link}",
                   (r"issued|email says|on my card|in my account", "Your refund for {order} was issued and we emailed you the confirmation. Please allow 10 "
                   "working days from that email; most delays are on the bank's side, and your bank can trace "
                   "an incoming refund of that amount. The timeline is explained here: {link}")],
            "th": ["เราจะคืนเงินภายใน 3 วันทำการหลังจากพัสดุคืนถึงคลังสินค้าที่รอตเทอร์ดาม จากนั้นธนาคารหรือผู้ให้บริการ"
                   "ชำระเงินอาจใช้เวลาอีก 2-10 วันทำการ{ap} เงินจะคืนเข้าช่องทางชำระเงินเดิมเสมอ ไม่สามารถโอนเข้าบัตร"
                   "หรือบัญชีอื่นได้ ค่าส่งเดิมจะคืนให้เมื่อคืนสินค้าทั้งคำสั่งซื้อหรือสินค้าชำรุดหรือส่งผิด รายละเอียดอยู่ที่ {link}",
                   (r"อีเมลว่าคืนเงิน|ยังไม่เข้า|รอเงินคืน", "เราได้ดำเนินการคืนเงินสำหรับ {order} แล้วและส่งอีเมลยืนยันไปให้แล้ว{ap} กรุณารอ 10 วันทำการ"
                   "นับจากวันที่ในอีเมล ส่วนใหญ่ความล่าช้าเกิดที่ฝั่งธนาคาร ธนาคารสามารถตรวจสอบยอดเงินคืนได้ "
                   "ดูขั้นตอนทั้งหมดได้ที่ {link}")],
            "fa": ["ما ظرف ۳ روز کاری پس از رسیدن مرجوعی به انبارمان در روتردام، مبلغ را بازپرداخت می‌کنیم و بانک "
                   "یا ارائه‌دهنده‌ی پرداخت شما ۲ تا ۱۰ روز کاری دیگر برای نمایش آن زمان لازم دارد. بازپرداخت همیشه "
                   "به همان روش پرداخت اولیه انجام می‌شود و نمی‌توانیم آن را به کارت دیگری بفرستیم. هزینه‌ی ارسال اولیه فقط وقتی برمی‌گردد که کل سفارش را پس بدهید یا کالا معیوب یا اشتباه باشد. جزئیات: {link}",
                   (r"ایمیل زدید|به کارتم|منتظر بازپرداخت|پولم چه شد", "بازپرداخت سفارش {order} انجام شده و ایمیل تأیید آن برایتان ارسال شده است. لطفاً از تاریخ آن "
                   "ایمیل ۱۰ روز کاری صبر کنید؛ بیشتر تأخیرها مربوط به بانک است و بانک می‌تواند واریز را پیگیری کند. "
                   "زمان‌بندی کامل: {link}")],
            "id": ["Refund kami proses dalam 3 hari kerja setelah paket retur tiba di gudang kami di Rotterdam, "
                   "lalu bank atau penyedia pembayaran butuh 2-10 hari kerja lagi sampai dananya terlihat. Dana "
                   "selalu kembali ke metode pembayaran awal, jadi tidak bisa dipindah ke kartu atau rekening "
                   "lain. Ongkir awal ikut dikembalikan kalau seluruh pesanan diretur atau barangnya cacat atau salah kirim. Selengkapnya: {link}",
                   (r"email refund|belum masuk|belum kembali|belum menerima", "Refund untuk {order} sudah kami proses dan email konfirmasinya sudah terkirim. Mohon tunggu "
                   "10 hari kerja dari tanggal email tersebut; keterlambatan biasanya ada di sisi bank, dan bank "
                   "bisa melacak dana masuk itu. Alurnya dijelaskan di sini: {link}")],
            "lv": ["Atmaksu veicam 3 darba dienu laikā pēc tam, kad atgrieztā prece ir pienākusi mūsu noliktavā "
                   "Roterdamā; bankai vai maksājumu pakalpojumam vajag vēl 2–10 darba dienas. Nauda vienmēr tiek "
                   "atmaksāta ar sākotnējo maksājuma veidu – uz citu karti vai kontu to pārskaitīt nevaram. "
                   "Sākotnējo piegādes maksu atmaksājam, ja atgriežat visu pasūtījumu vai prece bija bojāta vai nepareiza. Sīkāk: {link}",
                   (r"e-pastu, ka atmaksa|kontā naudas|atmaksas joprojām|gaidu atmaksu", "Atmaksa par pasūtījumu {order} ir veikta, un apstiprinājumu nosūtījām e-pastā. Lūdzu, "
                   "gaidiet 10 darba dienas no e-pasta datuma – visbiežāk kavējas banka, un tā var izsekot "
                   "ienākošo maksājumu. Viss par atmaksas laikiem: {link}")],
        },
    ),
    dict(
        id="start_return", covered_by="start-a-return", weight=7.0, trend=None,
        text={
            "en": [
                "How do I return something? The {product} doesn't fit.",
                "I want to send back part of order {order}. Where do I get a return label?",
                "hi can i return an item i bought as a guest? no account",
                "Where do I find the return label? I registered the return but there's no label attached.",
                "I live in the UK, do I have to pay for the return?",
                "Want to return the {product}, it looks different than in the photos. What's the process?",
                "Do I need to put anything in the box when I return it?",
                "how many days do i have to return stuff",
                "Can I drop my return off at any post office or only a specific one?",
                "I lost the return label you emailed me, can you send it again?",
            ],
            "th": [
                "อยากคืนสินค้า{pq} {product}ใส่ไม่ได้",
                "จะส่งคืนของยังไง{pq} สั่งแบบไม่มีบัญชี",
                "อยู่ไทย ต้องจ่ายค่าส่งคืนเองไหม{pq}",
                "ขอคืน{product}ในออเดอร์ {order} ได้ไหม{pq} ไม่ตรงปกเลย",
                "ลงทะเบียนคืนสินค้าแล้ว ต้องส่งไปที่อยู่ไหน{pq}",
                "คืนของได้ภายในกี่วัน{pq}",
                "ตอนส่งคืนต้องเขียนอะไรบนใบศุลกากร{pq}",
                "ได้รับของมา {days} วันแล้ว ยังคืนได้อยู่ไหม{pq}",
            ],
            "fa": [
                "چطور می‌توانم کالا را مرجوع کنم؟ {product} اندازه‌ام نیست.",
                "می‌خواهم بخشی از سفارش {order} را پس بدهم. برچسب مرجوعی را از کجا بگیرم؟",
                "بدون حساب کاربری خرید کرده‌ام، باز هم می‌توانم مرجوع کنم؟",
                "مرجوعی را ثبت کردم ولی برچسب ارسال برایم نیامده.",
                "من در انگلیس زندگی می‌کنم. هزینه‌ی ارسال مرجوعی با من است؟",
                "چند روز برای پس دادن کالا وقت دارم؟",
                "برچسب مرجوعی را گم کرده‌ام، می‌شود دوباره بفرستید؟",
                "{product} با عکس سایت فرق دارد و می‌خواهم پسش بدهم. مراحلش چیست؟",
            ],
            "id": [
                "Kak, cara retur barang gimana ya? {product} nya kekecilan",
                "Mau balikin sebagian pesanan {order}, label returnya dapat dari mana?",
                "bisa retur gak kalau belanjanya tanpa akun?",
                "Saya tinggal di Indonesia, ongkos kirim retur ditanggung siapa?",
                "Retur maksimal berapa hari setelah barang diterima?",
                "Saya sudah daftar retur, paketnya dikirim ke alamat mana?",
                "Formulir bea cukai untuk retur diisi apa ya?",
                "barang baru nyampe {days} hari lalu, masih bisa dikembalikan kan?",
            ],
            "lv": [
                "Kā var atgriezt preci? {product} neder.",
                "Gribu atgriezt daļu no pasūtījuma {order}. Kur dabūt atgriešanas uzlīmi?",
                "Vai var atgriezt preci, ja pirku bez konta?",
                "Reģistrēju atgriešanu, bet uzlīme e-pastā nav pievienota.",
                "Cik dienu laikā drīkst atgriezt preces?",
                "Vai atgriešanas paku var nodot jebkurā Omniva pakomātā?",
                "Pazaudēju atgriešanas uzlīmi, vai varat atsūtīt vēlreiz?",
                "Gribu atdot atpakaļ {product_acc}, izskatās citādi nekā bildē. Kā to izdarīt?",
            ],
        },
        note={
            "en": ["wants to return the {product} from order {order}, asks how", "asks if a guest order can be returned and where the label is",
                   "lives outside the EU, asks who pays for the return"],
            "th": ["ต้องการคืน{product}จากออเดอร์ {order} สอบถามขั้นตอน", "ถามว่าสั่งแบบไม่มีบัญชีคืนสินค้าได้ไหมและฉลากอยู่ที่ไหน",
                   "อยู่นอก EU ถามว่าใครออกค่าส่งคืน"],
            "fa": ["می‌خواهد {product} سفارش {order} را مرجوع کند و مراحلش را می‌پرسد", "می‌پرسد خرید مهمان را می‌شود مرجوع کرد و برچسب کجاست",
                   "خارج از اتحادیه‌ی اروپا است و می‌پرسد هزینه‌ی مرجوعی با کیست"],
            "id": ["mau retur {product} dari pesanan {order}, tanya caranya", "tanya apakah pesanan tamu bisa diretur dan labelnya di mana",
                   "tinggal di luar UE, tanya siapa yang bayar ongkir retur"],
            "lv": ["grib atgriezt preci no pasūtījuma {order}, jautā, kā to izdarīt", "jautā, vai var atgriezt pasūtījumu bez konta un kur ir uzlīme",
                   "dzīvo ārpus ES, jautā, kas maksā par atgriešanu"],
        },
        reply={
            "en": ["You have 30 days from delivery to register a return. Sign in, go to My orders, open the order "
                   "and choose Return items (as a guest, use the return link in your shipping email or enter "
                   "your order number and email on the returns page). From the EU the prepaid label comes with "
                   "the confirmation email; from outside the EU you send it yourself with a tracked service. "
                   "Step by step: {link}",
                   "Happy to help with the return. Register it first so we can match the parcel to {order}: the "
                   "steps are here: {link}. Items must be unused with the tags on; put a note with your order "
                   "number in the box and keep your proof of postage until the refund arrives."],
            "th": ["คืนสินค้าได้ภายใน 30 วันนับจากวันที่ได้รับ{ap} เข้าสู่ระบบ ไปที่ คำสั่งซื้อของฉัน เปิดคำสั่งซื้อแล้วเลือก "
                   "Return items ถ้าสั่งแบบไม่มีบัญชี ใช้ลิงก์ในอีเมลยืนยันการจัดส่ง ลูกค้านอก EU ส่งคืนเองด้วยบริการที่ติดตาม"
                   "พัสดุได้ และเขียนว่า Returned goods บนใบศุลกากร ขั้นตอนทั้งหมดอยู่ที่ {link}",
                   "ยินดีช่วย{ap} กรุณาลงทะเบียนคืนสินค้าก่อนส่ง เพื่อให้เราจับคู่พัสดุกับ {order} ได้ สินค้าต้องยังไม่ใช้และ"
                   "ติดป้ายอยู่ ใส่โน้ตหมายเลขคำสั่งซื้อไว้ในกล่อง และเก็บหลักฐานการส่งไว้จนกว่าจะได้เงินคืน ดูวิธีที่ {link}"],
            "fa": ["از روز تحویل ۳۰ روز برای ثبت مرجوعی فرصت دارید. وارد حساب شوید، به «سفارش‌های من» بروید، سفارش را "
                   "باز کنید و «Return items» را بزنید. اگر مهمان خرید کرده‌اید، از لینک داخل ایمیل ارسال استفاده "
                   "کنید. در اتحادیه‌ی اروپا برچسب پیش‌پرداخت‌شده همراه ایمیل تأیید می‌آید؛ از خارج اتحادیه باید خودتان با "
                   "سرویس دارای کد رهگیری بفرستید. مراحل: {link}",
                   "لطفاً پیش از فرستادن، مرجوعی را ثبت کنید تا بسته را با سفارش {order} تطبیق دهیم. کالا باید "
                   "استفاده‌نشده و با برچسب باشد؛ شماره‌ی سفارش را داخل بسته بگذارید و رسید ارسال را تا دریافت "
                   "بازپرداخت نگه دارید. راهنما: {link}"],
            "id": ["Retur bisa didaftarkan dalam 30 hari sejak barang diterima. Masuk ke akun, buka Pesanan Saya, "
                   "pilih pesanan lalu Return items. Kalau belanja sebagai tamu, pakai tautan retur di email "
                   "pengiriman. Dari luar UE, paket retur dikirim sendiri dengan layanan yang bisa dilacak dan "
                   "tulis \"Returned goods\" di formulir bea cukai. Langkahnya: {link}",
                   "Siap kak, mohon daftarkan retur dulu supaya paketnya bisa kami cocokkan dengan {order}. Barang "
                   "harus belum dipakai dan labelnya masih terpasang, sertakan catatan nomor pesanan di dalam "
                   "paket dan simpan bukti kirim sampai refund diterima. Panduan: {link}"],
            "lv": ["Atgriešanu var reģistrēt 30 dienu laikā pēc piegādes. Piesakieties, atveriet Mani pasūtījumi, "
                   "izvēlieties pasūtījumu un Return items; ja pirkāt kā viesis, izmantojiet saiti e-pastā par "
                   "nosūtīšanu. No ES atgriešana ir bez maksas – apmaksātā uzlīme pienāk kopā ar apstiprinājumu. "
                   "Soli pa solim: {link}",
                   "Lūdzu, vispirms reģistrējiet atgriešanu, lai paku varam piesaistīt pasūtījumam {order}. Precēm "
                   "jābūt nelietotām un ar etiķetēm; ielieciet pakā zīmīti ar pasūtījuma numuru un saglabājiet "
                   "nosūtīšanas apliecinājumu līdz atmaksai. Instrukcija: {link}"],
        },
    ),
    dict(
        id="damaged_item", covered_by="damaged-or-faulty-item", weight=6.0, trend=None, products=["fragile"],
        text={
            "en": [
                "My {product} arrived broken. The box was completely crushed.",
                "The {product} I received doesn't work at all. What now?",
                "hi the {product} came cracked, order {order}. i have photos",
                "Received my order today and the {product} is damaged. I'd like a replacement please.",
                "The {product} stopped working after {days} days. Can I get a new one?",
                "Item arrived smashed. Do I need to send it back or can I just send photos?",
                "I opened the parcel and the {product} was in pieces. Really disappointed.",
                "Do I have to pay the return shipping for a faulty item? I'm in the UK.",
                "the {product} has a big scratch and one part is missing, not happy",
            ],
            "th": [
                "{product}ที่ได้รับมาแตก{p} กล่องบุบมาเลย",
                "ได้ของวันนี้ {product}เปิดไม่ติดเลย{p} ทำยังไงดี{pq}",
                "สินค้าเสียหายระหว่างขนส่ง ขอเปลี่ยนชิ้นใหม่ได้ไหม{pq} ออเดอร์ {order}",
                "{product}ใช้ได้ {days} วันก็เสียแล้ว{p}",
                "ของมาถึงแตกหมดเลย ต้องส่งคืนไหมหรือส่งแค่รูป{pq}",
                "มีรอยร้าวที่{product}{p} ถ่ายรูปไว้แล้ว จะส่งให้ทางไหนดี{pq}",
                "ของชำรุด ต้องจ่ายค่าส่งคืนเองไหม{pq} อยู่ไทย",
                "เปิดกล่องมาแล้ว{product}ไม่สามารถใช้งานได้เลย เสียความรู้สึกมาก{p}",
            ],
            "fa": [
                "{product} شکسته به دستم رسید. جعبه کاملاً له شده بود.",
                "{product} که گرفتم اصلاً کار نمی‌کند. حالا چه کار کنم؟",
                "سلام، {product} سفارش {order} ترک دارد. عکس گرفته‌ام.",
                "امروز سفارشم رسید و {product} آسیب دیده. لطفاً یکی دیگر بفرستید.",
                "{product} بعد از {days} روز خراب شد. می‌شود عوضش کنید؟",
                "کالا خرد شده رسیده. باید پس بفرستم یا عکس کافی است؟",
                "برای کالای معیوب هم باید هزینه‌ی ارسال را بدهم؟",
                "بسته را باز کردم و {product} تکه‌تکه بود. واقعاً ناراحت شدم.",
            ],
            "id": [
                "Kak {product} saya datang dalam keadaan pecah, kardusnya penyok parah",
                "{product} yang saya terima gak bisa nyala sama sekali, gimana ini?",
                "Barang rusak pas sampai, pesanan {order}. Saya ada fotonya",
                "min {product} nya retak, bisa minta ganti baru?",
                "{product} baru dipakai {days} hari udah rusak",
                "Barang datang hancur, harus dikirim balik atau cukup kirim foto aja?",
                "Untuk barang cacat apakah saya harus bayar ongkir retur? Saya di Indonesia",
                "Selamat sore, paket saya hari ini sampai tetapi {product} tergores dan ada bagian yang kurang.",
            ],
            "lv": [
                "Prece atnāca saplīsusi – kaste bija pilnīgi saspiesta.",
                "Saņemtā prece nemaz nedarbojas. Ko darīt?",
                "Labdien, pasūtījumā {order} {product} atnāca ar plaisu. Man ir bildes.",
                "Šodien saņēmu pasūtījumu, un prece ir bojāta. Lūdzu, atsūtiet jaunu.",
                "Pēc {days} dienām {product} pārstāja darboties. Vai var apmainīt?",
                "Prece atnāca sasista. Vai jāsūta atpakaļ, vai pietiek ar fotogrāfijām?",
                "Vai par bojātas preces atgriešanu jāmaksā man?",
                "Atvēru paku, un viss bija lauskās. Ļoti žēl.",
            ],
        },
        note={
            "en": ["reports the {product} from {order} arrived broken, has photos", "says the {product} does not switch on, wants a replacement",
                   "asks if a damaged item must be sent back and who pays"],
            "th": ["แจ้งว่า{product}จากออเดอร์ {order} แตกมา มีรูปถ่าย", "แจ้งว่า{product}เปิดไม่ติด ต้องการเปลี่ยนชิ้นใหม่",
                   "ถามว่าของเสียหายต้องส่งคืนไหมและใครออกค่าส่ง"],
            "fa": ["اطلاع می‌دهد {product} سفارش {order} شکسته رسیده و عکس دارد", "می‌گوید {product} روشن نمی‌شود و کالای جایگزین می‌خواهد",
                   "می‌پرسد کالای آسیب‌دیده را باید پس بفرستد و هزینه با کیست"],
            "id": ["lapor {product} dari pesanan {order} datang pecah, ada foto", "bilang {product} tidak bisa menyala, minta pengganti",
                   "tanya apakah barang rusak harus dikirim balik dan siapa yang bayar"],
            "lv": ["ziņo, ka prece no pasūtījuma {order} atnākusi bojāta, ir bildes", "saka, ka prece neieslēdzas, grib jaunu",
                   "jautā, vai bojātā prece jāsūta atpakaļ un kas par to maksā"],
        },
        reply={
            "en": ["I'm sorry your {product} arrived like that. Please report it within 14 days of delivery: in My "
                   "orders open the order, select the item and choose Report a problem, and add photos of the "
                   "item and of the packaging (outside, inside and the shipping label). You then choose a "
                   "replacement or a refund, and we send you a free return label, also from outside the EU. "
                   "Details: {link}",
                   (r"ha(ve|s) photos", "Thanks for the photos. We'll put this right at no cost to you: a replacement if it's in "
                   "stock, or a refund of the item plus the original shipping. A free return label is on its "
                   "way by email. Please keep the packaging until this is handled. More: {link}")],
            "th": ["ขออภัยที่{product}มาถึงในสภาพแบบนี้{ap} กรุณาแจ้งภายใน 14 วันนับจากวันที่ได้รับ ที่เมนู คำสั่งซื้อของฉัน "
                   "เปิดคำสั่งซื้อ เลือกสินค้า แล้วกด Report a problem พร้อมแนบรูปสินค้าและรูปบรรจุภัณฑ์ทั้งด้านนอก ด้านใน"
                   "และฉลากจัดส่ง จากนั้นเลือกได้ว่าจะรับชิ้นใหม่หรือคืนเงิน เราจะส่งฉลากส่งคืนฟรีให้ แม้อยู่นอก EU "
                   "รายละเอียด {link}",
                   (r"ถ่ายรูปไว้แล้ว|มีรูปถ่าย", "ขอบคุณสำหรับรูปถ่าย{ap} เราจะแก้ไขให้โดยไม่มีค่าใช้จ่าย ส่งชิ้นใหม่ถ้ามีสินค้า หรือคืนเงินค่าสินค้าพร้อม"
                   "ค่าส่งเดิม ฉลากส่งคืนฟรีจะส่งไปทางอีเมล กรุณาเก็บบรรจุภัณฑ์ไว้ก่อน ดูเพิ่มเติมที่ {link}")],
            "fa": ["بابت این وضعیت واقعاً متأسفیم. لطفاً ظرف ۱۴ روز پس از تحویل گزارش دهید: در «سفارش‌های من» "
                   "سفارش را باز کنید، کالا را انتخاب کنید و «Report a problem» را بزنید و عکس کالا و بسته‌بندی "
                   "(بیرون، داخل و برچسب ارسال) را اضافه کنید. سپس بین کالای جایگزین و بازپرداخت انتخاب می‌کنید و "
                   "برچسب مرجوعی رایگان برایتان می‌فرستیم، حتی از خارج اتحادیه‌ی اروپا. جزئیات: {link}",
                   (r"عکس گرفته‌ام|عکس دارد", "از عکس‌ها ممنونیم. این مشکل را بدون هزینه برایتان حل می‌کنیم: اگر موجود باشد کالای جایگزین، وگرنه "
                   "بازپرداخت مبلغ کالا به‌همراه هزینه‌ی ارسال. برچسب مرجوعی رایگان با ایمیل می‌آید. لطفاً تا پایان "
                   "رسیدگی، بسته‌بندی را نگه دارید. بیشتر: {link}")],
            "id": ["Mohon maaf {product} nya sampai dalam kondisi seperti itu. Laporkan dalam 14 hari sejak "
                   "diterima: di Pesanan Saya buka pesanan, pilih barangnya lalu Report a problem, lampirkan foto "
                   "barang dan kemasan (luar, dalam, dan label pengiriman). Setelah itu Kakak bisa pilih pengganti "
                   "atau refund, dan kami kirim label retur gratis, juga dari luar UE. Detail: {link}",
                   (r"ada foto", "Terima kasih fotonya, kak. Kami bereskan tanpa biaya: barang pengganti kalau stok ada, atau "
                   "refund harga barang plus ongkir awal. Label retur gratis kami kirim lewat email. Mohon simpan "
                   "kemasannya dulu sampai laporan selesai. Info: {link}")],
            "lv": ["Ļoti atvainojamies! Lūdzu, ziņojiet par bojājumu 14 dienu laikā pēc piegādes: sadaļā Mani "
                   "pasūtījumi atveriet pasūtījumu, izvēlieties preci un Report a problem, un pievienojiet preces "
                   "un iepakojuma fotoattēlus (no ārpuses, no iekšpuses un ar piegādes uzlīmi). Tad varēsiet "
                   "izvēlēties aizstājēju vai atmaksu, un mēs atsūtīsim bezmaksas atgriešanas uzlīmi. Sīkāk: {link}",
                   (r"ir bildes", "Paldies par fotogrāfijām! To atrisināsim bez maksas: aizstājējs, ja prece ir noliktavā, vai "
                   "preces cenas un sākotnējās piegādes maksas atmaksa. Bezmaksas atgriešanas uzlīmi nosūtīsim "
                   "e-pastā. Lūdzu, saglabājiet iepakojumu, līdz lieta ir atrisināta. Vairāk: {link}")],
        },
    ),
    dict(
        id="parcel_missing", covered_by="lost-parcel", weight=5.0, trend=None,
        text={
            "en": [
                "Tracking says delivered but I never got anything.",
                "My parcel {order} says delivered on {weekday} but it's not here. Neighbours don't have it either.",
                "The tracking hasn't moved in over a week. Is my package lost?",
                "parcel marked as delivered, nothing in my mailbox or at reception. what now",
                "My order never arrived. It's {days} days past the delivery date.",
                "I think the courier left it at the wrong address, it shows delivered with a photo of a door that isn't mine.",
                "Do I need to contact {carrier} myself about a missing parcel?",
                "Still no sign of my parcel {track}. Can you open an investigation?",
                "It says delivered but maybe a neighbour took it? I asked around and nobody has it.",
            ],
            "th": [
                "สถานะขึ้นว่าจัดส่งสำเร็จแล้ว แต่{I}ไม่ได้รับของเลย{p}",
                "พัสดุไม่ขยับมาเป็นอาทิตย์แล้ว ของหายหรือเปล่า{pq}",
                "ออเดอร์ {order} ขึ้นว่าส่งแล้วเมื่อ{weekday} ถามเพื่อนบ้านแล้วก็ไม่มีใครรับไว้{p}",
                "เลยกำหนดส่งมา {days} วันแล้ว ยังไม่ได้ของเลย{p}",
                "ต้องติดต่อKerryเองไหม{pq} พัสดุหายไป",
                "ช่วยเปิดเรื่องตรวจสอบพัสดุ {track} ให้หน่อย{p} หายไปเลย",
                "ในรูปยืนยันการส่งไม่ใช่บ้าน{I}{p} คนส่งน่าจะส่งผิดที่",
                "นิติบุคคลคอนโดบอกว่าไม่มีพัสดุมาส่ง แต่ในระบบขึ้นว่าส่งแล้ว{p}",
            ],
            "fa": [
                "در رهگیری نوشته تحویل شده ولی من چیزی دریافت نکرده‌ام.",
                "بیش از یک هفته است رهگیری تکان نخورده. بسته‌ام گم شده؟",
                "سفارش {order} از {weekday} «تحویل شده» است ولی اینجا نیست. همسایه‌ها هم خبر ندارند.",
                "{days} روز از تاریخ تحویل گذشته و سفارشم هنوز نرسیده.",
                "باید خودم با {carrier} تماس بگیرم؟ بسته‌ام گم شده.",
                "لطفاً برای بسته‌ی {track} پیگیری باز کنید، هیچ خبری از آن نیست.",
                "عکس تحویل، درِ خانه‌ی من نیست. فکر کنم پیک اشتباهی تحویل داده.",
                "نوشته تحویل داده شده، شاید همسایه گرفته باشد؟ از همه پرسیدم، نیست.",
            ],
            "id": [
                "Status paket sudah terkirim tapi saya gak terima apa-apa kak",
                "resi gak gerak udah seminggu lebih, paketnya hilang ya?",
                "Pesanan {order} katanya sudah diterima hari {weekday}, padahal tidak ada. Tetangga juga gak ada yang terima.",
                "sudah lewat {days} hari dari estimasi, barang belum datang juga",
                "Apa saya harus hubungi J&T sendiri untuk paket yang hilang?",
                "Mohon dibuka investigasi untuk paket {track}, tidak ada kabar sama sekali.",
                "Foto bukti pengiriman bukan rumah saya, kayaknya kurirnya salah antar",
                "satpam bilang gak ada paket buat saya, tapi di sistem sudah delivered",
            ],
            "lv": [
                "Izsekošanā rakstīts 'Piegādāts', bet paka nav saņemta.",
                "Izsekošana nav mainījusies jau nedēļu. Vai paka ir pazudusi?",
                "Pasūtījums {order} {weekday} atzīmēts kā piegādāts, bet pakomātā nekā nebija.",
                "Piegādes datums pagāja pirms {days} dienām, pasūtījums joprojām nav saņemts.",
                "Vai par pazudušu paku jāraksta Omniva, vai jūs to nokārtosiet?",
                "Lūdzu, sāciet meklēšanu sūtījumam {track}, par to nav nekādu ziņu.",
                "Kurjers laikam atstāja paku nepareizā adresē – bildē nav manas durvis.",
                "Rakstīts, ka piegādāts, varbūt kaimiņi paņēma? Apjautājos, nevienam nav.",
            ],
        },
        note={
            "en": ["says tracking for {order} shows delivered but nothing received, checked with neighbours",
                   "reports parcel {track} not moving for a week, asks for investigation",
                   "says the order is {days} days past expected delivery, asks if it is lost"],
            "th": ["แจ้งว่าออเดอร์ {order} ขึ้นว่าส่งแล้วแต่ไม่ได้รับ ถามเพื่อนบ้านแล้ว", "แจ้งว่าพัสดุ {track} ไม่ขยับมาหนึ่งสัปดาห์ ขอให้ตรวจสอบ",
                   "เลยกำหนดส่งมา {days} วัน ถามว่าของหายหรือไม่"],
            "fa": ["می‌گوید رهگیری سفارش {order} تحویل‌شده نشان می‌دهد ولی چیزی نگرفته و از همسایه‌ها هم پرسیده",
                   "اطلاع می‌دهد بسته‌ی {track} یک هفته است حرکتی نداشته و درخواست پیگیری دارد",
                   "{days} روز از تاریخ تحویل گذشته و می‌پرسد بسته گم شده یا نه"],
            "id": ["bilang status {order} delivered tapi tidak terima, sudah tanya tetangga", "lapor paket {track} tidak bergerak seminggu, minta investigasi",
                   "pesanan lewat {days} hari dari estimasi, tanya apakah hilang"],
            "lv": ["saka, ka {order} atzīmēts kā piegādāts, bet nekas nav saņemts, kaimiņiem arī nav", "ziņo, ka sūtījums {track} nedēļu nekustas, lūdz izmeklēšanu",
                   "pasūtījums {days} dienas pēc paredzētās piegādes, jautā, vai pazudis"],
        },
        reply={
            "en": ["Sorry to hear that. Please check your mailbox, your building reception and with neighbours, and "
                   "look for a delivery notice. If it doesn't turn up, we'll ask the carrier for its delivery "
                   "records and open an investigation; you don't need to contact the carrier yourself. If the "
                   "carrier confirms it's lost, you choose a free replacement or a full refund including "
                   "shipping. How it works: {link}",
                   "I've opened an investigation with the carrier for {order}. We'll keep you updated by email. "
                   "If the parcel is found it's delivered as usual; if it's confirmed lost you can choose a "
                   "free replacement or a full refund. More about this: {link}"],
            "th": ["ขออภัยด้วย{ap} กรุณาตรวจสอบตู้จดหมาย นิติบุคคลหรือเพื่อนบ้าน และดูว่ามีใบแจ้งจากบริษัทขนส่งไหม หากยังไม่พบ "
                   "เราจะขอข้อมูลการจัดส่งจากบริษัทขนส่งและเปิดการตรวจสอบให้ ไม่ต้องติดต่อขนส่งเอง หากยืนยันว่าพัสดุหาย "
                   "เลือกได้ว่าจะรับสินค้าใหม่ฟรีหรือคืนเงินเต็มจำนวนรวมค่าส่ง ดูขั้นตอนที่ {link}",
                   "เปิดการตรวจสอบกับบริษัทขนส่งสำหรับ {order} ให้แล้ว{ap} เราจะแจ้งความคืบหน้าทางอีเมล ถ้าพบพัสดุจะจัดส่ง"
                   "ตามปกติ ถ้ายืนยันว่าหายจะส่งของใหม่ฟรีหรือคืนเงินเต็มจำนวน อ่านเพิ่มเติม {link}"],
            "fa": ["متأسفیم. لطفاً صندوق پستی، لابی ساختمان و همسایه‌ها را بررسی کنید و ببینید اعلامیه‌ی تحویل گذاشته‌اند "
                   "یا نه. اگر پیدا نشد، سوابق تحویل را از شرکت حمل‌ونقل می‌خواهیم و پیگیری را شروع می‌کنیم؛ لازم "
                   "نیست خودتان با آن‌ها تماس بگیرید. اگر گم‌شدن تأیید شود، بین ارسال رایگان دوباره و بازپرداخت کامل "
                   "(با هزینه‌ی ارسال) انتخاب می‌کنید. روند کار: {link}",
                   "برای سفارش {order} با شرکت حمل‌ونقل پیگیری باز کردم و از طریق ایمیل در جریان می‌گذاریم‌تان. اگر "
                   "بسته پیدا شود، مثل همیشه تحویل می‌شود؛ اگر گم‌شدنش تأیید شود، ارسال دوباره‌ی رایگان یا بازپرداخت "
                   "کامل را انتخاب می‌کنید. بیشتر: {link}"],
            "id": ["Mohon maaf kak. Coba cek kotak surat, satpam atau resepsionis, dan tetangga, juga apakah ada "
                   "kartu pemberitahuan dari kurir. Kalau tetap tidak ada, kami minta data pengantaran ke kurir dan "
                   "membuka investigasi, Kakak tidak perlu menghubungi kurir sendiri. Jika paket dinyatakan hilang, "
                   "Kakak bisa pilih pengganti gratis atau refund penuh termasuk ongkir. Info: {link}",
                   "Investigasi untuk {order} sudah kami buka dengan kurir, update akan kami kirim lewat email. Kalau "
                   "paketnya ketemu akan diantar seperti biasa; kalau dipastikan hilang, Kakak bisa pilih "
                   "pengganti gratis atau refund penuh. Selengkapnya: {link}"],
            "lv": ["Žēl to dzirdēt. Lūdzu, pārbaudiet pastkastīti, mājas reģistratūru un pajautājiet kaimiņiem, kā arī "
                   "Omniva ziņas. Ja paka neatrodas, mēs pieprasīsim pārvadātājam piegādes datus un sāksim "
                   "izmeklēšanu – pašiem ar pārvadātāju sazināties nevajag. Ja apstiprinās, ka paka pazudusi, "
                   "varēsiet izvēlēties bezmaksas aizstājēju vai pilnu atmaksu. Kā tas notiek: {link}",
                   "Esam sākuši izmeklēšanu ar pārvadātāju par pasūtījumu {order}, informēsim jūs e-pastā. Ja paka "
                   "atradīsies, to piegādās kā parasti; ja apstiprinās, ka tā pazudusi, varēsiet izvēlēties "
                   "bezmaksas aizstājēju vai pilnu atmaksu. Vairāk: {link}"],
        },
    ),
    dict(
        id="payment_declined", covered_by="payment-declined", weight=5.0, trend="falling",
        text={
            "en": [
                "My card keeps getting declined at checkout, but there's money on it.",
                "payment failed 3 times, why??",
                "I tried to pay with my Visa {card} and it says payment declined. Can you check?",
                "The payment didn't go through but my bank shows {amount} taken. Did the order go through or not?",
                "Why won't my payment work? I get an error after the bank app step.",
                "Apple Pay just spins and then says payment failed.",
                "Hi, I can't complete my order, the card is rejected every time. Card number is {card} exp 09/28 if that helps.",
                "Was charged but the site says the payment failed. I don't want to pay twice.",
                "Does your site block cards from outside the EU? Mine won't work.",
            ],
            "th": [
                "ชำระเงินไม่ผ่าน{p} ลองหลายรอบแล้ว",
                "บัตรโดนปฏิเสธตลอดเลย ทั้งที่มีเงินในบัญชี{p}",
                "จ่ายเงินไม่ผ่านแต่ธนาคารตัดเงินไป {amount} แล้ว{p} ออเดอร์สำเร็จไหม{pq}",
                "กดยืนยันในแอปธนาคารแล้วแต่หน้าเว็บขึ้นว่าชำระเงินไม่สำเร็จ{p}",
                "ใช้บัตรเลข {card} จ่ายไม่ได้{p} ช่วยเช็กให้หน่อย",
                "PromptPay สแกนแล้วขึ้นหมดเวลา จ่ายใหม่ยังไง{pq}",
                "ทำไมบัตรเครดิตไทยใช้ไม่ได้{pq}",
                "ตัดเงินซ้ำสองครั้งหรือเปล่า{pq} กลัวโดนหักเงินสองรอบ",
            ],
            "fa": [
                "کارتم موقع پرداخت مدام رد می‌شود، در حالی که موجودی دارم.",
                "سه بار پرداخت کردم و هر بار ناموفق بود. چرا؟",
                "پرداخت انجام نشد ولی بانک {amount} از حسابم کم کرده. سفارش ثبت شد یا نه؟",
                "بعد از تأیید در اپلیکیشن بانک، سایت پیغام خطای پرداخت می‌دهد.",
                "با کارت {card} نمی‌توانم پرداخت کنم، لطفاً بررسی کنید.",
                "Apple Pay کار نمی‌کند و فقط می‌نویسد پرداخت ناموفق بود.",
                "آیا کارت‌های خارج از اتحادیه‌ی اروپا را قبول نمی‌کنید؟",
                "نمی‌خواهم دو بار پول بدهم؛ پرداخت ناموفق بود ولی مبلغ برداشت شده.",
            ],
            "id": [
                "Kak kartu saya ditolak terus pas checkout, padahal saldonya ada",
                "pembayaran gagal mulu min, kenapa ya",
                "Pembayaran gagal tapi saldo saya kepotong {amount}, pesanannya masuk gak?",
                "Sudah approve di aplikasi bank tapi di web tulisannya pembayaran gagal",
                "Bayar pakai OVO gagal terus, ada masalah?",
                "Saya coba bayar pakai kartu {card} tetapi ditolak. Mohon dicek.",
                "apakah kartu kredit dari Indonesia bisa dipakai? punya saya ditolak",
                "Takut kepotong dua kali, tadi pembayarannya error tapi uangnya keambil",
            ],
            "lv": [
                "Karte pie apmaksas tiek atteikta, lai gan naudas pietiek.",
                "Maksājums neizdodas jau trešo reizi. Kāpēc?",
                "Maksājums neizdevās, bet bankā redzu, ka noņemti {amount}. Vai pasūtījums ir noformēts?",
                "Pēc apstiprināšanas bankas lietotnē lapa saka, ka maksājums neizdevās.",
                "Mēģinu maksāt ar karti {card}, bet tiek atteikts. Lūdzu, pārbaudiet.",
                "Google Pay nestrādā, rāda kļūdu.",
                "Negribu samaksāt divreiz – maksājums it kā neizdevās, bet nauda ir rezervēta.",
                "Kāpēc netiek pieņemta mana karte? Ar citiem veikaliem viss kārtībā.",
            ],
        },
        note={
            "en": ["says card is declined at checkout although there are funds", "says the payment failed but the bank shows {amount} reserved, worried about paying twice",
                   "cannot get past the 3-D Secure step, payment fails"],
            "th": ["แจ้งว่าบัตรถูกปฏิเสธตอนชำระเงินทั้งที่มีเงิน", "ชำระเงินไม่สำเร็จแต่ธนาคารกันยอด {amount} ไว้ กลัวจ่ายซ้ำ",
                   "ยืนยัน 3-D Secure ในแอปแล้วแต่ชำระเงินยังไม่ผ่าน"],
            "fa": ["می‌گوید کارتش موقع پرداخت رد می‌شود با اینکه موجودی دارد", "پرداخت ناموفق بوده ولی بانک {amount} را مسدود کرده و نگران پرداخت دوباره است",
                   "از مرحله‌ی 3-D Secure رد نمی‌شود و پرداخت ناموفق است"],
            "id": ["bilang kartunya ditolak saat checkout padahal ada saldo", "pembayaran gagal tapi bank menahan {amount}, takut bayar dua kali",
                   "tidak bisa lewat langkah 3-D Secure, pembayaran gagal"],
            "lv": ["saka, ka karte tiek atteikta, lai gan līdzekļi ir", "maksājums neizdevās, bet banka rezervējusi {amount}, baidās maksāt divreiz",
                   "netiek cauri 3-D Secure solim, maksājums neizdodas"],
        },
        reply={
            "en": ["Most declines come from the bank's side: an unfinished 3-D Secure approval in your banking app, "
                   "a card not enabled for online or international payments, or a spending limit. Please try "
                   "again with your banking app at hand, or use PayPal, Apple Pay, Google Pay or bank transfer "
                   "instead. A pending amount after a failed attempt is only a reservation that your bank "
                   "releases automatically. More: {link}",
                   (r"taken|charged|twice", "The amount you see is a temporary reservation, not a payment: we haven't received it and your "
                   "bank releases it within a few working days. No order was created, so you won't pay twice. "
                   "Please never send us your full card number; we never need it. Tips to complete the payment: {link}")],
            "th": ["ส่วนใหญ่การปฏิเสธมาจากฝั่งธนาคาร{ap} เช่น ยังไม่ได้ยืนยัน 3-D Secure ในแอปธนาคาร บัตรไม่ได้เปิดใช้ชำระเงิน"
                   "ออนไลน์หรือต่างประเทศ หรือเกินวงเงิน ลองใหม่โดยเปิดแอปธนาคารไว้ หรือเปลี่ยนไปใช้ PayPal, Apple Pay, "
                   "Google Pay หรือ PromptPay ยอดที่ค้างหลังชำระไม่ผ่านเป็นเพียงการกันวงเงิน ธนาคารจะคืนให้เอง ดู {link}",
                   (r"ตัดเงิน|หักเงิน|ซ้ำ", "ยอดที่เห็นเป็นการกันวงเงินชั่วคราว ไม่ใช่การชำระเงิน{ap} เราไม่ได้รับเงินและธนาคารจะปลดให้ภายในไม่กี่วันทำการ "
                   "ไม่มีคำสั่งซื้อเกิดขึ้น จึงไม่ต้องกลัวจ่ายซ้ำ และขอแนะนำว่าอย่าส่งเลขบัตรเต็มให้ใคร เราไม่เคยขอ อ่านวิธีแก้ที่ {link}")],
            "fa": ["بیشتر رد شدن‌ها از طرف بانک است: تأیید 3-D Secure در اپلیکیشن بانک کامل نشده، کارت برای پرداخت "
                   "اینترنتی یا بین‌المللی فعال نیست یا به سقف خرید رسیده‌اید. لطفاً با اپلیکیشن بانک در دسترس دوباره "
                   "امتحان کنید یا از PayPal، Apple Pay، Google Pay یا انتقال بانکی استفاده کنید. مبلغ معلق پس از پرداخت "
                   "ناموفق فقط یک رزرو است و بانک خودش آزادش می‌کند. بیشتر: {link}",
                   (r"کم کرده|برداشت|دو بار", "مبلغی که می‌بینید رزرو موقت است، نه پرداخت؛ این پول به ما نرسیده و بانک ظرف چند روز کاری آزادش "
                   "می‌کند. سفارشی ثبت نشده، پس دو بار پرداخت نمی‌کنید. لطفاً هرگز شماره‌ی کامل کارت را برای ما "
                   "نفرستید. راهنمای تکمیل پرداخت: {link}")],
            "id": ["Penolakan biasanya dari sisi bank: persetujuan 3-D Secure di aplikasi bank belum selesai, kartu "
                   "belum aktif untuk transaksi online atau luar negeri, atau limit harian tercapai. Silakan coba "
                   "lagi dengan aplikasi bank siap dibuka, atau pakai PayPal, GoPay, OVO, atau transfer bank. Dana "
                   "yang tertahan setelah gagal bayar hanya reservasi dan akan dilepas otomatis oleh bank. Info: {link}",
                   (r"kepotong|keambil|dua kali", "Dana yang terlihat itu hanya reservasi sementara, bukan pembayaran: kami tidak menerimanya dan "
                   "bank akan melepasnya dalam beberapa hari kerja. Tidak ada pesanan yang terbentuk, jadi tidak "
                   "akan terbayar dua kali. Mohon jangan kirim nomor kartu lengkap ke siapa pun, kami tidak pernah "
                   "memintanya. Tips: {link}")],
            "lv": ["Visbiežāk maksājumu atsaka banka: nav pabeigta 3-D Secure apstiprināšana lietotnē, karte nav "
                   "atļauta interneta vai starptautiskiem maksājumiem vai sasniegts limits. Lūdzu, mēģiniet vēlreiz "
                   "ar atvērtu bankas lietotni vai izvēlieties PayPal, Apple Pay, Google Pay vai iDEAL. Rezervētā "
                   "summa pēc neizdevušās apmaksas ir tikai rezervācija, banka to atbrīvos pati. Vairāk: {link}",
                   (r"noņemti|rezervēta|divreiz", "Redzamā summa ir pagaidu rezervācija, nevis maksājums: mēs to neesam saņēmuši, un banka to "
                   "atbrīvos dažu darba dienu laikā. Pasūtījums netika izveidots, tāpēc divreiz nemaksāsiet. Lūdzu, "
                   "nekad nesūtiet mums pilnu kartes numuru – mēs to nekad neprasām. Padomi: {link}")],
        },
    ),
    dict(
        id="cancel_order", covered_by="change-or-cancel-order", weight=4.5, trend=None,
        text={
            "en": [
                "Please cancel my order {order}, I ordered the wrong thing.",
                "how do i cancel an order",
                "I just placed an order {days} minutes ago, can I still cancel it?",
                "Can I add another item to my order {order} before it ships?",
                "I ordered the {product} in the wrong colour. Can you change it?",
                "Cancel my order and give me my money back please.",
                "Is it too late to cancel? It says Shipped already.",
                "I checked out as a guest and want to cancel, there's no button.",
                "I accidentally ordered twice, please cancel one of them ({order}).",
            ],
            "th": [
                "ขอยกเลิกคำสั่งซื้อ {order} {p} สั่งผิด",
                "ยกเลิกออเดอร์ยังไง{pq}",
                "เพิ่งสั่งไปเมื่อกี้ ยังยกเลิกทันไหม{pq}",
                "ขอเพิ่มสินค้าในออเดอร์ {order} ได้ไหม{pq} ยังไม่ได้ส่ง",
                "สั่ง{product}ผิดสี เปลี่ยนให้ได้ไหม{pq}",
                "กดสั่งซ้ำสองรอบ รบกวนยกเลิกให้หนึ่งอัน{p}",
                "ขึ้นว่าจัดส่งแล้ว ยังยกเลิกได้อยู่ไหม{pq}",
                "สั่งแบบไม่มีบัญชี หาปุ่มยกเลิกไม่เจอ{p}",
            ],
            "fa": [
                "لطفاً سفارش {order} را لغو کنید، اشتباهی سفارش دادم.",
                "چطور سفارشم را لغو کنم؟",
                "همین چند دقیقه پیش سفارش دادم، هنوز می‌شود لغوش کرد؟",
                "می‌توانم قبل از ارسال یک کالای دیگر به سفارش {order} اضافه کنم؟",
                "{product} را با رنگ اشتباه سفارش دادم، می‌شود عوضش کنید؟",
                "دو بار سفارش ثبت شده، لطفاً یکی را لغو کنید.",
                "وضعیت «ارسال شده» است. یعنی دیگر نمی‌شود لغو کرد؟",
                "به‌عنوان مهمان خرید کردم و دکمه‌ی لغو را پیدا نمی‌کنم.",
            ],
            "id": [
                "Tolong batalkan pesanan {order} kak, saya salah pesan",
                "cara cancel pesanan gimana ya",
                "Baru pesan barusan, masih bisa dibatalin gak?",
                "Bisa tambah barang ke pesanan {order} sebelum dikirim?",
                "Saya salah pilih warna {product}, bisa diganti?",
                "Kepencet pesan dua kali, mohon batalkan salah satunya",
                "Statusnya sudah Dikirim, masih bisa dibatalkan?",
                "Saya checkout sebagai tamu, tombol batalkan pesanan tidak ada",
            ],
            "lv": [
                "Lūdzu, atceliet pasūtījumu {order}, pasūtīju ne to.",
                "Kā atcelt pasūtījumu?",
                "Pasūtīju pirms pāris minūtēm – vai vēl var atcelt?",
                "Vai pasūtījumam {order} var pievienot vēl vienu preci, pirms to nosūtāt?",
                "Pasūtīju {product_acc} nepareizā krāsā. Vai var nomainīt?",
                "Nejauši pasūtīju divreiz, lūdzu, atceliet vienu.",
                "Statuss jau ir 'Nosūtīts'. Vai atcelt vairs nevar?",
                "Pirku kā viesis, un atcelšanas pogas nav.",
            ],
        },
        note={
            "en": ["wants to cancel order {order}, ordered by mistake", "asks to change the colour of the {product} in {order}",
                   "checked out as a guest, wants to cancel a duplicate order"],
            "th": ["ต้องการยกเลิกออเดอร์ {order} เพราะสั่งผิด", "ขอเปลี่ยนสี{product}ในออเดอร์ {order}", "สั่งแบบไม่มีบัญชี ต้องการยกเลิกออเดอร์ที่สั่งซ้ำ"],
            "fa": ["می‌خواهد سفارش {order} را لغو کند چون اشتباهی ثبت کرده", "می‌خواهد رنگ {product} در سفارش {order} عوض شود",
                   "مهمان خرید کرده و می‌خواهد سفارش تکراری را لغو کند"],
            "id": ["mau membatalkan pesanan {order} karena salah pesan", "minta ganti warna {product} di pesanan {order}",
                   "checkout sebagai tamu, mau batalkan pesanan dobel"],
            "lv": ["grib atcelt pasūtījumu {order}, pasūtīts kļūdas pēc", "lūdz nomainīt preces krāsu pasūtījumā {order}",
                   "pirka kā viesis, grib atcelt dubultu pasūtījumu"],
        },
        reply={
            "en": ["As long as the order still shows Processing you can cancel it yourself: My orders > open the order "
                   "> Cancel order. As a guest, send us your order number and the email you used on live chat "
                   "and we'll do it. We can't add or swap items in an existing order, so cancel and order again "
                   "with the right items. The full amount, shipping included, goes back to your original payment "
                   "method. Details: {link}",
                   (r"[Pp]lease cancel|[Cc]ancel my order|ordered twice", "I've cancelled {order} for you; the cancellation email is on its way and the full amount goes "
                   "back to your original payment method (your bank may take 2-10 working days to show it). If an "
                   "order has already shipped we can't stop it, but you can return it within 30 days. More: {link}")],
            "th": ["หากคำสั่งซื้อยังขึ้นสถานะกำลังดำเนินการ ยกเลิกเองได้ที่ คำสั่งซื้อของฉัน > เปิดคำสั่งซื้อ > ยกเลิกคำสั่งซื้อ{ap} "
                   "ถ้าสั่งแบบไม่มีบัญชี ส่งหมายเลขคำสั่งซื้อและอีเมลที่ใช้สั่งมาทางแชท เราจะยกเลิกให้ เราเพิ่มหรือเปลี่ยนสินค้า"
                   "ในคำสั่งซื้อเดิมไม่ได้ จึงต้องยกเลิกแล้วสั่งใหม่ เงินทั้งหมดรวมค่าส่งจะคืนเข้าช่องทางเดิม ดู {link}",
                   (r"ขอยกเลิก|ยกเลิกให้", "ยกเลิก {order} ให้แล้ว{ap} อีเมลยืนยันการยกเลิกกำลังส่งไป เงินเต็มจำนวนจะคืนเข้าช่องทางชำระเงินเดิม "
                   "ธนาคารอาจใช้เวลา 2-10 วันทำการ ถ้าคำสั่งซื้อจัดส่งไปแล้วเราหยุดไม่ได้ แต่คืนสินค้าได้ภายใน 30 วัน {link}")],
            "fa": ["تا وقتی وضعیت سفارش «در حال پردازش» است، خودتان می‌توانید آن را لغو کنید: «سفارش‌های من» > باز کردن "
                   "سفارش > «لغو سفارش». اگر مهمان خرید کرده‌اید، شماره‌ی سفارش و ایمیل خرید را در چت برای ما "
                   "بفرستید. امکان افزودن یا تعویض کالا در سفارش ثبت‌شده نیست؛ سفارش را لغو کنید و دوباره ثبت کنید. "
                   "کل مبلغ با هزینه‌ی ارسال بازگردانده می‌شود. جزئیات: {link}",
                   (r"لغو کنید", "سفارش {order} را لغو کردم؛ ایمیل لغو در راه است و کل مبلغ به روش پرداخت اولیه‌تان برمی‌گردد "
                   "(نمایش آن در بانک ممکن است ۲ تا ۱۰ روز کاری طول بکشد). سفارش ارسال‌شده را نمی‌توانیم متوقف کنیم، "
                   "ولی می‌توانید ظرف ۳۰ روز آن را مرجوع کنید. بیشتر: {link}")],
            "id": ["Selama status pesanan masih Diproses, Kakak bisa membatalkannya sendiri: Pesanan Saya > buka "
                   "pesanan > Batalkan pesanan. Kalau belanja sebagai tamu, kirim nomor pesanan dan email yang "
                   "dipakai lewat live chat, nanti kami bantu. Barang di pesanan yang sudah dibuat tidak bisa "
                   "ditambah atau diganti, jadi batalkan lalu pesan ulang. Dana penuh termasuk ongkir kembali ke "
                   "metode pembayaran awal. Detail: {link}",
                   (r"[Tt]olong batalkan|batalkan salah", "Pesanan {order} sudah kami batalkan, email pembatalannya segera masuk dan dana penuh kembali ke "
                   "metode pembayaran awal (bank bisa butuh 2-10 hari kerja). Pesanan yang sudah dikirim tidak bisa "
                   "kami hentikan, tapi bisa diretur dalam 30 hari. Info: {link}")],
            "lv": ["Kamēr pasūtījuma statuss ir 'Apstrādē', to varat atcelt paši: Mani pasūtījumi > atveriet "
                   "pasūtījumu > Atcelt pasūtījumu. Ja pirkāt kā viesis, atsūtiet čatā pasūtījuma numuru un e-pastu, "
                   "un mēs to izdarīsim. Esošam pasūtījumam preces pievienot vai mainīt nevar – atceliet un "
                   "pasūtiet no jauna. Visu summu, arī piegādes maksu, atmaksāsim ar sākotnējo maksājuma veidu. "
                   "Sīkāk: {link}",
                   (r"atceliet", "Pasūtījumu {order} atcēlām, apstiprinājums būs e-pastā, un visa summa tiks atmaksāta ar "
                   "sākotnējo maksājuma veidu (bankai var vajadzēt 2–10 darba dienas). Jau nosūtītu pasūtījumu "
                   "apturēt nevaram, bet to var atgriezt 30 dienu laikā. Vairāk: {link}")],
        },
    ),
    dict(
        id="change_address", covered_by="change-delivery-address", weight=4.0, trend=None,
        text={
            "en": [
                "I put the wrong address on order {order}, can you change it?",
                "typo in my postcode!! please fix before it ships",
                "Can I change the delivery address? I'm moving next week.",
                "Forgot to add my apartment number to the address. Order {order}.",
                "Please deliver my order to my work address instead, is that possible?",
                "The order has shipped but the house number is wrong. What can I do?",
                "How do I update my saved address in my account?",
                "I want to ship the order to my sister in {country} instead.",
            ],
            "th": [
                "ใส่ที่อยู่ผิดในออเดอร์ {order} {p} แก้ให้ได้ไหม{pq}",
                "ลืมใส่เลขห้องในที่อยู่{p} รบกวนแก้ก่อนส่งด้วย",
                "ขอเปลี่ยนที่อยู่จัดส่งเป็นที่ทำงานได้ไหม{pq}",
                "รหัสไปรษณีย์พิมพ์ผิด{p} ยังทันแก้ไหม{pq}",
                "ของส่งออกไปแล้วแต่บ้านเลขที่ผิด ทำยังไงดี{pq}",
                "จะเปลี่ยนที่อยู่ในบัญชียังไง{pq} ย้ายบ้านแล้ว",
                "เบอร์โทรในที่อยู่จัดส่งผิด{p} คนส่งจะโทรหาไม่ได้",
            ],
            "fa": [
                "آدرس سفارش {order} را اشتباه وارد کرده‌ام، می‌شود اصلاحش کنید؟",
                "کد پستی را اشتباه زدم! لطفاً قبل از ارسال درستش کنید.",
                "می‌توانم نشانی تحویل را عوض کنم؟ هفته‌ی بعد اسباب‌کشی دارم.",
                "شماره‌ی واحد را در آدرس ننوشتم. سفارش {order}.",
                "لطفاً سفارشم را به آدرس محل کارم بفرستید، ممکن است؟",
                "سفارش ارسال شده ولی پلاک اشتباه است. چه کار کنم؟",
                "چطور آدرس ذخیره‌شده در حسابم را تغییر دهم؟",
            ],
            "id": [
                "Alamat di pesanan {order} salah kak, bisa diganti?",
                "kode pos salah ketik, tolong dibenerin sebelum dikirim ya",
                "Bisa ganti alamat pengiriman ke kantor saya?",
                "Lupa nulis nomor rumah, RT/RW juga belum ada. Pesanan {order}",
                "Paket sudah dikirim tapi alamatnya kurang lengkap, gimana?",
                "Cara ubah alamat yang tersimpan di akun gimana ya?",
                "Nomor HP di alamat pengiriman salah, nanti kurir gak bisa hubungi",
            ],
            "lv": [
                "Pasūtījumā {order} norādīju nepareizu adresi, vai var izlabot?",
                "Kļūda pasta indeksā! Lūdzu, izlabojiet pirms nosūtīšanas.",
                "Vai var mainīt piegādes adresi? Nākamnedēļ pārceļos.",
                "Aizmirsu norādīt dzīvokļa numuru. Pasūtījums {order}.",
                "Gribētu mainīt pakomātu uz citu, tuvāk darbam. Vai var?",
                "Pasūtījums jau nosūtīts, bet mājas numurs ir nepareizs. Ko darīt?",
                "Kā nomainīt saglabāto adresi kontā?",
            ],
        },
        note={
            "en": ["gave the wrong address on {order}, wants it corrected before shipping", "forgot the apartment number, order already shipped",
                   "is moving house, asks how to update the saved address"],
            "th": ["ใส่ที่อยู่ผิดในออเดอร์ {order} ขอแก้ก่อนจัดส่ง", "ลืมใส่เลขห้อง แต่ของจัดส่งไปแล้ว", "ย้ายบ้าน ถามวิธีแก้ที่อยู่ที่บันทึกไว้"],
            "fa": ["آدرس سفارش {order} را اشتباه داده و می‌خواهد قبل از ارسال اصلاح شود", "شماره‌ی واحد را جا انداخته و سفارش ارسال شده",
                   "اسباب‌کشی دارد و می‌پرسد چطور آدرس ذخیره‌شده را عوض کند"],
            "id": ["salah isi alamat di {order}, minta dikoreksi sebelum dikirim", "lupa nomor rumah, pesanan sudah dikirim",
                   "pindah rumah, tanya cara ganti alamat tersimpan"],
            "lv": ["pasūtījumā {order} norādīta nepareiza adrese, lūdz izlabot pirms nosūtīšanas", "aizmirsis dzīvokļa numuru, pasūtījums jau nosūtīts",
                   "pārceļas, jautā, kā mainīt saglabāto adresi"],
        },
        reply={
            "en": ["While the order shows Processing you can change it yourself: My orders > open the order > Edit "
                   "delivery address. Guests can send us the order number and the full new address on live chat. "
                   "Orders placed before 14:00 CET on a working day ship the same day, so please be quick. Once "
                   "it has shipped we can only pass a small correction on to the carrier. Moving house? Update your saved address in Account settings > Addresses for future orders. More: {link}",
                   (r"can you change it|please fix|apartment number|work address", "I've updated the delivery address of {order}; you'll get a confirmation email. For future "
                   "orders, please update Account settings > Addresses too, since changing a saved address "
                   "doesn't change orders already placed. Details: {link}")],
            "th": ["ถ้าคำสั่งซื้อยังอยู่ในสถานะกำลังดำเนินการ แก้เองได้ที่ คำสั่งซื้อของฉัน > เปิดคำสั่งซื้อ > แก้ไขที่อยู่จัดส่ง{ap} "
                   "ถ้าสั่งแบบไม่มีบัญชี ส่งหมายเลขคำสั่งซื้อและที่อยู่ใหม่มาทางแชท คำสั่งซื้อก่อน 14:00 น. (CET) ในวันทำการ"
                   "จะส่งออกวันเดียวกัน หลังจัดส่งแล้วเราทำได้เพียงแจ้งบริษัทขนส่งให้แก้เล็กน้อย ที่อยู่สำหรับครั้งต่อไปแก้ได้ที่ การตั้งค่าบัญชี > ที่อยู่ ดู {link}",
                   (r"แก้ให้|แก้ก่อนส่ง|ทันแก้|เป็นที่ทำงาน", "แก้ไขที่อยู่ของ {order} ให้แล้ว{ap} จะมีอีเมลยืนยันส่งไป สำหรับคำสั่งซื้อครั้งต่อไป กรุณาแก้ที่ "
                   "การตั้งค่าบัญชี > ที่อยู่ ด้วย เพราะที่อยู่ที่บันทึกไว้ไม่เปลี่ยนคำสั่งซื้อที่สั่งไปแล้ว {link}")],
            "fa": ["تا وقتی سفارش «در حال پردازش» است، خودتان می‌توانید تغییرش دهید: «سفارش‌های من» > باز کردن سفارش > "
                   "«ویرایش نشانی تحویل». اگر مهمان خرید کرده‌اید، شماره‌ی سفارش و نشانی کامل جدید را در چت بفرستید. "
                   "سفارش‌های پیش از ساعت ۱۴ به وقت اروپای مرکزی در روز کاری همان روز ارسال می‌شوند، پس عجله کنید. "
                   "بعد از ارسال فقط می‌توانیم اصلاح جزئی را به شرکت حمل‌ونقل اطلاع دهیم. نشانی ذخیره‌شده برای سفارش‌های بعدی را در «تنظیمات حساب > نشانی‌ها» عوض کنید. بیشتر: {link}",
                   (r"اصلاحش کنید|درستش کنید|ننوشتم|محل کارم", "نشانی تحویل سفارش {order} را به‌روز کردم و ایمیل تأیید برایتان می‌آید. برای سفارش‌های بعدی، "
                   "«تنظیمات حساب > نشانی‌ها» را هم به‌روز کنید. جزئیات: {link}")],
            "id": ["Selama pesanan masih Diproses, Kakak bisa mengubahnya sendiri: Pesanan Saya > buka pesanan > "
                   "Ubah alamat pengiriman. Kalau checkout sebagai tamu, kirim nomor pesanan dan alamat lengkap "
                   "yang baru lewat live chat. Pesanan sebelum pukul 14:00 CET di hari kerja dikirim hari itu juga, "
                   "jadi mohon segera. Setelah dikirim, kami hanya bisa meneruskan koreksi kecil ke kurir. Alamat tersimpan untuk pesanan berikutnya bisa diubah di Pengaturan akun > Alamat. Info: {link}",
                   (r"bisa diganti|dibenerin|[Ll]upa nulis|kantor saya", "Alamat pengiriman {order} sudah kami ubah, email konfirmasinya akan masuk. Untuk pesanan "
                   "berikutnya, ubah juga di Pengaturan akun > Alamat ya. Detail: {link}")],
            "lv": ["Kamēr pasūtījums ir 'Apstrādē', adresi varat mainīt paši: Mani pasūtījumi > atveriet pasūtījumu "
                   "> Labot piegādes adresi. Ja pirkāt kā viesis, atsūtiet čatā pasūtījuma numuru un pilnu jauno "
                   "adresi. Pasūtījumi, kas veikti darba dienā līdz 14:00 pēc CET, tiek nosūtīti tajā pašā dienā. "
                   "Pēc nosūtīšanas varam pārvadātājam nodot tikai nelielu labojumu. Saglabāto adresi nākamajiem pasūtījumiem maina sadaļā Konta iestatījumi > Adreses. Vairāk: {link}",
                   (r"izlabot|izlabojiet|[Aa]izmirsu norādīt", "Pasūtījuma {order} piegādes adresi nomainījām, apstiprinājums būs e-pastā. Nākamajiem "
                   "pasūtījumiem atjaunojiet arī Konta iestatījumi > Adreses. Sīkāk: {link}")],
        },
    ),
    dict(
        id="customs_duties", covered_by="customs-and-import-duties", weight=3.5, trend=None,
        lang_factor={"en": 0.7, "th": 2.2, "id": 2.2, "fa": 0.6, "lv": 0.25},
        text={
            "en": [
                "Will I have to pay customs if I order to the UK?",
                "DHL wants me to pay {amount} import tax before they deliver. Is that legit?",
                "What does Duties paid mean at checkout?",
                "Why does the courier want money for my parcel? I already paid for the order.",
                "I didn't choose Duties paid, how much will the duties be roughly?",
                "got a text asking for customs fees for {track}, is it a scam?",
                "Can I refuse the parcel if I don't want to pay the import duties?",
            ],
            "th": [
                "สั่งมาไทยต้องเสียภาษีนำเข้าไหม{pq}",
                "Kerry ให้จ่ายค่าภาษี {amount} ก่อนส่งของ{p} จริงหรือเปล่า{pq}",
                "Duties paid ตอนชำระเงินคืออะไร{pq}",
                "ได้ SMS ให้จ่ายค่าธรรมเนียมศุลกากร เป็นมิจฉาชีพไหม{pq}",
                "จ่ายค่าสินค้าไปแล้ว ทำไมต้องจ่ายภาษีอีก{pq}",
                "ไม่ได้เลือก Duties paid ไว้ ภาษีจะประมาณเท่าไหร่{pq}",
                "ถ้าไม่อยากจ่ายภาษี ปฏิเสธรับพัสดุได้ไหม{pq}",
                "พัสดุติดศุลกากรมา {days} วันแล้ว{p}",
            ],
            "fa": [
                "اگر به انگلیس سفارش بدهم باید گمرکی بپردازم؟",
                "DHL برای تحویل {amount} عوارض واردات می‌خواهد. درست است؟",
                "گزینه‌ی Duties paid در صفحه‌ی پرداخت یعنی چه؟",
                "چرا پیک برای بسته پول می‌خواهد؟ من که پول سفارش را داده‌ام.",
                "پیامکی آمده که عوارض گمرکی بسته‌ی {track} را بپردازم. کلاهبرداری نیست؟",
                "اگر نخواهم عوارض گمرکی بدهم، می‌توانم بسته را تحویل نگیرم؟",
            ],
            "id": [
                "Kalau kirim ke Indonesia kena bea cukai gak kak?",
                "Ada tagihan bea masuk {amount} dari J&T, itu beneran?",
                "Duties paid pas checkout itu maksudnya apa ya?",
                "Kok kurir minta bayar lagi? Saya kan sudah bayar pesanannya",
                "dapat SMS suruh bayar pajak impor buat resi {track}, penipuan bukan?",
                "Kira-kira pajak impornya berapa kalau tidak pilih Duties paid?",
                "Paket saya tertahan di bea cukai sudah {days} hari",
                "Kalau saya tolak paketnya karena pajak, uangnya balik gak?",
            ],
            "lv": [
                "Vai, pasūtot uz Latviju, jāmaksā muita?",
                "Ko nozīmē 'Duties paid' pie apmaksas?",
                "Sūtu dāvanu uz Lielbritāniju – vai saņēmējam būs jāmaksā muitas nodoklis?",
                "Saņēmu SMS par muitas maksu sūtījumam {track}. Vai tā ir krāpšana?",
                "Kāpēc kurjers prasa samaksu, ja pasūtījums jau apmaksāts?",
                "Vai cenās ir iekļauts PVN?",
            ],
        },
        note={
            "en": ["asks whether import duties apply when ordering to {country}", "says the carrier asks {amount} in duties, wants to know if genuine",
                   "asks what Duties paid at checkout means"],
            "th": ["ถามว่าสั่งมาไทยต้องเสียภาษีนำเข้าไหม", "บริษัทขนส่งเรียกเก็บภาษี {amount} ถามว่าจริงไหม", "ถามความหมายของ Duties paid ตอนชำระเงิน"],
            "fa": ["می‌پرسد برای ارسال به {country} عوارض گمرکی دارد یا نه", "شرکت حمل {amount} عوارض خواسته و می‌پرسد واقعی است",
                   "می‌پرسد Duties paid در صفحه‌ی پرداخت یعنی چه"],
            "id": ["tanya apakah ada bea masuk untuk kiriman ke Indonesia", "kurir menagih bea {amount}, tanya apakah asli",
                   "tanya arti Duties paid di checkout"],
            "lv": ["jautā, vai sūtījumam uz Lielbritāniju būs muitas nodoklis", "saņēmis SMS par muitas maksu, jautā, vai tas ir īsts",
                   "jautā, ko nozīmē Duties paid"],
        },
        reply={
            "en": ["Inside the EU there are no import duties: our prices include VAT and nothing is due at the door. "
                   "For the UK, Thailand, Indonesia and other countries outside the EU, duties and local taxes may "
                   "apply; they're set by your country's authorities. Choose Duties paid at checkout to pay a fixed "
                   "estimate upfront, otherwise the carrier collects them. Genuine carrier messages always mention "
                   "your tracking number. Details: {link}",
                   (r"legit|scam|text|wants me to pay", "That request is genuine if it mentions your tracking number and matches the carrier's page "
                   "opened from our shipping email. Without Duties paid, the carrier collects the duties set by "
                   "your country's customs. Please contact us before refusing a parcel so we can help. More: {link}")],
            "th": ["สำหรับการจัดส่งไปไทยซึ่งอยู่นอก EU อาจมีอากรขาเข้าและภาษีท้องถิ่น{ap} อัตราขึ้นกับหน่วยงานของประเทศไทย "
                   "ไม่ใช่ Kestrel Market ถ้าเลือก Duties paid ตอนชำระเงิน จะจ่ายค่าประมาณการแบบคงที่ไปพร้อมคำสั่งซื้อ และไม่ต้อง"
                   "จ่ายอะไรตอนรับของ ถ้าไม่เลือก บริษัทขนส่งจะเรียกเก็บเอง ข้อความจริงจะมีหมายเลขติดตามพัสดุเสมอ ดู {link}",
                   (r"จริงหรือเปล่า|มิจฉาชีพ|SMS", "ข้อความนั้นเป็นของจริงหากมีหมายเลขติดตามพัสดุของคุณและตรงกับหน้าเว็บของบริษัทขนส่งที่เปิดจากอีเมลของเรา{ap} "
                   "ถ้าไม่ได้เลือก Duties paid ขนส่งจะเก็บภาษีตามที่ศุลกากรกำหนด กรุณาติดต่อเราก่อนปฏิเสธการรับพัสดุ {link}")],
            "fa": ["داخل اتحادیه‌ی اروپا عوارض واردات وجود ندارد: قیمت‌ها شامل مالیات بر ارزش افزوده است. برای انگلیس و "
                   "کشورهای خارج از اتحادیه ممکن است عوارض و مالیات محلی اعمال شود که مقامات کشور مقصد تعیین می‌کنند. "
                   "اگر در صفحه‌ی پرداخت Duties paid را انتخاب کنید، مبلغ تخمینی ثابت را همان موقع می‌پردازید؛ وگرنه "
                   "شرکت حمل آن را دریافت می‌کند. پیام‌های واقعی همیشه کد رهگیری دارند. جزئیات: {link}",
                   (r"درست است|کلاهبرداری|پیامک", "اگر پیام کد رهگیری شما را دارد و با صفحه‌ی شرکت حمل (از لینک ایمیل ما) می‌خواند، واقعی است. بدون "
                   "Duties paid، شرکت حمل عوارض تعیین‌شده‌ی گمرک را دریافت می‌کند. لطفاً پیش از امتناع از تحویل با ما "
                   "تماس بگیرید. بیشتر: {link}")],
            "id": ["Untuk pengiriman ke Indonesia (di luar UE), bisa ada bea masuk dan pajak lokal yang ditetapkan "
                   "otoritas Indonesia, bukan oleh Kestrel Market. Kalau memilih Duties paid saat checkout, Kakak "
                   "bayar estimasi tetap bersama pesanan dan tidak ada tagihan saat paket datang. Kalau tidak, "
                   "kurir yang menagih. Pesan asli dari kurir selalu menyebut nomor resi. Detail: {link}",
                   (r"beneran|penipuan|SMS", "Tagihan itu asli kalau menyebut nomor resi Kakak dan sama dengan halaman kurir yang dibuka dari "
                   "email pengiriman kami. Tanpa Duties paid, kurir menagih bea sesuai aturan bea cukai. Mohon "
                   "hubungi kami dulu sebelum menolak paket ya. Info: {link}")],
            "lv": ["ES robežās ievedmuitas nav: mūsu cenās ir iekļauts PVN, un saņemot nekas nav jāmaksā. Sūtījumiem "
                   "uz Lielbritāniju un citām valstīm ārpus ES var būt ievedmuitas nodevas un vietējie nodokļi. "
                   "Izvēloties 'Duties paid', fiksēto aprēķinu samaksājat uzreiz; citādi to iekasē pārvadātājs. "
                   "Īstās ziņās vienmēr ir izsekošanas numurs. Sīkāk: {link}",
                   (r"krāpšana|SMS", "Ja ziņā ir jūsu izsekošanas numurs un tā sakrīt ar pārvadātāja lapu, ko atverat no mūsu e-pasta, "
                   "tā ir īsta. Lūdzu, sazinieties ar mums, pirms atsakāties pieņemt sūtījumu. Vairāk: {link}")],
        },
    ),
    dict(
        id="delivery_time", covered_by="delivery-times", weight=3.0, trend=None,
        lang_factor={"th": 1.5, "id": 1.5},
        text={
            "en": [
                "How long does delivery to {country} take?",
                "If I order today, will it arrive before {weekday} next week?",
                "is express delivery worth it, how fast is it",
                "I need the {product} by Friday, is that possible?",
                "Why hasn't my order shipped yet? I ordered yesterday afternoon.",
                "What time do I have to order for same-day dispatch?",
                "Do you deliver on Saturdays?",
            ],
            "th": [
                "ส่งมาไทยใช้เวลากี่วัน{pq}",
                "ถ้าสั่งวันนี้จะได้ของภายในสัปดาห์หน้าไหม{pq}",
                "ส่งแบบ Express เร็วกว่ากี่วัน{pq}",
                "ต้องสั่งก่อนกี่โมงถึงจะส่งออกวันเดียวกัน{pq}",
                "อยากได้{product}ก่อนวันเกิดแฟนวันที่ 20 ทันไหม{pq}",
                "ทำไมออเดอร์ยังไม่ส่งออก{pq} สั่งตั้งแต่เมื่อวาน",
                "ส่งจากเนเธอร์แลนด์มาไทยนานไหม{pq}",
            ],
            "fa": [
                "ارسال به {country} چقدر طول می‌کشد؟",
                "اگر امروز سفارش بدهم، تا آخر هفته‌ی بعد می‌رسد؟",
                "ارسال اکسپرس چند روز زودتر می‌رسد؟",
                "تا چه ساعتی باید سفارش بدهم که همان روز ارسال شود؟",
                "{product} را تا جمعه لازم دارم، امکانش هست؟",
                "چرا سفارشم هنوز ارسال نشده؟ دیروز عصر خرید کردم.",
            ],
            "id": [
                "Pengiriman ke Indonesia berapa lama kak?",
                "kalau pesan hari ini kira2 nyampe kapan?",
                "Express lebih cepat berapa hari dibanding Standard?",
                "Jam berapa batas pesan supaya dikirim hari yang sama?",
                "Saya butuh {product} sebelum tanggal 20, keburu gak ya?",
                "Kenapa pesanan saya belum dikirim? Padahal pesan dari kemarin",
                "Kirim dari Belanda ke Jakarta biasanya berapa minggu?",
            ],
            "lv": [
                "Cik ilgi notiek piegāde uz Latviju?",
                "Ja pasūtīšu šodien, vai paka būs līdz piektdienai?",
                "Par cik ātrāka ir ekspress piegāde?",
                "Līdz cikiem jāpasūta, lai nosūtītu tajā pašā dienā?",
                "Man vajag {product} līdz sestdienai, vai paspēsiet?",
                "Kāpēc pasūtījums vēl nav nosūtīts? Pasūtīju vakar pēcpusdienā.",
            ],
        },
        note={
            "en": ["asks how long delivery to {country} takes", "needs the {product} by Friday, asks about express",
                   "ordered yesterday afternoon, asks why it hasn't shipped"],
            "th": ["ถามว่าส่งมาไทยใช้เวลากี่วัน", "ต้องการของก่อนวันศุกร์ ถามเรื่อง Express", "สั่งเมื่อวานบ่าย ถามว่าทำไมยังไม่ส่ง"],
            "fa": ["می‌پرسد ارسال به {country} چقدر طول می‌کشد", "{product} را تا جمعه لازم دارد و درباره‌ی اکسپرس می‌پرسد",
                   "دیروز بعدازظهر سفارش داده و می‌پرسد چرا ارسال نشده"],
            "id": ["tanya berapa lama pengiriman ke Indonesia", "butuh barang sebelum Jumat, tanya soal Express",
                   "pesan kemarin sore, tanya kenapa belum dikirim"],
            "lv": ["jautā, cik ilgi piegāde uz Latviju", "vajag preci līdz piektdienai, jautā par ekspress piegādi",
                   "pasūtīja vakar pēcpusdienā, jautā, kāpēc vēl nav nosūtīts"],
        },
        reply={
            "en": ["Orders placed before 14:00 CET on a working day ship the same day; later, at weekends or on "
                   "holidays they ship the next working day. Standard then takes 2-5 working days in the EU, 3-6 "
                   "to the UK and 7-14 to Asia; Express 1-2 working days in the EU and 3-5 elsewhere. Checkout "
                   "shows an estimated date for your exact address. More: {link}",
                   (r"shipped yet", "Your order was placed after the 14:00 CET cut-off, so it leaves our Rotterdam warehouse on the "
                   "next working day. Delivery times count from that day. Overview by destination: {link}")],
            "th": ["คำสั่งซื้อก่อน 14:00 น. (CET) ในวันทำการจะส่งออกวันเดียวกัน{ap} หลังจากนั้นหรือวันหยุดจะส่งวันทำการถัดไป "
                   "การจัดส่งแบบ Standard มาเอเชียรวมถึงไทยใช้เวลา 7-14 วันทำการ ส่วน Express 3-5 วันทำการ หน้าชำระเงินจะแสดง"
                   "วันที่คาดว่าจะได้รับสำหรับที่อยู่ของคุณ ดู {link}",
                   (r"ยังไม่ส่ง", "คำสั่งซื้อของคุณสั่งหลังเวลา 14:00 น. (CET) จึงจะออกจากคลังที่รอตเทอร์ดามในวันทำการถัดไป{ap} ระยะเวลาจัดส่ง"
                   "นับจากวันนั้น ดูตารางเวลาได้ที่ {link}")],
            "fa": ["سفارش‌هایی که در روز کاری پیش از ساعت ۱۴ به وقت اروپای مرکزی ثبت شوند، همان روز ارسال می‌شوند. ارسال "
                   "عادی در اتحادیه‌ی اروپا ۲ تا ۵ روز کاری، به انگلیس ۳ تا ۶ و به آسیا ۷ تا ۱۴ روز کاری طول می‌کشد؛ "
                   "اکسپرس در اتحادیه ۱ تا ۲ و جاهای دیگر ۳ تا ۵ روز کاری. تاریخ تخمینی را در صفحه‌ی پرداخت می‌بینید. "
                   "بیشتر: {link}",
                   (r"ارسال نشده", "سفارش شما بعد از ساعت ۱۴ ثبت شده، برای همین روز کاری بعد از انبار روتردام ارسال می‌شود و زمان "
                   "تحویل از همان روز حساب می‌شود. جدول زمان‌ها: {link}")],
            "id": ["Pesanan sebelum pukul 14:00 CET di hari kerja dikirim hari itu juga; setelahnya atau saat akhir "
                   "pekan dikirim hari kerja berikutnya. Pengiriman Standard ke Asia termasuk Indonesia 7-14 hari "
                   "kerja, Express 3-5 hari kerja. Saat checkout akan terlihat perkiraan tanggal tiba untuk alamat "
                   "Kakak. Info: {link}",
                   (r"belum dikirim", "Pesanan Kakak masuk setelah batas 14:00 CET, jadi keluar dari gudang Rotterdam pada hari kerja "
                   "berikutnya dan waktu pengiriman dihitung dari hari itu. Tabelnya: {link}")],
            "lv": ["Pasūtījumi, kas veikti darba dienā līdz 14:00 pēc CET, tiek nosūtīti tajā pašā dienā. Standarta "
                   "piegāde ES aizņem 2–5 darba dienas, ekspress – 1–2 darba dienas; uz Latviju sūtījumu parasti "
                   "piegādā Omniva pakomātā. Paredzamo datumu redzēsiet pie apmaksas. Vairāk: {link}",
                   (r"nav nosūtīts", "Jūsu pasūtījums tika veikts pēc 14:00 pēc CET, tāpēc tas atstās noliktavu Roterdamā nākamajā "
                   "darba dienā, un piegādes laiku skaita no tās. Tabula: {link}")],
        },
    ),
    dict(
        id="reset_password", covered_by="reset-password", weight=3.0, trend=None,
        text={
            "en": [
                "I forgot my password and the reset email never arrives.",
                "reset link says expired??",
                "Can't log in to my account, password doesn't work anymore.",
                "I requested a new password three times, none of the links work.",
                "How do I change my password? I'm signed in.",
                "I got a password reset email I didn't ask for. Is my account hacked?",
                "Which email is my account under? I can't reset the password with {email}.",
            ],
            "th": [
                "ลืมรหัสผ่าน{p} กดรีเซ็ตแล้วไม่มีอีเมลมาเลย",
                "ลิงก์รีเซ็ตรหัสผ่านหมดอายุ{p}",
                "เข้าสู่ระบบไม่ได้ รหัสผ่านไม่ถูกต้องตลอด",
                "ขอลิงก์ใหม่สามรอบแล้วใช้ไม่ได้สักอัน{p}",
                "เปลี่ยนรหัสผ่านยังไง{pq}",
                "ได้อีเมลรีเซ็ตรหัสผ่านทั้งที่ไม่ได้ขอ โดนแฮกหรือเปล่า{pq}",
                "อีเมล {email} ใช้รีเซ็ตไม่ได้{p} ช่วยเช็กให้หน่อย",
            ],
            "fa": [
                "رمز عبورم را فراموش کرده‌ام و ایمیل بازنشانی نمی‌آید.",
                "لینک بازنشانی رمز می‌گوید منقضی شده!",
                "نمی‌توانم وارد حسابم شوم، رمز دیگر کار نمی‌کند.",
                "سه بار رمز جدید خواستم و هیچ‌کدام از لینک‌ها کار نکرد.",
                "چطور رمز عبورم را تغییر بدهم؟",
                "ایمیل بازنشانی رمز برایم آمده که درخواستش نکرده بودم. حسابم هک شده؟",
                "با ایمیل {email} نمی‌توانم رمز را بازنشانی کنم.",
            ],
            "id": [
                "Lupa password, email reset gak masuk2",
                "link reset katanya sudah kedaluwarsa",
                "Gak bisa login ke akun, passwordnya salah terus padahal bener",
                "Sudah minta link baru 3x tapi gak ada yang bisa",
                "Cara ganti kata sandi gimana kak?",
                "Saya dapat email reset kata sandi padahal tidak minta, akun saya dibobol?",
                "Email {email} tidak bisa dipakai reset password, tolong dicek",
            ],
            "lv": [
                "Aizmirsu paroli, un atiestatīšanas e-pasts nepienāk.",
                "Atiestatīšanas saite rāda, ka ir beigusies.",
                "Nevaru pieteikties kontā, parole vairs neder.",
                "Trīs reizes prasīju jaunu paroli, neviena saite nestrādā.",
                "Kā nomainīt paroli?",
                "Saņēmu paroles atiestatīšanas e-pastu, ko neprasīju. Vai konts ir uzlauzts?",
                "Ar e-pastu {email} paroli atiestatīt neizdodas.",
            ],
        },
        note={
            "en": ["forgot the password, reset email not arriving", "says the reset link expired, asks for help signing in", "got a reset email they did not request, worried"],
            "th": ["ลืมรหัสผ่าน อีเมลรีเซ็ตไม่มา", "ลิงก์รีเซ็ตหมดอายุ ขอความช่วยเหลือในการเข้าสู่ระบบ", "ได้อีเมลรีเซ็ตที่ไม่ได้ขอ กังวลเรื่องบัญชี"],
            "fa": ["رمز را فراموش کرده و ایمیل بازنشانی نمی‌رسد", "لینک بازنشانی منقضی شده و برای ورود کمک می‌خواهد", "ایمیل بازنشانی ناخواسته گرفته و نگران است"],
            "id": ["lupa password, email reset tidak masuk", "link reset kedaluwarsa, minta bantuan login", "terima email reset yang tidak diminta, khawatir"],
            "lv": ["aizmirsis paroli, atiestatīšanas e-pasts nepienāk", "saite beigusies, lūdz palīdzību pieteikties", "saņēmis neprasītu atiestatīšanas e-pastu, uztraucas"],
        },
        reply={
            "en": ["Select Sign in > Forgot password?, enter the email address of your account and open the newest "
                   "email: the link is valid for 60 minutes and only the most recent one works. If nothing "
                   "arrives, check spam and promotions, and make sure it's the address you registered with (guest "
                   "orders have no password). To change it while signed in, go to Account settings > Security > Change password. Step by step: {link}",
                   (r"didn't ask|hacked", "If you didn't request the reset, just ignore the email: your password stays the same. If you "
                   "think someone accessed your account, reset your password right away. We never ask for your "
                   "password by email, chat or phone. More: {link}")],
            "th": ["กด เข้าสู่ระบบ > ลืมรหัสผ่าน ใส่อีเมลของบัญชี แล้วเปิดอีเมลล่าสุด{ap} ลิงก์ใช้ได้ 60 นาทีและใช้ได้เฉพาะลิงก์ล่าสุด "
                   "ถ้าไม่ได้รับ ให้ดูในโฟลเดอร์สแปมหรือโปรโมชัน และตรวจสอบว่าเป็นอีเมลที่ใช้สมัคร คำสั่งซื้อแบบไม่มีบัญชีไม่มีรหัสผ่าน "
                   "ถ้าเข้าสู่ระบบอยู่แล้ว เปลี่ยนได้ที่ การตั้งค่าบัญชี > ความปลอดภัย ดูขั้นตอนที่ {link}",
                   (r"ไม่ได้ขอ|แฮก", "ถ้าไม่ได้ขอรีเซ็ต ไม่ต้องทำอะไร{ap} รหัสผ่านจะยังเหมือนเดิม หากสงสัยว่ามีคนเข้าบัญชี ให้รีเซ็ตรหัสผ่านทันที "
                   "เราไม่เคยขอรหัสผ่านทางอีเมล แชท หรือโทรศัพท์ {link}")],
            "fa": ["روی «ورود» > «رمز عبور را فراموش کرده‌اید؟» بزنید، ایمیل حساب را وارد کنید و جدیدترین ایمیل را باز کنید؛ "
                   "لینک ۶۰ دقیقه اعتبار دارد و فقط آخرین لینک کار می‌کند. اگر چیزی نرسید، پوشه‌ی اسپم را ببینید و مطمئن "
                   "شوید همان ایمیل ثبت‌نام است. برای تغییر رمز پس از ورود به «تنظیمات حساب > امنیت» بروید. مراحل: {link}",
                   (r"درخواستش نکرده|هک", "اگر درخواست بازنشانی نداده‌اید، ایمیل را نادیده بگیرید؛ رمز شما تغییری نمی‌کند. اگر فکر می‌کنید کسی وارد "
                   "حساب‌تان شده، فوراً رمز را بازنشانی کنید. ما هرگز رمز عبور شما را نمی‌خواهیم. بیشتر: {link}")],
            "id": ["Pilih Masuk > Lupa kata sandi?, masukkan email akun, lalu buka email yang paling baru: tautannya "
                   "berlaku 60 menit dan hanya tautan terakhir yang berfungsi. Kalau tidak masuk, cek folder spam "
                   "atau promosi, dan pastikan emailnya sama dengan yang didaftarkan. Untuk ganti kata sandi saat sudah masuk, buka Pengaturan akun > Keamanan. Langkahnya: {link}",
                   (r"tidak minta|dibobol", "Kalau Kakak tidak meminta reset, abaikan saja emailnya, kata sandi tetap sama. Kalau curiga ada "
                   "yang masuk ke akun, segera atur ulang kata sandi. Kami tidak pernah meminta kata sandi. Info: {link}")],
            "lv": ["Izvēlieties Pieteikties > Aizmirsāt paroli?, ievadiet konta e-pastu un atveriet jaunāko e-pastu: "
                   "saite ir derīga 60 minūtes, un darbojas tikai pēdējā. Ja nekas nepienāk, pārbaudiet surogātpastu "
                   "un vai tā ir reģistrācijas adrese. Paroli var mainīt arī sadaļā Konta iestatījumi > Drošība. Soli pa solim: {link}",
                   (r"neprasīju|uzlauzts", "Ja atiestatīšanu neprasījāt, e-pastu vienkārši ignorējiet – parole paliek tā pati. Ja domājat, "
                   "ka kontā iekļuvis kāds cits, nekavējoties atiestatiet paroli. Mēs nekad neprasām jūsu paroli. "
                   "Vairāk: {link}")],
        },
    ),
    dict(
        id="discount_code", covered_by="price-changes-and-discount-codes", weight=2.6, trend=None,
        text={
            "en": [
                "The discount code {code} doesn't work at checkout.",
                "code {code} says invalid, it's from your newsletter",
                "I forgot to enter my discount code, can you still apply it to order {order}?",
                "The price dropped the day after I ordered. Can I get the difference back?",
                "Can I use two discount codes on one order?",
                "Why doesn't {code} work on the {product}? It's not even on sale.",
                "Does the discount code also apply to shipping?",
            ],
            "th": [
                "โค้ดส่วนลด {code} ใช้ไม่ได้{p}",
                "ใส่โค้ด {code} แล้วขึ้นว่าไม่ถูกต้อง ได้มาจากจดหมายข่าว{p}",
                "ลืมใส่โค้ดส่วนลด ขอใช้ย้อนหลังกับออเดอร์ {order} ได้ไหม{pq}",
                "สั่งไปเมื่อวาน วันนี้ราคาลด ขอเงินส่วนต่างคืนได้ไหม{pq}",
                "ใช้โค้ดส่วนลดสองอันในออเดอร์เดียวได้ไหม{pq}",
                "โค้ดลดค่าส่งด้วยหรือเปล่า{pq}",
                "ทำไมโค้ด {code} ใช้กับ{product}ไม่ได้{pq}",
            ],
            "fa": [
                "کد تخفیف {code} موقع پرداخت کار نمی‌کند.",
                "کد {code} را از خبرنامه گرفتم ولی می‌گوید نامعتبر است.",
                "یادم رفت کد تخفیف را وارد کنم. می‌شود روی سفارش {order} اعمالش کنید؟",
                "یک روز بعد از خریدم قیمت پایین آمد. مابه‌التفاوت را پس می‌دهید؟",
                "می‌شود دو کد تخفیف را با هم استفاده کرد؟",
                "کد تخفیف شامل هزینه‌ی ارسال هم می‌شود؟",
                "چرا کد {code} برای {product} کار نمی‌کند؟",
            ],
            "id": [
                "Kode diskon {code} gak bisa dipakai kak",
                "kode {code} katanya invalid, padahal dari newsletter",
                "Saya lupa masukin kode diskon, bisa dipakai buat pesanan {order}?",
                "Harganya turun sehari setelah saya beli, selisihnya bisa dikembalikan?",
                "Bisa pakai dua kode promo sekaligus gak?",
                "Kode diskonnya berlaku untuk ongkir juga?",
                "Kenapa {code} gak bisa buat {product}? Itu bukan barang sale",
            ],
            "lv": [
                "Atlaižu kods {code} pie apmaksas nedarbojas.",
                "Kods {code} ir no jaunumu vēstules, bet rāda, ka nav derīgs.",
                "Aizmirsu ievadīt atlaižu kodu. Vai varat to piemērot pasūtījumam {order}?",
                "Dienu pēc pirkuma cena samazinājās. Vai atmaksāsiet starpību?",
                "Vai vienam pasūtījumam var izmantot divus kodus?",
                "Vai atlaide attiecas arī uz piegādi?",
            ],
        },
        note={
            "en": ["says code {code} is rejected at checkout", "forgot to enter {code}, wants it applied to {order}", "says the price dropped after ordering, asks for the difference"],
            "th": ["แจ้งว่าโค้ด {code} ใช้ไม่ได้ตอนชำระเงิน", "ลืมใส่โค้ด {code} ขอใช้กับออเดอร์ {order}", "ราคาลดหลังสั่งซื้อ ขอเงินส่วนต่าง"],
            "fa": ["می‌گوید کد {code} پذیرفته نمی‌شود", "کد {code} را وارد نکرده و می‌خواهد روی {order} اعمال شود", "قیمت بعد از خرید پایین آمده و مابه‌التفاوت می‌خواهد"],
            "id": ["bilang kode {code} ditolak saat checkout", "lupa masukkan {code}, minta diterapkan ke {order}", "harga turun setelah pesan, minta selisih"],
            "lv": ["saka, ka kods {code} netiek pieņemts", "aizmirsa ievadīt {code}, lūdz piemērot pasūtījumam {order}", "cena samazinājās pēc pirkuma, lūdz starpību"],
        },
        reply={
            "en": ["A code must be entered before you pay: in the Discount code field at checkout, then Apply, and "
                   "check the discount shows in the summary. The usual reasons it fails: it has expired, the "
                   "minimum order value isn't reached, the item is excluded (for example already on sale), "
                   "another code is applied (one per order) or a typing mistake. Codes don't apply to shipping. "
                   "More: {link}",
                   (r"[Ff]orgot|dropped|difference", "We can't add a code or refund a price difference after an order is placed. If {order} hasn't "
                   "been dispatched yet, you can cancel it and order again with the code or at the new price; if it "
                   "has, you can return unused items within 30 days and buy them again. Details: {link}")],
            "th": ["ต้องใส่โค้ดก่อนชำระเงิน{ap} ที่ช่อง Discount code ตอนชำระเงิน กด Apply แล้วตรวจสอบว่าส่วนลดขึ้นในสรุปคำสั่งซื้อ "
                   "สาเหตุที่ใช้ไม่ได้บ่อยๆ คือ โค้ดหมดอายุ ยอดไม่ถึงขั้นต่ำ สินค้าไม่ร่วมรายการ ใช้โค้ดอื่นอยู่แล้ว (ใช้ได้หนึ่งโค้ดต่อ"
                   "คำสั่งซื้อ) หรือพิมพ์ผิด โค้ดไม่ลดค่าส่ง ดู {link}",
                   (r"ลืมใส่|ส่วนต่าง|ราคาลด", "เราไม่สามารถใส่โค้ดหรือคืนส่วนต่างราคาหลังสั่งซื้อแล้วได้{ap} ถ้า {order} ยังไม่จัดส่ง ยกเลิกแล้วสั่งใหม่ได้ ถ้าส่งแล้ว"
                   "คืนสินค้าที่ยังไม่ใช้ได้ภายใน 30 วันแล้วสั่งใหม่ {link}")],
            "fa": ["کد تخفیف باید پیش از پرداخت وارد شود: در فیلد Discount code، سپس Apply، و ببینید تخفیف در خلاصه‌ی سفارش "
                   "آمده یا نه. دلایل رایج: کد منقضی شده، به حداقل مبلغ نرسیده‌اید، کالا مشمول نیست، کد دیگری اعمال شده "
                   "(هر سفارش فقط یک کد) یا اشتباه تایپی. کد شامل هزینه‌ی ارسال نمی‌شود. بیشتر: {link}",
                   (r"یادم رفت|مابه‌التفاوت|قیمت پایین", "بعد از ثبت سفارش نمی‌توانیم کد اضافه کنیم یا مابه‌التفاوت قیمت را برگردانیم. اگر {order} هنوز ارسال "
                   "نشده، می‌توانید لغوش کنید و دوباره سفارش دهید؛ اگر ارسال شده، کالای استفاده‌نشده را ظرف ۳۰ روز "
                   "مرجوع کنید و دوباره بخرید. جزئیات: {link}")],
            "id": ["Kode harus dimasukkan sebelum bayar: di kolom Discount code saat checkout, pilih Apply, lalu cek "
                   "diskonnya muncul di ringkasan. Penyebab umum gagal: kode kedaluwarsa, minimum belanja belum "
                   "tercapai, barang dikecualikan, sudah ada kode lain (satu kode per pesanan) atau salah ketik. "
                   "Kode tidak berlaku untuk ongkir. Info: {link}",
                   (r"[Ll]upa|selisih|turun", "Kode atau selisih harga tidak bisa kami tambahkan setelah pesanan dibuat. Kalau {order} belum "
                   "dikirim, Kakak bisa batalkan lalu pesan ulang; kalau sudah, barang yang belum dipakai bisa diretur "
                   "dalam 30 hari lalu dibeli lagi. Detail: {link}")],
            "lv": ["Kods jāievada pirms apmaksas: laukā Discount code, tad Apply, un pārbaudiet, vai atlaide redzama "
                   "kopsavilkumā. Biežākie iemesli: kodam beidzies termiņš, nav sasniegta minimālā summa, prece nav "
                   "iekļauta akcijā, jau izmantots cits kods (viens kods pasūtījumam) vai drukas kļūda. Atlaide "
                   "neattiecas uz piegādi. Vairāk: {link}",
                   (r"[Aa]izmirsu|starpību|samazinājās", "Pēc pasūtījuma veikšanas kodu pievienot vai cenu starpību atmaksāt nevaram. Ja {order} vēl nav "
                   "nosūtīts, varat to atcelt un pasūtīt no jauna; ja ir nosūtīts, nelietotas preces varat atgriezt "
                   "30 dienu laikā un nopirkt vēlreiz. Sīkāk: {link}")],
        },
    ),
    dict(
        id="shipping_costs", covered_by="shipping-costs", weight=2.3, trend=None,
        text={
            "en": [
                "How much is shipping to {country}?",
                "Is shipping free? My basket is {amount}.",
                "Why do I pay shipping when my order is over 50 euros?",
                "how much is express",
                "Do you charge a handling fee on top of shipping?",
                "Is free shipping also valid for express?",
            ],
            "th": [
                "ค่าส่งมาไทยเท่าไหร่{pq}",
                "สั่งครบเท่าไหร่ถึงส่งฟรี{pq}",
                "ส่งแบบ Express มาไทยราคาเท่าไหร่{pq}",
                "ทำไมค่าส่งแพงจัง{p}",
                "มีค่าธรรมเนียมอื่นนอกจากค่าส่งไหม{pq}",
                "สั่งเยอะแล้วยังต้องจ่ายค่าส่งอยู่หรอ{pq}",
            ],
            "fa": [
                "هزینه‌ی ارسال به {country} چقدر است؟",
                "ارسال رایگان است؟ سبد خریدم {amount} است.",
                "سفارشم بالای ۵۰ یورو است، چرا هزینه‌ی ارسال حساب شده؟",
                "ارسال اکسپرس چقدر هزینه دارد؟",
                "غیر از هزینه‌ی ارسال، هزینه‌ی دیگری هم دریافت می‌کنید؟",
                "ارسال رایگان شامل اکسپرس هم می‌شود؟",
            ],
            "id": [
                "Ongkir ke Indonesia berapa kak?",
                "Ada gratis ongkir gak?",
                "Express ke Indonesia berapa ongkosnya?",
                "kok ongkirnya mahal banget ya",
                "Selain ongkir ada biaya penanganan lain tidak?",
                "Belanja banyak tetap bayar ongkir?",
            ],
            "lv": [
                "Cik maksā piegāde uz Latviju?",
                "Vai piegāde ir bez maksas? Grozā ir preces par {amount}.",
                "Kāpēc jāmaksā par piegādi, ja pasūtījums ir virs 50 eiro?",
                "Cik maksā ekspress piegāde?",
                "Vai bez piegādes maksas ir vēl kādas papildu maksas?",
                "Vai bezmaksas piegāde attiecas arī uz ekspresi?",
            ],
        },
        note={
            "en": ["asks the shipping cost to {country}", "asks why shipping is charged on an order over 50 EUR", "asks the price of express"],
            "th": ["ถามค่าส่งมาไทย", "ถามเรื่องส่งฟรี", "ถามราคาส่งแบบ Express"],
            "fa": ["هزینه‌ی ارسال به {country} را می‌پرسد", "می‌پرسد چرا برای سفارش بالای ۵۰ یورو هزینه‌ی ارسال گرفته شده", "قیمت اکسپرس را می‌پرسد"],
            "id": ["tanya ongkir ke Indonesia", "tanya apakah ada gratis ongkir", "tanya biaya Express"],
            "lv": ["jautā piegādes cenu uz Latviju", "jautā, kāpēc jāmaksā par piegādi pasūtījumam virs 50 EUR", "jautā ekspress piegādes cenu"],
        },
        reply={
            "en": ["Standard shipping is 4.95 EUR in the EU and free on orders over 50 EUR; Express in the EU is "
                   "12.95 EUR. To the UK it's 9.95 EUR standard or 29.95 EUR express, and to Asia and the rest of "
                   "the world 14.95 EUR or 29.95 EUR. Free shipping covers standard EU delivery only, and there's "
                   "no handling fee or card surcharge. All rates: {link}",
                   "Free shipping applies to standard delivery within the EU on orders over 50 EUR; express and "
                   "deliveries outside the EU always have a shipping cost. You see the exact amount at checkout "
                   "before you pay. Details: {link}"],
            "th": ["ค่าส่งมาเอเชียรวมถึงไทยคือ 14.95 EUR แบบ Standard และ 29.95 EUR แบบ Express{ap} ส่งฟรีมีเฉพาะแบบ Standard "
                   "ภายใน EU สำหรับยอดเกิน 50 EUR เราไม่มีค่าธรรมเนียมดำเนินการหรือค่าธรรมเนียมบัตร ค่าส่งจะแสดงเป็นสกุลเงินของคุณ"
                   "ตอนชำระเงิน ดูอัตราทั้งหมดที่ {link}",
                   "การส่งฟรีใช้ได้กับการจัดส่งแบบ Standard ภายใน EU ที่ยอดเกิน 50 EUR เท่านั้น{ap} การส่งไปไทยจึงมีค่าส่งเสมอ "
                   "คุณจะเห็นยอดที่แน่นอนก่อนชำระเงิน {link}"],
            "fa": ["ارسال عادی در اتحادیه‌ی اروپا ۴٫۹۵ یورو است و برای سفارش‌های بالای ۵۰ یورو رایگان؛ اکسپرس در اتحادیه "
                   "۱۲٫۹۵ یورو. به انگلیس ۹٫۹۵ یورو عادی یا ۲۹٫۹۵ یورو اکسپرس است. ارسال رایگان فقط شامل ارسال عادی داخل "
                   "اتحادیه است و هزینه‌ی جابه‌جایی یا کارمزد کارت نداریم. همه‌ی نرخ‌ها: {link}",
                   "ارسال رایگان فقط برای ارسال عادی داخل اتحادیه‌ی اروپا و سفارش‌های بالای ۵۰ یورو است؛ اکسپرس و ارسال "
                   "به خارج از اتحادیه همیشه هزینه دارد. مبلغ دقیق را پیش از پرداخت می‌بینید. جزئیات: {link}"],
            "id": ["Ongkir ke Asia termasuk Indonesia 14,95 EUR untuk Standard dan 29,95 EUR untuk Express. Gratis "
                   "ongkir hanya untuk pengiriman Standard di dalam UE dengan pesanan di atas 50 EUR. Tidak ada "
                   "biaya penanganan atau biaya kartu, dan ongkir ditampilkan dalam mata uang Kakak saat checkout. "
                   "Tarif lengkap: {link}",
                   "Gratis ongkir hanya berlaku untuk Standard di dalam UE di atas 50 EUR, jadi pengiriman ke "
                   "Indonesia selalu ada ongkirnya. Jumlah pastinya terlihat sebelum bayar. Info: {link}"],
            "lv": ["Standarta piegāde ES maksā 4,95 EUR un ir bez maksas pasūtījumiem virs 50 EUR; ekspress "
                   "piegāde ES – 12,95 EUR. Bezmaksas piegāde attiecas tikai uz standarta piegādi ES, un "
                   "apstrādes vai kartes maksu mēs nepiemērojam. Visi tarifi: {link}",
                   "Bezmaksas piegāde ir tikai standarta piegādei ES pasūtījumiem virs 50 EUR; ekspress piegāde "
                   "vienmēr maksā 12,95 EUR. Precīzo summu redzēsiet pirms apmaksas. Sīkāk: {link}"],
        },
    ),
    dict(
        id="wrong_or_missing", covered_by="wrong-or-missing-item", weight=2.2, trend=None,
        text={
            "en": [
                "I received the wrong item. I ordered a {product} and got something else.",
                "One item is missing from my order {order}.",
                "got the right product but the wrong size ({size} instead of what I ordered)",
                "Only half my order arrived. Is there a second parcel?",
                "The parcel had someone else's order in it.",
                "The {product} is missing from the box, everything else is there.",
            ],
            "th": [
                "ได้รับของผิด{p} สั่ง{product}แต่ได้อย่างอื่นมา",
                "ของในออเดอร์ {order} ขาดไปหนึ่งชิ้น{p}",
                "ได้ไซซ์ผิด สั่งไซซ์อื่นแต่ได้ {size} มา{p}",
                "ได้ของมาแค่ครึ่งเดียว มีกล่องที่สองไหม{pq}",
                "ในกล่องเป็นของของคนอื่น{p}",
                "{product}ไม่อยู่ในกล่อง ของอย่างอื่นมาครบ{p}",
            ],
            "fa": [
                "کالای اشتباه برایم آمده. {product} سفارش داده بودم ولی چیز دیگری رسید.",
                "یک قلم از سفارش {order} کم است.",
                "سایز اشتباه فرستاده‌اید؛ به‌جای سایزی که خواسته بودم {size} آمده.",
                "فقط نیمی از سفارشم رسیده. بسته‌ی دومی در راه است؟",
                "داخل بسته سفارش یک نفر دیگر بود!",
                "{product} در جعبه نیست، بقیه‌ی اقلام هست.",
            ],
            "id": [
                "Barang yang datang salah kak, saya pesan {product} tapi yang dikirim lain",
                "Ada 1 barang yang kurang di pesanan {order}",
                "ukurannya salah, yang datang {size} padahal saya pesan beda",
                "Cuma setengah pesanan yang sampai, ada paket kedua?",
                "Isi paketnya pesanan orang lain",
                "{product} gak ada di dalam kardus, yang lain lengkap",
            ],
            "lv": [
                "Saņēmu nepareizu preci – pasūtīju {product_acc}, bet atnāca kas cits.",
                "Pasūtījumā {order} trūkst vienas preces.",
                "Atsūtīts nepareizs izmērs: {size}, bet es pasūtīju citu.",
                "Atnāca tikai puse pasūtījuma. Vai būs vēl viena paka?",
                "Pakā bija kāda cita pasūtījums.",
                "Kastē nav vienas preces, pārējais ir.",
            ],
        },
        note={
            "en": ["received the wrong item in {order}", "says one item is missing from {order}, asks about a second parcel", "says the wrong size was delivered"],
            "th": ["ได้รับสินค้าผิดในออเดอร์ {order}", "ของขาดหนึ่งชิ้นในออเดอร์ {order} ถามว่ามีพัสดุกล่องที่สองไหม", "ได้รับไซซ์ผิด"],
            "fa": ["در سفارش {order} کالای اشتباه دریافت کرده", "یک قلم از {order} کم است و درباره‌ی بسته‌ی دوم می‌پرسد", "سایز اشتباه رسیده"],
            "id": ["terima barang salah di {order}", "satu barang kurang di {order}, tanya paket kedua", "ukuran yang dikirim salah"],
            "lv": ["saņēmis nepareizu preci pasūtījumā {order}", "pasūtījumā {order} trūkst preces, jautā par otru paku", "atsūtīts nepareizs izmērs"],
        },
        reply={
            "en": ["Sorry about that! Please report it within 14 days of delivery in My orders (open the order > "
                   "Report a problem) with a photo of what you received showing its label, and a photo of the "
                   "packaging with the shipping label. We'll send the right item or refund it, with a free return "
                   "label for the wrong one. Larger orders sometimes come in two parcels, so check your shipping "
                   "email too. Details: {link}",
                   (r"missing|[Hh]alf", "Thanks for letting us know about {order}. We're sending the missing item at no cost (or a "
                   "refund including the original shipping if you prefer). More: {link}")],
            "th": ["ขออภัย{ap} กรุณาแจ้งภายใน 14 วันนับจากวันที่ได้รับที่ คำสั่งซื้อของฉัน (เปิดคำสั่งซื้อ > Report a problem) พร้อมรูป"
                   "สินค้าที่ได้รับซึ่งเห็นฉลากหรือบาร์โค้ด และรูปบรรจุภัณฑ์พร้อมฉลากจัดส่ง เราจะส่งสินค้าที่ถูกต้องหรือคืนเงิน พร้อม"
                   "ฉลากส่งคืนฟรี คำสั่งซื้อใหญ่บางครั้งแยกเป็นสองกล่อง ดู {link}",
                   (r"ขาด|ครึ่ง|ไม่อยู่ในกล่อง", "ขอบคุณที่แจ้ง{ap} เราจะส่งสินค้าที่ขาดสำหรับ {order} ให้โดยไม่มีค่าใช้จ่าย หรือคืนเงินพร้อมค่าส่งเดิมหากต้องการ {link}")],
            "fa": ["بابت این اشتباه عذر می‌خواهیم. لطفاً ظرف ۱۴ روز پس از تحویل در «سفارش‌های من» (باز کردن سفارش > "
                   "Report a problem) گزارش دهید و عکس کالای دریافتی با برچسب آن و عکس بسته‌بندی با برچسب ارسال را "
                   "بفرستید. کالای درست را می‌فرستیم یا مبلغ را برمی‌گردانیم و برچسب مرجوعی رایگان هم می‌دهیم. "
                   "سفارش‌های بزرگ گاهی در دو بسته می‌آیند. جزئیات: {link}",
                   (r"کم است|نیمی|در جعبه نیست", "ممنون که خبر دادید. کالای جاافتاده‌ی سفارش {order} را بدون هزینه می‌فرستیم، یا اگر ترجیح می‌دهید "
                   "مبلغ را با هزینه‌ی ارسال برمی‌گردانیم. بیشتر: {link}")],
            "id": ["Mohon maaf kak! Laporkan dalam 14 hari sejak diterima di Pesanan Saya (buka pesanan > Report a "
                   "problem) dengan foto barang yang diterima beserta label atau barcode-nya, dan foto kemasan "
                   "dengan label pengiriman. Kami kirim barang yang benar atau refund, plus label retur gratis. "
                   "Pesanan besar kadang dikirim dalam dua paket. Detail: {link}",
                   (r"kurang|[Ss]etengah|gak ada di dalam", "Terima kasih infonya. Barang yang kurang di {order} kami kirim tanpa biaya, atau refund termasuk "
                   "ongkir awal kalau Kakak lebih suka. Info: {link}")],
            "lv": ["Atvainojamies! Lūdzu, ziņojiet 14 dienu laikā pēc piegādes sadaļā Mani pasūtījumi (atveriet "
                   "pasūtījumu > Report a problem) ar saņemtās preces foto, kurā redzama etiķete, un iepakojuma "
                   "foto ar piegādes uzlīmi. Atsūtīsim pareizo preci vai atmaksāsim, kā arī bezmaksas atgriešanas "
                   "uzlīmi. Lielāki pasūtījumi dažreiz pienāk divās pakās. Sīkāk: {link}",
                   (r"trūkst|puse|Kastē nav", "Paldies, ka pateicāt! Trūkstošo preci no pasūtījuma {order} nosūtīsim bez maksas vai, ja "
                   "vēlaties, atmaksāsim to kopā ar sākotnējo piegādes maksu. Vairāk: {link}")],
        },
    ),
    dict(
        id="exchange_item", covered_by="exchange-an-item", weight=1.8, trend=None, products=["clothes"],
        text={
            "en": [
                "Can I exchange my {product} for a bigger size?",
                "I want the same {product} in another colour, how do I swap it?",
                "how do exchanges work",
                "Can you send me a new one in size {size} instead of a refund?",
                "The {product} is too small, can I just swap it for the next size up?",
                "Do I have to pay shipping again for an exchange?",
            ],
            "th": [
                "ขอเปลี่ยน{product}เป็นไซซ์ใหญ่ขึ้นได้ไหม{pq}",
                "อยากเปลี่ยนสี{product} ต้องทำยังไง{pq}",
                "เปลี่ยนไซซ์ได้ไหม{pq} ไม่อยากได้เงินคืน อยากได้ไซซ์ {size}",
                "{product}เล็กไป ขอแลกไซซ์ได้ไหม{pq}",
                "การเปลี่ยนสินค้าต้องเสียค่าส่งใหม่ไหม{pq}",
                "มีบริการเปลี่ยนสินค้าไหม{pq}",
            ],
            "fa": [
                "می‌توانم {product} را با یک سایز بزرگ‌تر عوض کنم؟",
                "همین {product} را با رنگ دیگر می‌خواهم. چطور تعویض کنم؟",
                "تعویض کالا چطور انجام می‌شود؟",
                "به‌جای بازپرداخت، سایز {size} را برایم بفرستید؟",
                "{product} کوچک است، می‌شود یک سایز بزرگ‌تر بگیرم؟",
                "برای تعویض باید دوباره هزینه‌ی ارسال بدهم؟",
            ],
            "id": [
                "Bisa tukar {product} ke ukuran yang lebih besar?",
                "Mau ganti warna {product}, caranya gimana?",
                "tukar size bisa gak kak",
                "Daripada refund, bisa kirimkan ukuran {size} aja?",
                "{product} nya kekecilan, boleh tukar satu ukuran di atasnya?",
                "Kalau tukar barang bayar ongkir lagi?",
            ],
            "lv": [
                "Vai varu apmainīt {product_acc} pret lielāku izmēru?",
                "Gribu to pašu preci citā krāsā. Kā apmainīt?",
                "Kā notiek preču apmaiņa?",
                "Vai atmaksas vietā varat atsūtīt izmēru {size}?",
                "Par mazu – vai var samainīt pret nākamo izmēru?",
                "Vai par apmaiņu atkal jāmaksā piegāde?",
            ],
        },
        note={
            "en": ["wants to exchange the {product} for a bigger size", "asks for size {size} instead of a refund", "asks how exchanges work"],
            "th": ["ต้องการเปลี่ยน{product}เป็นไซซ์ใหญ่ขึ้น", "ขอไซซ์ {size} แทนการคืนเงิน", "ถามวิธีเปลี่ยนสินค้า"],
            "fa": ["می‌خواهد {product} را با سایز بزرگ‌تر عوض کند", "به‌جای بازپرداخت سایز {size} می‌خواهد", "می‌پرسد تعویض چطور انجام می‌شود"],
            "id": ["mau tukar {product} ke ukuran lebih besar", "minta ukuran {size} sebagai ganti refund", "tanya cara tukar barang"],
            "lv": ["grib apmainīt preci pret lielāku izmēru", "lūdz izmēru {size} atmaksas vietā", "jautā, kā notiek apmaiņa"],
        },
        reply={
            "en": ["We don't swap items directly, but it's quick: place a new order for the size or colour you want "
                   "(it ships straight away), and return the original within 30 days, unused with the tags on, "
                   "from My orders > Return items. We refund it within 3 working days after it reaches our "
                   "warehouse; returns within the EU are free. Steps: {link}",
                   "For a different size, the fastest way is a new order plus a return of the {product} for a "
                   "refund, so you don't wait for the return to reach us first. How it works: {link}"],
            "th": ["เราไม่มีการสลับสินค้าโดยตรง{ap} แต่ทำได้ง่าย สั่งซื้อใหม่ในไซซ์หรือสีที่ต้องการ (จัดส่งทันที) แล้วส่งคืนชิ้นเดิม"
                   "ภายใน 30 วัน ยังไม่ใช้และติดป้าย ผ่าน คำสั่งซื้อของฉัน > Return items เราคืนเงินภายใน 3 วันทำการหลังของถึงคลัง "
                   "ดูขั้นตอนที่ {link}",
                   "ถ้าต้องการไซซ์อื่น วิธีที่เร็วที่สุดคือสั่งใหม่และคืน{product}เพื่อรับเงินคืน{ap} จะได้ไม่ต้องรอพัสดุคืนถึงเราก่อน {link}"],
            "fa": ["ما کالا را مستقیم تعویض نمی‌کنیم، ولی کار ساده است: سایز یا رنگ مورد نظر را دوباره سفارش دهید (فوراً ارسال "
                   "می‌شود) و کالای اول را ظرف ۳۰ روز، استفاده‌نشده و با برچسب، از «سفارش‌های من» > Return items مرجوع کنید. "
                   "ظرف ۳ روز کاری پس از رسیدن به انبار مبلغ را برمی‌گردانیم. مراحل: {link}",
                   "برای سایز دیگر، سریع‌ترین راه سفارش جدید و مرجوع کردن {product} است تا منتظر رسیدن مرجوعی نمانید. "
                   "توضیحات: {link}"],
            "id": ["Kami tidak melakukan tukar langsung, tapi caranya mudah: buat pesanan baru untuk ukuran atau warna "
                   "yang diinginkan (langsung dikirim), lalu retur barang lama dalam 30 hari, belum dipakai dan "
                   "labelnya masih ada, lewat Pesanan Saya > Return items. Refund kami proses dalam 3 hari kerja "
                   "setelah barang sampai di gudang. Langkahnya: {link}",
                   "Untuk ganti ukuran, cara tercepat adalah pesan baru lalu retur {product} untuk refund, jadi tidak "
                   "perlu menunggu retur sampai dulu. Caranya: {link}"],
            "lv": ["Preces tieši nemainām, bet tas ir ātri: pasūtiet vajadzīgo izmēru vai krāsu (to nosūtīsim uzreiz) "
                   "un atgrieziet sākotnējo preci 30 dienu laikā, nelietotu un ar etiķetēm, sadaļā Mani pasūtījumi > "
                   "Return items. Atmaksu veiksim 3 darba dienu laikā pēc tās saņemšanas noliktavā. Soļi: {link}",
                   "Citam izmēram ātrākais ceļš ir jauns pasūtījums un atgriešana ar atmaksu – tā nav jāgaida, kamēr "
                   "atgrieztā prece pienāk pie mums. Kā tas notiek: {link}"],
        },
    ),
    dict(
        id="failed_delivery", covered_by="failed-delivery", weight=1.5, trend=None,
        text={
            "en": [
                "The courier came when I wasn't home. What happens now?",
                "Tracking says delivery attempted but nobody rang the bell!",
                "I missed my parcel, can it be delivered again tomorrow?",
                "My parcel is going back to you, can you send it again?",
                "There's a notice card from {carrier}, where do I pick it up?",
                "Locker code expired before I could collect the parcel.",
            ],
            "th": [
                "คนส่งของมาตอนไม่อยู่บ้าน ต้องทำยังไงต่อ{pq}",
                "สถานะขึ้นว่าจัดส่งไม่สำเร็จ แต่ไม่มีใครมาเลย{p}",
                "พลาดรับพัสดุ ให้มาส่งใหม่พรุ่งนี้ได้ไหม{pq}",
                "พัสดุกำลังถูกตีกลับ ส่งใหม่ให้ได้ไหม{pq}",
                "Kerry โทรมาแต่ไม่ได้รับสาย ตอนนี้พัสดุอยู่ไหน{pq}",
                "ได้ใบแจ้งรับพัสดุ ต้องไปรับที่ไหน{pq}",
            ],
            "fa": [
                "پیک وقتی خانه نبودم آمده. حالا چه می‌شود؟",
                "در رهگیری نوشته «تلاش برای تحویل» ولی کسی زنگ نزد!",
                "بسته را از دست دادم، می‌شود فردا دوباره بیاورند؟",
                "بسته دارد به انبار شما برمی‌گردد. دوباره می‌فرستید؟",
                "کارت اطلاعیه‌ی {carrier} را گذاشته‌اند، بسته را از کجا بگیرم؟",
                "کد لاکر قبل از اینکه بسته را بردارم منقضی شد.",
            ],
            "id": [
                "Kurir datang pas saya gak di rumah, terus gimana?",
                "Status gagal diantar padahal gak ada kurir yang datang",
                "Bisa diantar ulang besok gak kak?",
                "Paket saya mau dikembalikan ke gudang, bisa dikirim ulang?",
                "J&T nelpon tapi saya gak angkat, paketnya sekarang dimana?",
                "Ada kertas pemberitahuan dari kurir, ambil paketnya dimana ya?",
            ],
            "lv": [
                "Kurjers atbrauca, kad nebiju mājās. Kas notiks tagad?",
                "Rakstīts 'Piegādes mēģinājums', bet neviens nezvanīja!",
                "Pakomāta kods beidzās, pirms paspēju izņemt paku.",
                "Paka tiek sūtīta atpakaļ pie jums. Vai varat nosūtīt vēlreiz?",
                "Vai var lūgt piegādāt atkārtoti rīt?",
                "Saņēmu paziņojumu no {carrier}, kur jāizņem sūtījums?",
            ],
        },
        note={
            "en": ["missed the courier, asks about redelivery", "says tracking shows delivery attempted but nobody came", "says the parcel is going back to the warehouse, wants it resent"],
            "th": ["ไม่อยู่ตอนขนส่งมาส่ง ถามเรื่องการส่งใหม่", "แจ้งว่าสถานะจัดส่งไม่สำเร็จแต่ไม่มีคนมา", "พัสดุถูกตีกลับ ต้องการให้ส่งใหม่"],
            "fa": ["پیک را از دست داده و درباره‌ی تحویل دوباره می‌پرسد", "می‌گوید تلاش برای تحویل ثبت شده ولی کسی نیامده", "بسته به انبار برمی‌گردد و می‌خواهد دوباره ارسال شود"],
            "id": ["tidak ada di rumah saat kurir datang, tanya antar ulang", "bilang status gagal diantar padahal tidak ada yang datang", "paket kembali ke gudang, minta dikirim ulang"],
            "lv": ["nokavējis kurjeru, jautā par atkārtotu piegādi", "saka, ka rāda piegādes mēģinājumu, bet neviens nebija", "pakomāta termiņš beidzies, lūdz nosūtīt vēlreiz"],
        },
        reply={
            "en": ["Most carriers try again on the next working day or keep the parcel for you to collect for a "
                   "limited time; the notice card or text message tells you where it is and how to arrange a new "
                   "delivery. Parcels that can't be delivered go back to our warehouse in Rotterdam, and we email "
                   "you so you can choose to have it sent again or refunded. Details: {link}",
                   "When the parcel for {order} is back in Rotterdam we'll email you, and you can choose a new "
                   "delivery or a refund. What to do after a missed delivery: {link}"],
            "th": ["บริษัทขนส่งส่วนใหญ่จะนำส่งใหม่ในวันทำการถัดไป หรือเก็บพัสดุไว้ให้ไปรับในระยะเวลาจำกัด{ap} ใบแจ้งหรือ SMS จะบอก"
                   "ว่าพัสดุอยู่ที่ไหนและนัดส่งใหม่อย่างไร พัสดุที่ส่งไม่สำเร็จจะกลับมาที่คลังในรอตเทอร์ดาม และเราจะส่งอีเมลให้เลือก"
                   "ส่งใหม่หรือคืนเงิน ดู {link}",
                   "เมื่อพัสดุของ {order} กลับมาถึงรอตเทอร์ดาม เราจะส่งอีเมลแจ้ง{ap} คุณเลือกได้ว่าจะให้ส่งใหม่หรือคืนเงิน {link}"],
            "fa": ["بیشتر شرکت‌های حمل روز کاری بعد دوباره مراجعه می‌کنند یا بسته را مدتی برای تحویل حضوری نگه می‌دارند؛ "
                   "اطلاعیه یا پیامک به شما می‌گوید بسته کجاست و چطور تحویل دوباره را هماهنگ کنید. بسته‌هایی که تحویل "
                   "نشوند به انبار ما در روتردام برمی‌گردند و با ایمیل از شما می‌پرسیم دوباره ارسال شود یا بازپرداخت. "
                   "جزئیات: {link}",
                   "وقتی بسته‌ی سفارش {order} به روتردام برگردد، ایمیل می‌زنیم و می‌توانید ارسال دوباره یا بازپرداخت را "
                   "انتخاب کنید. راهنما: {link}"],
            "id": ["Umumnya kurir mencoba lagi di hari kerja berikutnya atau menyimpan paket untuk diambil dalam "
                   "waktu terbatas; kartu pemberitahuan atau SMS menjelaskan posisi paket dan cara mengatur "
                   "pengantaran ulang. Paket yang gagal diantar kembali ke gudang kami di Rotterdam, lalu kami "
                   "email Kakak untuk memilih kirim ulang atau refund. Detail: {link}",
                   "Begitu paket {order} kembali ke Rotterdam kami kirim email, lalu Kakak bisa pilih dikirim ulang "
                   "atau refund. Panduannya: {link}"],
            "lv": ["Parasti pārvadātājs mēģina vēlreiz nākamajā darba dienā vai glabā sūtījumu ierobežotu laiku; Omniva "
                   "pakomātos kods pienāk SMS vai e-pastā. Paziņojumā redzams, kur sūtījums ir un kā vienoties par "
                   "jaunu piegādi. Nepiegādāti sūtījumi atgriežas mūsu noliktavā Roterdamā, un mēs jums rakstīsim, "
                   "lai izvēlētos atkārtotu nosūtīšanu vai atmaksu. Sīkāk: {link}",
                   "Kad pasūtījuma {order} paka būs atpakaļ Roterdamā, rakstīsim jums, un varēsiet izvēlēties "
                   "atkārtotu piegādi vai atmaksu. Kā rīkoties: {link}"],
        },
    ),
    dict(
        id="pay_in_instalments", covered_by="pay-in-instalments", weight=1.0, trend=None,
        lang_factor={"th": 0.2, "id": 0.2, "lv": 1.3},
        text={
            "en": [
                "Can I pay in instalments?",
                "Do you have Klarna?",
                "Klarna declined my purchase, why?",
                "I returned an item I paid with Klarna pay in 3, what happens to my payments?",
                "Does paying in 3 cost extra?",
                "why can't i choose Klarna for delivery to the UK",
            ],
            "th": [
                "ผ่อนชำระได้ไหม{pq}",
                "มี Klarna ไหม{pq} ส่งมาไทย",
                "แบ่งจ่ายสามงวดได้หรือเปล่า{pq}",
                "ทำไมไม่มีตัวเลือกผ่อนชำระตอนสั่งมาไทย{pq}",
                "จ่ายเป็นงวดได้ไหม{pq} ราคาค่อนข้างสูง",
                "ใช้บัตรเครดิตผ่อน 0% ได้หรือเปล่า{pq}",
            ],
            "fa": [
                "امکان پرداخت قسطی دارید؟",
                "Klarna را قبول می‌کنید؟",
                "Klarna خریدم را رد کرد. چرا؟",
                "کالایی را که با Klarna سه‌قسطی خریده بودم پس دادم. قسط‌ها چه می‌شوند؟",
                "پرداخت سه‌قسطی هزینه‌ی اضافه دارد؟",
                "چرا گزینه‌ی Klarna موقع پرداخت نمایش داده نمی‌شود؟",
            ],
            "id": [
                "Bisa bayar cicilan gak kak?",
                "Ada Klarna buat pengiriman ke Indonesia?",
                "bisa paylater gak?",
                "Kenapa opsi cicilan gak muncul waktu checkout?",
                "Bisa cicilan 0% pakai kartu kredit?",
                "mau bayar 3x bisa gak min",
            ],
            "lv": [
                "Vai var maksāt pa daļām?",
                "Vai jums ir Klarna?",
                "Klarna atteica pirkumu – kāpēc?",
                "Atgriezu preci, kas pirkta ar Klarna 'pay in 3'. Kas notiks ar maksājumiem?",
                "Vai maksāšana trīs daļās maksā papildus?",
                "Kur var mainīt Klarna maksājuma datumu?",
            ],
        },
        note={
            "en": ["asks if paying in instalments is possible", "says Klarna declined the purchase, asks why", "returned an item bought with Klarna, asks about the payments"],
            "th": ["ถามว่าผ่อนชำระได้ไหม", "ถามเรื่อง Klarna สำหรับการส่งมาไทย", "ถามว่าทำไมไม่มีตัวเลือกแบ่งจ่าย"],
            "fa": ["می‌پرسد پرداخت قسطی ممکن است", "Klarna خریدش را رد کرده و علت را می‌پرسد", "کالای خریداری‌شده با Klarna را پس داده و درباره‌ی قسط‌ها می‌پرسد"],
            "id": ["tanya apakah bisa cicilan", "tanya Klarna untuk pengiriman ke Indonesia", "tanya kenapa opsi cicilan tidak muncul"],
            "lv": ["jautā, vai var maksāt pa daļām", "Klarna atteica, jautā kāpēc", "atgriezis preci, kas pirkta ar Klarna, jautā par maksājumiem"],
        },
        reply={
            "en": ["Yes: choose Klarna – Pay in 3 at checkout to split the total into three payments, with no fee "
                   "from us. It's available for delivery addresses in the EU only (not the UK or Asia). Klarna "
                   "decides on each purchase and doesn't tell us why it declines; you can simply pick another "
                   "payment method. After a return, Klarna lowers or refunds your instalments. More: {link}",
                   "Once your return is processed (within 3 working days after it reaches our warehouse) we tell "
                   "Klarna, which then lowers your remaining payments or refunds what you've paid. Keep paying "
                   "instalments for items you keep. Details: {link}"],
            "th": ["Klarna แบบแบ่งจ่าย 3 งวดใช้ได้เฉพาะที่อยู่จัดส่งใน EU{ap} ยังไม่รองรับการส่งมาไทย คุณชำระได้ด้วยบัตร PayPal "
                   "Apple Pay, Google Pay หรือ PromptPay ดูรายละเอียดที่ {link}",
                   "ขออภัย{ap} การแบ่งจ่ายกับ Klarna มีเฉพาะการจัดส่งภายใน EU เท่านั้น จึงไม่แสดงเมื่อจัดส่งไปไทย {link}"],
            "fa": ["بله: در صفحه‌ی پرداخت Klarna – Pay in 3 را انتخاب کنید تا مبلغ در سه قسط پرداخت شود؛ ما هیچ هزینه‌ای "
                   "اضافه نمی‌کنیم. این روش فقط برای نشانی‌های تحویل داخل اتحادیه‌ی اروپا است. تصمیم تأیید با Klarna است "
                   "و دلیل رد را به ما نمی‌گوید؛ می‌توانید روش دیگری انتخاب کنید. بیشتر: {link}",
                   "وقتی مرجوعی‌تان پردازش شود (ظرف ۳ روز کاری پس از رسیدن به انبار)، به Klarna اطلاع می‌دهیم و Klarna "
                   "قسط‌های باقی‌مانده را کم یا مبلغ پرداختی را برمی‌گرداند. جزئیات: {link}"],
            "id": ["Cicilan Klarna \"pay in 3\" hanya tersedia untuk alamat pengiriman di UE, jadi belum bisa untuk "
                   "Indonesia. Kakak bisa bayar dengan kartu, PayPal, GoPay, OVO, atau transfer bank. Info: {link}",
                   "Mohon maaf, opsi cicilan Klarna hanya muncul untuk pengiriman di dalam UE. Metode lain yang "
                   "tersedia untuk Indonesia: {link}"],
            "lv": ["Jā: pie apmaksas izvēlieties Klarna – Pay in 3, un summa tiks sadalīta trīs maksājumos bez "
                   "papildu maksas no mūsu puses. Tas pieejams piegādei ES. Lēmumu par katru pirkumu pieņem Klarna "
                   "un iemeslu mums nesaka; varat izvēlēties citu maksājuma veidu. Maksājumu datumus maina Klarna "
                   "lietotnē. Vairāk: {link}",
                   "Kad atgriešana būs apstrādāta (3 darba dienu laikā pēc saņemšanas noliktavā), paziņosim Klarna, "
                   "un tā samazinās atlikušos maksājumus vai atmaksās jau samaksāto. Sīkāk: {link}"],
        },
    ),
    dict(
        id="unsubscribe", covered_by="newsletter-and-emails", weight=0.9, trend=None,
        text={
            "en": [
                "Please stop sending me newsletters.",
                "unsubscribe",
                "How do I unsubscribe from your emails? The link doesn't work.",
                "I keep getting marketing emails at {email} although I unsubscribed.",
                "Is this email really from Kestrel Market? It asks me to confirm my account.",
                "I never got my order confirmation email.",
            ],
            "th": [
                "ขอยกเลิกรับจดหมายข่าว{p}",
                "ไม่อยากได้อีเมลโปรโมชันแล้ว ยกเลิกยังไง{pq}",
                "กดยกเลิกรับข่าวสารแล้วแต่ยังได้อีเมลอยู่{p}",
                "ได้อีเมลแปลกๆ ให้ยืนยันบัญชี เป็นของ Kestrel จริงไหม{pq}",
                "ไม่ได้รับอีเมลยืนยันคำสั่งซื้อ{p}",
                "อีเมลโฆษณาเยอะเกินไป ขอหยุดส่ง{p}",
            ],
            "fa": [
                "لطفاً دیگر خبرنامه برایم نفرستید.",
                "چطور از ایمیل‌های تبلیغاتی‌تان لغو اشتراک کنم؟",
                "لغو اشتراک کردم ولی هنوز به {email} ایمیل تبلیغاتی می‌آید.",
                "این ایمیل واقعاً از طرف Kestrel Market است؟ خواسته حسابم را تأیید کنم.",
                "ایمیل تأیید سفارش برایم نیامد.",
                "ایمیل‌های تبلیغاتی خیلی زیاد است، لطفاً قطعش کنید.",
            ],
            "id": [
                "Tolong berhenti kirim newsletter ke email saya",
                "cara unsubscribe email promo gimana",
                "Sudah unsubscribe tapi masih dapat email promosi ke {email}",
                "Ada email minta verifikasi akun, itu beneran dari Kestrel Market?",
                "Email konfirmasi pesanan gak masuk",
                "Kebanyakan email promo kak, stop ya",
            ],
            "lv": [
                "Lūdzu, pārtrauciet sūtīt man jaunumu vēstules.",
                "Kā atteikties no jūsu e-pastiem?",
                "Atteicos no jaunumiem, bet uz {email} joprojām nāk reklāmas.",
                "Vai šis e-pasts tiešām ir no Kestrel Market? Prasa apstiprināt kontu.",
                "Nesaņēmu pasūtījuma apstiprinājuma e-pastu.",
                "Pārāk daudz reklāmas e-pastu, lūdzu, izņemiet mani no saraksta.",
            ],
        },
        note={
            "en": ["wants to stop the newsletter", "asks if an email asking to confirm the account is genuine", "has not received the order confirmation email"],
            "th": ["ต้องการยกเลิกจดหมายข่าว", "ถามว่าอีเมลให้ยืนยันบัญชีเป็นของจริงไหม", "ไม่ได้รับอีเมลยืนยันคำสั่งซื้อ"],
            "fa": ["می‌خواهد خبرنامه قطع شود", "می‌پرسد ایمیل تأیید حساب واقعی است یا نه", "ایمیل تأیید سفارش را نگرفته"],
            "id": ["minta berhenti newsletter", "tanya apakah email verifikasi akun asli", "email konfirmasi pesanan tidak masuk"],
            "lv": ["grib atteikties no jaunumu vēstulēm", "jautā, vai e-pasts par konta apstiprināšanu ir īsts", "nav saņemts pasūtījuma apstiprinājums"],
        },
        reply={
            "en": ["You can leave the newsletter at any time with the unsubscribe link at the bottom of any "
                   "newsletter; it takes effect right away, though an email already scheduled may still arrive. "
                   "Service emails about your orders (confirmation, dispatch, refunds) keep coming, as we need them "
                   "to handle your order. More: {link}",
                   "We never ask you to confirm your account or enter a password or card number through a link in "
                   "an email. If in doubt, don't click: sign in by typing our address yourself. How to recognise "
                   "genuine emails: {link}"],
            "th": ["ยกเลิกรับจดหมายข่าวได้ทุกเมื่อด้วยลิงก์ยกเลิกที่ท้ายจดหมายข่าว{ap} อีเมลเกี่ยวกับคำสั่งซื้อ เช่น ยืนยันคำสั่งซื้อ "
                   "แจ้งจัดส่ง และคืนเงิน จะยังส่งต่อไปเพราะจำเป็นสำหรับคำสั่งซื้อ ดู {link}",
                   "เราไม่เคยขอให้ยืนยันบัญชีหรือกรอกรหัสผ่านหรือเลขบัตรผ่านลิงก์ในอีเมล{ap} หากไม่แน่ใจ อย่ากดลิงก์ ให้พิมพ์ที่อยู่เว็บเอง "
                   "วิธีสังเกตอีเมลจริง {link}"],
            "fa": ["هر زمان بخواهید می‌توانید با لینک لغو اشتراک در پایین هر خبرنامه، اشتراک را لغو کنید. ایمیل‌های خدماتی "
                   "مربوط به سفارش (تأیید، ارسال، بازپرداخت) همچنان ارسال می‌شوند چون برای رسیدگی به سفارش لازم‌اند. "
                   "بیشتر: {link}",
                   "ما هرگز از شما نمی‌خواهیم با لینک داخل ایمیل حساب را تأیید کنید یا رمز و شماره‌ی کارت وارد کنید. اگر "
                   "شک دارید، روی لینک نزنید و آدرس سایت را خودتان تایپ کنید. راه تشخیص ایمیل واقعی: {link}"],
            "id": ["Kakak bisa berhenti berlangganan kapan saja lewat tautan unsubscribe di bagian bawah newsletter. "
                   "Email layanan tentang pesanan (konfirmasi, pengiriman, refund) tetap dikirim karena diperlukan "
                   "untuk memproses pesanan. Info: {link}",
                   "Kami tidak pernah meminta verifikasi akun, kata sandi, atau nomor kartu lewat tautan di email. "
                   "Kalau ragu, jangan klik, ketik sendiri alamat situs kami. Cara mengenali email asli: {link}"],
            "lv": ["No jaunumu vēstulēm varat atteikties jebkurā brīdī ar saiti katras vēstules apakšā. Pakalpojumu "
                   "e-pasti par pasūtījumiem (apstiprinājums, nosūtīšana, atmaksa) tiks sūtīti arī turpmāk, jo bez "
                   "tiem pasūtījumu nevaram apstrādāt. Vairāk: {link}",
                   "Mēs nekad neprasām apstiprināt kontu vai ievadīt paroli vai kartes numuru, izmantojot saiti "
                   "e-pastā. Ja šaubāties, neklikšķiniet un atveriet mūsu vietni paši. Kā atpazīt īstus e-pastus: {link}"],
        },
    ),
    dict(
        id="no_reply_yet", covered_by="response-times", weight=1.0, trend=None,
        text={
            "en": [
                "I wrote to you {days} days ago and still no answer. Is anyone reading these?",
                "Any update on my request about {order}?",
                "Still waiting for a reply to my email from {weekday}.",
                "why does it take so long to get an answer",
                "Second message about this, please respond. Order {order}.",
                "How long do you usually take to reply to the contact form?",
                "Chat has been closed all day, when can I reach someone?",
            ],
            "th": [
                "ส่งข้อความไปตั้งแต่ {days} วันก่อน ยังไม่มีใครตอบเลย{p}",
                "มีความคืบหน้าเรื่องออเดอร์ {order} ไหม{pq}",
                "รออีเมลตอบกลับตั้งแต่{weekday}แล้ว{p}",
                "ทำไมตอบช้าจัง{pq}",
                "ทักมาเป็นครั้งที่สองแล้ว{p} รบกวนตอบด้วย",
                "แชทปิดตลอดเลย ติดต่อได้กี่โมง{pq}",
            ],
            "fa": [
                "{days} روز پیش پیام دادم و هنوز جوابی نگرفته‌ام.",
                "درباره‌ی سفارش {order} خبری نشد؟",
                "از {weekday} منتظر جواب ایمیلم هستم.",
                "چرا این‌قدر جواب دادن طول می‌کشد؟",
                "این دومین پیامم است، لطفاً جواب بدهید.",
                "معمولاً چقدر طول می‌کشد به فرم تماس جواب بدهید؟",
            ],
            "id": [
                "Saya sudah kirim pesan {days} hari lalu tapi belum dibalas",
                "Gimana update soal pesanan {order} kak?",
                "Masih nunggu balasan email saya dari hari {weekday}",
                "kok lama banget balesnya min",
                "Ini pesan kedua saya, tolong dibalas ya",
                "Live chat jam berapa buka ya?",
            ],
            "lv": [
                "Rakstīju pirms {days} dienām, un atbildes joprojām nav.",
                "Vai ir kādi jaunumi par pasūtījumu {order}?",
                "Joprojām gaidu atbildi uz savu e-pastu, ko sūtīju {weekday}.",
                "Kāpēc atbilde aizņem tik ilgu laiku?",
                "Rakstu otro reizi, lūdzu, atbildiet.",
                "Cik ātri parasti atbildat uz saziņas formu?",
            ],
        },
        note={
            "en": ["says an email from {days} days ago got no reply", "asks for an update on {order}", "asks when the chat is open"],
            "th": ["แจ้งว่าส่งอีเมลไป {days} วันแล้วยังไม่ได้รับคำตอบ", "ขอความคืบหน้าเรื่อง {order}", "ถามเวลาเปิดแชท"],
            "fa": ["می‌گوید به ایمیل {days} روز پیشش جواب نداده‌ایم", "پیگیری سفارش {order} را می‌خواهد", "ساعت کاری چت را می‌پرسد"],
            "id": ["bilang email {days} hari lalu belum dibalas", "minta update soal {order}", "tanya jam buka live chat"],
            "lv": ["saka, ka uz e-pastu pirms {days} dienām nav atbildes", "jautā jaunumus par {order}", "jautā čata darba laiku"],
        },
        reply={
            "en": ["Sorry for the wait. We reply to the contact form within 24 hours (48 hours at weekends), to "
                   "WhatsApp and Messenger within 12 hours, and the live chat is open Mon-Sat 08:00-20:00 CET. "
                   "Writing again on another channel opens a second case, so the quickest way is to reply to our "
                   "email. I've picked up your case now. Reply times: {link}",
                   "Thanks for your patience. Cases that need the carrier or our warehouse take longer, and we tell "
                   "you when to expect the next update. I'm looking into {order} now. Our reply times: {link}"],
            "th": ["ขออภัยที่ให้รอ{ap} เราตอบแบบฟอร์มติดต่อภายใน 24 ชั่วโมง (วันหยุดสุดสัปดาห์ 48 ชั่วโมง) WhatsApp และ Messenger "
                   "ภายใน 12 ชั่วโมง แชทเปิดจันทร์-เสาร์ 08:00-20:00 น. (CET) การส่งซ้ำทางช่องทางอื่นจะเปิดเรื่องใหม่ ตอนนี้รับเรื่อง"
                   "ของคุณแล้ว ดู {link}",
                   "ขอบคุณที่รอ{ap} เรื่องที่ต้องรอข้อมูลจากบริษัทขนส่งหรือคลังสินค้าจะใช้เวลานานกว่า กำลังตรวจสอบ {order} ให้อยู่ {link}"],
            "fa": ["بابت انتظار عذر می‌خواهیم. به فرم تماس ظرف ۲۴ ساعت (آخر هفته ۴۸ ساعت) و به WhatsApp و Messenger ظرف ۱۲ "
                   "ساعت پاسخ می‌دهیم؛ چت دوشنبه تا شنبه ۸ تا ۲۰ به وقت اروپای مرکزی باز است. نوشتن دوباره از کانال دیگر "
                   "یک پرونده‌ی جدید باز می‌کند. پرونده‌تان را برداشتم. زمان‌های پاسخ: {link}",
                   "از صبرتان ممنونیم. پرونده‌هایی که به اطلاعات شرکت حمل یا انبار نیاز دارند بیشتر طول می‌کشند. در حال "
                   "بررسی سفارش {order} هستم. {link}"],
            "id": ["Mohon maaf menunggu. Formulir kontak kami balas dalam 24 jam (48 jam di akhir pekan), WhatsApp dan "
                   "Messenger dalam 12 jam, dan live chat buka Senin-Sabtu 08:00-20:00 CET. Mengirim ulang lewat "
                   "kanal lain membuat kasus baru, jadi cukup balas email kami. Kasus Kakak sudah saya ambil. "
                   "Waktu balasan: {link}",
                   "Terima kasih sudah menunggu. Kasus yang perlu info dari kurir atau gudang memang lebih lama. "
                   "Saya sedang cek {order} sekarang. Info: {link}"],
            "lv": ["Atvainojamies par gaidīšanu! Uz saziņas formu atbildam 24 stundu laikā (brīvdienās 48), WhatsApp "
                   "un Messenger – 12 stundu laikā, čats strādā P.–S. 8:00–20:00 pēc CET. Rakstot vēlreiz citā "
                   "kanālā, tiek atvērta otra lieta. Jūsu jautājumu esam paņēmuši darbā. Atbildes laiki: {link}",
                   "Paldies par pacietību! Lietas, kurām vajadzīga informācija no pārvadātāja vai noliktavas, "
                   "aizņem ilgāk. Pašlaik pārbaudām {order}. {link}"],
        },
    ),
    dict(
        id="delete_account", covered_by="delete-account", weight=0.7, trend=None,
        text={
            "en": [
                "How do I delete my account?",
                "Please remove all my data and close my account. Email: {email}",
                "How long does it take to close my account?",
                "Why do you keep my orders after I deleted my account?",
                "delete my account pls",
                "I want to close my account permanently, what happens to my order history?",
            ],
            "th": [
                "ลบบัญชียังไง{pq}",
                "ขอลบบัญชีและข้อมูลทั้งหมด{p} อีเมล {email}",
                "ลบบัญชีใช้เวลากี่วัน{pq}",
                "ทำไมยังเก็บประวัติการสั่งซื้อไว้หลังลบบัญชี{pq}",
                "อยากปิดบัญชีถาวร{p}",
                "ลบข้อมูลส่วนตัวทั้งหมดได้ไหม{pq} ไม่ใช้แล้ว",
            ],
            "fa": [
                "چطور حسابم را حذف کنم؟",
                "لطفاً حساب و همه‌ی اطلاعاتم را پاک کنید. ایمیل: {email}",
                "حذف حساب چقدر طول می‌کشد؟",
                "چرا بعد از حذف حساب، سفارش‌هایم را نگه می‌دارید؟",
                "می‌خواهم حسابم را برای همیشه ببندم.",
                "اگر حسابم را حذف کنم، سفارش‌های قبلی چه می‌شود؟",
            ],
            "id": [
                "Cara hapus akun gimana ya?",
                "Tolong hapus akun dan semua data saya. Email {email}",
                "Berapa lama proses hapus akun?",
                "Kenapa data pesanan masih disimpan setelah akun dihapus?",
                "Saya mau tutup akun permanen",
                "Kalau akun dihapus, riwayat pesanan hilang juga?",
            ],
            "lv": [
                "Kā izdzēst savu kontu?",
                "Lūdzu, dzēsiet manu kontu un visus datus. E-pasts: {email}",
                "Cik ilgi notiek konta dzēšana?",
                "Kāpēc pēc konta dzēšanas glabājat manus pasūtījumus?",
                "Vēlos slēgt kontu pavisam.",
                "Kas notiks ar pasūtījumu vēsturi, ja izdzēsīšu kontu?",
            ],
        },
        note={
            "en": ["wants the account deleted", "asks how long account deletion takes"],
            "th": ["ต้องการลบบัญชี", "ถามว่าลบบัญชีใช้เวลานานเท่าไร"],
            "fa": ["می‌خواهد حسابش حذف شود", "می‌پرسد حذف حساب چقدر طول می‌کشد"],
            "id": ["minta akunnya dihapus", "tanya berapa lama hapus akun"],
            "lv": ["grib dzēst kontu", "jautā, cik ilgi notiek konta dzēšana"],
        },
        reply={
            "en": ["You can request deletion in your account settings, and we complete it within 30 days. Finish "
                   "open orders and returns first and download a copy of your data if you want one. We have to "
                   "keep order and invoice records for the period the law requires, but they're no longer linked "
                   "to an account. Details: {link}",
                   "Your deletion request is registered; we'll confirm by email once it's complete (within 30 days). "
                   "If you only want fewer emails, the unsubscribe link in the newsletter is enough. More: {link}"],
            "th": ["ขอลบบัญชีได้ที่การตั้งค่าบัญชี{ap} เราจะดำเนินการให้เสร็จภายใน 30 วัน กรุณาจัดการคำสั่งซื้อและการคืนสินค้าที่ค้างอยู่"
                   "ก่อน และดาวน์โหลดข้อมูลไว้หากต้องการ บันทึกคำสั่งซื้อและใบแจ้งหนี้ต้องเก็บตามระยะเวลาที่กฎหมายกำหนด ดู {link}",
                   "รับคำขอลบบัญชีแล้ว{ap} จะแจ้งยืนยันทางอีเมลเมื่อเสร็จ (ภายใน 30 วัน) {link}"],
            "fa": ["می‌توانید از تنظیمات حساب درخواست حذف بدهید و ما ظرف ۳۰ روز آن را انجام می‌دهیم. پیش از آن سفارش‌ها و "
                   "مرجوعی‌های باز را تمام کنید و اگر می‌خواهید نسخه‌ای از اطلاعات‌تان را دانلود کنید. سوابق سفارش و فاکتور "
                   "را طبق قانون نگه می‌داریم. جزئیات: {link}",
                   "درخواست حذف ثبت شد و پس از انجام (حداکثر ۳۰ روز) با ایمیل تأیید می‌کنیم. بیشتر: {link}"],
            "id": ["Penghapusan akun bisa diajukan di pengaturan akun dan kami selesaikan dalam 30 hari. Selesaikan "
                   "dulu pesanan dan retur yang masih berjalan, dan unduh salinan data kalau perlu. Catatan pesanan "
                   "dan faktur wajib kami simpan sesuai aturan hukum. Detail: {link}",
                   "Permintaan hapus akun sudah tercatat, konfirmasi akan kami kirim via email setelah selesai "
                   "(maksimal 30 hari). Info: {link}"],
            "lv": ["Konta dzēšanu varat pieprasīt konta iestatījumos, un mēs to pabeidzam 30 dienu laikā. Pirms tam "
                   "pabeidziet atvērtos pasūtījumus un atgriešanas un, ja vēlaties, lejupielādējiet savus datus. "
                   "Pasūtījumu un rēķinu ierakstus likums liek glabāt noteiktu laiku. Sīkāk: {link}",
                   "Dzēšanas pieprasījums reģistrēts; kad tas būs izpildīts (30 dienu laikā), apstiprināsim e-pastā. {link}"],
        },
    ),
    dict(
        id="two_factor", covered_by="two-factor-sign-in", weight=0.6, trend=None,
        text={
            "en": [
                "My two-factor code is always rejected.",
                "I lost my phone and can't sign in, it asks for the authenticator code.",
                "How do I turn on two-factor sign-in?",
                "Where do I find my backup codes?",
                "new phone, 2FA doesn't work anymore",
                "The 6-digit code from Google Authenticator doesn't work.",
            ],
            "th": [
                "รหัสยืนยันตัวตนสองขั้นตอนใช้ไม่ได้{p}",
                "โทรศัพท์หาย เข้าสู่ระบบไม่ได้เพราะต้องใช้รหัสจากแอป{p}",
                "เปิดการยืนยันตัวตนสองขั้นตอนยังไง{pq}",
                "เปลี่ยนมือถือใหม่ รหัส 2FA ใช้ไม่ได้แล้ว{p}",
                "ไม่มีรหัสสำรองแล้ว เข้าบัญชีไม่ได้{p}",
                "รหัส 6 หลักจากแอปใช้ไม่ได้{p}",
            ],
            "fa": [
                "کد ورود دومرحله‌ای همیشه رد می‌شود.",
                "گوشی‌ام را گم کرده‌ام و بدون کد برنامه نمی‌توانم وارد شوم.",
                "ورود دومرحله‌ای را چطور فعال کنم؟",
                "گوشی‌ام را عوض کردم و دیگر کد تأیید کار نمی‌کند.",
                "کدهای پشتیبان را ندارم و نمی‌توانم وارد حساب شوم.",
                "کد ۶ رقمی Google Authenticator قبول نمی‌شود.",
            ],
            "id": [
                "Kode verifikasi dua langkah selalu ditolak",
                "HP saya hilang, gak bisa login karena butuh kode authenticator",
                "Cara aktifkan verifikasi dua langkah?",
                "ganti HP baru, kode 2FA gak jalan",
                "Saya gak punya kode cadangan, gimana masuk akunnya?",
                "Kode 6 digit dari Google Authenticator ditolak",
            ],
            "lv": [
                "Divpakāpju pieteikšanās kods vienmēr tiek noraidīts.",
                "Pazaudēju telefonu un nevaru pieteikties bez autentifikatora koda.",
                "Kā ieslēgt divpakāpju pieteikšanos?",
                "Jauns telefons, un 2FA vairs nestrādā.",
                "Man vairs nav rezerves kodu, kā tikt kontā?",
                "Sešciparu kods no Google Authenticator netiek pieņemts.",
            ],
        },
        note={
            "en": ["lost their phone, cannot sign in with the two-factor code", "says the two-factor code is rejected every time"],
            "th": ["โทรศัพท์หาย เข้าสู่ระบบด้วยรหัสสองขั้นตอนไม่ได้", "รหัสยืนยันสองขั้นตอนถูกปฏิเสธทุกครั้ง"],
            "fa": ["گوشی را گم کرده و با کد دومرحله‌ای نمی‌تواند وارد شود", "کد دومرحله‌ای هر بار رد می‌شود"],
            "id": ["HP hilang, tidak bisa login dengan kode dua langkah", "kode dua langkah selalu ditolak"],
            "lv": ["pazaudējis telefonu, nevar pieteikties ar divpakāpju kodu", "divpakāpju kods katru reizi noraidīts"],
        },
        reply={
            "en": ["If codes are rejected, set your phone's date and time to automatic (a wrong clock is the most "
                   "common cause) and enter a fresh code before it changes. Lost your phone? Sign in with one of "
                   "your backup codes, then turn two-factor sign-in off and on again in Account settings > "
                   "Security to connect the new phone. Details: {link}",
                   "Without backup codes we first check that the account is really yours, for example with the "
                   "number of a recent order. We never ask for your password or card number. Steps: {link}"],
            "th": ["ถ้ารหัสถูกปฏิเสธ ให้ตั้งวันที่และเวลาในโทรศัพท์เป็นอัตโนมัติ{ap} นาฬิกาผิดเป็นสาเหตุที่พบบ่อยที่สุด ถ้าโทรศัพท์หาย "
                   "ใช้รหัสสำรองเข้าสู่ระบบ แล้วปิดและเปิดการยืนยันสองขั้นตอนใหม่ใน การตั้งค่าบัญชี > ความปลอดภัย ดู {link}",
                   "หากไม่มีรหัสสำรอง เราจะยืนยันว่าเป็นเจ้าของบัญชีก่อน เช่น ถามหมายเลขคำสั่งซื้อล่าสุด{ap} เราไม่เคยขอรหัสผ่าน {link}"],
            "fa": ["اگر کدها رد می‌شوند، تاریخ و ساعت گوشی را روی خودکار بگذارید (ساعت اشتباه رایج‌ترین علت است) و کد تازه را "
                   "پیش از تغییر وارد کنید. اگر گوشی را گم کرده‌اید، با یکی از کدهای پشتیبان وارد شوید و سپس در «تنظیمات "
                   "حساب > امنیت» ورود دومرحله‌ای را خاموش و دوباره روشن کنید. جزئیات: {link}",
                   "اگر کد پشتیبان ندارید، اول بررسی می‌کنیم حساب واقعاً مال شماست، مثلاً با شماره‌ی یک سفارش اخیر. ما هرگز "
                   "رمز عبور یا شماره‌ی کارت نمی‌خواهیم. مراحل: {link}"],
            "id": ["Kalau kode ditolak, atur tanggal dan jam HP ke otomatis (jam yang salah penyebab paling umum) dan "
                   "masukkan kode baru sebelum berganti. Kalau HP hilang, masuk dengan salah satu kode cadangan, lalu "
                   "matikan dan nyalakan lagi verifikasi dua langkah di Pengaturan akun > Keamanan. Detail: {link}",
                   "Tanpa kode cadangan, kami verifikasi dulu bahwa akun itu milik Kakak, misalnya dengan nomor "
                   "pesanan terakhir. Kami tidak pernah meminta kata sandi. Langkahnya: {link}"],
            "lv": ["Ja kodi tiek noraidīti, iestatiet telefonā automātisku datumu un laiku (nepareizs pulkstenis ir "
                   "biežākais iemesls) un ievadiet jaunu kodu, pirms tas mainās. Pazaudēts telefons? Piesakieties ar "
                   "rezerves kodu un sadaļā Konta iestatījumi > Drošība izslēdziet un atkal ieslēdziet divpakāpju "
                   "pieteikšanos. Sīkāk: {link}",
                   "Bez rezerves kodiem vispirms pārliecināmies, ka konts tiešām ir jūsu, piemēram, pēc nesena "
                   "pasūtījuma numura. Paroli mēs nekad neprasām. Soļi: {link}"],
        },
    ),
    # ----------------------------------------------------------------------------------------
    # Gaps: recurring questions with no help-center article yet. The replies are what the
    # agents answer today (house rules not written down anywhere else): draft answers.
    # ----------------------------------------------------------------------------------------
    dict(
        id="gift_cards", covered_by=None, weight=1.8, trend="rising_strong",
        text={
            "en": [
                "Do you sell gift cards?",
                "How do I check the balance on my gift card {gc}?",
                "My gift card expired last month, is there anything you can do? It still had {gcvalue} euros on it.",
                "Can I buy a gift voucher and have it emailed to my friend on her birthday?",
                "the gift card code {gc} doesn't work at checkout",
                "Can I use a gift card and a discount code on the same order?",
                "I got a {gcvalue} EUR gift card for my birthday. Does it work for delivery to {country}?",
                "How long is a Kestrel gift card valid?",
                "Looking for a Christmas present, do you do e-gift cards? What amounts?",
                "I paid part of my order with a gift card and returned an item, where does that money go?",
            ],
            "th": [
                "มีบัตรของขวัญขายไหม{pq}",
                "เช็กยอดเงินคงเหลือในกิฟต์การ์ด {gc} ยังไง{pq}",
                "บัตรของขวัญหมดอายุไปเมื่อเดือนที่แล้ว ยังมีเงินเหลือ {gcvalue} ยูโร ทำอะไรได้บ้างไหม{pq}",
                "อยากซื้อกิฟต์การ์ดส่งให้เพื่อนทางอีเมลวันเกิดเขา ทำได้ไหม{pq}",
                "ใส่โค้ดบัตรของขวัญ {gc} แล้วใช้ไม่ได้{p}",
                "ใช้บัตรของขวัญกับโค้ดส่วนลดพร้อมกันได้ไหม{pq}",
                "กิฟต์การ์ดมีอายุการใช้งานกี่ปี{pq}",
                "จะซื้อของขวัญปีใหม่ มีบัตรของขวัญแบบออนไลน์ไหม มีมูลค่าเท่าไหร่บ้าง{pq}",
            ],
            "fa": [
                "کارت هدیه می‌فروشید؟",
                "چطور موجودی کارت هدیه‌ی {gc} را ببینم؟",
                "کارت هدیه‌ام ماه پیش منقضی شد و هنوز {gcvalue} یورو اعتبار داشت. کاری می‌شود کرد؟",
                "می‌خواهم کارت هدیه بخرم که روز تولد دوستم برایش ایمیل شود. ممکن است؟",
                "کد کارت هدیه‌ی {gc} موقع پرداخت قبول نمی‌شود.",
                "می‌شود کارت هدیه و کد تخفیف را با هم استفاده کرد؟",
                "اعتبار کارت هدیه چقدر است؟",
                "برای کریسمس دنبال هدیه‌ام، کارت هدیه‌ی الکترونیکی دارید؟ چه مبلغ‌هایی؟",
            ],
            "id": [
                "Kak jual gift card gak?",
                "Cara cek saldo gift card {gc} gimana?",
                "Voucher hadiah saya sudah expired bulan lalu, padahal masih ada saldo {gcvalue} euro. Bisa dibantu?",
                "Mau beli gift card buat teman, bisa dikirim ke emailnya pas ulang tahun?",
                "kode gift card {gc} gak bisa dipakai pas checkout",
                "Gift card bisa digabung sama kode promo?",
                "Masa berlaku gift card berapa lama ya?",
                "Ada kartu hadiah digital buat kado Natal? Nominalnya berapa aja?",
            ],
            "lv": [
                "Vai jums ir dāvanu kartes?",
                "Kā pārbaudīt dāvanu kartes {gc} atlikumu?",
                "Dāvanu kartei pagājušajā mēnesī beidzās termiņš, bet tajā vēl bija {gcvalue} eiro. Vai var kaut ko darīt?",
                "Vai var nopirkt dāvanu karti un nosūtīt draudzenei e-pastā viņas dzimšanas dienā?",
                "Dāvanu kartes kods {gc} pie apmaksas nedarbojas.",
                "Vai vienā pasūtījumā var izmantot dāvanu karti un atlaižu kodu?",
                "Cik ilgi ir derīga dāvanu karte?",
                "Meklēju Ziemassvētku dāvanu – vai ir elektroniskās dāvanu kartes? Kādās summās?",
            ],
        },
        note={
            "en": ["asks whether we sell gift cards and which amounts", "wants to check the balance of gift card {gc}", "says a gift card expired with {gcvalue} EUR left, asks for help"],
            "th": ["ถามว่ามีบัตรของขวัญขายไหมและมีมูลค่าเท่าไร", "ต้องการเช็กยอดคงเหลือกิฟต์การ์ด {gc}", "บัตรของขวัญหมดอายุแต่ยังมีเงินเหลือ {gcvalue} ยูโร ขอความช่วยเหลือ"],
            "fa": ["می‌پرسد کارت هدیه می‌فروشیم و با چه مبلغ‌هایی", "می‌خواهد موجودی کارت هدیه‌ی {gc} را بداند", "کارت هدیه با {gcvalue} یورو اعتبار منقضی شده و کمک می‌خواهد"],
            "id": ["tanya apakah kami jual gift card dan nominalnya", "mau cek saldo gift card {gc}", "gift card kedaluwarsa dengan sisa {gcvalue} EUR, minta bantuan"],
            "lv": ["jautā, vai pārdodam dāvanu kartes un kādās summās", "grib pārbaudīt dāvanu kartes {gc} atlikumu", "dāvanu kartei beidzies termiņš ar {gcvalue} EUR atlikumu, lūdz palīdzību"],
        },
        reply={
            "en": ["Yes! Our digital gift cards are available from 10 to 250 EUR on the Gift cards page (link at the "
                   "bottom of every page). They arrive by email, right away or on a date you choose, so they're "
                   "perfect for a birthday. A gift card is valid for 24 months, works for delivery to every "
                   "country we ship to, can be spread over several orders and combined with one discount code.",
                   (r"balance|expired|returned", "You can check the balance on the Gift cards page under Check balance, or simply enter the code "
                   "at checkout: the remaining balance is shown there. Gift cards are valid for 24 months; if yours "
                   "expired less than 3 months ago, reply with the code and we'll extend it once as a goodwill "
                   "gesture. Refunds for items paid with a gift card go back to the gift card."),
                   (r"doesn't work", "Please check the code is typed exactly as in the email, with the dashes (for example {gc}), and "
                   "that it hasn't passed its 24-month validity. Gift cards can be combined with one discount code, "
                   "but can't be used to buy other gift cards. If it still fails, send us the code and we'll look "
                   "at it right away.")],
            "th": ["มี{ap} บัตรของขวัญดิจิทัลมีมูลค่าตั้งแต่ 10 ถึง 250 EUR ซื้อได้ที่หน้า Gift cards (ลิงก์อยู่ด้านล่างของทุกหน้า) "
                   "บัตรจะส่งทางอีเมลทันทีหรือในวันที่คุณเลือก เหมาะเป็นของขวัญวันเกิด ใช้ได้ 24 เดือน ใช้ได้กับทุกประเทศที่เราจัดส่ง "
                   "แบ่งใช้ได้หลายคำสั่งซื้อ และใช้ร่วมกับโค้ดส่วนลดได้หนึ่งโค้ด",
                   (r"ยอด|หมดอายุ|ใช้ไม่ได้", "เช็กยอดคงเหลือได้ที่หน้า Gift cards > Check balance หรือใส่โค้ดตอนชำระเงิน ระบบจะแสดงยอดที่เหลือ{ap} บัตรมีอายุ 24 เดือน "
                   "ถ้าหมดอายุไม่เกิน 3 เดือน ส่งโค้ดมาได้เลย เราจะต่ออายุให้หนึ่งครั้ง เงินคืนของสินค้าที่จ่ายด้วยบัตรของขวัญจะคืนเข้าบัตร")],
            "fa": ["بله! کارت‌های هدیه‌ی دیجیتال ما از ۱۰ تا ۲۵۰ یورو در صفحه‌ی Gift cards (لینک پایین همه‌ی صفحه‌ها) موجود است. "
                   "کارت با ایمیل ارسال می‌شود، فوراً یا در تاریخی که انتخاب می‌کنید، پس برای تولد عالی است. اعتبار کارت هدیه "
                   "۲۴ ماه است، برای همه‌ی کشورهای مقصد ما کار می‌کند، در چند سفارش قابل استفاده است و با یک کد تخفیف هم "
                   "ترکیب می‌شود.",
                   (r"موجودی|منقضی|قبول نمی‌شود", "موجودی را در صفحه‌ی Gift cards بخش Check balance ببینید، یا کد را موقع پرداخت وارد کنید تا مانده نمایش "
                   "داده شود. اعتبار کارت ۲۴ ماه است؛ اگر کمتر از ۳ ماه از انقضای آن گذشته، کد را بفرستید تا یک بار به‌عنوان "
                   "حسن نیت تمدیدش کنیم. بازپرداخت کالاهایی که با کارت هدیه خریده شده‌اند به همان کارت برمی‌گردد.")],
            "id": ["Ada, kak! Gift card digital kami tersedia dari 10 sampai 250 EUR di halaman Gift cards (tautan di "
                   "bagian bawah setiap halaman). Dikirim lewat email, langsung atau di tanggal yang Kakak pilih, "
                   "jadi pas untuk kado ulang tahun. Berlaku 24 bulan, bisa untuk semua negara tujuan kami, bisa "
                   "dipakai di beberapa pesanan, dan bisa digabung dengan satu kode promo.",
                   (r"saldo|expired|gak bisa dipakai", "Saldo bisa dicek di halaman Gift cards > Check balance, atau masukkan kodenya saat checkout, sisa "
                   "saldonya langsung terlihat. Masa berlaku 24 bulan; kalau baru kedaluwarsa kurang dari 3 bulan, "
                   "kirim kodenya ke kami dan akan kami perpanjang satu kali. Refund untuk barang yang dibayar pakai "
                   "gift card kembali ke gift card.")],
            "lv": ["Jā! Mūsu digitālās dāvanu kartes ir pieejamas no 10 līdz 250 EUR lapā Gift cards (saite katras "
                   "lapas apakšā). Tās pienāk e-pastā uzreiz vai jūsu izvēlētā datumā, tāpēc lieliski der dzimšanas "
                   "dienai. Karte ir derīga 24 mēnešus, der piegādei uz visām valstīm, kur sūtām, to var izmantot "
                   "vairākos pasūtījumos un apvienot ar vienu atlaižu kodu.",
                   (r"atlikum|termiņš|nedarbojas", "Atlikumu varat pārbaudīt lapā Gift cards > Check balance vai vienkārši ievadot kodu pie apmaksas – "
                   "tur redzams atlikums. Karte ir derīga 24 mēnešus; ja termiņš beidzās mazāk nekā pirms 3 "
                   "mēnešiem, atsūtiet kodu, un mēs to vienreiz pagarināsim. Atmaksa par precēm, kas apmaksātas ar "
                   "dāvanu karti, atgriežas uz karti.")],
        },
    ),
    dict(
        id="size_guide", covered_by=None, weight=3.0, trend=None, products=["clothes"],
        text={
            "en": [
                "What size should I order? I'm {height} cm and {weight} kg, normally wear M.",
                "Does the {product} run small or true to size?",
                "Is there a size chart somewhere? I can't find the measurements for the {product}.",
                "I'm between sizes, should I take the {size} or one size up in the {product}?",
                "what size is a {size} in EU sizes",
                "How long are the sleeves on the {product} in size {size}?",
                "My daughter is {height} cm, which size fits her?",
                "Does the {product} fit like the one I bought last year, or did the sizing change?",
                "Shoe sizes: I'm a 42 in most brands, same with yours?",
            ],
            "th": [
                "ควรสั่งไซซ์ไหนดี{pq} สูง {height} ซม. หนัก {weight} กก. ปกติใส่ M",
                "{product}ไซซ์เล็กกว่าปกติไหม{pq}",
                "มีตารางไซซ์ไหม{pq} หาขนาดของ{product}ไม่เจอ",
                "ไซซ์ {size} ของ{product}รอบอกกี่ซม.{pq}",
                "อยู่ระหว่างสองไซซ์ ควรเลือกไซซ์ใหญ่กว่าไหม{pq}",
                "ไซซ์ยุโรปเทียบกับไซซ์ไทยยังไง{pq}",
                "รองเท้าปกติใส่เบอร์ 39 ของที่นี่ต้องสั่งเบอร์อะไร{pq}",
                "ลูกสาวสูง {height} ซม. ใส่ไซซ์ไหนดี{pq}",
            ],
            "fa": [
                "چه سایزی سفارش بدهم؟ قدم {height} و وزنم {weight} کیلو است، معمولاً M می‌پوشم.",
                "{product}های شما کوچک‌تر از معمول است یا اندازه‌ی استاندارد؟",
                "جدول سایز کجاست؟ اندازه‌های {product} را پیدا نمی‌کنم.",
                "بین دو سایزم؛ {size} بگیرم یا یک سایز بزرگ‌تر؟",
                "سایز {size} شما معادل چه سایزی است؟",
                "طول آستین {product} در سایز {size} چقدر است؟",
                "سایز کفش من معمولاً ۴۲ است، برای شما هم همین را بگیرم؟",
            ],
            "id": [
                "Kak, aku tinggi {height} cm berat {weight} kg, cocoknya ukuran apa ya?",
                "{product} nya ukurannya kecil gak? Biasanya aku pakai L",
                "Ada size chart gak? Gak nemu ukuran detail {product}",
                "Lingkar dada ukuran {size} berapa cm?",
                "Aku di antara dua ukuran, mending ambil yang lebih besar?",
                "Ukuran Eropa beda gak sama ukuran Indonesia?",
                "Sepatu biasanya 40, di sini pesan nomor berapa?",
                "Mohon info ukuran {product} untuk tinggi badan {height} cm.",
            ],
            "lv": [
                "Kādu izmēru pasūtīt? Esmu {height} cm {g:gara|garš} un sveru {weight} kg, parasti valkāju M.",
                "Vai jūsu izmēri ir mazāki nekā parasti?",
                "Kur atrast izmēru tabulu? Nevaru atrast preces izmērus.",
                "Esmu starp diviem izmēriem – ņemt {size} vai vienu lielāku?",
                "Cik cm ir krūšu apkārtmērs izmēram {size}?",
                "Kāds ir piedurknes garums izmēram {size}?",
                "Apavu izmērs man parasti ir 38 – vai jums arī der 38?",
                "Dēls ir {height} cm garš, kurš izmērs viņam būs labs?",
            ],
        },
        note={
            "en": ["asks which size to order, {height} cm / {weight} kg", "wants measurements of the {product} in size {size}", "asks whether the {product} runs small"],
            "th": ["ถามว่าควรสั่งไซซ์ไหน สูง {height} ซม. หนัก {weight} กก.", "ขอขนาดของ{product}ไซซ์ {size}", "ถามว่า{product}ไซซ์เล็กกว่าปกติไหม"],
            "fa": ["می‌پرسد چه سایزی سفارش دهد؛ قد {height} و وزن {weight}", "اندازه‌های {product} در سایز {size} را می‌خواهد", "می‌پرسد {product} کوچک‌تر از معمول است یا نه"],
            "id": ["tanya ukuran yang cocok, tinggi {height} cm berat {weight} kg", "minta ukuran detail {product} size {size}", "tanya apakah {product} ukurannya kecil"],
            "lv": ["jautā, kādu izmēru pasūtīt, {height} cm / {weight} kg", "vēlas preces mērus izmēram {size}", "jautā, vai izmēri ir mazāki nekā parasti"],
        },
        reply={
            "en": ["Every clothing and shoe page has a Size guide link right next to the size selector, with the "
                   "measurements in cm for each size (chest, waist, hips, inside leg; foot length for shoes). The "
                   "easiest way is to measure a similar item that fits you well and compare. If you're between "
                   "sizes, take the larger one for jackets and coats; the product page also says when an item runs "
                   "small or large. And if it doesn't fit, returns within the EU are free for 30 days.",
                   "For the {product} in size {size}, please open the Size guide link next to the size selector on "
                   "the product page: it lists the exact measurements of that item. Based on what you told me I'd "
                   "go for your usual size; if you like a looser fit, one size up. You can return it free of charge "
                   "within the EU within 30 days if it doesn't fit."],
            "th": ["ทุกหน้าสินค้าเสื้อผ้าและรองเท้ามีลิงก์ Size guide อยู่ข้างตัวเลือกไซซ์{ap} แสดงขนาดเป็นเซนติเมตรของแต่ละไซซ์ (รอบอก "
                   "รอบเอว สะโพก ความยาวขาด้านใน และความยาวเท้าสำหรับรองเท้า) วิธีที่ง่ายที่สุดคือวัดเสื้อผ้าตัวที่ใส่พอดีแล้วเทียบ "
                   "ถ้าอยู่ระหว่างสองไซซ์ แนะนำไซซ์ใหญ่กว่าสำหรับแจ็กเก็ตและเสื้อโค้ท หน้าสินค้าจะระบุด้วยถ้าไซซ์เล็กหรือใหญ่กว่าปกติ",
                   "สำหรับ{product}ไซซ์ {size} กรุณาเปิดลิงก์ Size guide ข้างตัวเลือกไซซ์ในหน้าสินค้า{ap} จะมีขนาดที่แน่นอนของสินค้านั้น "
                   "จากข้อมูลที่ให้มา แนะนำไซซ์ที่ใส่ปกติ ถ้าชอบหลวมขึ้นให้เลือกใหญ่ขึ้นหนึ่งไซซ์"],
            "fa": ["در صفحه‌ی همه‌ی لباس‌ها و کفش‌ها، کنار انتخاب سایز، لینک Size guide هست که اندازه‌ی هر سایز را به سانتی‌متر "
                   "نشان می‌دهد (دور سینه، کمر، باسن، طول داخلی پا و برای کفش طول پا). ساده‌ترین راه این است که لباس مشابهی "
                   "را که اندازه‌تان است اندازه بگیرید و مقایسه کنید. اگر بین دو سایز هستید، برای کاپشن و پالتو سایز بزرگ‌تر را "
                   "بگیرید؛ در صفحه‌ی کالا هم نوشته می‌شود اگر کوچک یا بزرگ‌تر از معمول باشد.",
                   "برای {product} در سایز {size}، لطفاً لینک Size guide کنار انتخاب سایز را باز کنید؛ اندازه‌های دقیق همان کالا "
                   "آنجاست. با توجه به توضیحات شما سایز همیشگی‌تان را پیشنهاد می‌کنم و اگر گشادتر دوست دارید یک سایز بزرگ‌تر."],
            "id": ["Setiap halaman produk pakaian dan sepatu punya tautan Size guide di sebelah pilihan ukuran, berisi "
                   "ukuran dalam cm untuk tiap size (lingkar dada, pinggang, pinggul, panjang kaki dalam; panjang "
                   "telapak untuk sepatu). Cara paling gampang: ukur pakaian serupa yang pas di badan lalu bandingkan. "
                   "Kalau di antara dua ukuran, pilih yang lebih besar untuk jaket dan mantel; halaman produk juga "
                   "menyebutkan kalau ukurannya cenderung kecil atau besar.",
                   "Untuk {product} ukuran {size}, silakan buka tautan Size guide di samping pilihan ukuran di halaman "
                   "produk, di situ ada ukuran persisnya. Dari info Kakak, saya sarankan ukuran yang biasa dipakai; "
                   "kalau suka lebih longgar, naik satu ukuran."],
            "lv": ["Katras apģērba un apavu preces lapā blakus izmēra izvēlei ir saite Size guide ar katra izmēra mēriem "
                   "centimetros (krūšu, vidukļa, gurnu apkārtmērs, bikšu iekšējais garums; apaviem pēdas garums). "
                   "Vienkāršākais – izmēriet līdzīgu apģērbu, kas jums labi der, un salīdziniet. Ja esat starp "
                   "izmēriem, jakām un mēteļiem ņemiet lielāko; preces lapā ir norādīts arī, ja prece ir mazāka vai "
                   "lielāka nekā parasti.",
                   "Izmēram {size} lūdzu atveriet saiti Size guide blakus izmēra izvēlei preces lapā – tur ir precīzi "
                   "šīs preces mēri. Pēc jūsu aprakstītā iesaku parasto izmēru, bet, ja patīk brīvāks, vienu lielāku."],
        },
    ),
    dict(
        id="business_invoice", covered_by=None, weight=2.2, trend=None,
        lang_factor={"en": 1.3, "lv": 1.3, "th": 0.6, "id": 0.7},
        text={
            "en": [
                "Can I get an invoice with my company name and VAT number for order {order}?",
                "I need a proper VAT invoice for my business. Company: {company}, VAT {vat}.",
                "Where can I download the invoice for my order?",
                "The invoice shows my private name, can you reissue it to {company}?",
                "forgot to add company details at checkout, can you add VAT number {vat}?",
                "Do you issue invoices without VAT for EU businesses?",
                "Our accounting department needs a copy of the invoice for {order}, please send it to {email}.",
                "Hi, I'm ordering for our office. Can the invoice have our PO number on it?",
            ],
            "th": [
                "ขอใบกำกับภาษีในนามบริษัทได้ไหม{pq} ออเดอร์ {order}",
                "ต้องการใบกำกับภาษีเต็มรูปแบบ ชื่อ {company} เลขผู้เสียภาษี {vat}",
                "ดาวน์โหลดใบเสร็จได้ที่ไหน{pq}",
                "ใบแจ้งหนี้เป็นชื่อส่วนตัว ขอเปลี่ยนเป็นชื่อบริษัทได้ไหม{pq}",
                "ลืมใส่ข้อมูลบริษัทตอนสั่ง เพิ่มทีหลังได้ไหม{pq}",
                "ฝ่ายบัญชีขอสำเนาใบแจ้งหนี้ของออเดอร์ {order} ส่งมาที่ {email} ได้ไหม{pq}",
            ],
            "fa": [
                "می‌شود برای سفارش {order} فاکتور به نام شرکت و با شماره‌ی مالیاتی بگیرم؟",
                "برای شرکتم فاکتور رسمی با مالیات بر ارزش افزوده لازم دارم. شرکت: {company}، شماره‌ی VAT: {vat}",
                "فاکتور سفارشم را از کجا دانلود کنم؟",
                "فاکتور به نام شخصی من صادر شده. می‌شود به نام {company} اصلاحش کنید؟",
                "موقع خرید یادم رفت اطلاعات شرکت را وارد کنم. بعداً می‌شود اضافه کرد؟",
                "حسابداری ما یک نسخه از فاکتور سفارش {order} را می‌خواهد. لطفاً به {email} بفرستید.",
            ],
            "id": [
                "Bisa minta invoice atas nama perusahaan untuk pesanan {order}?",
                "Saya butuh faktur pajak untuk kantor. Nama: {company}, NPWP {vat}",
                "Invoice pesanan bisa diunduh di mana ya?",
                "Invoice-nya atas nama pribadi, bisa diganti ke {company}?",
                "Lupa isi data perusahaan waktu checkout, bisa ditambahkan?",
                "Bagian keuangan minta salinan invoice {order}, tolong kirim ke {email}",
            ],
            "lv": [
                "Vai varu saņemt rēķinu uz uzņēmuma vārdu ar PVN numuru pasūtījumam {order}?",
                "Uzņēmumam vajag rēķinu ar PVN. Uzņēmums: {company}, PVN nr. {vat}",
                "Kur var lejupielādēt pasūtījuma rēķinu?",
                "Rēķins izrakstīts uz manu vārdu – vai var pārrakstīt uz {company}?",
                "Pie apmaksas aizmirsu ievadīt uzņēmuma rekvizītus. Vai var pievienot tagad?",
                "Grāmatvedībai vajag pasūtījuma {order} rēķina kopiju, lūdzu, nosūtiet uz {email}.",
                "Vai ES uzņēmumiem izrakstāt rēķinu bez PVN?",
            ],
        },
        note={
            "en": ["needs an invoice for {order} with company name and VAT number {vat}", "asks where to download the invoice", "forgot company details at checkout, wants the invoice reissued"],
            "th": ["ต้องการใบกำกับภาษีในนามบริษัทสำหรับ {order}", "ถามว่าดาวน์โหลดใบแจ้งหนี้ได้ที่ไหน", "ลืมใส่ข้อมูลบริษัท ขอออกใบแจ้งหนี้ใหม่"],
            "fa": ["برای {order} فاکتور با نام شرکت و شماره‌ی VAT {vat} می‌خواهد", "می‌پرسد فاکتور را از کجا دانلود کند", "اطلاعات شرکت را وارد نکرده و صدور دوباره‌ی فاکتور را می‌خواهد"],
            "id": ["butuh invoice {order} atas nama perusahaan", "tanya di mana unduh invoice", "lupa isi data perusahaan, minta invoice diterbitkan ulang"],
            "lv": ["vajag rēķinu pasūtījumam {order} ar uzņēmuma nosaukumu un PVN nr. {vat}", "jautā, kur lejupielādēt rēķinu", "aizmirsa rekvizītus, lūdz izrakstīt rēķinu no jauna"],
        },
        reply={
            "en": ["Every order comes with a PDF invoice: in My orders open the order and select Download invoice (as a "
                   "guest, use the link in your shipping confirmation email). To have your company name and VAT "
                   "number on it, fill in Add company details at checkout. Forgot? Within 30 days of the order we "
                   "can reissue the invoice: just reply with the company name, address and VAT number.",
                   "I've reissued the invoice for {order} in the name of {company} with VAT number {vat}; the new PDF "
                   "is in My orders and we've emailed it to you as well. Next time you can enter the company "
                   "details at checkout under Add company details, so the invoice is right straight away."],
            "th": ["ทุกคำสั่งซื้อมีใบแจ้งหนี้ PDF{ap} ที่ คำสั่งซื้อของฉัน เปิดคำสั่งซื้อแล้วเลือก Download invoice (สั่งแบบไม่มีบัญชี "
                   "ใช้ลิงก์ในอีเมลยืนยันการจัดส่ง) ถ้าต้องการชื่อบริษัทและเลขประจำตัวผู้เสียภาษี ให้กรอกที่ Add company details "
                   "ตอนชำระเงิน ถ้าลืม เราออกใบแจ้งหนี้ใหม่ให้ได้ภายใน 30 วันหลังสั่งซื้อ ส่งชื่อบริษัท ที่อยู่ และเลขผู้เสียภาษีมาได้เลย",
                   "ออกใบแจ้งหนี้ของ {order} ใหม่ในนาม {company} เลขผู้เสียภาษี {vat} แล้ว{ap} ไฟล์ PDF ใหม่อยู่ใน คำสั่งซื้อของฉัน "
                   "และส่งทางอีเมลให้แล้ว"],
            "fa": ["برای هر سفارش یک فاکتور PDF صادر می‌شود: در «سفارش‌های من» سفارش را باز کنید و Download invoice را بزنید "
                   "(اگر مهمان خرید کرده‌اید، از لینک ایمیل ارسال). برای اینکه نام شرکت و شماره‌ی VAT روی فاکتور باشد، موقع "
                   "پرداخت بخش Add company details را پر کنید. اگر یادتان رفته، تا ۳۰ روز پس از سفارش فاکتور را دوباره صادر "
                   "می‌کنیم؛ فقط نام شرکت، نشانی و شماره‌ی VAT را بفرستید.",
                   "فاکتور سفارش {order} را به نام {company} با شماره‌ی VAT {vat} دوباره صادر کردم؛ PDF جدید در «سفارش‌های "
                   "من» هست و با ایمیل هم برایتان فرستادیم."],
            "id": ["Setiap pesanan punya invoice PDF: di Pesanan Saya buka pesanan lalu pilih Download invoice (kalau "
                   "checkout sebagai tamu, pakai tautan di email pengiriman). Supaya nama perusahaan dan nomor pajak "
                   "tercantum, isi Add company details saat checkout. Kalau terlewat, dalam 30 hari setelah pesanan "
                   "kami bisa terbitkan ulang: cukup balas dengan nama perusahaan, alamat, dan nomor pajaknya.",
                   "Invoice untuk {order} sudah kami terbitkan ulang atas nama {company} dengan nomor pajak {vat}; PDF "
                   "barunya ada di Pesanan Saya dan sudah kami kirim lewat email juga."],
            "lv": ["Katram pasūtījumam ir PDF rēķins: sadaļā Mani pasūtījumi atveriet pasūtījumu un izvēlieties Download "
                   "invoice (ja pirkāt kā viesis – saite e-pastā par nosūtīšanu). Lai rēķinā būtu uzņēmuma nosaukums un "
                   "PVN numurs, pie apmaksas aizpildiet Add company details. Ja aizmirsāt, 30 dienu laikā pēc pasūtījuma "
                   "varam rēķinu izrakstīt no jauna – atsūtiet uzņēmuma nosaukumu, adresi un PVN numuru.",
                   "Pasūtījuma {order} rēķinu izrakstījām no jauna uz {company} ar PVN numuru {vat}; jaunais PDF ir sadaļā "
                   "Mani pasūtījumi, un to nosūtījām arī e-pastā."],
        },
    ),
    dict(
        id="click_collect", covered_by=None, weight=1.8, trend=None,
        lang_factor={"en": 1.5, "fa": 1.0, "lv": 0.6, "th": 0.3, "id": 0.3},
        text={
            "en": [
                "Can I pick up my order at your warehouse in Rotterdam? I live nearby.",
                "Do you have click and collect?",
                "Is there a shop where I can see the {product} before buying?",
                "I'm in Rotterdam next week, could I collect order {order} myself to save shipping?",
                "can i drop my return off at the warehouse instead of posting it",
                "Do you have a showroom or physical store anywhere?",
                "Is it possible to have my parcel sent to a pickup point instead of my home?",
            ],
            "th": [
                "ไปรับของเองที่คลังสินค้าในรอตเทอร์ดามได้ไหม{pq}",
                "มีหน้าร้านให้ไปดูสินค้าไหม{pq}",
                "มีบริการสั่งออนไลน์แล้วไปรับเองไหม{pq}",
                "ตอนนี้อยู่เนเธอร์แลนด์ ขอไปรับออเดอร์ {order} เองได้ไหม{pq} จะได้ไม่ต้องเสียค่าส่ง",
                "มีจุดรับสินค้าในกรุงเทพฯ ไหม{pq}",
                "ขอนำของไปคืนที่คลังเองได้ไหม{pq}",
            ],
            "fa": [
                "می‌توانم سفارشم را خودم از انبارتان در روتردام تحویل بگیرم؟",
                "امکان خرید اینترنتی و تحویل حضوری دارید؟",
                "فروشگاه حضوری دارید که {product} را از نزدیک ببینم؟",
                "هفته‌ی بعد روتردام هستم، می‌شود سفارش {order} را خودم بردارم؟",
                "می‌توانم مرجوعی را حضوری به انبار بیاورم؟",
                "می‌شود بسته را به یک نقطه‌ی تحویل بفرستید نه خانه؟",
            ],
            "id": [
                "Bisa ambil sendiri pesanan di gudang Rotterdam?",
                "Ada toko offline gak kak?",
                "Saya lagi di Belanda, boleh ambil pesanan {order} langsung di gudang?",
                "Ada layanan click and collect?",
                "Ada titik ambil paket di Jakarta gak kak?",
                "Retur bisa diantar langsung ke gudang?",
            ],
            "lv": [
                "Vai pasūtījumu var izņemt pašam jūsu noliktavā Roterdamā?",
                "Vai jums ir veikals, kur apskatīt preces klātienē?",
                "Vai ir iespēja pasūtīt internetā un saņemt pašam?",
                "Nākamnedēļ būšu Roterdamā – vai varu pasūtījumu {order} paņemt {g:pati|pats}?",
                "Vai var izvēlēties citu pakomātu, nevis piegādi uz mājām?",
                "Vai atgriežamo preci varu atvest uz noliktavu {g:pati|pats}?",
            ],
        },
        note={
            "en": ["asks if order {order} can be collected at the Rotterdam warehouse", "asks whether we have a shop or showroom", "wants to drop a return off at the warehouse"],
            "th": ["ถามว่าไปรับออเดอร์ {order} ที่คลังรอตเทอร์ดามเองได้ไหม", "ถามว่ามีหน้าร้านไหม"],
            "fa": ["می‌پرسد می‌تواند سفارش {order} را از انبار روتردام تحویل بگیرد", "می‌پرسد فروشگاه حضوری داریم", "می‌خواهد مرجوعی را حضوری به انبار بیاورد"],
            "id": ["tanya apakah pesanan {order} bisa diambil di gudang Rotterdam", "tanya apakah ada toko offline"],
            "lv": ["jautā, vai pasūtījumu {order} var izņemt noliktavā Roterdamā", "jautā, vai mums ir veikals"],
        },
        reply={
            "en": ["I'm afraid we don't offer collection: our Rotterdam site is a logistics warehouse with no customer "
                   "desk, and we have no shops or showrooms, so every order is shipped. What you can do in the "
                   "Netherlands is choose a PostNL pick-up point at checkout instead of home delivery (in Latvia, an "
                   "Omniva parcel locker). Standard shipping in the EU is free over 50 EUR. Returns can't be "
                   "dropped off at the warehouse either; please use the prepaid label.",
                   "Unfortunately the warehouse isn't open to visitors, so we can't hand over {order} in person. If "
                   "it hasn't shipped yet we can change the delivery to a PostNL pick-up point near you; just tell me "
                   "which one."],
            "th": ["ขออภัย{ap} เราไม่มีบริการรับสินค้าเอง คลังที่รอตเทอร์ดามเป็นคลังโลจิสติกส์ไม่มีจุดบริการลูกค้า และเราไม่มีหน้าร้าน "
                   "ทุกคำสั่งซื้อจึงจัดส่งทางขนส่ง ถ้าอยู่ในเนเธอร์แลนด์ เลือกรับที่จุดรับพัสดุ PostNL ตอนชำระเงินได้ การคืนสินค้าก็"
                   "ไม่สามารถนำไปส่งที่คลังได้ กรุณาใช้ฉลากส่งคืน"],
            "fa": ["متأسفانه امکان تحویل حضوری نداریم: محل ما در روتردام یک انبار لجستیک است و میز پذیرش مشتری ندارد و فروشگاه "
                   "یا نمایشگاه هم نداریم، پس همه‌ی سفارش‌ها ارسال می‌شوند. در هلند می‌توانید موقع پرداخت به‌جای تحویل در "
                   "خانه یک نقطه‌ی تحویل PostNL انتخاب کنید. ارسال عادی در اتحادیه‌ی اروپا برای سفارش بالای ۵۰ یورو رایگان "
                   "است. مرجوعی را هم نمی‌شود حضوری به انبار آورد؛ لطفاً از برچسب پیش‌پرداخت استفاده کنید.",
                   "انبار برای مراجعه‌ی حضوری باز نیست، پس نمی‌توانیم سفارش {order} را حضوری تحویل دهیم. اگر هنوز ارسال "
                   "نشده، می‌توانیم مقصد را به یک نقطه‌ی تحویل PostNL نزدیک شما تغییر دهیم."],
            "id": ["Mohon maaf, kami tidak melayani ambil sendiri: lokasi kami di Rotterdam adalah gudang logistik tanpa "
                   "layanan pelanggan, dan kami tidak punya toko fisik, jadi semua pesanan dikirim lewat kurir. Kalau "
                   "Kakak sedang di Belanda, saat checkout bisa pilih titik ambil PostNL sebagai ganti antar ke rumah."],
            "lv": ["Diemžēl pašizņemšanu nepiedāvājam: mūsu vieta Roterdamā ir loģistikas noliktava bez klientu "
                   "apkalpošanas, un veikalu vai izstāžu zāļu mums nav, tāpēc visi pasūtījumi tiek nosūtīti. Latvijā "
                   "pie apmaksas varat izvēlēties jebkuru Omniva pakomātu, Nīderlandē – PostNL saņemšanas punktu. "
                   "Standarta piegāde ES ir bez maksas virs 50 EUR.",
                   "Noliktava nav atvērta apmeklētājiem, tāpēc pasūtījumu {order} klātienē izsniegt nevaram. Ja tas vēl "
                   "nav nosūtīts, varam piegādi mainīt uz jums ērtāku pakomātu – uzrakstiet, kuru."],
        },
    ),
    dict(
        id="late_compensation", covered_by=None, weight=1.8, trend=None,
        text={
            "en": [
                "My order arrived {days} days late. Do I get any compensation?",
                "I paid for express and it took a week. Can I get the express fee back?",
                "The parcel came after the birthday it was meant for. I'd like a discount or something for the delay.",
                "Delivery was promised for {weekday} and came much later, what will you do about it?",
                "is there compensation when delivery takes longer than the estimate",
                "Paid 12.95 for express delivery, it arrived in 5 days. Refund the difference please. Order {order}.",
                "Your delivery estimate was way off. I want some kind of voucher for the trouble.",
            ],
            "th": [
                "ของมาช้ากว่ากำหนด {days} วัน มีค่าชดเชยไหม{pq}",
                "จ่ายค่าส่ง Express แต่ได้ของช้าเป็นอาทิตย์ ขอคืนค่าส่งส่วนต่างได้ไหม{pq}",
                "ของมาถึงหลังวันเกิดไปแล้ว อยากได้ส่วนลดชดเชย{p}",
                "บอกว่าจะได้{weekday} แต่ได้ช้ากว่านั้นมาก จะรับผิดชอบยังไง{pq}",
                "ส่งช้ากว่าที่แจ้งไว้ ได้คูปองชดเชยไหม{pq}",
                "เลือก Express เพราะรีบ แต่มาช้า ขอเงินคืนค่าส่งได้ไหม{pq} ออเดอร์ {order}",
            ],
            "fa": [
                "سفارشم {days} روز دیرتر رسید. غرامتی تعلق می‌گیرد؟",
                "هزینه‌ی ارسال اکسپرس دادم ولی یک هفته طول کشید. هزینه‌ی اکسپرس را برمی‌گردانید؟",
                "بسته بعد از تولد رسید، برای همین خریده بودم. برای تأخیر تخفیفی می‌دهید؟",
                "قرار بود {weekday} برسد ولی خیلی دیرتر آمد. برای جبرانش چه می‌کنید؟",
                "وقتی ارسال از زمان تخمینی بیشتر طول بکشد، جبران خسارت دارید؟",
                "برای سفارش {order} اکسپرس پرداخت کردم و ۵ روز طول کشید. لطفاً مابه‌التفاوت را برگردانید.",
            ],
            "id": [
                "Pesanan saya telat {days} hari, ada kompensasi gak?",
                "Sudah bayar Express tapi sampainya seminggu, bisa refund ongkir Express?",
                "Paketnya datang setelah ulang tahun anak saya, minta voucher kompensasi dong",
                "Estimasi sampai hari {weekday} tapi telat jauh, gimana tanggung jawabnya?",
                "kalau pengiriman lebih lama dari estimasi dapat ganti rugi gak",
                "Saya pilih Express untuk pesanan {order} tapi tetap telat. Mohon selisih ongkirnya dikembalikan.",
            ],
            "lv": [
                "Pasūtījums pienāca {days} dienas vēlāk. Vai pienākas kompensācija?",
                "Samaksāju par ekspress piegādi, bet tā aizņēma nedēļu. Vai atmaksāsiet ekspresa maksu?",
                "Paka atnāca pēc dzimšanas dienas, kurai tā bija domāta. Vai var saņemt atlaidi par kavējumu?",
                "Piegāde bija solīta {weekday}, bet atnāca daudz vēlāk. Ko jūs darīsiet lietas labā?",
                "Vai ir kompensācija, ja piegāde aizņem ilgāk par paredzēto?",
                "Pasūtījumam {order} maksāju par ekspresi, bet pienāca pēc 5 dienām. Lūdzu, atmaksājiet starpību.",
            ],
        },
        note={
            "en": ["says the order arrived {days} days late, asks for compensation", "paid for express, delivery took a week, wants the express fee back", "says the parcel came after the birthday, asks for a voucher"],
            "th": ["ของมาช้า {days} วัน ขอค่าชดเชย", "จ่าย Express แต่ส่งช้าเป็นสัปดาห์ ขอคืนค่าส่ง", "ของมาหลังวันเกิด ขอคูปองชดเชย"],
            "fa": ["سفارش {days} روز دیر رسیده و غرامت می‌خواهد", "اکسپرس پرداخت کرده ولی یک هفته طول کشیده و هزینه‌ی اکسپرس را می‌خواهد", "بسته بعد از تولد رسیده و کد تخفیف می‌خواهد"],
            "id": ["pesanan telat {days} hari, minta kompensasi", "bayar Express tapi seminggu, minta ongkir Express dikembalikan", "paket datang setelah ulang tahun, minta voucher"],
            "lv": ["pasūtījums kavējās {days} dienas, prasa kompensāciju", "maksāja par ekspresi, piegāde nedēļu, grib atpakaļ ekspresa maksu", "paka pienāca pēc dzimšanas dienas, lūdz atlaidi"],
        },
        reply={
            "en": ["I'm sorry it arrived late. Delivery times are estimates, so for Standard delivery we don't offer "
                   "compensation for a delay. For Express it's different: if an Express order arrives after the "
                   "estimated date shown at checkout, we refund the difference between the Express and Standard "
                   "price on request. Just reply with your order number. And if a parcel is ever 5 working days "
                   "past the latest estimate, tell us and we open an investigation with the carrier.",
                   (r"[Ee]xpress", "You're right, your Express order {order} arrived after the estimated date, so I've refunded the "
                   "difference between Express and Standard shipping to your original payment method; your bank may "
                   "take 2-10 working days to show it. Sorry for the delay.")],
            "th": ["ขออภัยที่ของมาช้า{ap} ระยะเวลาจัดส่งเป็นเพียงการประมาณ สำหรับการส่งแบบ Standard เราจึงไม่มีค่าชดเชยเมื่อล่าช้า "
                   "แต่สำหรับ Express ถ้ามาถึงหลังวันที่คาดว่าจะได้รับที่แสดงตอนชำระเงิน เราคืนส่วนต่างระหว่างค่าส่ง Express กับ "
                   "Standard ให้เมื่อแจ้งขอ ส่งหมายเลขคำสั่งซื้อมาได้เลย",
                   (r"Express", "คำสั่งซื้อ Express {order} มาถึงหลังวันที่คาดไว้จริง{ap} เราคืนส่วนต่างค่าส่ง Express กับ Standard เข้าช่องทางชำระเงิน"
                   "เดิมแล้ว ธนาคารอาจใช้เวลา 2-10 วันทำการ ขออภัยในความล่าช้า")],
            "fa": ["بابت تأخیر متأسفیم. زمان‌های تحویل تخمینی هستند، برای همین برای ارسال عادی بابت تأخیر غرامت نمی‌دهیم. برای "
                   "اکسپرس فرق می‌کند: اگر سفارش اکسپرس بعد از تاریخ تخمینی صفحه‌ی پرداخت برسد، با درخواست شما مابه‌التفاوت "
                   "هزینه‌ی اکسپرس و عادی را برمی‌گردانیم. فقط شماره‌ی سفارش را بفرستید.",
                   (r"اکسپرس", "حق با شماست؛ سفارش اکسپرس {order} بعد از تاریخ تخمینی رسید. مابه‌التفاوت اکسپرس و ارسال عادی را به روش "
                   "پرداخت اولیه‌تان برگرداندم؛ نمایش آن در بانک ممکن است ۲ تا ۱۰ روز کاری طول بکشد.")],
            "id": ["Mohon maaf paketnya terlambat. Waktu pengiriman adalah perkiraan, jadi untuk Standard kami tidak "
                   "memberi kompensasi keterlambatan. Untuk Express berbeda: kalau pesanan Express tiba setelah "
                   "perkiraan tanggal yang tampil saat checkout, selisih ongkir Express dan Standard kami kembalikan "
                   "atas permintaan. Cukup balas dengan nomor pesanan.",
                   (r"Express", "Betul, pesanan Express {order} sampai setelah perkiraan tanggal, jadi selisih ongkir Express dan "
                   "Standard sudah kami kembalikan ke metode pembayaran awal; bank bisa butuh 2-10 hari kerja.")],
            "lv": ["Atvainojamies par kavēšanos! Piegādes laiki ir aptuveni, tāpēc standarta piegādei kompensāciju par "
                   "kavējumu nepiedāvājam. Ar ekspresi ir citādi: ja ekspress pasūtījums pienāk pēc paredzētā datuma, "
                   "kas redzams pie apmaksas, pēc pieprasījuma atmaksājam starpību starp ekspress un standarta "
                   "piegādes cenu. Atsūtiet pasūtījuma numuru.",
                   (r"ekspres", "Jums taisnība – ekspress pasūtījums {order} pienāca pēc paredzētā datuma, tāpēc starpību starp "
                   "ekspress un standarta piegādi atmaksājām ar sākotnējo maksājuma veidu; bankai var vajadzēt 2–10 "
                   "darba dienas.")],
        },
    ),
    dict(
        id="back_in_stock", covered_by=None, weight=1.3, trend="rising",
        text={
            "en": [
                "When will the {product} be back in stock?",
                "The {product} is sold out in size {size}. Can you tell me when you get more?",
                "Is there a way to get notified when a sold-out item is available again?",
                "will you restock the {product} before christmas?",
                "Can you reserve a {product} for me when it comes back?",
                "The colour I want has been out of stock for weeks, is it coming back at all?",
                "I signed up for the restock alert but never got an email and now it's sold out again.",
            ],
            "th": [
                "{product}จะกลับมามีของเมื่อไหร่{pq}",
                "ไซซ์ {size} ของหมด จะมีเข้ามาอีกไหม{pq}",
                "มีแจ้งเตือนเวลาสินค้ากลับมามีไหม{pq}",
                "ก่อนปีใหม่จะมี{product}เข้ามาอีกไหม{pq}",
                "จองไว้ก่อนได้ไหม{pq} ตอนของเข้า",
                "สีที่อยากได้หมดมาหลายอาทิตย์แล้ว จะกลับมาไหม{pq}",
            ],
            "fa": [
                "{product} کی دوباره موجود می‌شود؟",
                "سایز {size} این {product} تمام شده. کی دوباره می‌آورید؟",
                "راهی هست که وقتی کالا موجود شد خبردار شوم؟",
                "قبل از کریسمس {product} را دوباره می‌آورید؟",
                "می‌شود وقتی موجود شد یکی برایم نگه دارید؟",
                "ثبت‌نام کردم که موجود شد خبرم کنید ولی ایمیلی نیامد و دوباره تمام شد.",
            ],
            "id": [
                "{product} kapan restock kak?",
                "Ukuran {size} habis, bakal ada lagi gak?",
                "Ada notifikasi kalau barang yang habis sudah ready lagi?",
                "restock sebelum Natal gak min?",
                "Bisa dipesankan dulu kalau stoknya datang?",
                "Warna yang saya mau habis terus dari minggu lalu, bakal balik gak?",
            ],
            "lv": [
                "Kad {product} atkal būs noliktavā?",
                "Izmērs {size} ir izpārdots. Kad būs atkal?",
                "Vai var saņemt paziņojumu, kad izpārdota prece atkal ir pieejama?",
                "Vai līdz Ziemassvētkiem papildināsiet krājumus?",
                "Vai varat man rezervēt vienu, kad atkal būs?",
                "Vajadzīgā krāsa jau vairākas nedēļas nav pieejama – vai tā vispār atgriezīsies?",
            ],
        },
        note={
            "en": ["asks when the {product} in size {size} is back in stock", "wants to be notified when a sold-out item returns"],
            "th": ["ถามว่า{product}ไซซ์ {size} จะมีของเมื่อไร", "ต้องการให้แจ้งเตือนเมื่อสินค้ากลับมา"],
            "fa": ["می‌پرسد {product} سایز {size} کی موجود می‌شود", "می‌خواهد وقتی کالا موجود شد خبردار شود"],
            "id": ["tanya kapan {product} ukuran {size} restock", "minta dikabari kalau barang tersedia lagi"],
            "lv": ["jautā, kad prece izmērā {size} atkal būs pieejama", "vēlas paziņojumu, kad prece atgriezīsies"],
        },
        reply={
            "en": ["On the product page, select the sold-out size or colour and choose Notify me: we send you one email "
                   "as soon as it's back. It's not a reservation, so it's first come, first served. Most regular items "
                   "are restocked within 2-4 weeks; seasonal items sometimes don't come back, and the product page "
                   "says so when we know. We can't put items aside.",
                   "I can't give an exact date for the {product} in {size}, but Notify me on the product page is the "
                   "quickest way to hear when it's back: you get the email at the same moment it's available. Check "
                   "your spam folder for an email from Kestrel Market if you signed up before."],
            "th": ["ที่หน้าสินค้า เลือกไซซ์หรือสีที่หมดแล้วกด Notify me{ap} เราจะส่งอีเมลแจ้งหนึ่งครั้งทันทีที่มีของ แต่ไม่ใช่การจอง "
                   "ใครสั่งก่อนได้ก่อน สินค้าทั่วไปส่วนใหญ่จะเติมสต็อกภายใน 2-4 สัปดาห์ สินค้าตามฤดูกาลบางรายการอาจไม่กลับมา "
                   "และเราไม่สามารถกันสินค้าไว้ให้ได้"],
            "fa": ["در صفحه‌ی کالا سایز یا رنگ ناموجود را انتخاب کنید و Notify me را بزنید؛ به‌محض موجود شدن یک ایمیل برایتان "
                   "می‌فرستیم. این رزرو نیست و هر کس زودتر سفارش دهد می‌برد. بیشتر کالاهای معمولی ظرف ۲ تا ۴ هفته دوباره "
                   "موجود می‌شوند؛ کالاهای فصلی گاهی برنمی‌گردند. امکان کنار گذاشتن کالا نداریم."],
            "id": ["Di halaman produk, pilih ukuran atau warna yang habis lalu klik Notify me: kami kirim satu email "
                   "begitu barangnya tersedia lagi. Ini bukan reservasi, jadi siapa cepat dia dapat. Kebanyakan barang "
                   "reguler restock dalam 2-4 minggu; barang musiman kadang tidak kembali. Kami tidak bisa menyisihkan "
                   "barang."],
            "lv": ["Preces lapā izvēlieties izpārdoto izmēru vai krāsu un nospiediet Notify me – tiklīdz prece būs "
                   "pieejama, nosūtīsim vienu e-pastu. Tā nav rezervācija: kurš pirmais pasūta, tas dabū. Parastās "
                   "preces parasti papildinām 2–4 nedēļu laikā; sezonas preces dažreiz neatgriežas. Preces atlikt "
                   "malā nevaram."],
        },
    ),
    dict(
        id="change_payment_method", covered_by=None, weight=1.2, trend=None,
        text={
            "en": [
                "I chose bank transfer but want to pay by card now. Can I change the payment method on {order}?",
                "Can I switch from PayPal to credit card after ordering?",
                "I paid with the wrong card, can you charge my other card {card} instead?",
                "How do I change the payment method for an order I already placed?",
                "selected bank transfer by mistake, how do i pay with ideal instead",
                "Can I pay the rest of my order with a different card?",
            ],
            "th": [
                "เลือกโอนเงินไว้ แต่อยากเปลี่ยนเป็นจ่ายบัตรแทน ทำได้ไหม{pq} ออเดอร์ {order}",
                "สั่งแล้วเปลี่ยนวิธีชำระเงินได้ไหม{pq}",
                "กดเลือกโอนผ่านธนาคารผิด อยากจ่ายด้วย PromptPay แทน{p}",
                "จ่ายด้วยบัตรผิดใบ ขอเปลี่ยนเป็นบัตร {card} ได้ไหม{pq}",
                "เปลี่ยนจาก PayPal เป็นบัตรเครดิตหลังสั่งได้หรือเปล่า{pq}",
                "โอนเงินไม่ทัน ขอเปลี่ยนเป็นจ่ายด้วยบัตรได้ไหม{pq}",
            ],
            "fa": [
                "انتقال بانکی را انتخاب کرده‌ام ولی الان می‌خواهم با کارت بپردازم. می‌شود روش پرداخت سفارش {order} را عوض کرد؟",
                "بعد از ثبت سفارش می‌توانم از PayPal به کارت اعتباری تغییر بدهم؟",
                "با کارت اشتباه پرداخت کردم. می‌شود از کارت دیگرم {card} بردارید؟",
                "چطور روش پرداخت سفارشی را که ثبت کرده‌ام تغییر دهم؟",
                "اشتباهی انتقال بانکی را زدم، چطور با iDEAL پرداخت کنم؟",
                "پرداخت با PayPal را انتخاب کردم ولی می‌خواهم با کارت بپردازم.",
            ],
            "id": [
                "Saya pilih transfer bank tapi mau ganti bayar pakai kartu, bisa? Pesanan {order}",
                "Setelah pesan bisa ganti metode pembayaran gak kak?",
                "Salah pilih transfer bank, maunya bayar pakai GoPay",
                "Bisa ganti dari PayPal ke kartu kredit setelah checkout?",
                "Saya bayar pakai kartu yang salah, bisa dipindah ke kartu {card}?",
                "Tadi pilih PayPal, bisa diganti ke OVO?",
            ],
            "lv": [
                "Izvēlējos bankas pārskaitījumu, bet tagad gribu maksāt ar karti. Vai var mainīt maksājuma veidu pasūtījumam {order}?",
                "Vai pēc pasūtīšanas var pāriet no PayPal uz karti?",
                "Samaksāju ar nepareizo karti – vai varat iekasēt no citas kartes?",
                "Kā mainīt maksājuma veidu jau veiktam pasūtījumam?",
                "Kļūdas pēc izvēlējos pārskaitījumu, kā samaksāt ar karti?",
                "Vai var nomainīt maksājumu no PayPal uz bankas pārskaitījumu?",
            ],
        },
        note={
            "en": ["chose bank transfer for {order}, now wants to pay by card", "paid with the wrong card, wants another card charged"],
            "th": ["เลือกโอนเงินสำหรับ {order} ตอนนี้อยากจ่ายด้วยบัตร", "จ่ายด้วยบัตรผิดใบ ต้องการเปลี่ยนบัตร"],
            "fa": ["برای {order} انتقال بانکی انتخاب کرده و حالا می‌خواهد با کارت بپردازد", "با کارت اشتباه پرداخت کرده و می‌خواهد از کارت دیگری برداشت شود"],
            "id": ["pilih transfer bank untuk {order}, sekarang mau bayar kartu", "bayar dengan kartu yang salah, minta ganti kartu"],
            "lv": ["izvēlējās pārskaitījumu pasūtījumam {order}, tagad grib maksāt ar karti", "samaksāja ar nepareizu karti, grib citu"],
        },
        reply={
            "en": ["Once an order is placed its payment method can't be changed. If you chose bank transfer and haven't "
                   "paid yet, simply place a new order with the method you want and don't pay the first one: an "
                   "unpaid transfer order is cancelled automatically after 7 days. If you've already paid, you can "
                   "cancel the order while it's still Processing and order again; the first payment is refunded in "
                   "full to the original method. Please never send us card numbers. Cancelling: {link}",
                   (r"card", "We can't move a payment from one card to another. What works: cancel {order} while it shows "
                   "Processing (the full amount goes back to the card you used) and place it again with the card you "
                   "prefer. For your safety, please don't share card numbers with us by message; we never ask for them.")],
            "th": ["เมื่อสั่งซื้อแล้วจะเปลี่ยนวิธีชำระเงินไม่ได้{ap} ถ้าเลือกโอนเงินและยังไม่ได้โอน ให้สั่งใหม่ด้วยวิธีที่ต้องการแล้วไม่ต้อง"
                   "โอนสำหรับคำสั่งซื้อแรก ระบบจะยกเลิกอัตโนมัติหลัง 7 วัน ถ้าจ่ายแล้ว ยกเลิกได้ขณะยังอยู่ในสถานะกำลังดำเนินการแล้ว"
                   "สั่งใหม่ เงินจะคืนเต็มจำนวนเข้าช่องทางเดิม และกรุณาอย่าส่งเลขบัตรมาทางข้อความ วิธียกเลิก {link}"],
            "fa": ["بعد از ثبت سفارش، روش پرداخت قابل تغییر نیست. اگر انتقال بانکی را انتخاب کرده‌اید و هنوز پرداخت نکرده‌اید، "
                   "سفارش تازه‌ای با روش دلخواه ثبت کنید و سفارش اول را پرداخت نکنید؛ سفارش پرداخت‌نشده پس از ۷ روز خودکار لغو "
                   "می‌شود. اگر پرداخت کرده‌اید، تا وقتی «در حال پردازش» است لغوش کنید و دوباره سفارش دهید؛ کل مبلغ به روش "
                   "اولیه برمی‌گردد. لطفاً هرگز شماره‌ی کارت را برای ما نفرستید. لغو سفارش: {link}"],
            "id": ["Metode pembayaran tidak bisa diubah setelah pesanan dibuat. Kalau Kakak memilih transfer bank dan "
                   "belum bayar, buat saja pesanan baru dengan metode yang diinginkan dan jangan bayar pesanan pertama: "
                   "pesanan transfer yang tidak dibayar batal otomatis setelah 7 hari. Kalau sudah bayar, batalkan selama "
                   "status masih Diproses lalu pesan ulang; dana kembali penuh ke metode awal. Mohon jangan kirim nomor "
                   "kartu lewat pesan. Cara membatalkan: {link}"],
            "lv": ["Pēc pasūtījuma veikšanas maksājuma veidu mainīt nevar. Ja izvēlējāties pārskaitījumu un vēl neesat "
                   "samaksājuši, vienkārši veiciet jaunu pasūtījumu ar vēlamo maksājuma veidu un pirmo neapmaksājiet – "
                   "neapmaksāts pasūtījums pēc 7 dienām tiek atcelts automātiski. Ja jau samaksājāt, atceliet pasūtījumu, "
                   "kamēr tas ir 'Apstrādē', un pasūtiet vēlreiz; nauda tiks atmaksāta pilnā apmērā. Lūdzu, nekad "
                   "nesūtiet mums kartes numurus. Atcelšana: {link}"],
        },
        reply_link="change-or-cancel-order",
    ),
    dict(
        id="loyalty_discount", covered_by=None, weight=1.3, trend=None,
        text={
            "en": [
                "Do you have a student discount?",
                "Is there a loyalty programme? I've ordered from you maybe 10 times this year.",
                "Do I collect points when I shop with you?",
                "any discount for regular customers?",
                "I'm a student, do you work with UNiDAYS or something like that?",
                "Where can I see my loyalty points? I thought I had some from last year.",
                "Do you give a discount to teachers or nurses?",
            ],
            "th": [
                "มีส่วนลดนักศึกษาไหม{pq}",
                "มีระบบสะสมแต้มไหม{pq} สั่งบ่อยมาก",
                "ลูกค้าประจำมีส่วนลดไหม{pq}",
                "ดูคะแนนสะสมได้ที่ไหน{pq}",
                "เป็นนักศึกษา ใช้บัตรนักศึกษาลดราคาได้ไหม{pq}",
                "สมัครสมาชิกแล้วได้ส่วนลดไหม{pq}",
            ],
            "fa": [
                "تخفیف دانشجویی دارید؟",
                "باشگاه مشتریان یا امتیاز وفاداری دارید؟ امسال چند بار خرید کرده‌ام.",
                "با خرید از شما امتیاز جمع می‌شود؟",
                "برای مشتری‌های ثابت تخفیف دارید؟",
                "امتیازهایم را کجا ببینم؟",
                "برای معلم‌ها یا پرستارها تخفیف دارید؟",
            ],
            "id": [
                "Ada diskon pelajar/mahasiswa gak kak?",
                "Ada program member atau poin loyalitas?",
                "Belanja di sini dapat poin gak?",
                "Pelanggan setia ada potongan harga gak?",
                "Poin saya bisa dilihat dimana?",
                "Ada diskon ulang tahun buat member?",
            ],
            "lv": [
                "Vai jums ir studentu atlaide?",
                "Vai ir lojalitātes programma? Šogad esmu {g:pasūtījusi|pasūtījis} jau kādas 10 reizes.",
                "Vai par pirkumiem krājas punkti?",
                "Vai pastāvīgajiem klientiem ir atlaides?",
                "Kur redzēt savus lojalitātes punktus?",
                "Vai ir atlaide skolotājiem vai mediķiem?",
            ],
        },
        note={
            "en": ["asks about a student discount", "asks whether there is a loyalty programme or points"],
            "th": ["ถามเรื่องส่วนลดนักศึกษา", "ถามว่ามีระบบสะสมแต้มไหม"],
            "fa": ["درباره‌ی تخفیف دانشجویی می‌پرسد", "می‌پرسد برنامه‌ی وفاداری یا امتیاز داریم"],
            "id": ["tanya diskon pelajar", "tanya program poin loyalitas"],
            "lv": ["jautā par studentu atlaidi", "jautā, vai ir lojalitātes programma"],
        },
        reply={
            "en": ["Thanks for asking! We don't have a loyalty points programme or a student discount at the moment, so "
                   "there are no points to collect or check. The best way to save is our newsletter: new subscribers "
                   "get a 10% welcome code, and subscribers hear about seasonal offers first. One discount code can "
                   "be used per order, and standard shipping in the EU is free over 50 EUR."],
            "th": ["ขอบคุณที่สอบถาม{ap} ตอนนี้เรายังไม่มีระบบสะสมแต้มหรือส่วนลดนักศึกษา จึงไม่มีคะแนนให้สะสมหรือตรวจสอบ วิธีประหยัด"
                   "ที่ดีที่สุดคือสมัครจดหมายข่าว สมาชิกใหม่ได้โค้ดต้อนรับ 10% และได้รู้โปรโมชันตามฤดูกาลก่อนใคร ใช้ได้หนึ่งโค้ดต่อคำสั่งซื้อ"],
            "fa": ["ممنون از سؤال‌تان! در حال حاضر برنامه‌ی امتیاز وفاداری یا تخفیف دانشجویی نداریم، پس امتیازی برای جمع کردن یا "
                   "دیدن وجود ندارد. بهترین راه صرفه‌جویی خبرنامه‌ی ماست: مشترکان جدید یک کد خوش‌آمد ۱۰ درصدی می‌گیرند و از "
                   "تخفیف‌های فصلی زودتر باخبر می‌شوند. در هر سفارش یک کد تخفیف قابل استفاده است."],
            "id": ["Terima kasih sudah bertanya! Saat ini kami belum punya program poin loyalitas maupun diskon pelajar, "
                   "jadi tidak ada poin yang bisa dikumpulkan atau dicek. Cara paling hemat adalah newsletter kami: "
                   "pelanggan baru dapat kode selamat datang 10% dan info promo musiman lebih dulu. Satu kode per pesanan."],
            "lv": ["Paldies par jautājumu! Pašlaik mums nav ne lojalitātes punktu programmas, ne studentu atlaides, tāpēc "
                   "punktu, ko krāt vai pārbaudīt, nav. Labākais veids ietaupīt ir mūsu jaunumu vēstule: jaunie "
                   "abonenti saņem 10% sveiciena kodu un pirmie uzzina par sezonas piedāvājumiem. Vienam pasūtījumam "
                   "var izmantot vienu kodu."],
        },
    ),
    dict(
        id="price_match", covered_by=None, weight=1.0, trend=None,
        text={
            "en": [
                "{rival} sells the same {product} for 15 euros less. Do you price match?",
                "Will you match a competitor's price?",
                "Found the {product} cheaper at {rival}, can you give me the same price?",
                "do you do price matching",
                "If I find it cheaper elsewhere after buying, do I get the difference?",
                "Another shop has this {product} on sale, can you match it?",
            ],
            "th": [
                "ร้าน {rival} ขาย{product}ถูกกว่า ลดราคาให้เท่ากันได้ไหม{pq}",
                "มีนโยบายเทียบราคากับร้านอื่นไหม{pq}",
                "เจอที่อื่นถูกกว่า ขอราคาเดียวกันได้ไหม{pq}",
                "ในShopeeถูกกว่าตั้งเยอะ{p} ลดให้หน่อยได้ไหม",
                "เว็บอื่นลดราคาอยู่ ลดตามได้ไหม{pq}",
                "ถ้าเจอถูกกว่าหลังซื้อ จะคืนส่วนต่างไหม{pq}",
            ],
            "fa": [
                "{rival} همین {product} را ۱۵ یورو ارزان‌تر می‌فروشد. قیمت را برابر می‌کنید؟",
                "با قیمت فروشگاه‌های دیگر تطبیق می‌دهید؟",
                "{product} را در {rival} ارزان‌تر دیدم، می‌شود همان قیمت را بدهید؟",
                "اگر بعد از خرید جای دیگری ارزان‌تر پیدا کنم، تفاوتش را می‌دهید؟",
                "یک فروشگاه دیگر همین را حراج کرده، شما هم تخفیف می‌دهید؟",
                "قیمت شما از {rival} گران‌تر است، چرا؟",
            ],
            "id": [
                "Di {rival} {product} nya lebih murah 15 euro, bisa samain harga?",
                "Ada price match gak kak?",
                "Di Tokopedia lebih murah loh, bisa dikasih harga sama?",
                "Kalau nemu lebih murah di toko lain, dapat selisihnya?",
                "Toko sebelah lagi diskon, bisa ikut turun harga?",
                "Kok harganya lebih mahal dari {rival}?",
            ],
            "lv": [
                "{rival} to pašu preci pārdod par 15 eiro lētāk. Vai varat piedāvāt tādu pašu cenu?",
                "Vai jūs pielīdzināt cenu konkurentu cenām?",
                "Atradu preci lētāk {rival} – vai varat dot to pašu cenu?",
                "Ja pēc pirkuma atrodu lētāk citur, vai atmaksāsiet starpību?",
                "Citā veikalā šī prece ir ar atlaidi – vai varat piedāvāt tādu pašu cenu?",
                "Kāpēc pie jums ir dārgāk nekā {rival}?",
            ],
        },
        note={
            "en": ["found the {product} cheaper at {rival}, asks for a price match"],
            "th": ["เจอ{product}ที่ {rival} ถูกกว่า ขอให้ลดราคาเท่ากัน"],
            "fa": ["{product} را در {rival} ارزان‌تر دیده و تطبیق قیمت می‌خواهد"],
            "id": ["menemukan {product} lebih murah di {rival}, minta price match"],
            "lv": ["atradis preci lētāk {rival}, lūdz pielīdzināt cenu"],
        },
        reply={
            "en": ["Thanks for checking with us. We don't match other shops' prices: our prices already include VAT for "
                   "EU delivery, and there's no card surcharge or handling fee on top. What we do offer: if our own "
                   "price drops before your order is dispatched, you can cancel and order again at the lower price, "
                   "and newsletter subscribers get a 10% welcome code."],
            "th": ["ขอบคุณที่สอบถาม{ap} เราไม่มีนโยบายเทียบราคากับร้านอื่น ราคาของเรารวมภาษีแล้วสำหรับการจัดส่งใน EU และไม่มีค่าธรรมเนียม"
                   "บัตรหรือค่าดำเนินการเพิ่ม ถ้าราคาในเว็บเราลดลงก่อนคำสั่งซื้อถูกจัดส่ง คุณยกเลิกแล้วสั่งใหม่ในราคาที่ถูกลงได้"],
            "fa": ["ممنون که پرسیدید. ما قیمت را با فروشگاه‌های دیگر تطبیق نمی‌دهیم: قیمت‌های ما برای ارسال در اتحادیه‌ی اروپا شامل "
                   "مالیات بر ارزش افزوده است و کارمزد کارت یا هزینه‌ی جانبی نداریم. اگر قیمت خود ما پیش از ارسال سفارش کاهش "
                   "یابد، می‌توانید سفارش را لغو و با قیمت جدید دوباره ثبت کنید."],
            "id": ["Terima kasih sudah bertanya. Kami tidak melakukan price match dengan toko lain; harga kami sudah "
                   "transparan tanpa biaya kartu atau biaya penanganan. Kalau harga di toko kami sendiri turun sebelum "
                   "pesanan dikirim, Kakak bisa batalkan lalu pesan ulang dengan harga baru."],
            "lv": ["Paldies, ka jautājāt! Cenas konkurentu cenām mēs nepielīdzinām: mūsu cenās ES piegādei jau ir iekļauts "
                   "PVN, un nav ne kartes, ne apstrādes maksas. Ja mūsu pašu cena samazinās, pirms pasūtījums nosūtīts, "
                   "varat to atcelt un pasūtīt vēlreiz par zemāko cenu."],
        },
    ),
    dict(
        id="gift_wrap", covered_by=None, weight=0.8, trend=None,
        text={
            "en": [
                "Can you gift wrap my order?",
                "It's a present, can you leave the price off and add a little card?",
                "Do you offer gift wrapping or a gift message?",
                "I want to send the {product} straight to my mum as a gift. Will the receipt with the price be in the box?",
                "Do you have gift boxes?",
                "Can I add a personal message for the recipient? It's going straight to my friend.",
            ],
            "th": [
                "ห่อของขวัญให้ได้ไหม{pq}",
                "ส่งเป็นของขวัญ ไม่ต้องใส่ใบเสร็จที่มีราคาได้ไหม{pq}",
                "มีบริการเขียนการ์ดอวยพรไหม{pq}",
                "มีกล่องของขวัญไหม{pq}",
                "ส่งตรงถึงเพื่อนได้ไหม ไม่อยากให้เห็นราคา{p}",
                "ขอใส่ข้อความอวยพรวันเกิดในกล่องได้ไหม{pq}",
            ],
            "fa": [
                "می‌شود سفارشم را کادوپیچ کنید؟",
                "هدیه است؛ می‌شود قیمت را داخل بسته نگذارید و یک کارت تبریک اضافه کنید؟",
                "کادوپیچی یا پیام تبریک دارید؟",
                "جعبه‌ی کادو دارید؟",
                "می‌خواهم مستقیم برای دوستم بفرستم؛ فاکتور با قیمت داخل بسته است؟",
                "می‌شود یک پیام تبریک تولد داخل بسته بگذارید؟",
            ],
            "id": [
                "Bisa dibungkus kado gak kak?",
                "Ini buat hadiah, bisa tanpa nota harga dan tambah kartu ucapan?",
                "Ada layanan gift wrap?",
                "Ada gift box gak?",
                "Mau kirim langsung ke teman, notanya ada harganya gak?",
                "Bisa tulis ucapan ulang tahun di dalam paket?",
            ],
            "lv": [
                "Vai varat iesaiņot pasūtījumu kā dāvanu?",
                "Tā ir dāvana – vai var neielikt čeku ar cenu un pievienot kartīti?",
                "Vai piedāvājat dāvanu iesaiņojumu vai apsveikuma tekstu?",
                "Vai jums ir dāvanu kastes?",
                "Sūtu tieši draugam – vai pakā būs čeks ar cenu?",
                "Vai pakā var ielikt apsveikumu dzimšanas dienā?",
            ],
        },
        note={
            "en": ["asks for gift wrapping and no prices in the parcel"],
            "th": ["ขอห่อของขวัญและไม่ใส่ราคาในกล่อง"],
            "fa": ["کادوپیچی می‌خواهد و اینکه قیمت داخل بسته نباشد"],
            "id": ["minta bungkus kado dan tanpa harga di paket"],
            "lv": ["lūdz dāvanu iesaiņojumu un bez cenas pakā"],
        },
        reply={
            "en": ["We don't offer gift wrapping or gift messages yet, sorry. The good news: the packing slip in the "
                   "parcel shows no prices, so you can have the order sent straight to the recipient by entering their "
                   "address as the delivery address. The invoice is only sent to you by email."],
            "th": ["ขออภัย{ap} ตอนนี้เรายังไม่มีบริการห่อของขวัญหรือการ์ดอวยพร แต่ใบรายการสินค้าในกล่องไม่มีราคา จึงส่งตรงถึงผู้รับได้"
                   "โดยใส่ที่อยู่ของผู้รับเป็นที่อยู่จัดส่ง ใบแจ้งหนี้จะส่งให้คุณทางอีเมลเท่านั้น"],
            "fa": ["متأسفانه هنوز کادوپیچی یا پیام تبریک نداریم. خبر خوب اینکه برگه‌ی داخل بسته قیمت ندارد، پس می‌توانید با وارد "
                   "کردن نشانی گیرنده، سفارش را مستقیم برای او بفرستید. فاکتور فقط با ایمیل برای شما ارسال می‌شود."],
            "id": ["Mohon maaf, kami belum menyediakan bungkus kado atau kartu ucapan. Tapi slip di dalam paket tidak "
                   "mencantumkan harga, jadi pesanan bisa langsung dikirim ke penerima dengan memasukkan alamatnya sebagai "
                   "alamat pengiriman. Invoice hanya dikirim ke email Kakak."],
            "lv": ["Diemžēl dāvanu iesaiņojumu vai apsveikuma kartītes vēl nepiedāvājam. Labā ziņa: pavadzīmē pakā cenas "
                   "nav norādītas, tāpēc pasūtījumu var sūtīt tieši saņēmējam, norādot viņa adresi kā piegādes adresi. "
                   "Rēķinu sūtām tikai jums e-pastā."],
        },
    ),
]


# ---------------------------------------------------------------------------------------------
# Noise: greetings and thanks on their own, one-off unrelated questions, spam.
# ---------------------------------------------------------------------------------------------

NOISE = {
    "greeting": {
        "share": 0.3, "channels": {"chat": 6, "social": 4},
        "text": {
            "en": ["hi", "hello?", "Hello, anyone there?", "hey", "Good morning", "hi I have a question", "?", "hello"],
            "th": ["สวัสดี{p}", "สวัสดี{p} มีใครอยู่ไหม{pq}", "สอบถามหน่อย{p}", "แอดมินอยู่ไหม{pq}", "ทัก{p}"],
            "fa": ["سلام", "سلام وقت بخیر", "کسی هست؟", "سلام، یک سؤال داشتم"],
            "id": ["P", "halo kak", "permisi min", "Selamat pagi", "halo, ada orang?", "kak"],
            "lv": ["Labdien!", "Sveiki", "Vai kāds ir?", "Labdien, man ir jautājums"],
        },
        "reply": {
            "en": ["Hi! How can I help you today?"], "th": ["สวัสดี{ap} มีอะไรให้ช่วยไหม{ap}"],
            "fa": ["سلام! چطور می‌توانم کمک‌تان کنم؟"], "id": ["Halo kak! Ada yang bisa kami bantu?"],
            "lv": ["Labdien! Kā varu palīdzēt?"],
        },
        "reply_rate": 0.5,
    },
    "thanks": {
        "share": 0.3, "channels": {"chat": 4, "social": 4, "email": 2},
        "text": {
            "en": ["thanks, solved!", "Thank you, that worked.", "ok got it thanks", "Great, thanks for the quick help!",
                   "never mind, found it", "Thanks a lot, parcel arrived today!", "perfect thank you"],
            "th": ["ขอบคุณ{p} ได้แล้ว{p}", "โอเค{p} ขอบคุณมาก{p}", "ได้รับของแล้ว{p} ขอบคุณ{p}", "ไม่เป็นไรแล้ว{p} เจอแล้ว"],
            "fa": ["ممنون، حل شد", "خیلی ممنون از راهنمایی‌تان", "بسته رسید، مرسی!", "باشه، متوجه شدم. ممنون"],
            "id": ["makasih kak udah beres", "Oke kak terima kasih", "paketnya sudah sampai, makasih ya", "gak jadi kak, sudah ketemu"],
            "lv": ["Paldies, viss kārtībā!", "Paldies par ātro palīdzību!", "Paka šodien atnāca, paldies!", "Viss skaidrs, paldies."],
        },
        "reply": {
            "en": ["You're welcome! Have a great day."], "th": ["ยินดี{ap} ขอให้เป็นวันที่ดีนะ{ap}"],
            "fa": ["خواهش می‌کنم! روز خوبی داشته باشید."], "id": ["Sama-sama kak, semoga harinya menyenangkan!"],
            "lv": ["Lūdzu! Jauku dienu!"],
        },
        "reply_rate": 0.3,
    },
    "unrelated": {
        "share": 0.25, "channels": {"email": 3, "web": 3, "chat": 2, "social": 2, "phone": 1},
        "text": {
            "en": ["Are you hiring in the warehouse?", "Can I sell my products on your site?", "Do you sell bicycles?",
                   "I'm a journalist writing about online shopping, who can I talk to?", "Is Kestrel Market a Dutch company?",
                   "Do you have an app for iPhone?", "I'd like to propose a partnership with my brand of organic soaps.",
                   "Can you recommend a good birthday present for a 10 year old?", "What are your company's opening hours on Christmas day?"],
            "th": ["รับสมัครงานไหม{pq}", "อยากเอาสินค้ามาขายในเว็บได้ไหม{pq}", "มีแอปในมือถือไหม{pq}", "บริษัทอยู่ประเทศอะไร{pq}",
                   "เป็นตัวแทนจำหน่ายในไทยได้ไหม{pq}"],
            "fa": ["استخدام دارید؟", "می‌توانم محصولاتم را در سایت شما بفروشم؟", "اپلیکیشن موبایل دارید؟",
                   "شرکت شما مال کدام کشور است؟"],
            "id": ["Ada lowongan kerja gak kak?", "Bisa jadi reseller atau dropshipper?", "Ada aplikasinya di Play Store?",
                   "Kantornya di negara mana ya?"],
            "lv": ["Vai meklējat darbiniekus noliktavā?", "Vai varu pārdot savas preces jūsu vietnē?",
                   "Vai jums ir mobilā lietotne?", "Vai jūs esat Nīderlandes uzņēmums?"],
        },
        "note": {
            "en": ["asks about jobs at the warehouse"], "th": ["สอบถามเรื่องสมัครงาน"], "fa": ["درباره‌ی استخدام می‌پرسد"],
            "id": ["tanya lowongan kerja"], "lv": ["jautā par darbu noliktavā"],
        },
        "reply": {
            "en": ["Thanks for your message! I've passed it on to the right team, who will get back to you."],
            "th": ["ขอบคุณสำหรับข้อความ{ap} ส่งต่อให้ทีมที่เกี่ยวข้องแล้ว จะติดต่อกลับไป{ap}"],
            "fa": ["از پیام‌تان ممنونیم! آن را به تیم مربوط فرستادم و با شما تماس می‌گیرند."],
            "id": ["Terima kasih pesannya! Sudah kami teruskan ke tim terkait, nanti mereka menghubungi Kakak."],
            "lv": ["Paldies par ziņu! Nodevu to atbildīgajai komandai, viņi ar jums sazināsies."],
        },
        "reply_rate": 0.4,
    },
    "spam": {
        "share": 0.15, "channels": {"web": 5, "email": 4, "social": 2},
        "text": {
            "en": ["Cheap followers for your Instagram, visit www.best-followers.example.net",
                   "Boost your SEO ranking to page 1 of Google in 7 days! Reply for a free audit.",
                   "Congratulations! You have won a $1000 gift card, claim here: http://prize.example.org/claim",
                   "Hello dear, I am a business consultant with a very profitable crypto opportunity for your company.",
                   "We offer high quality backlinks for your website at low price. Contact seo-team@example.net"],
            "th": ["รับปั๊มยอดไลค์ ยอดฟอลโลว์ ราคาถูก ทักมาที่ follow.example.net", "สินเชื่อด่วน อนุมัติไว ไม่เช็คบูโร คลิก http://loan.example.net"],
            "fa": ["فروش فالوور ارزان اینستاگرام، همین حالا به followers.example.net سر بزنید",
                   "سئوی سایت شما را در ۷ روز به صفحه‌ی اول گوگل می‌رسانیم!"],
            "id": ["Jasa SEO murah, website auto halaman 1 Google! Hubungi kami sekarang",
                   "Jual followers IG murah, real & aktif, kunjungi followers.example.net"],
            "lv": ["Lēti Instagram sekotāji! Apmeklējiet followers.example.net",
                   "Piedāvājam SEO pakalpojumus – jūsu vietne Google pirmajā lapā 7 dienās!"],
        },
        "reply": {},
        "reply_rate": 0.0,
    },
}


# ---------------------------------------------------------------------------------------------
# Frames around the templates: channels, greetings, sign-offs, phone notes, reply frames.
# ---------------------------------------------------------------------------------------------

EMAIL_GREETINGS = {
    "en": ["Hello,", "Hi,", "Dear Kestrel Market team,", "Good morning,", "Hi there,", "To whom it may concern,", "Hello Kestrel,"],
    "th": ["สวัสดี{p}", "เรียนทีมงาน Kestrel Market", "สวัสดี{p} แอดมิน", "เรียนฝ่ายบริการลูกค้า"],
    "fa": ["سلام،", "با سلام و احترام،", "سلام وقت بخیر،", "تیم محترم Kestrel Market،"],
    "id": ["Halo,", "Selamat pagi,", "Selamat siang kak,", "Dengan hormat,", "Halo Kestrel Market,", "Selamat malam,"],
    "lv": ["Labdien!", "Sveiki!", "Labdien, cienījamā Kestrel Market komanda!", "Labrīt!", "Sveiki,"],
}
SIGNOFFS = {
    "en": ["Thanks,\n{name}", "Kind regards,\n{name}", "Best,\n{name}", "Cheers, {name}", "Thank you!", "Regards,\n{name}"],
    "th": ["ขอบคุณ{p}\n{name}", "ขอบคุณมาก{p}", "รบกวนด้วยนะ{p}\n{name}", "ขอบคุณล่วงหน้า{p}\n{name}"],
    "fa": ["با تشکر،\n{name}", "ممنون،\n{name}", "سپاس", "با احترام،\n{name}"],
    "id": ["Terima kasih,\n{name}", "Makasih kak", "Salam,\n{name}", "Hormat saya,\n{name}"],
    "lv": ["Paldies,\n{name}", "Ar cieņu,\n{name}", "Jauku dienu!\n{name}", "Paldies jau iepriekš!\n{name}"],
}
EXTRA = {  # extra sentences that make an e-mail an e-mail
    "en": ["I ordered it as a birthday present for my sister.", "This is quite urgent.",
           "I've been shopping with you for a while and never had a problem before.", "Thanks in advance for your help.",
           "I tried the chat but it was closed.", "I already looked in the help center but couldn't find an answer.",
           "Please get back to me as soon as possible."],
    "th": ["สั่งเป็นของขวัญวันเกิดให้แม่{p}", "ค่อนข้างรีบ{p}", "ขอบคุณล่วงหน้า{p}", "ลองเข้าแชทแล้วแต่ปิดอยู่{p}",
           "หาในหน้าช่วยเหลือแล้วแต่ไม่เจอ{p}", "รบกวนตอบกลับโดยเร็วด้วยนะ{p}"],
    "fa": ["این سفارش هدیه‌ی تولد است.", "کمی عجله دارم.", "پیشاپیش از کمک‌تان ممنونم.", "چت را امتحان کردم ولی بسته بود.",
           "در مرکز راهنما گشتم ولی جوابی پیدا نکردم.", "لطفاً هر چه زودتر جواب بدهید."],
    "id": ["Ini buat kado ulang tahun adik saya.", "Agak urgent ya kak.", "Terima kasih sebelumnya.",
           "Tadi coba chat tapi sudah tutup.", "Saya sudah cari di pusat bantuan tapi tidak ketemu.", "Mohon segera dibalas."],
    "lv": ["Tā ir dzimšanas dienas dāvana.", "Man tas ir diezgan steidzami.", "Paldies jau iepriekš!",
           "Mēģināju čatā, bet tas bija slēgts.", "Meklēju palīdzības centrā, bet atbildi neatradu.", "Lūdzu, atbildiet pēc iespējas ātrāk."],
}
ORDER_LINE = {"en": "Order number: {order}", "th": "หมายเลขคำสั่งซื้อ {order}", "fa": "شماره‌ی سفارش: {order}",
              "id": "No. pesanan: {order}", "lv": "Pasūtījuma nr.: {order}"}
ALSO = {"en": ["Also, ", "One more thing: ", "And "], "th": ["อีกเรื่อง{p} ", "แล้วก็ "], "fa": ["یک سؤال دیگر هم دارم: ", "ضمناً "],
        "id": ["Oh ya, satu lagi: ", "Terus "], "lv": ["Un vēl: ", "Vēl viens jautājums: "]}
CHAT_OPENERS = {"en": ["hi ", "hello, ", "Hi! ", "hey "], "th": ["สวัสดี{p} ", "สอบถาม{p} "], "fa": ["سلام، ", "سلام "],
                "id": ["halo kak, ", "min, ", "permisi kak, ", "kak "], "lv": ["Sveiki! ", "Labdien! ", "Sveiki, "]}
EMOJI = {"en": [" :)", " 🙏", " 😕", "!!"], "th": [" 🙏", " 🙏🏻", " 😢", " ค่ะ🙏"], "fa": [" 🙏", " 🌹"],
         "id": [" 🙏", " 🙏🙏", " 😭", " ya kak 🙏"], "lv": [" :)", " 🙂"]}
CONTACT_LINES = {  # customers volunteering personal data
    "phone": {"en": ["You can call me on {phone}.", "My number is {phone}."], "th": ["เบอร์ติดต่อ {phone} {p}", "โทรกลับที่ {phone} ได้เลย{p}"],
              "fa": ["شماره‌ی تماسم: {phone}", "می‌توانید با {phone} تماس بگیرید."], "id": ["No HP saya {phone}", "Bisa hubungi saya di {phone}"],
              "lv": ["Mans tālrunis: {phone}", "Varat zvanīt uz {phone}."]},
    "email": {"en": ["My email is {email}", "please reply to {email}"], "th": ["อีเมลของ{I}คือ {email} {p}"],
              "fa": ["ایمیلم: {email}"], "id": ["email saya {email}", "Balas ke {email} ya kak"],
              "lv": ["Mans e-pasts: {email}"]},
    "card": {"en": ["In case you need it, my card is {card}.", "card used: {card}"], "th": ["บัตรที่ใช้ {card} {p}"],
             "fa": ["کارتی که با آن پرداخت کردم: {card}"], "id": ["kartu yang saya pakai {card}"],
             "lv": ["Karte, ar kuru maksāju: {card}"]},
}
PHONE_FRAMES = {
    "en": ["Caller {gist}.", "Customer called, {gist}.", "Cust on phone: {gist}.", "Inbound call. Customer {gist}."],
    "th": ["ลูกค้าโทรมา {gist}", "โทรเข้า: ลูกค้า{gist}", "สายเข้า ลูกค้า{gist}"],
    "fa": ["مشتری تماس گرفت؛ {gist}.", "تماس ورودی: مشتری {gist}.", "مشتری پشت خط {gist}."],
    "id": ["Pelanggan menelepon, {gist}.", "Telp masuk: cust {gist}.", "Cust telp, {gist}."],
    "lv": ["Klients zvanīja: {gist}.", "Ienākošs zvans – klients {gist}.", "Zvans: klients {gist}."],
}
PHONE_TAILS = {
    "en": [" Explained and sent the article link by email.", " Advised as per help center.", " Will follow up by email.",
           " Asked to send order no. by email.", "", ""],
    "th": [" แจ้งขั้นตอนและส่งลิงก์บทความทางอีเมลแล้ว", " อธิบายให้ทราบแล้ว", " จะติดตามผลทางอีเมล", ""],
    "fa": [" توضیح دادم و لینک راهنما ایمیل شد.", " راهنمایی شد.", " پیگیری از طریق ایمیل.", ""],
    "id": [" Sudah dijelaskan, link artikel dikirim via email.", " Sudah diarahkan.", " Follow up via email.", ""],
    "lv": [" Izskaidroju un nosūtīju saiti uz rakstu e-pastā.", " Sniegta informācija.", " Sekos e-pasts.", ""],
}
REPLY_OPEN = {
    "en": ["Hi {name},", "Hello {name},", "Hello,"], "th": ["สวัสดี{ap} คุณ{name}", "เรียนคุณ{name}"],
    "fa": ["سلام {name} عزیز،", "سلام،"], "id": ["Halo Kak {name},", "Halo kak,"], "lv": ["Labdien!", "Sveiki!"],
}
REPLY_THANKS = {"en": "Thanks for getting in touch.", "th": "ขอบคุณที่ติดต่อเรา{ap}", "fa": "از اینکه با ما تماس گرفتید ممنونیم.",
                "id": "Terima kasih sudah menghubungi kami.", "lv": "Paldies, ka sazinājāties ar mums."}
REPLY_CLOSE = {
    "en": ["Kind regards,\n{agent}\nKestrel Market customer support", "Best wishes,\n{agent} from Kestrel Market"],
    "th": ["ขอบคุณ{ap}\n{agent}\nทีมบริการลูกค้า Kestrel Market"],
    "fa": ["با احترام،\n{agent}\nپشتیبانی Kestrel Market"],
    "id": ["Salam,\n{agent}\nTim Layanan Pelanggan Kestrel Market"],
    "lv": ["Ar cieņu,\n{agent}\nKestrel Market klientu atbalsts"],
}
GREETING_WORDS = ("Hi", "Hello", "Halo", "Selamat", "Dengan hormat", "Labdien", "Sveiki", "سلام", "สวัสดี")
AFTER_CALL = {"en": "Following up on your call: ", "th": "ตามที่คุยทางโทรศัพท์{ap} ", "fa": "در ادامه‌ی تماس تلفنی‌مان: ",
              "id": "Menindaklanjuti telepon tadi: ", "lv": "Turpinot mūsu sarunu pa telefonu: "}


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
    end = dt.datetime.combine(END, dt.time(23, 59), tzinfo=dt.timezone.utc)
    start = dt.datetime.combine(START, dt.time(0, 0), tzinfo=dt.timezone.utc)
    frac = (when - start) / (end - start)
    if trend == "falling":  # from 2x in June to 0.2x in late November
        return 2.0 - 1.8 * frac
    if trend in ("rising", "rising_strong"):
        weeks, top = (7, 6.0) if trend == "rising_strong" else (8, 4.0)
        t0 = end - dt.timedelta(weeks=weeks)
        if when < t0:
            return 1.0
        x = (when - t0) / (end - t0)
        return 1.0 + (top - 1.0) * x ** 1.5
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
        hour, offset = rng.choices(range(8, 20), weights=[1, 1.3, 1.4, 1.4, 1.2, 1.1, 1.1, 1.1, 1.2, 1.2, 1.1, 0.9])[0], cet
    elif channel == "phone":
        hour, offset = rng.choices(range(9, 17), weights=[1.3, 1.4, 1.3, 1.0, 1.1, 1.1, 1.0, 0.8])[0], cet
    else:
        hour = rng.choices(range(24), weights=HOUR_CURVE)[0]
        offset = {"en": cet - rng.choice([0, 0, 1]), "th": 7, "id": 7, "fa": cet, "lv": cet + 1}[lang]
    local = dt.datetime.combine(day, dt.time(hour, rng.randrange(60), rng.randrange(60)))
    return (local - dt.timedelta(hours=offset)).replace(tzinfo=dt.timezone.utc)


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
        name, gender = r.choice(NAMES[lang])
        latin = EMAIL_NAMES.get(lang, {}).get(name, name).translate(LV_ASCII).lower()
        sur = r.choice(SURNAMES[lang])
        email = r.choice([f"{latin}.{sur}@example.com", f"{latin}{r.randint(1, 99)}@example.org",
                          f"{latin}_{sur}{r.randint(70, 99)}@example.com", f"{latin[0]}{sur}@example.org"])
        digits = lambda k: "".join(str(r.randrange(10)) for _ in range(k))  # noqa: E731
        phone = {
            "en": lambda: r.choice([f"+31 6 {digits(8)}", f"+31 6 {digits(4)} {digits(4)}", f"+44 7700 900{digits(3)}",
                                    f"+49 151 {digits(4)} {digits(4)}", f"06 {digits(4)} {digits(4)}"]),
            "th": lambda: r.choice([f"08{r.randint(1, 9)}-{digits(3)}-{digits(4)}", f"+66 8{r.randint(1, 9)} {digits(3)} {digits(4)}",
                                    f"09{r.randint(0, 9)}-{digits(3)}-{digits(4)}"]),
            "fa": lambda: r.choice([f"+49 176 {digits(4)} {digits(4)}", f"+46 70 {digits(3)} {digits(2)} {digits(2)}",
                                    f"+31 6 {digits(8)}", f"0912 {digits(3)} {digits(4)}".translate(FA_DIGITS)]),
            "id": lambda: r.choice([f"0812-{digits(4)}-{digits(4)}", f"+62 812 {digits(4)} {digits(4)}",
                                    f"0857 {digits(4)} {digits(4)}", f"+62 813-{digits(4)}-{digits(4)}"]),
            "lv": lambda: r.choice([f"+371 2{digits(3)} {digits(4)}", f"+371 2{digits(7)}", f"00371 2{digits(3)} {digits(4)}"]),
        }[lang]()
        orders = [f"KM-20{r.randint(31, 49)}-{r.randint(100000, 999999)}" for _ in range(r.choice([1, 1, 2, 3]))]
        c = dict(id=f"C-{n}", lang=lang, name=name, gender=gender, email=email, phone=phone, orders=orders)
        return c

    def pick(self, lang: str) -> dict:
        past = self.history[lang]
        c = self.rng.choice(past) if past and self.rng.random() < 0.22 else self.new(lang)
        past.append(c)  # preferential attachment: frequent writers write again
        return c


KEEP_CAPITAL = {"I", "I'm", "I've", "I'll", "I'd", "Klarna", "PayPal", "Apple", "Google", "DHL", "J&T", "Kerry",
                "Omniva", "PostNL", "Kestrel", "Express", "Standard", "Duties", "GoPay", "OVO", "PromptPay",
                "Rotterdam", "Kak", "Kakak", "Size", "Gift"}


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
    specific = [r[1] for r in replies if not isinstance(r, str) and re.search(r[0], text)]
    ok = lambda r: all("{%s}" % k not in r or k in used for k in CONTENT_SLOTS)  # noqa: E731
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
    words[i] = rng.choice([w[:j] + w[j + 1] + w[j] + w[j + 2:], w[:j] + w[j + 1:], w[:j] + w[j] + w[j:]])
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
        weights = {i["id"]: i["weight"] * trend_factor(i.get("trend"), when) * i.get("lang_factor", {}).get(lang, 1.0)
                   for i in INTENTS}
        return BY_ID[weighted(self.rng, weights)]

    def compose(self, kind: str, intent: dict | None, noise: dict | None, channel: str, lang: str,
                slots: Slots) -> str:
        r = self.rng
        source = intent if intent else noise
        if channel == "phone":
            gists = source.get("note", {}).get(lang)
            if gists:
                note = slots.fill(r.choice(PHONE_FRAMES[lang]).replace("{gist}", r.choice(gists)))
                return note + slots.fill(r.choice(PHONE_TAILS[lang]))
            channel = "web"
        body = slots.fill(r.choice(source["text"][lang]))
        if kind != "intent":
            return body if kind == "spam" else casual(r, lang, body) if channel in ("chat", "social") else body
        if channel in ("chat", "social"):
            if r.random() < 0.25:
                body = slots.fill(r.choice(CHAT_OPENERS[lang])) + (decap(body) if lang in ("en", "id") else body)
            body = casual(r, lang, body)
            if channel == "social" and r.random() < 0.25:
                body += slots.fill(r.choice(EMOJI[lang]))
            for what, p in (("phone", 0.025 if channel == "social" else 0.01), ("email", 0.03)):
                if r.random() < p:
                    body = join(lang, body, slots.fill(r.choice(CONTACT_LINES[what][lang])))
            return body
        # e-mail and the contact form
        parts = []
        formal = channel == "email"
        if r.random() < (0.85 if formal else 0.4) and not body.startswith(GREETING_WORDS):
            parts.append(slots.fill(r.choice(EMAIL_GREETINGS[lang])))
        text = body
        n_extra = sum(r.random() < p for p in ((0.55, 0.15) if formal else (0.2,)))
        for extra in r.sample(EXTRA[lang], n_extra):
            text = join(lang, text, slots.fill(extra))
        if r.random() < 0.07:
            other = self.intent_for(slots.when, lang)
            if other is not intent:
                more = Slots(lang, r, slots.when, slots.customer, other).fill(r.choice(other["text"][lang]))
                if lang in ("en", "id", "lv"):
                    more = decap(more)
                text = join(lang, text, slots.fill(r.choice(ALSO[lang])) + more)
        parts.append(text)
        if intent["id"] in ORDER_RELEVANT and "order" not in slots.values and r.random() < 0.25:
            parts.append(slots.fill(ORDER_LINE[lang]))
        if r.random() < 0.008:
            parts.append(slots.fill(r.choice(CONTACT_LINES["card"][lang])))
        if r.random() < (0.75 if formal else 0.35):
            sign = slots.fill(r.choice(SIGNOFFS[lang]))
            roll = r.random()
            if roll < 0.12:
                sign += "\n" + slots["phone"]
            elif roll < 0.2:
                sign += "\n" + slots["email"]
            parts.append(sign)
        elif r.random() < 0.08:
            parts.append(slots.fill(r.choice(CONTACT_LINES["phone"][lang])))
        return "\n\n".join(parts) if formal else "\n".join(parts)

    def reply(self, intent: dict | None, noise: dict | None, channel: str, lang: str, slots: Slots,
              text: str) -> str:
        r = self.rng
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
            body = slots.fill(AFTER_CALL[lang]) + (decap(body) if lang in ("en", "id", "lv") else body)
            channel = "email"
        if channel == "chat":
            return body
        opener = slots.fill(r.choice(REPLY_OPEN[lang]))
        if channel == "social":
            return opener.rstrip(",،") + (" " if lang != "fa" else "، ") + body if r.random() < 0.5 else body
        thanks_already = any(w in body[:40] for w in ("Thank", "ขอบคุณ", "ممنون", "Terima kasih", "Paldies"))
        thanks = slots.fill(REPLY_THANKS[lang]) + " " if r.random() < 0.5 and not (after_call or thanks_already) else ""
        return f"{opener}\n\n{thanks}{body}\n\n{slots.fill(r.choice(REPLY_CLOSE[lang]))}"

    # -- one message -------------------------------------------------------------------------
    def message(self, when_day: dt.date, lang: str, customer: dict | None = None, intent: dict | None = None,
                channel: str | None = None) -> dict:
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
                channel = weighted(r, {c: w for c, w in noise["channels"].items()
                                       if allowed_channels(lang, when_day).get(c, 0)})
                when = pick_time(r, when_day, channel, lang)
        elif intent is None:
            intent = self.intent_for(when, lang)
        if kind == "spam":
            customer = self.customers.new(lang)  # spammers are nobody's repeat customers
        slots = Slots(lang, r, when, customer, intent)
        text = self.compose(kind, intent, noise, channel, lang, slots)
        reply = self.reply(intent, noise, channel, lang, slots, text)
        label = intent["id"] if intent else "noise:" + kind
        return dict(time=when, channel=channel, lang=lang, customer=customer["id"], text=text, reply=reply,
                    _intent=label, _customer=customer)

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
        lo = dt.datetime.combine(START, dt.time(0, 0), tzinfo=dt.timezone.utc)
        hi = dt.datetime.combine(END, dt.time(23, 59, 59), tzinfo=dt.timezone.utc)
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


def to_csv(rows: list[dict]) -> bytes:
    out = io.StringIO()
    w = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    w.writerow(COLUMNS)
    for row in rows:
        w.writerow([row["ticket"], row["time"].strftime("%Y-%m-%dT%H:%M:%SZ"), row["channel"], row["lang"],
                    row["customer"], row["text"], row["reply"]])
    return out.getvalue().encode("utf-8")


def generate(seed: int = SEED) -> tuple[bytes, dict[str, int]]:
    gen = Generator(seed)
    rows = gen.run()
    stats: dict[str, int] = {}
    for row in rows:
        stats[row["_intent"]] = stats.get(row["_intent"], 0) + 1
    return to_csv(rows), stats


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", "--output", default=os.path.join(HERE, "inquiries.csv"))
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--stats", action="store_true", help="print the number of messages per intent")
    args = ap.parse_args(argv)
    data, stats = generate(args.seed)
    with open(args.output, "wb") as fh:
        fh.write(data)
    print(f"wrote {args.output}: {sum(stats.values())} rows, {len(data):,} bytes")
    if args.stats:
        gaps = {i["id"] for i in INTENTS if i["covered_by"] is None}
        for name, n in sorted(stats.items(), key=lambda kv: -kv[1]):
            print(f"{n:6d}  {name}{'  (gap)' if name in gaps else ''}")


if __name__ == "__main__":
    main()
