"""The speed benchmarks end to end at tiny scale: `python -m kb.evaluation.bench search|mining|site`.

Each command runs as people run it, in a child process (sys.executable, so coverage follows it), lexical
only (no embedding model loads), with its temporary folders under the test's own TMPDIR so that the
clean-up they promise can be checked. The figures are timings, so the checks are on what every run must
satisfy: sizes and counts as asked, percentiles in order, rates consistent with counts and seconds.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from kb.evaluation.bench import main
from kb.mining.model import DEFAULT_CONFIG
from tests.conftest import DATA, SHARED

ROOT = Path(__file__).resolve().parents[1]
LEXICAL = {
    "KB_EMBEDDING_MODEL": "none",
    "KB_MINING_MODEL": "none",
    "KB_EMBEDDING_EXTRA": "",
    "HF_HUB_OFFLINE": "1",
    "TOKENIZERS_PARALLELISM": "false",
}
# Every edge-case article has a title and a body, so the corpus reader keeps each file (drafts included).
REAL_EN = len(list((DATA / "articles" / "en").glob("*.md")))
REAL_TH = len(list((DATA / "articles" / "th").glob("*.md")))
TEXT_LINE = re.compile(
    r"^\s*(?P<size>\d+) docs(?: \((?P<synthetic>\d+) synthetic from real sentences\))?\s+(?P<mode>\S+)\s+"
    r"build\s+(?P<rate>[\d.]+) docs/s\s+p50\s+(?P<p50>[\d.]+) ms\s+p95\s+(?P<p95>[\d.]+) ms\s+"
    r"peak RSS\s+(?P<rss>[\d.]+) MB"
)


def bench_env(tmp_path: Path) -> dict[str, str]:
    """The machine's environment without its KB_* settings, lexical only, temporary files under tmp_path."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KB_")}
    return {**env, **LEXICAL, "TMPDIR": str(tmp_path)}


def bench(tmp_path: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kb.evaluation.bench", *args],
        cwd=ROOT,
        env=bench_env(tmp_path),
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
    )


def leftovers(tmp_path: Path, prefix: str) -> list[Path]:
    return sorted(tmp_path.glob(f"{prefix}*"))


# -- search -----------------------------------------------------------------------------------
@pytest.mark.slow
def test_bench_search_json_sizes_modes_and_figures(tmp_path):
    sizes = (REAL_EN - 1, REAL_EN + 9)  # one below the corpus (no scaling), one above (scaled up)
    modes = ("whoosh_default", "lexical")
    proc = bench(
        tmp_path,
        "search",
        "--corpus",
        str(DATA / "articles"),
        "--lang",
        "en",
        "--docs",
        ",".join(map(str, sizes)),
        "--queries",
        "7",
        "--modes",
        ",".join(modes),
        "--json",
    )
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert set(out) == {str(s) for s in sizes}  # one entry per requested size
    for size in sizes:
        assert set(out[str(size)]) == set(modes)
        for mode, r in out[str(size)].items():
            assert r["documents"] == size, (size, mode)
            assert r["synthetic_documents"] == max(0, size - REAL_EN), (size, mode)
            assert r["queries"] == 7  # the titles, repeated up to --queries
            assert r["build_docs_per_s"] > 0
            assert 0 < r["p50_ms"] <= r["p95_ms"]
            assert r["peak_rss_mb"] > 0
    assert not leftovers(tmp_path, "kb-bench-")  # each run's index folder is removed


