"""Readers for evaluation and benchmark corpora laid out like ../shared/data (not ArticleStores).

A KB corpus is ``<lang>/<slug>.md`` with front matter holding at least ``title``; the title is
kept out of the indexed body so titles can serve as queries. StackFAQ and XQuAD files are read
into the same shape: documents per language and (query, gold slug) pairs.
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kb.content.checks import split_front_matter
from kb.content.documents import documents_from_markdown
from search import Document


@dataclass
class Corpus:
    """Documents and queries for one language."""

    lang: str
    docs: list[Document] = field(default_factory=list)
    queries: list[tuple[str, str]] = field(default_factory=list)  # (query, gold article slug)
    bodies: dict[str, str] = field(default_factory=dict)  # slug -> plain body, for baselines

    @property
    def articles(self) -> int:
        return len(self.bodies)


def read_kb_corpus(root: str | os.PathLike, langs: list[str] | None = None) -> dict[str, Corpus]:
    """Index bodies with titles left out; query with the titles (gold: same slug, same language)."""
    root = Path(root)
    if not root.is_dir():
        raise FileNotFoundError(f"corpus folder {root} does not exist")
    out: dict[str, Corpus] = {}
    for lang_dir in sorted(p for p in root.iterdir() if p.is_dir()):
        lang = lang_dir.name
        if langs and lang not in langs:
            continue
        corpus = Corpus(lang)
        for path in sorted(lang_dir.glob("*.md")):
            text = path.read_text(encoding="utf-8", errors="replace")
            try:
                fm, body, _ = split_front_matter(text)
                meta = yaml.safe_load(fm or "") or {}
            except (ValueError, yaml.YAMLError):
                continue
            title = str(meta.get("title") or "").strip()
            slug = str(meta.get("slug") or path.stem)
            if not title or not body.strip():
                continue
            docs = documents_from_markdown(lang, slug, "", body)
            corpus.docs += docs
            corpus.bodies[slug] = docs[0].body
            corpus.queries.append((title, slug))
        if corpus.docs:
            out[lang] = corpus
    return out


def translated_part(
    corpora: dict[str, Corpus], against: dict[str, Corpus], share: float
) -> tuple[dict[str, Corpus], dict[str, Corpus]]:
    """A site whose articles are partly translated, for cross-language runs (``--against``): the
    articles whose slug hashes below ``share`` are indexed in the query languages as well; the
    queries are the titles of the others, found only in ``against``'s language (every indexed
    body without its title, as elsewhere). Returns (the queries' corpora, what is indexed)."""

    def translated(slug: str) -> bool:
        return zlib.crc32(slug.encode()) % 1000 < share * 1000

    indexed = dict(against)
    queried = {}
    for lang, c in corpora.items():
        indexed[lang] = Corpus(lang, [d for d in c.docs if translated(d.article)])
        queried[lang] = Corpus(lang, c.docs, [(q, g) for q, g in c.queries if not translated(g)], c.bodies)
    return queried, indexed


def read_help_center(root: str | os.PathLike, queries_file: str | os.PathLike) -> dict[str, Corpus]:
    """A real help center (``articles/``, titles and all, as the site indexes it) and a JSONL file of
    ``{"lang", "query", "slug"}`` lines: an operator's search log with the article that answered."""
    from kb.content.articles import ArticleStore
    from kb.content.documents import documents_for

    store = ArticleStore(root)
    out: dict[str, Corpus] = {}
    for article in store.articles():
        if article.status != "published":
            continue
        corpus = out.setdefault(article.lang, Corpus(article.lang))
        docs = documents_for(article)
        corpus.docs += docs
        corpus.bodies[article.slug] = f"{article.title} {docs[0].body}"
    with open(queries_file, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                lang, query, slug = str(row["lang"]), str(row["query"]), str(row["slug"])
            except (ValueError, KeyError, TypeError) as exc:
                raise ValueError(f'{queries_file}, line {n}: expected {{"lang", "query", "slug"}} ({exc})') from exc
            out.setdefault(lang, Corpus(lang)).queries.append((query, slug))
    return out


def read_stackfaq(path: str | os.PathLike) -> dict[str, Corpus]:
    """StackFAQ: each thread is a document (question + answers); paraphrases are the queries."""
    tree = ET.parse(path)  # noqa: S314 - a benchmark data set the operator chose, not user input
    corpus = Corpus("en")
    for i, pair in enumerate(tree.getroot().iter("qapair")):
        question = (pair.findtext("question") or "").strip()
        answers = " ".join((a.text or "").strip() for a in pair.findall("answer"))
        slug = f"faq-{i}"
        doc = Document(lang="en", article=slug, title=question, body=answers)
        corpus.docs.append(doc)
        corpus.bodies[slug] = f"{question} {answers}"
        for r in pair.findall("rephr"):
            text = (r.text or "").strip()
            if text and text != "*":
                corpus.queries.append((text, slug))
    return {"en": corpus}


def read_xquad(path: str | os.PathLike) -> dict[str, Corpus]:
    """XQuAD: paragraphs are documents, questions the queries; language from ``xquad.<lang>.json``."""
    m = re.search(r"xquad\.([A-Za-z-]+)\.json$", str(path))
    if not m:
        raise ValueError(f"{path}: cannot read the language from the file name (expected xquad.<lang>.json)")
    lang = m.group(1)
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    corpus = Corpus(lang)
    n = 0
    for article in data["data"]:
        for para in article["paragraphs"]:
            slug = f"p{n}"
            n += 1
            context = para["context"].lstrip("\ufeff")
            corpus.docs.append(Document(lang=lang, article=slug, title="", body=context))
            corpus.bodies[slug] = context
            for qa in para["qas"]:
                corpus.queries.append((qa["question"], slug))
    return {lang: corpus}
