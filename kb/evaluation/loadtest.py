"""Load test of the real site: gunicorn on 127.0.0.1, concurrent users, a realistic mix.

Users arrive at ``spawn_rate`` per second and are measured once all have arrived; each waits a
random think time between requests (default 1-3 s, like locust's wait_time); ``think=(0, 0)``
measures saturation throughput instead.

70% searches in the five languages (1-4 words taken from the articles), 25% article views, 5%
"was this helpful?" votes with a CSRF token. Rate limits are lifted for the run, since every
simulated user shares one address. Bounded in time; traffic only to 127.0.0.1.
"""

from __future__ import annotations

import http.client
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

from kb.content.articles import ArticleStore
from kb.settings import PROJECT_ROOT

MIX = (("search", 0.70), ("article", 0.25), ("vote", 0.05))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _percentile(values: list[float], pct: float) -> float:
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, round(pct / 100 * (len(values) - 1)))]


class _User(threading.Thread):
    def __init__(
        self,
        port: int,
        plan: dict,
        window: tuple[float, float],
        seed: int,
        out: list,
        think: tuple[float, float],
        start_at: float,
    ):
        super().__init__(daemon=True)
        self.port, self.plan, self.rng, self.out = port, plan, random.Random(seed), out
        self.measure_from, self.deadline = window
        self.think, self.start_at = think, start_at
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies: dict[str, str] = {}
        self.token = ""

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, str]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                resp = self.conn.getresponse()
                data = resp.read().decode("utf-8", "replace")
                break
            except (http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                if attempt == 2:
                    return 0, ""
        for header in resp.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return resp.status, data

    def run(self) -> None:
        time.sleep(max(0.0, self.start_at - time.monotonic()))  # users arrive at the spawn rate
        lang, slug = self.rng.choice(self.plan["articles"])
        status, html = self.request("GET", f"/{lang}/articles/{slug}")
        m = re.search(r'name="csrf_token" value="([^"]+)"', html)
        self.token = m.group(1) if m else ""
        kinds = [k for k, _ in MIX]
        weights = [w for _, w in MIX]
        while time.monotonic() < self.deadline:
            kind = self.rng.choices(kinds, weights)[0]
            lang, slug = self.rng.choice(self.plan["articles"])
            if kind == "search":
                words = self.plan["words"][lang]
                q = " ".join(self.rng.sample(words, self.rng.randint(1, 4)))
                method, path, body = "GET", f"/{lang}/search?q={urllib.parse.quote(q)}", None
            elif kind == "article":
                method, path, body = "GET", f"/{lang}/articles/{slug}", None
            else:
                method, path = "POST", f"/{lang}/articles/{slug}/vote"
                body = urllib.parse.urlencode({"csrf_token": self.token, "helpful": self.rng.choice(["yes", "no"])})
            started = time.perf_counter()
            status, _ = self.request(method, path, body)
            if time.monotonic() >= self.measure_from:  # steady state only, after every user arrived
                self.out.append((kind, (time.perf_counter() - started) * 1000, status))
            if self.think[1] > 0:  # a reader reads before the next click, as locust's wait_time models
                time.sleep(self.rng.uniform(*self.think))


def _plan(articles_dir: str) -> dict:
    store = ArticleStore(articles_dir)
    articles: list[tuple[str, str]] = []
    words: dict[str, set[str]] = {}
    for a in store.articles():
        if a.published:
            articles.append((a.lang, a.slug))
            pool = words.setdefault(a.lang, set())
            pool.update(
                w
                for w in re.findall(r"[\w\u0e00-\u0e7f\u0600-\u06ff\u200c]+", " ".join([a.title, *a.questions]))
                if len(w) > 2
            )
    return {"articles": articles, "words": {k: sorted(v) for k, v in words.items() if len(v) >= 4}}


def run_site_benchmark(
    *,
    users: int = 50,
    seconds: float = 60,
    workers: int = 2,
    think: tuple[float, float] = (1.0, 3.0),
    spawn_rate: float = 10.0,
) -> dict:
    tmp = tempfile.mkdtemp(prefix="kb-site-bench-")
    port = _free_port()
    env = {
        **os.environ,
        "KB_INDEX_DIR": os.path.join(tmp, "index"),
        "KB_DATABASE_URL": f"sqlite:///{tmp}/kb.sqlite3",
        "KB_RATE_LIMITS": "",
        "KB_SECRET_KEY": "site-benchmark",
        "PORT": str(port),
        "WEB_WORKERS": str(workers),
        "FLASK_APP": "app.py",
        "HF_HUB_OFFLINE": "1",
    }
    venv_bin = Path(sys.executable).parent
    for cmd in (["flask", "kb", "db", "upgrade"], ["flask", "kb", "index"]):
        subprocess.run(
            [str(venv_bin / cmd[0]), *cmd[1:]],
            cwd=PROJECT_ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    server = subprocess.Popen(
        [str(venv_bin / "gunicorn"), "--config", "gunicorn.conf.py", "app:create_app()"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        plan = _plan(str(PROJECT_ROOT / "articles"))
        deadline = time.monotonic() + 60
        while True:  # ready, and the model warm in every worker
            try:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                c.request("GET", "/en/search?q=refund")
                if c.getresponse().status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not start within 60 s")
            time.sleep(0.5)
        time.sleep(5)  # each worker warms its model in the background
        warm = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for lang in plan["words"]:  # every language's analyzer and searcher, in both workers
            for _ in range(2 * workers):
                warm.request("GET", f"/{lang}/search?q={urllib.parse.quote(plan['words'][lang][0])}")
                warm.getresponse().read()
        results: list = []
        now = time.monotonic()
        ramp = users / spawn_rate  # like locust -u 50 -r 10
        window = (now + ramp, now + ramp + seconds)
        threads = [_User(port, plan, window, seed, results, think, now + seed / spawn_rate) for seed in range(users)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=ramp + seconds + 60)
        elapsed = seconds
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(tmp, ignore_errors=True)
    kinds = {}
    for kind, _ in MIX:
        lat = [ms for k, ms, _ in results if k == kind]
        errors = sum(1 for k, _, st in results if k == kind and not (200 <= st < 400))
        kinds[kind] = {
            "count": len(lat),
            "p50_ms": round(_percentile(lat, 50), 1),
            "p95_ms": round(_percentile(lat, 95), 1),
            "p99_ms": round(_percentile(lat, 99), 1),
            "errors": errors,
        }
    return {
        "users": users,
        "seconds": seconds,
        "workers": workers,
        "think_s": list(think),
        "requests": len(results),
        "rps": round(len(results) / elapsed, 1),
        "errors": sum(k["errors"] for k in kinds.values()),
        "kinds": kinds,
    }