@pytest.mark.slow
def test_bench_search_text_report_says_when_documents_are_synthetic(tmp_path):
    # Thai: no sentence punctuation, so the scaler splits on spaces; one line per size and mode.
    sizes = (REAL_TH, REAL_TH + 3)
    proc = bench(
        tmp_path,
        "search",
        "--corpus",
        str(DATA / "articles"),
        "--lang",
        "th",
        "--docs",
        ",".join(map(str, sizes)),
        "--queries",
        "3",
        "--modes",
        "lexical",
    )
    assert proc.returncode == 0, proc.stderr
    lines = [TEXT_LINE.match(line) for line in proc.stdout.splitlines() if line.strip()]
    assert all(lines), proc.stdout
    assert [(int(m["size"]), m["mode"]) for m in lines if m] == [(s, "lexical") for s in sizes]
    first, second = (m for m in lines if m)
    assert first["synthetic"] is None  # the real article only: no note
    assert int(second["synthetic"]) == 3
    for m in (first, second):
        assert float(m["rate"]) > 0 and float(m["p50"]) <= float(m["p95"]) and float(m["rss"]) > 0


@pytest.mark.slow
def test_bench_search_xquad_takes_the_language_from_the_file_name(tmp_path):
    paragraphs = [
        ("Sūtījumu var izsekot sadaļā Mani pasūtījumi. Izsekošanas numurs ir e-pastā.", "Kur ir mans sūtījums?"),
        ("Naudu atmaksā uz to pašu karti piecu darba dienu laikā. Banka var kavēties.", "Kad atgūšu naudu?"),
        ("Paroli var atjaunot ar saiti pieteikšanās lapā. Saite derīga vienu stundu.", "Aizmirsu paroli"),
    ]
    data = {
        "data": [
            {
                "title": "kb",
                "paragraphs": [
                    {"context": context, "qas": [{"id": str(i), "question": question, "answers": []}]}
                    for i, (context, question) in enumerate(paragraphs)
                ],
            }
        ]
    }
    xquad = tmp_path / "xquad.lv.json"
    xquad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    # --lang stays at its default (en): the documents are found only if lv is read from the name.
    proc = bench(
        tmp_path, "search", "--xquad", str(xquad), "--docs", "5", "--queries", "4", "--modes", "lexical", "--json"
    )
    assert proc.returncode == 0, proc.stderr
    r = json.loads(proc.stdout)["5"]["lexical"]
    assert r["documents"] == 5 and r["synthetic_documents"] == 5 - len(paragraphs)
    assert r["queries"] == 4 and 0 < r["p50_ms"] <= r["p95_ms"]


def test_bench_search_needs_a_corpus(capsys):
    assert main(["search", "--docs", "10"]) == 2
    assert "give --corpus DIR or --xquad FILE" in capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "modes", "message"),
    [
        ("de", "lexical", "error: no de documents in"),
        ("en", "hybrid", "error: the hybrid mode needs an embedding model"),
    ],
)
def test_bench_search_refuses_with_a_message(tmp_path, lang, modes, message):
    proc = bench(
        tmp_path,
        "search",
        "--corpus",
        str(DATA / "articles"),
        "--lang",
        lang,
        "--docs",
        "5",
        "--queries",
        "3",
        "--modes",
        modes,
        "--json",
    )
    assert proc.returncode != 0
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""  # no report


@pytest.mark.slow
def test_bench_search_missing_corpus_fails_naming_the_folder(tmp_path):
    missing = tmp_path / "no-such-corpus"
    proc = bench(tmp_path, "search", "--corpus", str(missing), "--docs", "5", "--queries", "3", "--modes", "lexical")
    assert proc.returncode != 0
    assert str(missing) in proc.stderr
    assert proc.stdout == ""


def _short_sentences_corpus(root: Path) -> Path:
    (root / "en").mkdir(parents=True)
    (root / "en" / "short.md").write_text('---\ntitle: "Short"\n---\n\nToo short. Also short.\n', encoding="utf-8")
    return root


@pytest.mark.slow
@pytest.mark.parametrize("corpus", ["missing", "no-long-sentences"])
def test_bench_search_bad_corpus_is_an_error_message_not_a_traceback(tmp_path, corpus):
    path = tmp_path / "no-such-corpus" if corpus == "missing" else _short_sentences_corpus(tmp_path / "short")
    proc = bench(tmp_path, "search", "--corpus", str(path), "--docs", "5", "--queries", "3", "--modes", "lexical")
    assert proc.returncode != 0
    assert "error:" in proc.stderr
    assert "Traceback" not in proc.stderr


