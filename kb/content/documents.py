"""Articles -> search documents: the article as a whole plus one document per H2/H3 section."""

from __future__ import annotations

from typing import Any

from kb.content.articles import Article
from kb.content.rendering import Rendered, render
from search import Document


def documents_from_rendered(
    lang: str,
    slug: str,
    title: str,
    rendered: Rendered,
    *,
    summary: str = "",
    category: str = "",
    tags: tuple[str, ...] = (),
    questions: tuple[str, ...] = (),
    status: str = "published",
    updated: str = "",
) -> list[Document]:
    common: dict[str, Any] = {
        "lang": lang,
        "article": slug,
        "title": title,
        "category": category,
        "status": status,
        "summary": summary,
        "updated": updated,
    }
    whole = Document(
        body=rendered.text, questions=questions, tags=tags, headings=tuple(h.text for h in rendered.headings), **common
    )
    sections = [
        Document(body=s.text, anchor=s.anchor, section=s.heading, headings=(s.heading, *s.subheadings), **common)
        for s in rendered.sections
        if s.text or s.heading
    ]
    return [whole, *sections]


def documents_for(article: Article, *, answering: bool = False) -> list[Document]:
    """The article and its sections as documents; ``answering``: only what can answer a question
    itself, its sections that point elsewhere left out (:meth:`Rendered.answering`)."""
    return documents_from_rendered(
        article.lang,
        article.slug,
        article.title,
        article.rendered.answering() if answering else article.rendered,
        summary=article.summary,
        category=article.category,
        tags=article.tags,
        questions=article.questions,
        status=article.status,
        updated=article.updated.isoformat() if article.updated else "",
    )


def documents_from_markdown(lang: str, slug: str, title: str, markdown_source: str, **kw) -> list[Document]:
    """For corpora that are not an ArticleStore (evaluation, benchmarks)."""
    return documents_from_rendered(lang, slug, title, render(markdown_source), **kw)
