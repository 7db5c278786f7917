"""``python -m kb.evaluation.bench mining --rows 100000``: import and mine a large inquiry log end to end.

The log is made of real inquiry texts: Banking77, Bitext and MASSIVE (five languages) from
``../shared/data`` when present, else the bundled demo log; rows are drawn with replacement and
about two thirds get an order number or a greeting, as real messages do, so they are not just
repeats. The measurement runs in a fresh process (the bundled help center's index is built first
and not timed) and reports rows/s, seconds per stage and that process's peak RSS.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time

from kb.settings import PROJECT_ROOT

SHARED = PROJECT_ROOT.parent / "shared" / "data"
GREETINGS = {
    "en": ("Hi, ", "Hello team, ", ""),
    "id": ("Halo kak, ", "Selamat pagi, ", ""),
    "lv": ("Sveiki! ", "Labdien, ", ""),
    "th": ("สวัสดีค่ะ ", "สวัสดีครับ ", ""),
    "fa": ("سلام، ", "با سلام، ", ""),
}


def source_texts() -> tuple[list[tuple[str, str]], str]:
    """(text, lang) pairs of real inquiries and where they came from."""
    out: list[tuple[str, str]] = []
    used = []
    b77 = SHARED / "banking77" / "train.csv"
    if b77.exists():
        with open(b77, encoding="utf-8") as fh:
            out += [(r["text"], "en") for r in csv.DictReader(fh)]
        used.append("banking77")
    bitext = SHARED / "bitext-customer-support" / "Bitext_Sample_Customer_Support_Training_Dataset.csv"
    if bitext.exists():
        with open(bitext, encoding="utf-8") as fh:
            out += [(r["instruction"], "en") for r in csv.DictReader(fh)]
        used.append("bitext")
    for locale in ("en-US", "th-TH", "fa-IR", "id-ID", "lv-LV"):
        path = SHARED / "massive" / f"{locale}.jsonl"
        if path.exists():
            lang = locale[:2]
            with open(path, encoding="utf-8") as fh:
                for line in fh:
                    utt = json.loads(line)["utt"]
                    out.append((utt.replace(" ", "") if lang == "th" else utt, lang))
            used.append(f"massive-{lang}")
    if not out:
        with open(PROJECT_ROOT / "demo" / "inquiries.csv", encoding="utf-8") as fh:
            out = [(r["text"], r["lang"]) for r in csv.DictReader(fh)]
        used.append("demo log")
    return out, "+".join(used)


def write_log(path: str, rows: int, seed: int = 3) -> str:
    """A CSV log of ``rows`` inquiries over 26 weeks, several channels; returns the sources used."""
    rng = random.Random(seed)
    texts, sources = source_texts()
    start = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["ticket", "time", "channel", "lang", "text"])
        for i in range(rows):
            text, lang = rng.choice(texts)
            roll = rng.random()
            if roll < 0.35:
                text = f"{text} (order KM-{rng.randint(2030, 2049)}-{rng.randint(100000, 999999)})"
            elif roll < 0.67:
                text = rng.choice(GREETINGS[lang]) + text
            when = start + dt.timedelta(seconds=rng.randint(0, 26 * 7 * 86400))
            w.writerow(
                [f"B-{i}", when.isoformat(), rng.choice(("email", "chat", "phone", "social", "web")), lang, text]
            )
    return sources


def run_one(rows: int, workdir: str) -> dict:
    """In this (fresh) process: build the help center's index, then import and mine the log, timed."""
    from kb.core import HelpCenter
    from kb.mining.pipeline import import_and_mine, mine
    from kb.settings import Settings

    log = os.path.join(workdir, "log.csv")
    sources = write_log(log, rows)
    hc = HelpCenter(
        Settings.load(
            {
                "KB_INDEX_DIR": os.path.join(workdir, "index"),
                "KB_DATABASE_URL": f"sqlite:///{workdir}/bench.sqlite3",
                "KB_MINING_CACHE_DIR": os.path.join(workdir, "mining-vectors"),  # cold: every text embedded
            }
        )
    )
    hc.rebuild()
    hc.db.upgrade()
    stages: dict[str, float] = {}
    stage_peak: dict[str, int] = {}  # the process's peak RSS (MB) when each stage ended
    stage_end: dict[str, int] = {}  # its RSS then: what the stage left behind
    last_at, last_stage = time.perf_counter(), "importing"

    def on_progress(stage: str, fraction: float) -> None:
        nonlocal last_at, last_stage
        if stage != last_stage:
            now = time.perf_counter()
            stages[last_stage] = round(stages.get(last_stage, 0) + now - last_at, 1)
            stage_end[last_stage] = round(_rss_mb())  # first: the peak read after it includes it
            stage_peak[last_stage] = round(_peak_rss_mb())
            last_at, last_stage = now, stage

    base_rss = _peak_rss_mb()
    started = time.perf_counter()
    report = import_and_mine(hc.db, hc, log, secret="bench", on_progress=on_progress)  # noqa: S106 - throwaway benchmark database
    seconds = time.perf_counter() - started
    mined = report["mine"]
    started = time.perf_counter()
    mine(hc.db, hc)  # a scheduled re-cluster of the same log: its vectors come from the cache
    remine = time.perf_counter() - started
    return {
        "rows": rows,
        "sources": sources,
        "seconds": round(seconds, 1),
        "rows_per_s": round(rows / seconds, 1),
        "stages": stages,
        "remine_seconds": round(remine, 1),
        "kept": report["import"]["kept"],
        "clusters": mined["clusters"],
        "unclustered": mined["unclustered"],
        "dense_weights": mined.get("dense_weights"),
        "peak_rss_mb": round(_peak_rss_mb()),
        "rss_before_mb": round(base_rss),
        "stage_peak_rss_mb": stage_peak,
        "stage_end_rss_mb": stage_end,
    }