# -- mining -----------------------------------------------------------------------------------
def expected_sources() -> set[str]:
    """What the mining benchmark's docstring promises: the shared data sets when present, else the demo log."""
    used = set()
    if (SHARED / "banking77" / "train.csv").exists():
        used.add("banking77")
    if (SHARED / "bitext-customer-support" / "Bitext_Sample_Customer_Support_Training_Dataset.csv").exists():
        used.add("bitext")
    for locale in ("en-US", "th-TH", "fa-IR", "id-ID", "lv-LV"):
        if (SHARED / "massive" / f"{locale}.jsonl").exists():
            used.add(f"massive-{locale[:2]}")
    return used or {"demo log"}


@pytest.mark.slow
def test_bench_mining_json_report(tmp_path):
    rows = 300
    proc = bench(tmp_path, "mining", "--rows", str(rows), "--json")
    assert proc.returncode == 0, proc.stderr
    r = json.loads(proc.stdout)
    assert r["rows"] == rows
    assert set(r["sources"].split("+")) == expected_sources()
    assert 0 < r["kept"] <= rows  # imported after de-duplication
    # Every kept inquiry is either in a cluster of at least min_size or left unclustered.
    assert 0 <= r["unclustered"] <= r["kept"]
    assert r["clusters"] >= 1
    assert r["clusters"] * DEFAULT_CONFIG.min_size <= r["kept"] - r["unclustered"]
    # No mining model: every language is clustered lexically.
    assert r["dense_weights"] and set(r["dense_weights"]) <= {"en", "id", "lv", "th", "fa"}
    assert set(r["dense_weights"].values()) == {0.0}
    # Stage timings partition the timed run (each rounded to 0.1 s).
    stages = r["stages"]
    assert {"importing", "loading", "clustering", "coverage", "saving"} <= set(stages)
    assert all(v >= 0 for v in stages.values())
    assert sum(stages.values()) <= r["seconds"] + 0.05 * (len(stages) + 1)
    assert r["seconds"] > 0 and r["remine_seconds"] > 0
    assert rows / (r["seconds"] + 0.05) - 0.05 <= r["rows_per_s"]
    if r["seconds"] > 0.05:
        assert r["rows_per_s"] <= rows / (r["seconds"] - 0.05) + 0.05
    assert r["peak_rss_mb"] >= r["rss_before_mb"] > 0
    # Memory per stage: the peak so far when it ended (never falling, at most the run's) and the RSS then.
    peaks = [r["stage_peak_rss_mb"][s] for s in stages]  # stages in the order they ran
    assert list(r["stage_peak_rss_mb"]) == list(stages)
    assert peaks == sorted(peaks) and r["rss_before_mb"] <= peaks[0] and peaks[-1] <= r["peak_rss_mb"]
    if sys.platform == "linux":
        assert all(0 < r["stage_end_rss_mb"][s] <= r["stage_peak_rss_mb"][s] for s in stages)
    assert not leftovers(tmp_path, "kb-mining-bench-")  # the throwaway index, database and log


@pytest.mark.slow
def test_bench_mining_text_report(tmp_path):
    proc = bench(tmp_path, "mining", "--rows", "40")
    assert proc.returncode == 0, proc.stderr
    head, stages, again, peaks, ends, counts = proc.stdout.strip().splitlines()
    m = re.match(
        r"40 inquiries \((?P<sources>[^)]+)\) imported and mined in [\d.]+ s: [\d.]+ rows/s, peak RSS \d+ MB", head
    )
    assert m, head
    assert set(m["sources"].split("+")) == expected_sources()
    assert stages.strip().startswith("stages (s): {'importing': ")
    assert re.fullmatch(r"the same log mined again, its vectors from the cache: [\d.]+ s", again.strip()), again
    assert peaks.strip().startswith("peak RSS at each stage's end (MB): {'importing': ")
    assert ends.strip().startswith("RSS at each stage's end (MB): {'importing': ")
    c = re.match(r"\s*(\d+) clusters, (\d+) unclustered, dense weights ", counts)
    assert c, counts
    assert int(c[2]) <= 40


