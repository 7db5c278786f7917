"""The database goes down and comes back: the site says what happened and recovers by itself.

A PostgreSQL server of its own (this test stops it), started like scripts/postgres.sh does.
"""

from __future__ import annotations

import contextlib
import glob
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from kb import accounts
from kb.db import Database, Vote
from tests.conftest import site_config

PASSWORD = "correct horse battery"


class Cluster:
    """A throwaway PostgreSQL cluster on a Unix socket (no TCP port), as the postgres user when root."""

    def __init__(self, root: Path):
        bins = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
        if not bins:
            pytest.skip("PostgreSQL server binaries are not installed (scripts/system-deps.sh installs them)")
        self.bin, self.root = Path(bins[-1]), root
        self.run_as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        root.chmod(0o755)
        if self.run_as:
            shutil.chown(root, "postgres")
        self._run("initdb", "-D", str(root / "data"), "-U", "kb", "--auth=trust")
        self.start()
        self._run("createdb", "-h", str(root), "-U", "kb", "kbtest")
        self.url = f"postgresql+psycopg://kb@/kbtest?host={root}"

    def _run(self, tool: str, *args: str) -> None:
        subprocess.run([*self.run_as, str(self.bin / tool), *args], check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        opts = f"-k {self.root} -c listen_addresses='' -c fsync=off"
        self._run("pg_ctl", "-D", str(self.root / "data"), "-l", str(self.root / "log"), "-w", "-o", opts, "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.root / "data"), "-m", "immediate", "-w", "stop")


@pytest.fixture
def cluster():
    # Not under pytest's tmp_path: its folders are private to us, and the server runs as postgres.
    root = Path(tempfile.mkdtemp(prefix="kb-pg-outage."))
    try:
        c = Cluster(root)
        yield c
        with contextlib.suppress(subprocess.CalledProcessError):  # stopped already
            c.stop()
    finally:
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def site(cluster, articles_dir, tmp_path, built_index):
    from kb.web import create_app

    shutil.copytree(built_index, tmp_path / "index")
    db = Database(cluster.url)
    db.upgrade()
    accounts.add_user(db, "ann", PASSWORD, "support")
    app = create_app(site_config(articles_dir, tmp_path, KB_DATABASE_URL=cluster.url, KB_SECRET_KEY="one key"))
    return app, db


def _token(client, page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(page).get_data(as_text=True))
    assert found is not None, page
    return found.group(1)


def _login(client, password=PASSWORD):
    return client.post(
        "/staff/login", data={"csrf_token": _token(client, "/staff/login"), "username": "ann", "password": password}
    )


@pytest.mark.slow
def test_a_database_outage_is_a_clear_503_that_claims_nothing_and_the_site_recovers(site, cluster):
    app, db = site
    client = app.test_client()
    vote = "/en/articles/refunds/vote"
    token = _token(client, "/en/articles/refunds")
    assert client.post(vote, data={"helpful": "yes", "csrf_token": token}).status_code == 302

    cluster.stop()
    r = client.post(vote, data={"helpful": "no", "reason": "too slow", "csrf_token": token})
    assert r.status_code == 503 and "voted" not in r.headers.get("Location", "")
    assert "Nothing you sent was recorded" in r.get_data(as_text=True) and r.headers["Retry-After"]
    r = _login(app.test_client())
    assert r.status_code == 503 and "Traceback" not in r.get_data(as_text=True)
    api = client.post("/api/v1/votes", json={}, headers={"Accept": "application/json"})
    assert api.status_code in (404, 405, 503)  # no such route, or refused honestly, never a 500
    assert client.get("/en/search?q=refund").status_code == 200  # reading does not need the database

    cluster.start()
    assert client.post(vote, data={"helpful": "no", "csrf_token": token}).status_code == 302
    assert _login(app.test_client()).status_code == 302
    with db.session() as s:
        assert [v.helpful for v in s.query(Vote).all()] == [False]  # the second visit's vote replaced the first
