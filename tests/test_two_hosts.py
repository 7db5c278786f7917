"""Two hosts that agree: two gunicorn instances, each with its own articles folder and index, on one
PostgreSQL and one Redis (README, "Running on several hosts"). scripts/test.sh starts both servers;
without them these tests skip.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from kb import accounts
from kb.core import HelpCenter
from kb.db import Database, MiningJob
from tests.conftest import DATA, make_settings

requests = pytest.importorskip("requests")

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "correct horse battery"
pytestmark = pytest.mark.slow


@dataclass
class Host:
    name: str
    url: str
    articles: Path
    process: subprocess.Popen

    def session(self, user: str | None = None) -> requests.Session:
        s = requests.Session()
        if user is not None:
            r = login(s, self, user)
            assert r.status_code == 302, (self.name, user, r.status_code)
        return s


def csrf(session, url: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', session.get(url, timeout=30).text)
    assert found is not None, url
    return found.group(1)


def login(session, host: Host, user: str, password: str = PASSWORD):
    token = csrf(session, host.url + "/staff/login")
    return session.post(
        host.url + "/staff/login",
        data={"csrf_token": token, "username": user, "password": password},
        allow_redirects=False,
        timeout=30,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_up(host: Host, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if host.process.poll() is not None:
            raise RuntimeError(f"host {host.name} exited with {host.process.returncode}")
        try:
            if requests.get(host.url + "/en/", timeout=10).status_code == 200:
                return
        except requests.RequestException:
            pass  # not listening yet, or still loading
        time.sleep(0.2)
    raise RuntimeError(f"host {host.name} did not start")


def forget_counts() -> None:
    """Empty the shared Redis: every rate limit count starts again."""
    import redis

    redis.Redis(unix_socket_path=os.environ["KB_TEST_REDIS_URL"].removeprefix("redis+unix://")).flushdb()


@pytest.fixture(scope="module")
def hosts(tmp_path_factory) -> Iterator[list[Host]]:
    pg, redis = os.environ.get("KB_TEST_POSTGRES_URL"), os.environ.get("KB_TEST_REDIS_URL")
    if not pg or not redis:
        pytest.skip("needs KB_TEST_POSTGRES_URL and KB_TEST_REDIS_URL (scripts/test.sh starts both servers)")
    from alembic import command

    db = Database(pg)
    with db.engine.begin() as conn:  # a clean schema: other tests share this server
        cfg = db._alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
    db.upgrade()
    forget_counts()
    accounts.add_user(db, "adm", PASSWORD, "admin")
    accounts.add_user(db, "adm2", PASSWORD, "admin")
    accounts.add_user(db, "sup", PASSWORD, "support")
    db.engine.dispose()
    root = tmp_path_factory.mktemp("two-hosts")
    started: list[Host] = []
    try:
        for name in ("a", "b"):
            articles, index = root / name / "articles", root / name / "index"
            shutil.copytree(DATA / "articles", articles)
            HelpCenter(make_settings(articles, index)).rebuild()
            port = free_port()
            env = {
                **os.environ,
                "PORT": str(port),
                "WEB_WORKERS": "2",
                "KB_ARTICLES_DIR": str(articles),
                "KB_INDEX_DIR": str(index),
                "KB_UPLOAD_DIR": str(root / name / "uploads"),
                "KB_DATABASE_URL": pg,
                "KB_SECRET_KEY": "one key for every host",
                "KB_RATE_LIMIT_STORAGE": redis,
                "KB_RATE_LIMITS": "login=10/60",
                "KB_EMBEDDING_MODEL": "none",
                "KB_MINING_MODEL": "none",
                "KB_SYNC_SECONDS": "0.5",
            }
            proc = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "app:create_app()"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=open(root / f"{name}.log", "wb"),  # noqa: SIM115 - closed with the process
            )
            started.append(Host(name, f"http://127.0.0.1:{port}", articles, proc))
        for host in started:
            wait_until_up(host)
        yield started
    finally:
        for host in started:
            host.process.terminate()
        for host in started:
            try:
                host.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                host.process.kill()


def editor_form(session, host: Host, lang: str, slug: str) -> dict[str, str]:
    import html

    page = session.get(f"{host.url}/editor/{lang}/{slug}", timeout=30).text
    fields = dict(re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)"', page))
    text = re.search(r'<textarea id="text" name="text"[^>]*>(.*?)</textarea>', page, re.S)
    assert text is not None
    return {**fields, "text": html.unescape(text.group(1)), "action": "publish"}


def test_a_publish_on_one_host_is_served_by_the_other_within_seconds(hosts):
    a, b = hosts
    editor = a.session("adm")
    form = editor_form(editor, a, "en", "refunds")
    form["text"] = form["text"].replace("Refunds go back", "Refunds (said host a) go back")
    r = editor.post(f"{a.url}/editor/en/refunds", data=form, allow_redirects=False, timeout=30)
    assert r.status_code == 302, r.text[:500]
    published = time.monotonic()
    while "said host a" not in requests.get(f"{b.url}/en/articles/refunds", timeout=10).text:
        assert time.monotonic() - published < 5, "host b did not serve host a's edit within 5 s"
        time.sleep(0.1)
    seconds = time.monotonic() - published
    while not requests.get(f"{b.url}/api/v1/search?lang=en&q=said", timeout=10).json()["hits"]:
        assert time.monotonic() - published < 5, "host b's index did not take host a's edit within 5 s"
        time.sleep(0.1)
    print(f"publish on a -> served by b: {seconds:.2f} s")
    assert "said host a" in (b.articles / "en" / "refunds.md").read_text(encoding="utf-8")


def test_simultaneous_saves_on_two_hosts_one_wins_the_other_gets_409(hosts):
    a, b = hosts
    editors = [(a, a.session("adm")), (b, b.session("adm2"))]
    for round_ in range(3):
        forms = [editor_form(s, host, "fa", "refunds") for host, s in editors]  # both open the same version
        assert forms[0]["expected_revision"] == forms[1]["expected_revision"], "the hosts were not in step"
        codes = save_at_once(
            [
                (
                    f"{host.url}/editor/fa/refunds",
                    s,
                    {**form, "text": form["text"] + f"\n\nHost {host.name}, {round_}.\n"},
                )
                for (host, s), form in zip(editors, forms, strict=True)
            ]
        )
        assert sorted(codes) == [302, 409], codes
        time.sleep(1.5)  # both hosts apply the winner before the next round opens it


def save_at_once(posts: list[tuple[str, requests.Session, dict[str, str]]]) -> list[int]:
    """POST every form at the same moment, one thread each; their status codes in order."""
    barrier = threading.Barrier(len(posts))
    codes = [0] * len(posts)

    def post(i: int) -> None:
        url, session, form = posts[i]
        barrier.wait()
        codes[i] = session.post(url, data=form, allow_redirects=False, timeout=30).status_code

    threads = [threading.Thread(target=post, args=(i,)) for i in range(len(posts))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return codes


def test_a_session_signed_in_on_one_host_works_on_the_other(hosts):
    a, b = hosts
    s = a.session("sup")
    r = s.get(f"{b.url}/staff/", allow_redirects=False, timeout=30)
    assert r.status_code == 200
    token = csrf(s, b.url + "/staff/")  # and a form made on b, posted to a
    r = s.post(f"{a.url}/staff/logout", data={"csrf_token": token}, allow_redirects=False, timeout=30)
    assert r.status_code == 302
    assert s.get(f"{b.url}/staff/", allow_redirects=False, timeout=30).status_code == 302  # signed out everywhere


def test_the_login_limit_holds_across_hosts_and_workers(hosts):
    a, b = hosts
    forget_counts()  # the earlier tests' sign-ins counted too
    codes = [login(requests.Session(), (a, b)[i % 2], "adm2", "wrong password!!").status_code for i in range(30)]
    assert codes.count(401) == 10 and codes.count(429) == 20, codes
    forget_counts()  # the window passed, for the tests after this one


def test_two_uploads_at_once_on_two_hosts_never_mine_at_the_same_time(hosts):
    a, b = hosts
    log = "text\n" + "".join(f'"where is my order number {i}, it is late"\n' for i in range(300))
    sessions = [(a, a.session("sup")), (b, b.session("sup"))]
    ids: list[int] = []
    for host, s in sessions:
        token = csrf(s, host.url + "/staff/suggestions/upload")
        r = s.post(
            f"{host.url}/staff/suggestions/upload",
            data={"csrf_token": token, "start": "now"},
            files={"file": ("log.csv", log.encode(), "text/csv")},
            allow_redirects=False,
            timeout=30,
        )
        assert r.status_code == 303, r.text[:300]
        ids.append(int(r.headers["Location"].rsplit("/", 1)[1]))
    db = Database(os.environ["KB_TEST_POSTGRES_URL"])
    deadline = time.monotonic() + 120
    try:
        while True:
            with db.session() as s:
                states = [s.get(MiningJob, i).status for i in ids]
            assert states.count("running") <= 1, states
            if all(st in ("done", "failed") for st in states):
                break
            assert time.monotonic() < deadline, states
            time.sleep(0.05)
    finally:
        db.engine.dispose()
    assert states == ["done", "done"]