# -- site -------------------------------------------------------------------------------------
def _gunicorns(pid: int) -> dict[int, float]:
    """The gunicorn processes under ``pid``: process id -> creation time (so a reused id is not mistaken)."""
    try:
        children = psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return {}
    out = {}
    for p in children:
        try:
            if "gunicorn" in " ".join(p.cmdline()):
                out[p.pid] = p.create_time()
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            continue
    return out


def _alive(pid: int, created: float) -> bool:
    try:
        p = psutil.Process(pid)
        return p.create_time() == created and p.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def _port_of(pid: int) -> int | None:
    try:
        port = psutil.Process(pid).environ().get("PORT")
    except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
        return None
    return int(port) if port else None


@dataclasses.dataclass
class SiteRun:
    rc: int
    stdout: str
    stderr: str
    seen: dict[int, float]  # gunicorn processes seen while the command ran: id -> creation time
    ports: set[int]  # where they served (their PORT)
    survivors: list[int]  # of those, still running once the command had exited
    listening: list[int]  # of the ports, those still accepting connections then


def _accepts(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2):
            return True
    except OSError:
        return False


def run_site(tmp_path: Path, *args: str, timeout: float = 120) -> SiteRun:
    """``bench site ARGS``, its gunicorn processes watched while it runs and checked for right after it exits."""
    gunicorn = Path(sys.executable).parent / "gunicorn"
    if not gunicorn.exists():
        pytest.skip(f"{gunicorn} is missing: the load test serves the site with the virtualenv's gunicorn")
    try:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
    except OSError as exc:
        pytest.skip(f"cannot bind a socket on 127.0.0.1 here ({exc}); the load test serves on a local port")
    seen: dict[int, float] = {}
    masters: dict[int, float] = {}  # the command's own children: each leads the process group of its workers
    ports: set[int] = set()
    survivors: list[int] = []
    listening: list[int] = []
    with open(tmp_path / "stdout", "w+") as out, open(tmp_path / "stderr", "w+") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "kb.evaluation.bench", "site", *args],
            cwd=ROOT,
            env=bench_env(tmp_path),
            stdout=out,
            stderr=err,
        )
        try:
            deadline = time.monotonic() + timeout
            while proc.poll() is None:
                assert time.monotonic() < deadline, f"bench site still running after {timeout} s"
                found = _gunicorns(proc.pid)
                for pid in found.keys() - seen.keys():
                    port = _port_of(pid)
                    if port:
                        ports.add(port)
                    with contextlib.suppress(psutil.Error):
                        if psutil.Process(pid).ppid() == proc.pid:
                            masters[pid] = found[pid]
                seen.update(found)
                time.sleep(0.2)
            survivors = [pid for pid, created in seen.items() if _alive(pid, created)]
            listening = [port for port in sorted(ports) if _accepts(port)]
        finally:  # whatever the outcome, end what this test started, by process id
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            for pid, created in masters.items():
                if _alive(pid, created):
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(pid, signal.SIGKILL)
            left = []
            for pid, created in seen.items():
                if _alive(pid, created):
                    with contextlib.suppress(psutil.NoSuchProcess):
                        p = psutil.Process(pid)
                        p.kill()
                        left.append(p)
            psutil.wait_procs(left, timeout=10)
        out.seek(0)
        err.seek(0)
        return SiteRun(proc.returncode, out.read(), err.read(), seen, ports, survivors, listening)


