"""Assign or mine again? On an inquiry log (the demo's by default): mine the first 80 % of its rows,
then import the rest twice, on two copies of the database: once adding the new inquiries to the
existing suggestions (kb.mining.assign), once clustering everything again (kb.mining.pipeline). Prints
how many of the new inquiries were assigned, how many of those went to the suggestion the full
re-mine puts them in (agreement), and how long each took.

Usage: HF_HUB_OFFLINE=1 .venv/bin/python scripts/assign_vs_remine.py [--log demo/inquiries.csv] [--split 0.8]

It loads the mining model and embeds the log three times: a few minutes on two cores.
"""

from __future__ import annotations

import argparse
import csv
import json
import sqlite3
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def split_log(path: Path, share: float, folder: Path) -> tuple[Path, Path]:
    """The log's first ``share`` of rows and the rest, as two CSV files in ``folder``."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        fields, rows = reader.fieldnames or [], list(reader)
    cut = int(len(rows) * share)
    out = []
    for name, part in (("head.csv", rows[:cut]), ("tail.csv", rows[cut:])):
        with open(folder / name, "w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=fields)
            w.writeheader()
            w.writerows(part)
        out.append(folder / name)
    return out[0], out[1]


def placed(db, after: int) -> dict[str, int | None]:
    """fingerprint -> suggestion id of the inquiries stored after id ``after``."""
    from kb.db import Inquiry

    with db.session() as s:
        return dict(s.query(Inquiry.fingerprint, Inquiry.suggestion_id).filter(Inquiry.id > after).all())


def main(argv: list[str] | None = None) -> dict:
    from kb.core import HelpCenter
    from kb.db import Database
    from kb.mining import assign, pipeline
    from kb.settings import PROJECT_ROOT, Settings

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--log", type=Path, default=PROJECT_ROOT / "demo" / "inquiries.csv")
    parser.add_argument("--split", type=float, default=0.8)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="assign-vs-remine-"))
    head, tail = split_log(args.log, args.split, work)
    settings = Settings.load(
        {
            "KB_ARTICLES_DIR": str(PROJECT_ROOT / "articles"),
            "KB_INDEX_DIR": str(work / "index"),
            "KB_EMBEDDING_MODEL": "none",
            "KB_DATABASE_URL": f"sqlite:///{work / 'a.sqlite3'}",
        },
        environ={},
        instance_file=None,
    )
    hc = HelpCenter(settings)
    first = Database(f"sqlite:///{work / 'a.sqlite3'}")
    first.upgrade()
    mined = pipeline.import_and_mine(first, hc, str(head), secret="k")["mine"]  # noqa: S106 - a throwaway database
    with closing(sqlite3.connect(work / "a.sqlite3")) as a, closing(sqlite3.connect(work / "b.sqlite3")) as b:
        a.backup(b)
    second = Database(f"sqlite:///{work / 'b.sqlite3'}")
    last = assign.last_inquiry_id(first)

    started = time.perf_counter()
    assigned = assign.import_and_assign(first, hc, str(tail), secret="k")["assign"]  # noqa: S106 - a throwaway database
    assign_s = time.perf_counter() - started
    started = time.perf_counter()
    remined = pipeline.import_and_mine(second, hc, str(tail), secret="k")["mine"]  # noqa: S106 - a throwaway database
    remine_s = time.perf_counter() - started

    by_assign, by_remine = placed(first, last), placed(second, last)
    joined = [fp for fp, sid in by_assign.items() if sid is not None]
    agree = sum(by_remine.get(fp) == by_assign[fp] for fp in joined)
    clustered = sum(sid is not None for sid in by_remine.values())
    result = {
        "log": str(args.log),
        "mined_first": mined["inquiries"],
        "suggestions": mined["clusters"],
        "new": len(by_assign),
        "assigned": len(joined),
        "agree_with_remine": agree,
        "remine_clusters_new": clustered,
        "assign_seconds": round(assign_s, 1),
        "remine_seconds": round(remine_s, 1),
        "remine_report": remined,
        "assign_report": assigned,
    }
    print(json.dumps(result, indent=1))
    return result


if __name__ == "__main__":
    main()
