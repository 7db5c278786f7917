"""Branch coverage per package from coverage.py's JSON report; exit 1 when a package is under the floor.

    python scripts/coverage_by_package.py coverage.json [--floor 80]

A package is a folder of kb/ or search/ (kb/ itself counts its top-level modules).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import PurePosixPath


def package_of(path: str) -> str:
    parts = PurePosixPath(path).parts
    return ".".join(parts[:2]) if len(parts) > 2 else parts[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("report")
    parser.add_argument("--floor", type=float, default=80.0)
    args = parser.parse_args()
    with open(args.report, encoding="utf-8") as fh:
        files = json.load(fh)["files"]
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # covered, coverable (statements + branches)
    for path, data in files.items():
        s = data["summary"]
        covered = s["covered_lines"] + s.get("covered_branches", 0)
        coverable = s["num_statements"] + s.get("num_branches", 0)
        t = totals[package_of(path)]
        t[0] += covered
        t[1] += coverable
    failed = []
    print(f"{'package':20} {'coverage':>9}  (statements + branches)")
    for pkg, (covered, coverable) in sorted(totals.items()):
        pct = 100.0 * covered / coverable if coverable else 100.0
        print(f"{pkg:20} {pct:8.1f}%  {covered}/{coverable}")
        if pct < args.floor:
            failed.append(pkg)
    if failed:
        print(f"under {args.floor:.0f}%: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