def assert_server_gone(run: SiteRun, tmp_path: Path) -> None:
    assert run.seen, "no gunicorn process was seen while the command ran"
    assert run.ports, "the gunicorn processes had no PORT in their environment"
    assert not run.survivors, f"gunicorn processes left running: {run.survivors}"
    assert not run.listening, f"ports still accepting connections: {run.listening}"
    assert not leftovers(tmp_path, "kb-site-bench-")  # the throwaway index and database


@pytest.mark.slow
def test_bench_site_json_report_and_clean_shutdown(tmp_path):
    users, seconds = 2, 3.0
    run = run_site(
        tmp_path, "--users", str(users), "--seconds", str(seconds), "--workers", "1", "--think", "0.05-0.2", "--json"
    )
    assert run.rc == 0, run.stderr
    report = json.loads(run.stdout)
    assert (report["users"], report["seconds"], report["workers"]) == (users, seconds, 1)
    assert report["think_s"] == [0.05, 0.2]
    assert report["requests"] > 0
    assert report["errors"] == 0
    kinds = report["kinds"]
    assert set(kinds) == {"search", "article", "vote"}
    assert sum(k["count"] for k in kinds.values()) == report["requests"]
    assert sum(k["errors"] for k in kinds.values()) == report["errors"]
    assert kinds["search"]["count"] > 0  # 70% of the mix
    for kind, k in kinds.items():
        assert 0 <= k["p50_ms"] <= k["p95_ms"] <= k["p99_ms"], kind
        if k["count"]:
            assert k["p50_ms"] > 0, kind
    assert report["rps"] == round(report["requests"] / seconds, 1)
    assert_server_gone(run, tmp_path)


@pytest.mark.slow
def test_bench_site_text_report_at_saturation(tmp_path):
    # --think 0: one user sends its next request as soon as the last one is answered.
    run = run_site(tmp_path, "--users", "1", "--seconds", "2", "--workers", "1", "--think", "0")
    assert run.rc == 0, run.stderr
    head, *kind_lines = run.stdout.strip().splitlines()
    m = re.fullmatch(
        r"gunicorn 1 workers, 1 users, think 0 s, 2\.0 s: (?P<requests>\d+) requests, (?P<rps>[\d.]+) req/s, 0 errors",
        head,
    )
    assert m, head
    kinds = {}
    for line in kind_lines:
        k = re.fullmatch(
            r"\s+(?P<kind>\w+)\s+(?P<count>\d+) requests\s+p50\s+(?P<p50>[\d.]+) ms\s+p95\s+(?P<p95>[\d.]+) ms\s+"
            r"p99\s+(?P<p99>[\d.]+) ms\s+errors (?P<errors>\d+)",
            line,
        )
        assert k, line
        kinds[k["kind"]] = k
        assert float(k["p50"]) <= float(k["p95"]) <= float(k["p99"]), line
        assert k["errors"] == "0", line
    assert set(kinds) == {"search", "article", "vote"}
    assert sum(int(k["count"]) for k in kinds.values()) == int(m["requests"]) > 0
    assert_server_gone(run, tmp_path)


@pytest.mark.model
@pytest.mark.slow
@pytest.mark.timeout(600)
def test_embedding_spread_over_a_local_dask_cluster_gives_the_same_vectors():
    from kb.evaluation.embed_bench import evaluate

    texts = [f"where is my parcel number {i}?" for i in range(30)] + ["ขอเงินคืนค่ะ", "پرداختم ناموفق بود"]
    result = evaluate(texts, "multilingual-e5-small-int8", workers=2, chunk=8)
    assert result["rows"] == 32 and result["dask"]["workers"] == 2
    assert result["single_process"]["texts_per_s"] > 0 and result["dask"]["texts_per_s"] > 0
    assert result["min_cosine_between_runs"] > 0.99  # int8 vectors move only slightly with their batch
