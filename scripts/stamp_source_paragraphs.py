"""One-off: give every demo translation the ``source_paragraphs`` of the source it was translated from.

The source version is the one in git history whose revision equals the translation's
``source_revision``; the line is inserted after ``source_revision`` so the rest of the file
(comments, quoting) stays as written. Run from the repository root: .venv/bin/python scripts/stamp_source_paragraphs.py
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kb.content.articles import ArticleStore, parse_article, revision_of
from kb.content.checks import split_front_matter
from kb.translation.status import paragraph_hashes, paragraphs


def source_versions(path: str) -> dict[str, str]:
    """revision -> body of every committed version of a source file (and the one on disk)."""
    out = {}
    commits = subprocess.run(
        ["git", "log", "--format=%H", "--", path],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    for c in commits:
        data = subprocess.run(
            ["git", "show", f"{c}:{path}"],
            capture_output=True,
            check=True,
        ).stdout
        out[revision_of(data)] = split_front_matter(data.decode("utf-8"))[1]
    data = Path(path).read_bytes()
    out[revision_of(data)] = split_front_matter(data.decode("utf-8"))[1]
    return out


def main() -> None:
    store = ArticleStore("articles")
    for lang in store.languages():
        if lang == store.default_lang:
            continue
        for t in store.articles(lang):
            versions = source_versions(f"articles/{store.default_lang}/{t.slug}.md")
            body = versions.get(t.source_revision)
            if body is None:
                print(f"{t.key}: source revision {t.source_revision} not found in history", file=sys.stderr)
                continue
            hashes = paragraph_hashes(body)
            if len(paragraphs(t.body)) != len(hashes):
                print(f"{t.key}: {len(paragraphs(t.body))} blocks, source had {len(hashes)}", file=sys.stderr)
            path = Path("articles") / lang / f"{t.slug}.md"
            lines = path.read_text(encoding="utf-8").split("\n")
            lines = [ln for ln in lines if not ln.startswith("source_paragraphs:")]
            i = next(i for i, ln in enumerate(lines) if ln.startswith("source_revision:"))
            lines.insert(i + 1, "source_paragraphs: [" + ", ".join(f'"{h}"' for h in hashes) + "]")
            text = "\n".join(lines)
            article, problems = parse_article(lang, t.slug, str(path), text.encode("utf-8"))
            assert article is not None and article.source_paragraphs == tuple(hashes), problems
            path.write_text(text, encoding="utf-8")
    print("stamped")


if __name__ == "__main__":
    main()