def _peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB: VmHWM where /proc has it (getrusage's
    figure is updated lazily by Linux and can trail the current RSS), else getrusage's."""
    return max(_status_mb("VmHWM"), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def _rss_mb() -> float:
    """This process's resident memory now (VmRSS), in MB; 0 where /proc is not available."""
    return _status_mb("VmRSS")


def _status_mb(key: str) -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(key + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def command(args) -> int:
    with tempfile.TemporaryDirectory(prefix="kb-mining-bench-") as workdir:
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "kb.evaluation.bench",
                "_mining_one",
                "--rows",
                str(args.rows),
                "--workdir",
                workdir,
            ],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"},
        )
        if out.returncode != 0:
            print(out.stderr[-3000:], file=sys.stderr)
            return 1
        result = json.loads(out.stdout.strip().splitlines()[-1])
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return 0
    print(
        f"{result['rows']} inquiries ({result['sources']}) imported and mined in {result['seconds']} s: "
        f"{result['rows_per_s']} rows/s, peak RSS {result['peak_rss_mb']} MB "
        f"(before the job, model and index loaded: {result['rss_before_mb']} MB)"
    )
    print(f"  stages (s): {result['stages']}")
    print(f"  the same log mined again, its vectors from the cache: {result['remine_seconds']} s")
    print(f"  peak RSS at each stage's end (MB): {result['stage_peak_rss_mb']}")
    print(f"  RSS at each stage's end (MB): {result['stage_end_rss_mb']}")
    print(
        f"  {result['clusters']} clusters, {result['unclustered']} unclustered, dense weights {result['dense_weights']}"
    )
    return 0


def add_parsers(sub) -> None:
    m = sub.add_parser("mining", help="import and mine a large inquiry log: rows/s and peak memory")
    m.add_argument("--rows", type=int, default=100_000)
    m.add_argument("--json", action="store_true")
    m.set_defaults(func=command)
    one = sub.add_parser("_mining_one")  # the measurement itself, in a fresh process
    one.add_argument("--rows", type=int, required=True)
    one.add_argument("--workdir", required=True)
    one.set_defaults(func=lambda a: print(json.dumps(run_one(a.rows, a.workdir), ensure_ascii=False)) or 0)
